// CSV building (pure strings; the CLI and the renderer write them). RFC 4180: comma-separated, CRLF line ends,
// one header row, no preamble, UTF-8 text, `.` decimals. Numbers are printed with String(x) (shortest
// round-trip, deterministic) and never altered; text cells starting with = + - @ tab or CR are prefixed with `'`
// against spreadsheet formula injection, and quoted when they contain a comma, quote or line break.

export const CSV_EOL = '\r\n';
export const CSV_FORMAT_VERSION = 1;

/** A text cell, neutralised and quoted as needed. */
export const csvText = (s: string): string => {
  let t = s;
  const c = t.charCodeAt(0);
  // = + - @ TAB CR
  if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) t = `'${t}`;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

/** A numeric cell: the shortest round-trip representation; non-finite numbers become empty cells. */
export const csvNumber = (x: number): string => (Number.isFinite(x) ? String(x) : '');

/** One CSV line from already-formatted cells. */
export const csvLine = (cells: readonly string[]): string => cells.join(',') + CSV_EOL;

/** A header line (names are text cells). */
export const csvHeader = (names: readonly string[]): string => csvLine(names.map(csvText));
