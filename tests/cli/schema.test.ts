import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';

// Runs the CLI in-process and captures its output.
const repoRoot = resolve(import.meta.dirname, '../..');

const runCli = async (
  argv: string[],
  cwd = repoRoot,
): Promise<{ code: number; stdout: string; stderr: string }> => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    cwd,
  });
  return { code, stdout, stderr };
};

describe('cli schema', () => {
  it('prints the shipped JSON Schema', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      readFileSync(resolve(repoRoot, 'models/scenarios/parley.scenario.schema.json'), 'utf8'),
    );
  });
});
