// The ONE CSV writer of every Parley export (run per-trial, summary, sweep, compare, sensitivity, solve, class
// sessions; CLI and app alike). RFC 4180: comma-separated, CRLF line ends, one header row, no preamble, UTF-8 text,
// `.` decimals; a cell is quoted when it holds a comma, a double quote, CR or LF (quotes doubled inside).
//
// Cells are typed, and each type has one rule:
// - NUMBER cells (csvNumber) are the shortest round-trip decimal (String(x): 0.1, -5, 1e+21, 1e-7), never altered
//   and never guarded. -0 is written 0; NaN and ±Infinity become empty cells; a subnormal (|x| < 2^-1022, which no
//   spreadsheet represents: LibreOffice reads 5e-324 as text) is written 0.
// - EXACT FRACTIONS (csvFraction) are written `p / q` with spaces around the slash: `9/11` is read as a date (9
//   November) by spreadsheets, `9 / 11` stays text (proven with LibreOffice Calc in .ci/steps/spreadsheet.sh). Tables
//   that carry exact values also carry a decimal column for computation.
// - TEXT cells (csvText) get the formula-injection guard (OWASP "CSV Injection"): a cell a spreadsheet could run as a
//   formula is prefixed with `'` so it shows as inert text. "Could run" means: it starts with TAB, CR or LF, or its
//   first character after any leading whitespace, control or invisible format characters (ZWSP, BOM, bidi marks,
//   soft hyphen, …) is one of = + - @ or their full-width (＝＋－＠) and small (﹦﹢﹣﹫) forms. A text cell that is
//   exactly a plain decimal number ("-5", "-0.25", "1e-7") is a number to every spreadsheet, not a formula, and is
//   left alone (a seed typed as "-5" is the seed -5). The same `'` keeps VALUE-LIKE text as text: text made only of
//   digits and number punctuation (`1:1`, `2025-07`, `1/2`, `50%`, `(3)`, `$5`) or the words TRUE/FALSE, which a
//   spreadsheet would silently turn into a time, a date, a number or a boolean (a header `1:1` from an .nfg).
// Nothing else about text is changed: control characters stay (the terminal printer escapes them; a file keeps the
// data), so what the user wrote round-trips.

export const CSV_EOL = '\r\n';

/** Characters that start a formula in Excel, LibreOffice Calc or Google Sheets (ASCII, full-width and small forms). */
const FORMULA_START = new Set([
  '=',
  '+',
  '-',
  '@',
  '\uff1d',
  '\uff0b',
  '\uff0d',
  '\uff20',
  '\ufe66',
  '\ufe62',
  '\ufe63',
  '\ufe6b',
]);

/**
 * Characters a spreadsheet may skip or trim before reading a formula: Unicode whitespace (including NBSP, ideographic
 * space, line separators), C0/C1 controls, and invisible format characters (soft hyphen, Arabic letter mark,
 * Mongolian vowel separator, zero-width space/joiners, LRM/RLM, bidi embeddings/overrides/isolates, word joiner and
 * invisible operators, BOM).
 */
const SKIPPABLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\s\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/u;

/** A plain decimal number as JavaScript writes one (optionally negative): a number to every spreadsheet. */
const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?$/i;

const NEEDS_QUOTES = /[",\r\n]/;

/** Only digits, blanks and the punctuation of numbers, dates, times, percentages and currencies (with a digit). */
const VALUE_LIKE = /^[\d\s.,:/\\()%$€£¥'+-]*\d[\d\s.,:/\\()%$€£¥'+-]*$/u;

/** True when a spreadsheet would read text `s` as a number, date, time or boolean (see the header). */
export const isValueLike = (s: string): boolean =>
  PLAIN_NUMBER.test(s)
    ? // a number a spreadsheet would rewrite ("007", "7.0", "1e3" — a text seed): keeping it as text keeps it
      String(Number(s)) !== s
    : VALUE_LIKE.test(s) || /^(true|false)$/i.test(s);

/** True when a spreadsheet could read `s` as a formula (see the header for the exact rule). */
export const isFormulaLike = (s: string): boolean => {
  if (s.length === 0) return false;
  const c0 = s.charCodeAt(0);
  if (c0 === 9 || c0 === 13 || c0 === 10) return true;
  if (PLAIN_NUMBER.test(s)) return false;
  for (const ch of s) {
    if (FORMULA_START.has(ch)) return true;
    if (!SKIPPABLE.test(ch)) return false;
  }
  return false;
};

/** The text guard alone: `'` before formula-like or value-like text, anything else unchanged. */
export const guardText = (s: string): string => (isFormulaLike(s) || isValueLike(s) ? `'${s}` : s);

/** A text cell: guarded (formula-like and value-like text), then quoted when it holds a comma, quote or line break. */
export const csvText = (s: string): string => {
  const t = guardText(s);
  return NEEDS_QUOTES.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

/** Smallest positive normal double (2^-1022). */
const MIN_NORMAL = 2.2250738585072014e-308;

/** A number cell: the shortest round-trip decimal; -0 → 0; subnormals → 0; NaN and ±Infinity → empty. */
export const csvNumber = (x: number): string => {
  if (!Number.isFinite(x)) return '';
  if (x !== 0 && Math.abs(x) < MIN_NORMAL) return '0';
  return String(x);
};

/** An exact fraction num/den (den > 0) as `num / den`, or `num` when den is 1 (see the header: never a date). */
export const csvFraction = (num: bigint, den: bigint): string => {
  if (den <= 0n) throw new RangeError('csvFraction: the denominator must be positive');
  return den === 1n ? num.toString() : `${num.toString()} / ${den.toString()}`;
};

/** A cell of csvRow: text, a number, an already-written cell (csvFraction), or empty (null/undefined). */
export type CsvCell = string | number | { readonly cell: string } | null | undefined;

/** An already-written cell (e.g. csvFraction's output) passed through csvRow unchanged. */
export const rawCell = (cell: string): { readonly cell: string } => ({ cell });

const cellText = (c: CsvCell): string =>
  c === null || c === undefined
    ? ''
    : typeof c === 'number'
      ? csvNumber(c)
      : typeof c === 'string'
        ? csvText(c)
        : c.cell;

/** One CSV line from typed cells: strings are text cells, numbers number cells, null/undefined empty. */
export const csvRow = (cells: readonly CsvCell[]): string => cells.map(cellText).join(',') + CSV_EOL;

/** One CSV line from already-written cells (csvText/csvNumber/csvFraction output). */
export const csvLine = (cells: readonly string[]): string => cells.join(',') + CSV_EOL;

/** A header line (names are text cells). */
export const csvHeader = (names: readonly string[]): string => csvLine(names.map(csvText));

/** A whole table: header + rows of typed cells. */
export const csvTable = (names: readonly string[], rows: Iterable<readonly CsvCell[]>): string => {
  const out = [csvHeader(names)];
  for (const r of rows) out.push(csvRow(r));
  return out.join('');
};
