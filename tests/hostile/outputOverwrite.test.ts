// An export never replaces a file the command reads: the scenario (directly, as a sidecar name, through a symbolic
// or hard link) or the sidecar `rerun` reads. Refused up front (usage error, exit 2), the input untouched.
import { copyFileSync, linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, repoRoot } from '../cli/cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'parley-overwrite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = resolve(repoRoot, 'tests/fixtures/scenarios/minimal.parley.json');
const original = readFileSync(fixture, 'utf8');
copyFileSync(fixture, join(dir, 'copy.parley.json'));
const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
const quick = ['--trials', '20', '--workers', '0', '--seed', '1'];

describe('an output path equal to an input is refused', () => {
  it.each([
    ['run', '--out', 'copy.parley.json'],
    ['run', '--summary', 'copy.parley.json'],
    ['run', '--out', 'copy.parley.csv'], // its sidecar copy.parley.json is the scenario
    ['run', '--summary', 'copy.parley.csv'],
    ['run', '--out', `./sub/../copy.parley.json`],
    ['sweep', '--out', 'copy.parley.json'],
    ['compare', '--out', 'copy.parley.csv'],
    ['sensitivity', '--out', 'copy.parley.json'],
  ])('%s copy.parley.json %s %s', async (command, option, out) => {
    // minimal.parley.json has one parameter, a (0 to 4)
    const extra =
      command === 'sweep' ? ['--param', 'a=0:4:2'] : command === 'compare' ? ['--variant', 'a=1'] : [];
    const r = await cli([command, 'copy.parley.json', ...quick, ...extra, option, out], dir);
    expect(r.err).toMatch(/would overwrite .*copy\.parley\.json, which is an input/);
    expect(r.code).toBe(2);
    expect(read('copy.parley.json')).toBe(original);
  });

  it.runIf(process.platform !== 'win32')('also through a symbolic link or a hard link', async () => {
    symlinkSync(join(dir, 'copy.parley.json'), join(dir, 'soft.csv'));
    linkSync(join(dir, 'copy.parley.json'), join(dir, 'hard.csv'));
    for (const out of ['soft.csv', 'hard.csv']) {
      const r = await cli(['run', 'copy.parley.json', ...quick, '--out', out], dir);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/which is an input/);
    }
    expect(read('copy.parley.json')).toBe(original);
  });

  it('rerun refuses to overwrite the sidecar it reads, and a different name still works', async () => {
    const first = await cli(['run', 'copy.parley.json', ...quick, '--out', 'first.csv'], dir);
    expect(first.code).toBe(0);
    const sidecar = read('first.json');
    const r = await cli(['rerun', 'first.json', '--out', 'first.csv'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out \(its \.json sidecar\) would overwrite .*first\.json/);
    expect(read('first.json')).toBe(sidecar);
    const again = await cli(['rerun', 'first.json', '--out', 'again.csv'], dir);
    expect(again.code).toBe(0);
    expect(read('again.csv')).toBe(read('first.csv'));
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('class --out', () => {
  it('refuses the scenario (or its journal) as the session file before starting a server', async () => {
    for (const out of ['copy.parley.json', 'copy.parley.csv', 'session.jsonl']) {
      const r = await cli(
        ['class', 'copy.parley.json', '--no-pages', '--journal', 'session.jsonl', '--out', out],
        dir,
      );
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/which is an input/);
    }
    expect(read('copy.parley.json')).toBe(original);
  });
});
