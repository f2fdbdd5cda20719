// Class 1 of issue 10 (output injection), CSV side: every command's CSV goes through the one writer — RFC 4180 with
// CRLF, the formula-injection guard on every text cell (full-width and leading-whitespace variants included), numbers
// (a numeric seed like -5) never guarded, exact fractions never date-like. Each assertion failed on the code before
// models/text/csv.ts (solve had its own quoting with LF line ends and no guard; `＝` and ` =` passed the guard; the
// seed -5 was written '-5; compare and sensitivity had no CSV at all).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/cliHarness';
import { cells } from './csvCells';
import { hostileLabelScenario, PAYLOAD } from './hostileLabelScenario';

let dir = '';

/** No cell may start (after invisible or blank characters) with a formula trigger, unless it is a plain number. */
const expectInert = (table: string[][]): void => {
  for (const row of table) {
    for (const c of row) {
      if (/^-?(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?$/i.test(c)) continue;
      expect(c, JSON.stringify(c)).not.toMatch(
        // eslint-disable-next-line no-control-regex -- the characters a spreadsheet skips before a formula
        /^[\s\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b]/u,
      );
    }
  }
};

const hostileScenario = hostileLabelScenario(`${PAYLOAD} title`, ['Left', 'Right']);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-csv-injection-'));
  writeFileSync(join(dir, 'hostile.parley.json'), JSON.stringify(hostileScenario));
  writeFileSync(
    join(dir, 'names.nfg'),
    `NFG 1 R "t" { "${PAYLOAD.replace(/"/g, '\\"')}" "\uff1dB" }\n{ { "@x" " =y" } { "+1" "-2+2" } }\n""\n2 1 0 0 0 0 1 2\n`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (name: string): string => readFileSync(join(dir, name), 'utf8');

describe('solve --format csv', () => {
  it('guards headers built from .nfg names, ends lines with CRLF, and writes exact fractions as p / q', async () => {
    const r = await cli(['solve', 'names.nfg', '--format', 'csv'], dir);
    expect(r.code, r.err).toBe(0);
    const table = cells(r.out);
    expectInert(table);
    const [head, ...rows] = table;
    expect(head?.[1]).toBe(`'${PAYLOAD}:@x`);
    expect(head).toContain("'\uff1dB:+1");
    expect(head).toContain("'\uff1dB:+1 exact");
    expect(rows).toHaveLength(3);
    // The mixed equilibrium of this battle of the sexes: (2/3, 1/3) and (1/3, 2/3); payoffs 2/3.
    const mixed = rows.find((row) => row.includes('2 / 3')) as string[];
    expect(mixed).toBeDefined();
    const at = (name: string): string => mixed[head!.indexOf(name)] as string;
    expect(Number(at(`'${PAYLOAD}:@x`))).toBeCloseTo(2 / 3, 15);
    expect(at(`'${PAYLOAD}:@x exact`)).toBe('2 / 3');
    expect(at('regret')).toBe('0');
    for (const row of rows) for (const c of row) expect(c).not.toMatch(/^\d+\/\d+$/);
  });
});

describe('run, sweep, compare and sensitivity CSV exports', () => {
  it('guard every text cell (full-width, leading blank and invisible variants too) and write -5 as a number', async () => {
    const run = await cli(
      [
        'run',
        'hostile.parley.json',
        '--trials',
        '20',
        '--seed=-5',
        '--workers',
        '0',
        '--out',
        'trials.csv',
        '--summary',
        'summary.csv',
      ],
      dir,
    );
    expect(run.code, run.err).toBe(0);
    const trials = cells(read('trials.csv'));
    expectInert(trials);
    const seedColumn = trials[0]!.indexOf('seed');
    expect(trials[1]![seedColumn]).toBe('-5');
    const summary = cells(read('summary.csv'));
    expectInert(summary);
    expect(summary.some((row) => row[2] === `'${PAYLOAD}`)).toBe(true);
    expect(summary.some((row) => row[2] === "'\ufe66x")).toBe(true);

    const sweep = await cli(
      [
        'sweep',
        'hostile.parley.json',
        '--param',
        'a=0:4:2',
        '--trials',
        '20',
        '--seed',
        '1',
        '--workers',
        '0',
        '--out',
        'sweep.csv',
      ],
      dir,
    );
    expect(sweep.code, sweep.err).toBe(0);
    expectInert(cells(read('sweep.csv')));

    const compare = await cli(
      [
        'compare',
        'hostile.parley.json',
        '--variant',
        'a=4',
        '--trials',
        '20',
        '--seed',
        '1',
        '--workers',
        '0',
        '--out',
        'compare.csv',
      ],
      dir,
    );
    expect(compare.code, compare.err).toBe(0);
    const cmp = cells(read('compare.csv'));
    expectInert(cmp);
    // The spec's column list, written once here (models/engine/whatIfTables.ts writes it).
    expect(cmp[0]).toEqual(
      'kind,id,label,baseline,baseline_low,baseline_high,variant,variant_low,variant_high,difference,difference_low,difference_high,n'.split(
        ',',
      ),
    );
    expect(cmp[1]?.slice(0, 3)).toEqual(['outcome', 'coord', `'${PAYLOAD}`]);
    expect(JSON.parse(read('compare.json')).table).toBe('compare');

    const sens = await cli(
      [
        'sensitivity',
        'hostile.parley.json',
        '--trials',
        '20',
        '--seed',
        '1',
        '--workers',
        '0',
        '--out',
        'sens.csv',
      ],
      dir,
    );
    expect(sens.code, sens.err).toBe(0);
    const st = cells(read('sens.csv'));
    expectInert(st);
    const label = st[0]?.indexOf('label') ?? -1;
    expect(label).toBeGreaterThan(0);
    expect(st.some((row) => row[label] === "'\uff1dcmd|calc")).toBe(true);
    expect(st.some((row) => row[label] === "' =1+1")).toBe(true);
    expect(JSON.parse(read('sens.json')).table).toBe('sensitivity');
  });
});
