// No import cycles anywhere in the source tree (static, type-only and dynamic imports all count): a cycle makes
// module initialisation order-dependent and hides a missing layer. dependency-cruiser (17.3.9: runs on Node 20,
// reads TypeScript 6 and Svelte 5 components) builds the graph; the check proves itself on a fixture with a cycle.
import { existsSync } from 'node:fs';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const SOURCE_FOLDERS = ['models', 'cli', 'electron', 'renderer', 'node', 'api'];

/** The cycles dependency-cruiser finds under `folders`: each as the list of files around it. */
const cyclesIn = async (folders: string[]): Promise<{ read: Set<string>; cycles: string[][] }> => {
  const result = await cruise(
    folders.filter((f) => existsSync(f)),
    {
      doNotFollow: { path: 'node_modules' },
      tsPreCompilationDeps: true,
      validate: true,
      ruleSet: { forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }] },
    },
  );
  const output = result.output as ICruiseResult;
  return {
    // files whose imports were read (a .svelte component is read through the Svelte compiler)
    read: new Set(output.modules.filter((m) => m.dependencies.length > 0).map((m) => m.source)),
    cycles: output.summary.violations.map((v) => [v.from, ...(v.cycle ?? []).map((c) => c.name)]),
  };
};

describe('import cycles', () => {
  it('are found in the fixture (first → second → third → first, through a type import)', async () => {
    const { cycles } = await cyclesIn(['tests/lint/fixtures/cycle']);
    expect(cycles).toHaveLength(1);
    expect(new Set(cycles[0])).toEqual(
      new Set([
        'tests/lint/fixtures/cycle/first.ts',
        'tests/lint/fixtures/cycle/second.ts',
        'tests/lint/fixtures/cycle/third.ts',
      ]),
    );
  });

  it(`are absent from ${SOURCE_FOLDERS.join('/, ')}/`, async () => {
    const { read, cycles } = await cyclesIn(SOURCE_FOLDERS);
    for (const file of [
      'renderer/App.svelte',
      'models/scenario/compileScenario.ts',
      'cli/main.ts',
      'electron/main/index.ts',
    ])
      expect(read).toContain(file);
    expect(cycles).toEqual([]);
  });
});
