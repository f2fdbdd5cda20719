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
  ])('models/ rejects %j', async (code, rule) => {
    expect(await ruleIds(code, 'models/games/__lintFixture.ts')).toContain(rule);
  });

  it('accepts pure code in models/', async () => {
    expect(
      await ruleIds('export const twice = (x: number): number => 2 * x;\n', 'models/games/__ok.ts'),
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
