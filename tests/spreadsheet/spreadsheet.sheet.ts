// Every kind of CSV export, opened in a real spreadsheet: LibreOffice Calc (headless) converts them all to flat
// OpenDocument in ONE invocation, with its most eager import settings (detect special numbers such as dates, evaluate
// formulas — what Excel does when it opens a CSV), and every cell is read back: a number cell must come back as a
// number (the same value to the 15 digits Calc keeps), a text cell as the same text (formula-like text with the `'`
// the writer added, never a formula), an exact fraction as text (never a date), an empty cell empty. Run by
// .ci/steps/spreadsheet.sh (which installs Calc when missing); not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvTable } from '../../models/text/csv';
import { cli } from '../cli/cliHarness';
import { cells } from '../hostile/csvCells';
import { hostileLabelScenario, PAYLOAD } from '../hostile/hostileLabelScenario';
import { readFods, type FodsCell } from './readFods';

/** Calc's CSV import options: comma, ", UTF-8, from line 1, default formats, en-US, quoted fields NOT forced to
 * text, detect special numbers (dates, times, percentages), …, evaluate formulas. */
const INFILTER = 'CSV:44,34,76,1,,1033,false,true,false,false,false,false,true';

let dir = '';
const csvFiles: string[] = [];

const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?$/i;
const FRACTION = /^-?\d+ \/ \d+$/;

const hostileScenario = hostileLabelScenario('Hostile labels', ['Left, "quoted"', 'two\nlines']);

const exportAll = async (): Promise<void> => {
  writeFileSync(join(dir, 'hostile.parley.json'), JSON.stringify(hostileScenario));
  writeFileSync(
    join(dir, 'names.nfg'),
    `NFG 1 R "t" { "${PAYLOAD.replace(/"/g, '\\"')}" "\uff1dB" }\n{ { "@x" " =y" } { "+1" "-2+2" } }\n""\n2 1 0 0 0 0 1 2\n`,
  );
  const run = async (argv: string[], stdoutTo?: string): Promise<void> => {
    const r = await cli(argv, dir);
    expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(0);
    if (stdoutTo) writeFileSync(join(dir, stdoutTo), r.out);
  };
  const engine = ['--trials', '60', '--workers', '0'];
  await run([
    'run',
    'korea-2025',
    ...engine,
    '--seed=-5',
    '--out',
    'run-trials.csv',
    '--summary',
    'run-summary.csv',
  ]);
  await run([
    'run',
    'hostile.parley.json',
    ...engine,
    '--seed',
    'x',
    '--out',
    'hostile-trials.csv',
    '--summary',
    'hostile-summary.csv',
  ]);
  await run([
    'sweep',
    'korea-2025',
    '--param',
    'russiaSupport=0:1:0.5',
    ...engine,
    '--seed',
    '1',
    '--out',
    'sweep.csv',
  ]);
  await run([
    'sweep',
    'hostile.parley.json',
    '--param',
    'a=0:4:2',
    '--param',
    'b=0:2:1',
    ...engine,
    '--seed',
    '1',
    '--out',
    'hostile-sweep.csv',
  ]);
  await run([
    'compare',
    'korea-2025',
    '--variant',
    'russiaSupport=0.1',
    ...engine,
    '--seed',
    '1',
    '--out',
    'compare.csv',
  ]);
  await run([
    'compare',
    'hostile.parley.json',
    '--variant',
    'a=4',
    ...engine,
    '--seed',
    '1',
    '--out',
    'hostile-compare.csv',
  ]);
  await run(['sensitivity', 'korea-2025', ...engine, '--seed', '1', '--out', 'sensitivity.csv']);
  await run([
    'sensitivity',
    'hostile.parley.json',
    ...engine,
    '--seed',
    '1',
    '--out',
    'hostile-sensitivity.csv',
  ]);
  await run(['solve', 'chicken', '--format', 'csv'], 'solve-chicken.csv');
  await run(['solve', 'names.nfg', '--format', 'csv', '--method', 'all'], 'solve-names.csv');
  await run(
    ['solve', '../../tests/fixtures/nfg/stengel6x6.nfg', '--format', 'csv', '--method', 'lcp'].map((a) =>
      a.replace('../../', `${process.cwd()}/`),
    ),
    'solve-stengel.csv',
  );
  // The writer's number forms at their edges, and text payloads, straight from models/text/csv.ts.
  writeFileSync(
    join(dir, 'edges.csv'),
    csvTable(
      ['number', 'text'],
      [
        [-0, '-5'],
        [1e21, '-0.25'],
        [1e-7, '1e-7'],
        [-5, PAYLOAD],
        [0.30000000000000004, '\uff1d1+1'],
        [Number.MAX_VALUE, ' =1+1'],
        [2.2250738585072014e-308, '\u200b@x'],
        [5e-324, '\t-1'],
        [-1.5e-300, '\r=1'],
        [123456789.123, '@SUM(1)'],
        [NaN, '+1'],
        [0.1, '1:1'],
        [-0.1, '2025-07'],
        [1, '1/2'],
        [2, '50%'],
        [3, 'TRUE'],
        [4, '$5'],
      ],
    ),
  );
  for (const f of readdirSync(dir)) if (f.endsWith('.csv')) csvFiles.push(f);
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-sheet-'));
  await exportAll();
  const out = join(dir, 'fods');
  mkdirSync(out);
  const profile = join(dir, 'lo-profile');
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      `--infilter=${INFILTER}`,
      '--convert-to',
      'fods',
      '--outdir',
      out,
      ...csvFiles.map((f) => join(dir, f)),
    ],
    { encoding: 'utf8', timeout: 300_000 },
  );
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
}, 400_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sheetOf = (csv: string): { source: string[][]; sheet: FodsCell[][] } => ({
  source: cells(readFileSync(join(dir, csv), 'utf8')),
  sheet: readFods(readFileSync(join(dir, 'fods', csv.replace(/\.csv$/, '.fods')), 'utf8')),
});

