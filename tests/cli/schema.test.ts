import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './cliHarness';

describe('cli schema', () => {
  it('prints the shipped JSON Schema', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      readFileSync(resolve(repoRoot, 'models/library/parley.scenario.schema.json'), 'utf8'),
    );
  });
});
