// A reader for the cells of a flat OpenDocument spreadsheet (.fods, what `soffice --convert-to fods` writes): per
// cell its value type (float, string, date, time, percentage, currency, boolean, or null when empty), its numeric
// value, its text as shown (paragraphs joined by "\n") and its formula, if any. Enough for the spreadsheet check.

export type FodsCell = {
  readonly type: string | null;
  readonly value: number | null;
  readonly text: string;
  readonly formula: string | null;
};

const attr = (attrs: string, name: string): string | null => {
  const m = new RegExp(`${name}="([^"]*)"`).exec(attrs);
  return m ? unescapeXml(m[1] as string) : null;
};

const unescapeXml = (s: string): string =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });

const paragraphText = (p: string): string =>
  unescapeXml(
    p
      .replace(/<text:s\s*\/>/g, ' ')
      .replace(/<text:s text:c="(\d+)"\s*\/>/g, (_, n: string) => ' '.repeat(Number(n)))
      .replace(/<text:tab\s*\/>/g, '\t')
      .replace(/<text:line-break\s*\/>/g, '\n')
      .replace(/<[^>]+>/g, ''),
  );

const cellText = (body: string): string => {
  const paragraphs: string[] = [];
  const re = /<text:p(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/text:p>)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) paragraphs.push(paragraphText(m[1] ?? ''));
  return paragraphs.join('\n');
};

/** The rows of the first table, each a list of cells (repeated rows and columns expanded; trailing empties kept). */
export const readFods = (xml: string): FodsCell[][] => {
  const table = /<table:table [\s\S]*?<\/table:table>/.exec(xml)?.[0] ?? '';
  const rows: FodsCell[][] = [];
  const rowRe = /<table:table-row(\s[^>]*)?>([\s\S]*?)<\/table:table-row>/g;
  for (let r = rowRe.exec(table); r; r = rowRe.exec(table)) {
    const cells: FodsCell[] = [];
    const cellRe =
      /<table:(?:covered-)?table-cell(\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/table:(?:covered-)?table-cell>)/g;
    const body = r[2] ?? '';
    for (let c = cellRe.exec(body); c; c = cellRe.exec(body)) {
      const attrs = c[1] ?? '';
      const type = attr(attrs, 'office:value-type');
      const raw = attr(attrs, 'office:value');
      const cell: FodsCell = {
        type,
        value: raw === null ? null : Number(raw),
        text: cellText(c[2] ?? ''),
        formula: attr(attrs, 'table:formula'),
      };
      const n = Number(attr(attrs, 'table:number-columns-repeated') ?? '1');
      for (let k = 0; k < Math.min(n, 1024); k++) cells.push(cell);
    }
    const times = Number(attr(r[1] ?? '', 'table:number-rows-repeated') ?? '1');
    for (let k = 0; k < Math.min(times, 1024); k++) rows.push([...cells]);
  }
  // Trailing empty rows and cells are padding, not data.
  while (rows.length && rows[rows.length - 1]!.every((c) => c.type === null && c.text === '')) rows.pop();
  for (const row of rows)
    while (row.length && row[row.length - 1]!.type === null && row[row.length - 1]!.text === '') row.pop();
  return rows;
};
