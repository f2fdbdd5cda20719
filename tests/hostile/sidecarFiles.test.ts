// `rerun SIDECAR.json` turns what a sidecar records into a command line, and a sidecar is a file like any other
// (mailed by a colleague, edited by hand). Every field rerun reads is checked first: a missing or mistyped field used
// to stop rerun with an internal error (exit 70), a seed that is an object re-ran silently with the seed
// "[object Object]", and an override "__proto__" would be dropped. Recorded values are passed as --name=value, so a
// negative seed (which the argument parser took for an option) re-runs byte for byte.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, repoRoot } from '../cli/cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'parley-sidecar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenario = resolve(repoRoot, 'tests/fixtures/scenarios/minimal.parley.json');
const quick = ['--trials', '20', '--workers', '0'];
let good: { provenance: Record<string, unknown> } & Record<string, unknown>;

beforeAll(async () => {
  const r = await cli(['run', scenario, ...quick, '--seed=-5', '--out', 'neg.csv'], dir);
  expect(r.code).toBe(0);
  good = JSON.parse(readFileSync(join(dir, 'neg.json'), 'utf8')) as typeof good;
});

describe('rerun of a hostile sidecar', () => {
  it('re-runs a negative seed byte for byte (the seed used to be taken for an option)', async () => {
    const r = await cli(['rerun', 'neg.json', '--out', 'again.csv'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'again.csv'), 'utf8')).toBe(readFileSync(join(dir, 'neg.csv'), 'utf8'));
  });

  it.each([
    ['no overrides', (p: Record<string, unknown>) => delete p.overrides, 'provenance.overrides'],
    ['parameters null', (p: Record<string, unknown>) => (p.parameters = null), 'provenance.parameters'],
    ['detail null', (p: Record<string, unknown>) => (p.detail = null), 'provenance.detail'],
    [
      'a file that is a list',
      (p: Record<string, unknown>) => (p.scenario = { ...(p.scenario as object), file: ['x'] }),
      'provenance.scenario.file',
    ],
    ['a seed that is an object', (p: Record<string, unknown>) => (p.seed = { a: 1 }), 'provenance.seed'],
    [
      'a sampler that is an option',
      (p: Record<string, unknown>) => (p.sampler = '--summary=x.json'),
      'provenance.sampler',
    ],
    [
      'an override "__proto__"',
      (p: Record<string, unknown>) => (p.overrides = JSON.parse('{"__proto__": 3}') as unknown),
      'provenance.overrides',
    ],
  ])('%s: one line naming the field, exit 1, nothing written', async (name, edit, path) => {
    const provenance = { ...good.provenance };
    edit(provenance);
    const file = `bad-${name.replace(/\W+/g, '-')}.json`;
    writeFileSync(join(dir, file), JSON.stringify({ ...good, provenance }));
    const r = await cli(['rerun', file, '--out', 'out.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.err.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(`^parley rerun: ${file}: not a Parley sidecar at ${path.replace(/\./g, '\\.')}: `),
      ),
    ]);
    expect(r.out).toBe('');
  });
});
