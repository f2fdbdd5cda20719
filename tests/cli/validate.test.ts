import { describe, expect, it } from 'vitest';
import { runCli } from './cliHarness';

describe('cli validate', () => {
  it('prints every problem as `file: path: message` and exits 1', async () => {
    const r = await runCli(['validate', 'tests/fixtures/scenarios/many-errors.parley.json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(12);
    expect(lines).toContain(
      'tests/fixtures/scenarios/many-errors.parley.json: actors[0].payoffs.engage: unknown parameter "russiaSuport" — did you mean "russiaSupport"?',
    );
    expect(lines).toContain(
      'tests/fixtures/scenarios/many-errors.parley.json: parameters.drillScale.max: must be greater than min',
    );
    for (const line of lines)
      expect(line).toMatch(/^tests\/fixtures\/scenarios\/many-errors\.parley\.json: \S.*: .+/);
  });

  it('accepts built-in ids, as every command does', async () => {
    const r = await runCli(['validate', 'korea-2025', 'chicken']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^korea-2025: OK — "Korean Peninsula 2025/m);
    expect(r.stdout).toMatch(/^chicken: OK — /m);
  });

  it('accepts a valid file (exit 0) and every built-in file', async () => {
    const r = await runCli([
      'validate',
      'tests/fixtures/scenarios/minimal.parley.json',
      'models/library/korea-2025.parley.json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('minimal.parley.json: OK');
    expect(r.stdout).toContain(
      'korea-2025.parley.json: OK — "Korean Peninsula 2025: will Pyongyang talk?": 2 actors, 10 parameters, 24 month(s)',
    );
  });

  it('reports JSON syntax errors with line:column', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'parley-validate-'));
    writeFileSync(join(dir, 'bad.json'), '{\n  "format": "parley.scenario/1"\n  "title": "x"\n}');
    const r = await runCli(['validate', 'bad.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'bad.json: line 3:3: invalid JSON: expected "," or "}" after a property value, found """\n',
    );
  });

  it('fails with one line for a missing file or no argument', async () => {
    expect(await runCli(['validate', 'nope.json'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'parley validate: cannot read nope.json: no such file\n',
    });
    expect((await runCli(['validate'])).code).toBe(2);
  });
});
