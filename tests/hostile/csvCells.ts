// A strict RFC 4180 reader for tests: CSV text → rows of cells, failing on a bare LF or CR outside quotes and on a
// last record without CRLF (what models/text/csv.ts promises). Shared by the hostile CSV tests.

/** Cells of a CSV text (RFC 4180), failing on a bare LF or CR outside quotes and on a last record without CRLF. */
export const cells = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const next = text[i + 1];
    i++;
    if (quoted) {
      if (c === '"' && next === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && next === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (c === '\n' || c === '\r') throw new Error(`bare ${JSON.stringify(c)} at offset ${i - 1}`);
    else cell += c;
  }
  if (cell !== '' || row.length) throw new Error('the last record has no CRLF');
  return rows;
};
