// Class 2 of issue 10 (unbounded work from small files): checking is linear — did-you-mean through the symbol
// table's bounded index, counted — and every declared limit (models/text/inputLimits.ts) is refused up front with a
// one-line message naming the limit and the JSON path or file line. Each 5 MB shape of bigScenarios.ts validates or
// is refused; its CPU time is printed (the acceptance figure: under 10 s each), never asserted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editDistanceCount, MAX_COMPARISONS } from '../../models/formula/didYouMean';
import { createInProcessRunner } from '../../models/engine/InProcessRunner';
import { runScenario } from '../../models/engine/runScenario';
import { loadBuiltin } from '../../models/scenario/builtins';
import { parseScenario } from '../../models/scenario/parseScenario';
import { INPUT_LIMITS } from '../../models/text/inputLimits';
import { cli } from '../cli/cliHarness';
import { BIG_SHAPES } from './bigScenarios';

const dir = mkdtempSync(join(tmpdir(), 'parley-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const issuesOf = (text: string): string[] => {
  const r = parseScenario(text, 'big.parley.json');
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

type Checked = {
  readonly text: string;
  readonly result: ReturnType<typeof parseScenario>;
  /** Edit distances computed while checking (did-you-mean work). */
  readonly comparisons: number;
  readonly cpuSeconds: number;
};
const checked = new Map<string, Checked>();
/** Each 5 MB shape is generated and checked once per file (both describes read the same result). */
const check = (shape: string): Checked => {
  let c = checked.get(shape);
  if (!c) {
    const text = (BIG_SHAPES[shape] as () => string)();
    const before = editDistanceCount();
    const cpu = process.cpuUsage();
    const result = parseScenario(text, 'big.parley.json');
    const used = process.cpuUsage(cpu);
    c = {
      text,
      result,
      comparisons: editDistanceCount() - before,
      cpuSeconds: (used.user + used.system) / 1e6,
    };
    checked.set(shape, c);
  }
  return c;
};
const shapeIssues = (shape: string): string[] => {
  const { result } = check(shape);
  return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('5 MB scenarios of every shape', () => {
  it.each(Object.keys(BIG_SHAPES))('%s: validated or refused in bounded work', (shape) => {
    const { text, result: r, comparisons, cpuSeconds } = check(shape);
    expect(text.length).toBeLessThanOrEqual(INPUT_LIMITS.scenarioTextChars);
    const issues = r.ok ? [] : r.issues;
    // Work: at most MAX_COMPARISONS edit distances per listed problem (unknown names beyond the list get none).
    expect(comparisons).toBeLessThanOrEqual((INPUT_LIMITS.issues + 1) * MAX_COMPARISONS);
    expect(issues.length).toBeLessThanOrEqual(INPUT_LIMITS.issues + 1);
    for (const i of issues) {
      expect(`${i.path}: ${i.message}`).not.toContain('\n');
      expect(i.message.length).toBeLessThan(600);
    }
    console.log(
      JSON.stringify({
        shape,
        chars: text.length,
        ok: r.ok,
        issues: issues.length,
        first: issues[0]?.message.slice(0, 90),
        editDistances: comparisons,
        cpuSeconds: Number(cpuSeconds.toFixed(2)),
      }),
    );
  });
});

describe('declared limits, each named with its path', () => {
  const shape = (name: string): string => check(name).text;

  it('names, formulas, rounds × outcomes and rounds × metrics', () => {
    expect(shapeIssues('many-parameters')).toEqual([
      expect.stringMatching(
        /^parameters: the scenario has 5[\d,]+ names \(parameters 5[\d,]+, actors 6\); the limit is 10,000$/,
      ),
    ]);
    expect(shapeIssues('outcomes-rounds')).toEqual([
      'rounds.count: 1,200 rounds × 1,000 outcomes = 1,200,000 is more than the limit of 100,000 (a run keeps hit counts per round); use fewer rounds or outcomes',
    ]);
    expect(shapeIssues('metrics-rounds')).toEqual([
      'rounds.count: 24 rounds × 1,000 metrics = 24,000 is more than the limit of 20,000 (a run keeps a quantile store per round); use fewer rounds or metrics',
    ]);
    const many = JSON.parse(shape('derived-chain')) as Record<string, Record<string, unknown>>;
    many.outcomes = Object.fromEntries(
      Array.from({ length: 2000 }, (_, i) => [`o${i}`, { label: 'o', when: 'P.up' }]),
    );
    expect(issuesOf(JSON.stringify(many))).toEqual([
      'derived: the scenario has 11,164 names (parameters 158, derived 9,000, outcomes 2,000, actors 6); the limit is 10,000',
      'derived: the scenario has 11,004 formulas (actors 4, derived 9,000, outcomes 2,000); the limit is 10,000',
    ]);
  });

  it('unknown names get a bounded "did you mean", and at most 1,000 problems are listed', () => {
    const issues = shapeIssues('unknown-names');
    expect(check('unknown-names').comparisons).toBeLessThanOrEqual(9_000 * MAX_COMPARISONS);
    expect(issues).toHaveLength(INPUT_LIMITS.issues + 1);
    expect(issues[0]).toMatch(/^derived\.d0\.value: unknown name "e0" — did you mean "d0"\?$/);
    expect(issues.at(-1)).toBe(': and 8000 more problems (only the first 1000 are listed)');
    expect(shapeIssues('duplicate-keys')).toEqual(['title: duplicate key "title"']);
    expect(shapeIssues('unknown-keys')[0]).toMatch(/^titl0: unknown field "titl0" — did you mean "title"\?$/);
  });

  it('a run with --rounds beyond rounds × metrics is refused by the engine, not run out of memory', async () => {
    const { spec } = loadBuiltin('korea-2025');
    await expect(
      runScenario(createInProcessRunner(), spec, { seed: 1, trials: 10, rounds: 1200 }, {}),
    ).resolves.toBeDefined();
    const many = { ...spec, metrics: Array.from({ length: 20 }, () => spec.metrics[0]!) };
    await expect(
      runScenario(createInProcessRunner(), many, { seed: 1, trials: 10, rounds: 1200 }, {}),
    ).rejects.toThrow(
      '1,200 rounds × 20 metrics = 24,000 is more than the limit of 20,000 (a run keeps a quantile store per round); use fewer rounds or metrics',
    );
    await expect(
      runScenario(createInProcessRunner(), spec, { seed: 1, trials: 10, rounds: 1201 }, {}),
    ).rejects.toThrow('rounds must be an integer from 1 to 1200, got 1201');
  });

  it('file sizes: the CLI refuses a scenario file over 5,000,000 bytes before reading it', async () => {
    const file = join(dir, 'huge.parley.json');
    writeFileSync(file, `{"title":"${'x'.repeat(INPUT_LIMITS.scenarioFileBytes)}"}`);
    const r = await cli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toMatch(/file is too large \(5000012 bytes; the limit is 5000000\)$/);
  });
});
