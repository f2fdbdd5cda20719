// CLI exports on shared folders: writing through a symbolic link replaces its target (the link stays), and a replaced
// export keeps its permission bits exactly (a 0600 file is not made world-readable, a 0666 one not narrowed).
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, repoRoot } from '../cli/cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'parley-outfiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenario = resolve(repoRoot, 'tests/fixtures/scenarios/minimal.parley.json');
const quick = ['--trials', '20', '--workers', '0', '--seed', '1'];

describe.runIf(process.platform !== 'win32')('CLI exports: links and permission bits', () => {
  it('--out through a symbolic link writes the linked file and keeps the link', async () => {
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared', 'trials.csv'), 'old');
    symlinkSync(join('shared', 'trials.csv'), join(dir, 'link.csv'));
    const r = await cli(['run', scenario, ...quick, '--out', 'link.csv'], dir);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'shared', 'trials.csv'), 'utf8')).toMatch(/^run_id,/);
  });

  it.each([0o600, 0o666, 0o640])('a replaced export keeps mode %o (CSV and summary)', async (mode) => {
    for (const name of [`t${mode}.csv`, `s${mode}.json`]) {
      writeFileSync(join(dir, name), 'old');
      chmodSync(join(dir, name), mode);
    }
    const r = await cli(
      ['run', scenario, ...quick, '--out', `t${mode}.csv`, '--summary', `s${mode}.json`],
      dir,
    );
    expect(r.code).toBe(0);
    expect(statSync(join(dir, `t${mode}.csv`)).mode & 0o777).toBe(mode);
    expect(statSync(join(dir, `s${mode}.json`)).mode & 0o777).toBe(mode);
  });
});
