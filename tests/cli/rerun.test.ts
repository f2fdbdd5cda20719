// Every sidecar JSON carries the full provenance, and the same provenance re-run through the CLI reproduces the
// file byte for byte (`rerun sidecar.json`): per-trial, summary, sweep, compare and sensitivity exports. Default
// export names are `<scenario>-<table>-<seed>.csv` + `.json`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltin } from '../../models/scenario/builtins';
import { cli } from './cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'parley-rerun-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
const sidecar = (name: string): Record<string, unknown> => JSON.parse(read(name)) as Record<string, unknown>;

/** Run a CLI command writing into `dir`, then `rerun` its sidecar into `dir/again/` and compare the CSV bytes. */
const roundTrip = async (
  argv: string[],
  csvName: string,
  againName = csvName,
): Promise<Record<string, unknown>> => {
  const first = await cli([...argv, '--workers', '0'], dir);
  expect(first.err).not.toMatch(/error|Error/);
  expect(first.code).toBe(0);
  const side = sidecar(csvName.replace(/\.csv$/, '.json'));
  const again = await cli(
    ['rerun', csvName.replace(/\.csv$/, '.json'), '--out', 'again/', '--workers', '2'],
    dir,
  );
  expect(again.err).toBe('');
  expect(again.code).toBe(0);
  expect(read(`again/${againName}`)).toBe(read(csvName));
  return side;
};

describe('provenance in sidecars, and rerun', () => {
  it('per-trial CSV: named <scenario>-trials-<seed>, full provenance, re-run byte for byte', async () => {
    const side = await roundTrip(
      ['run', 'korea-2025', '--trials', '300', '--seed', '77', '--set', 'russiaSupport=0.3', '--out', './'],
      'korea-2025-trials-77.csv',
    );
    const spec = loadBuiltin('korea-2025').spec;
    const p = side.provenance as Record<string, unknown>;
    expect(p).toMatchObject({
      format: 'parley.provenance/1',
      kind: 'run',
      scenario: { id: 'korea-2025', title: spec.title, hash: spec.hash, file: null },
      overrides: { russiaSupport: 0.3 },
      seed: 77,
      trials: 300,
      sampler: 'mc',
      rounds: spec.rounds.count,
      stopEarly: null,
      workers: 0,
      detail: { kind: 'run', trialsRun: 300, stoppedEarly: false },
    });
    expect(typeof p.appVersion).toBe('string');
    expect(typeof p.engineVersion).toBe('number');
    expect(Date.parse(String(p.startedAt))).toBeGreaterThan(Date.parse('2020-01-01'));
    const params = p.parameters as { id: string; value: number; overridden: boolean }[];
    expect(params.map((x) => x.id)).toEqual(spec.params.map((x) => x.id));
    expect(params.find((x) => x.id === 'russiaSupport')).toMatchObject({ value: 0.3, overridden: true });
    // the flat keys of the first sidecar format are still there, timestamp = the run's start
    expect(side).toMatchObject({ table: 'trials', root_seed: 77, trials: 300, workers: 0, stop_early: null });
    expect(side.timestamp).toBe(p.startedAt);
  });

  it('the stop-early rule and the trials actually run are recorded, and re-run the same', async () => {
    const side = await roundTrip(
      ['run', 'chicken', '--trials', '20000', '--seed', '5', '--auto-stop', '0.01', '--out', 'stop.csv'],
      'stop.csv',
      'chicken-trials-5.csv',
    );
    const p = side.provenance as { stopEarly: unknown; detail: { trialsRun: number; stoppedEarly: boolean } };
    expect(p.stopEarly).toEqual({ halfWidth: 0.01 });
    expect(p.detail.stoppedEarly).toBe(true);
    expect(side.trials).toBe(p.detail.trialsRun);
    expect(p.detail.trialsRun).toBeLessThan(20000);
  });

  it('a run made with --allow-outside-range re-runs from its sidecar (the permission is recorded)', async () => {
    const argv = ['run', 'korea-2025', '--trials', '50', '--seed', 'oor', '--set', 'russiaSupport=2'];
    expect((await cli([...argv, '--summary', './'], dir)).code).toBe(1); // refused without the flag
    const first = await cli([...argv, '--allow-outside-range', '--summary', './'], dir);
    expect(first.code).toBe(0);
    const again = await cli(['rerun', 'korea-2025-summary-oor.json', '--out', 'again-oor/'], dir);
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/russiaSupport = 2 is outside its declared range/);
    expect(read('again-oor/korea-2025-summary-oor.csv')).toBe(read('korea-2025-summary-oor.csv'));
  });

  it('summary CSV', async () => {
    await roundTrip(
      ['run', 'korea-2025', '--trials', '200', '--seed', 'abc', '--summary', './'],
      'korea-2025-summary-abc.csv',
    );
  });

  it('sweep CSV (a listed grid, two parameters)', async () => {
    const side = await roundTrip(
      [
        'sweep',
        'korea-2025',
        '--param',
        'russiaSupport=0,0.35,0.7',
        '--param',
        'drillScale=0:1:0.5',
        '--trials',
        '100',
        '--seed',
        '3',
        '--out',
        './',
      ],
      'korea-2025-sweep-3.csv',
    );
    expect((side.provenance as { detail: unknown }).detail).toEqual({
      kind: 'sweep',
      x: { param: 'russiaSupport', values: [0, 0.35, 0.7] },
      y: { param: 'drillScale', values: [0, 0.5, 1] },
    });
  });

  it('compare CSV', async () => {
    const side = await roundTrip(
      [
        'compare',
        'korea-2025',
        '--variant',
        'russiaSupport=0.1',
        '--trials',
        '300',
        '--seed',
        '9',
        '--out',
        './',
      ],
      'korea-2025-compare-9.csv',
    );
    expect((side.provenance as { detail: unknown }).detail).toEqual({
      kind: 'compare',
      variant: { russiaSupport: 0.1 },
    });
    expect(read('korea-2025-compare-9.csv').split('\r\n')[0]).toMatch(/^kind,id,label,baseline,/);
  });

  it('sensitivity CSV', async () => {
    await roundTrip(
      ['sensitivity', 'korea-2025', '--trials', '100', '--seed', '4', '--out', './'],
      'korea-2025-sensitivity-4.csv',
    );
  });

  it('refuses a sidecar whose scenario changed, naming both hashes', async () => {
    const side = sidecar('korea-2025-trials-77.json');
    const p = side.provenance as { scenario: Record<string, unknown> };
    p.scenario.hash = '0'.repeat(64);
    writeFileSync(join(dir, 'changed.json'), JSON.stringify(side));
    const r = await cli(['rerun', 'changed.json', '--out', 'x.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/has changed since changed\.json was written/);
    expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
