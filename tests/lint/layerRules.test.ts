// Proves the layer rules of ARCHITECTURE.md fire: each bad snippet must produce the named lint error.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

const ruleIds = async (code: string, filePath: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
};

describe('layer rules', () => {
  it.each([
    ["import { app } from 'electron';\nexport const x = app;\n", 'no-restricted-imports'],
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'no-restricted-imports'],
    ["import { readFileSync } from 'fs';\nexport const x = readFileSync;\n", 'no-restricted-imports'],
    ["import { mount } from 'svelte';\nexport const x = mount;\n", 'no-restricted-imports'],
    ["import { x as y } from '../../renderer/main';\nexport const x = y;\n", 'no-restricted-imports'],
    ["import { x as y } from '../../cli/main';\nexport const x = y;\n", 'no-restricted-imports'],
    ["import { x as y } from '../../electron/main/index';\nexport const x = y;\n", 'no-restricted-imports'],
    ['export const x = Math.random();\n', 'no-restricted-properties'],
    ['export const x = process.env.HOME;\n', 'no-restricted-globals'],
    ['export const x = window.location;\n', 'no-restricted-globals'],
    // host-dependent transcendental functions (models/math has the deterministic ones)
    ['export const x = Math.exp(1);\n', 'no-restricted-properties'],
    ['export const x = Math.log(2);\n', 'no-restricted-properties'],
    ['export const x = Math.pow(2, 0.5);\n', 'no-restricted-properties'],
    ['export const x = Math.sin(0.5);\n', 'no-restricted-properties'],
    ['export const f = (a: number, b: number): number => a ** b;\n', 'no-restricted-syntax'],
    [
      'export const f = (a: number): number => {\n  let b = a;\n  b **= 2;\n  return b;\n};\n',
      'no-restricted-syntax',
    ],
  ])('models/ rejects %j', async (code, rule) => {
    expect(await ruleIds(code, 'models/games/__lintFixture.ts')).toContain(rule);
  });

  it('accepts pure code in models/', async () => {
    expect(
      await ruleIds('export const twice = (x: number): number => 2 * x;\n', 'models/games/__ok.ts'),
    ).toEqual([]);
    // exact powers: two literals (constant), BigInt powers; sqrt, abs, floor are exactly specified
    expect(
      await ruleIds(
        'export const a = 2 ** 53;\nexport const b = (k: bigint): bigint => 10n ** k;\nexport const c = Math.sqrt(2) + Math.abs(-1);\n',
        'models/games/__ok.ts',
      ),
    ).toEqual([]);
  });

  it('renderer/ may not import cli/ or electron/', async () => {
    expect(
      await ruleIds("import { x as y } from '../cli/main';\nexport const x = y;\n", 'renderer/__f.ts'),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        "import { x as y } from '../electron/main/index';\nexport const x = y;\n",
        'renderer/__f.ts',
      ),
    ).toContain('no-restricted-imports');
  });

  it('electron/ and cli/ may not import renderer/', async () => {
    expect(
      await ruleIds(
        "import { x as y } from '../../renderer/main';\nexport const x = y;\n",
        'electron/main/__f.ts',
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds("import { x as y } from '../renderer/main';\nexport const x = y;\n", 'cli/__f.ts'),
    ).toContain('no-restricted-imports');
  });

  // The sub-layer order inside models/ (ARCHITECTURE.md): math, random, games → formula → scenario → engine → class.
  const snippet = (from: string): string => `import { x as y } from '${from}';\nexport const x = y;\n`;
  it.each([
    ['models/text/__f.ts', '../random/seedKey'],
    ['models/text/__f.ts', '../games/Game'],
    ['models/text/__f.ts', '../engine/Runner'],
    ['models/text/__f.ts', '../math/exp'],
    ['models/math/__f.ts', '../random/RandomStream'],
    ['models/math/__f.ts', '../games/Game'],
    ['models/math/__f.ts', '../text/csv'],
    ['models/random/__f.ts', '../games/Game'],
    ['models/random/__f.ts', '../formula/FormulaIR'],
    ['models/random/__f.ts', '../library/korea-2025.parley.json'],
    ['models/games/__f.ts', '../formula/FormulaIR'],
    ['models/games/__f.ts', '../scenario/RuntimeModel'],
    ['models/games/__f.ts', '../engine/Runner'],
    ['models/games/__f.ts', '../class/ClassSession'],
    ['models/games/extensive/__f.ts', '../../formula/FormulaIR'],
    ['models/games/extensive/__f.ts', '../../engine/Runner'],
    ['models/formula/__f.ts', '../scenario/RuntimeModel'],
    ['models/formula/compile/__f.ts', '../../scenario/RuntimeModel'],
    ['models/formula/__f.ts', '../engine/Runner'],
    ['models/scenario/__f.ts', '../engine/Runner'],
    ['models/scenario/compile/__f.ts', '../../engine/Runner'],
    ['models/scenario/__f.ts', '../class/ClassSession'],
    ['models/engine/__f.ts', '../class/ClassSession'],
    ['models/engine/__f.ts', '../../node/files/atomicWrite'],
    ['models/scenario/__f.ts', '../../api/ParleyApi'],
  ])('%s may not import %s', async (file, from) => {
    expect(await ruleIds(snippet(from), file)).toContain('no-restricted-imports');
  });

  it.each([
    ['models/text/__f.ts', './csv'],
    ['models/random/__f.ts', '../text/csv'],
    ['models/games/__f.ts', '../text/csv'],
    ['models/formula/__f.ts', '../text/inputLimits'],
    ['models/engine/__f.ts', '../text/csv'],
    ['models/random/__f.ts', '../math/exp'],
    ['models/games/__f.ts', '../math/log'],
    ['models/formula/__f.ts', '../math/pow'],
    ['models/random/__f.ts', './RandomStream'],
    ['models/games/__f.ts', '../random/RandomStream'],
    ['models/games/extensive/__f.ts', '../Game'],
    ['models/formula/__f.ts', '../games/Game'],
    ['models/formula/__f.ts', '../random/RandomStream'],
    ['models/scenario/__f.ts', '../formula/FormulaIR'],
    ['models/scenario/__f.ts', '../library/korea-2025.parley.json'],
    ['models/scenario/compile/__f.ts', '../../formula/FormulaIR'],
    ['models/engine/__f.ts', '../scenario/RuntimeModel'],
    ['models/engine/__f.ts', '../games/Game'],
    ['models/class/__f.ts', '../engine/Runner'],
    ['models/class/__f.ts', '../scenario/RuntimeModel'],
  ])('%s may import %s', async (file, from) => {
    expect(await ruleIds(snippet(from), file)).toEqual([]);
  });

  it.each([
    ['node/files/__f.ts', '../../cli/main'],
    ['node/files/__f.ts', '../../electron/main/index'],
    ['node/files/__f.ts', '../../renderer/main'],
    ['node/files/__f.ts', 'electron'],
    ['renderer/lib/__f.ts', '../../node/files/atomicWrite'],
    ['models/games/__f.ts', '../../node/files/atomicWrite'],
    ['api/__f.ts', '../models/games/Game'],
    ['api/__f.ts', 'zod'],
  ])('%s may not import %s', async (file, from) => {
    expect(await ruleIds(snippet(from), file)).toContain('no-restricted-imports');
  });

  it.each([
    ['node/files/__f.ts', '../../models/scenario/parseScenario'],
    ['node/files/__f.ts', '../../api/ParleyApi'],
    ['node/files/__f.ts', 'node:fs/promises'],
    ['cli/lib/__f.ts', '../../node/files/atomicWrite'],
    ['electron/main/__f.ts', '../../node/files/atomicWrite'],
    ['api/__f.ts', './Other'],
  ])('%s may import %s', async (file, from) => {
    expect(await ruleIds(snippet(from), file)).toEqual([]);
  });

  it('node/ may not import cli/, renderer/ or electron/; models/class is platform-free too', async () => {
    for (const from of ['../../cli/main', '../../renderer/main', '../../electron/main/index']) {
      expect(
        await ruleIds(`import { x as y } from '${from}';\nexport const x = y;\n`, 'node/class/__f.ts'),
      ).toContain('no-restricted-imports');
    }
    expect(
      await ruleIds(
        "import { createServer } from 'node:http';\nexport const x = createServer;\n",
        'models/class/__f.ts',
      ),
    ).toContain('no-restricted-imports');
  });

  it('the bench baselines may not import models/ or cli/ (they must share no code with the engine)', async () => {
    for (const from of ['../../models/random/quantileFunction', '../../cli/main'])
      expect(
        await ruleIds(`import { x as y } from '${from}';\nexport const x = y;\n`, 'bench/baseline/__f.ts'),
      ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        "import { x as y } from '../../models/random/quantileFunction';\nexport const x = y;\n",
        'bench/__f.ts',
      ),
    ).toEqual([]);
  });

  it('components may not touch window.parley', async () => {
    expect(
      await ruleIds('export const api = window.parley;\n', 'renderer/components/layout/__f.ts'),
    ).toContain('no-restricted-properties');
  });

  it('named exports only', async () => {
    expect(await ruleIds('const x = 1;\nexport default x;\n', 'models/games/__f.ts')).toContain(
      'no-restricted-syntax',
    );
  });
});