const KINDS = [
  'run-trials.csv',
  'run-summary.csv',
  'hostile-trials.csv',
  'hostile-summary.csv',
  'sweep.csv',
  'hostile-sweep.csv',
  'compare.csv',
  'hostile-compare.csv',
  'sensitivity.csv',
  'hostile-sensitivity.csv',
  'solve-chicken.csv',
  'solve-names.csv',
  'solve-stengel.csv',
  'edges.csv',
];

describe('every export, opened in LibreOffice Calc', () => {
  it('exports every kind of table', () => {
    expect([...csvFiles].sort()).toEqual([...KINDS].sort());
  });

  it.each(KINDS)(
    '%s: numbers stay numbers, text stays text, fractions are text, nothing is a formula',
    (csv) => {
      const { source, sheet } = sheetOf(csv);
      expect(sheet.length, 'rows').toBe(source.length);
      source.forEach((row, r) => {
        const cells = sheet[r] ?? [];
        row.forEach((want, c) => {
          const got = cells[c] ?? { type: null, value: null, text: '', formula: null };
          const where = `${csv} row ${r + 1} column ${c + 1} (${JSON.stringify(want)})`;
          expect(got.formula, where).toBeNull();
          if (want === '') {
            expect(got.type, where).toBeNull();
          } else if (PLAIN_NUMBER.test(want)) {
            expect(got.type, where).toBe('float');
            const x = Number(want);
            expect(Math.abs((got.value as number) - x), where).toBeLessThanOrEqual(
              1e-14 * Math.max(1, Math.abs(x)),
            );
          } else {
            expect(got.type, where).toBe('string');
            expect(got.text, where).toBe(want.replace(/\r\n?/g, '\n'));
            if (FRACTION.test(want)) expect(got.text).toMatch(FRACTION);
          }
        });
      });
    },
  );

  it('chicken: the mixed equilibrium 9/11 is the text "9 / 11" beside its decimal, not 11 September', () => {
    const { sheet } = sheetOf('solve-chicken.csv');
    const head = (sheet[0] ?? []).map((c) => c.text);
    const col = head.indexOf('Driver A:Swerve exact');
    expect(col).toBeGreaterThan(0);
    const mixed = sheet.find((row) => row[col]?.text === '9 / 11');
    expect(mixed?.[col]?.type).toBe('string');
    expect(mixed?.[col - 1]?.type).toBe('float');
    expect(mixed?.[col - 1]?.value).toBeCloseTo(9 / 11, 14);
  });

  it('injection payloads arrive as inert text, shown with the guard', () => {
    const { sheet } = sheetOf('hostile-summary.csv');
    expect(sheet.some((row) => row[2]?.text === `'${PAYLOAD}` && row[2]?.type === 'string')).toBe(true);
    const edges = sheetOf('edges.csv').sheet;
    expect(edges.slice(1, 4).map((row) => row[1]?.value)).toEqual([-5, -0.25, 1e-7]);
    expect(edges.slice(4).map((row) => row[1]?.text)).toEqual([
      `'${PAYLOAD}`,
      "'\uff1d1+1",
      "' =1+1",
      "'\u200b@x",
      "'\t-1",
      "'\n=1",
      "'@SUM(1)",
      "'+1",
      "'1:1",
      "'2025-07",
      "'1/2",
      "'50%",
      "'TRUE",
      "'$5",
    ]);
    expect(edges.slice(1, 4).map((row) => row[1]?.type)).toEqual(['float', 'float', 'float']);
  });
});
