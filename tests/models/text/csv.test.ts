// The one CSV writer: RFC 4180 with CRLF, the formula-injection guard on text cells only, numbers as the shortest
// round-trip decimal, exact fractions in a form spreadsheets keep as text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvFraction,
  csvHeader,
  csvNumber,
  csvRow,
  csvTable,
  csvText,
  guardText,
  isFormulaLike,
  isValueLike,
  rawCell,
} from '../../../models/text/csv';

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF records) to check what the writer produced. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        cell += c;
        i++;
      }
    } else if (c === '"') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else {
      expect(c, `bare ${JSON.stringify(c)} outside quotes at ${i}`).not.toMatch(/[\r\n]/);
      cell += c;
      i++;
    }
  }
  expect(cell).toBe('');
  expect(row).toEqual([]);
  return rows;
};

describe('text cells: the formula-injection guard (OWASP)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1+1', "'+1+1"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['\n=1', `"'\n=1"`],
    ['\tplain', "'\tplain"],
    ['\uff1d1+1', "'\uff1d1+1"],
    ['\uff0b1', "'\uff0b1"],
    ['\uff0d1', "'\uff0d1"],
    ['\uff20x', "'\uff20x"],
    ['\ufe661', "'\ufe661"],
    [' =1+1', "' =1+1"],
    ['   +2', "'   +2"],
    ['\u00a0=1', "'\u00a0=1"],
    ['\u3000=1', "'\u3000=1"],
    ['\u200b=1', "'\u200b=1"],
    ['\ufeff=1', "'\ufeff=1"],
    ['\u202e=1', "'\u202e=1"],
    ['\u00ad@x', "'\u00ad@x"],
    ['\u0000=1', "'\u0000=1"],
  ])('guards %j', (input, written) => {
    expect(isFormulaLike(input)).toBe(true);
    expect(csvText(input)).toBe(written);
  });

  it.each([
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['x-1', 'x-1'],
    ['', ''],
    [' leading space', ' leading space'],
    ['-5', '-5'],
    ['-0.25', '-0.25'],
    ['-1e-7', '-1e-7'],
    ['1e+21', '1e+21'],
    ['with, comma', '"with, comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['Ünïcödé 北', 'Ünïcödé 北'],
  ])('leaves %j alone apart from quoting', (input, written) => {
    expect(isFormulaLike(input)).toBe(false);
    expect(csvText(input)).toBe(written);
  });

  it('every text cell round-trips through an RFC 4180 reader, with the guard as the only change', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 1, maxLength: 6 }),
        (cells) => {
          const [row] = parseCsv(csvRow(cells));
          expect(row).toEqual(cells.map((c) => (isFormulaLike(c) ? `'${c}` : c)));
          for (const c of row ?? []) expect(isFormulaLike(c)).toBe(false);
        },
      ),
    );
  });
});

describe('text cells a spreadsheet would turn into values', () => {
  it.each([
    '1:1',
    '2025-07',
    '1/2',
    '50%',
    '(3)',
    '$5',
    '1,5',
    '12:30',
    ' 5',
    'TRUE',
    'false',
    '9 / 11',
    // numbers a spreadsheet would rewrite: text seeds "007", "7.0", "1e3" are other seeds than 7 and 1000
    '007',
    '7.0',
    '1e3',
    '-0',
  ])('guards %j so it stays text', (input) => {
    expect(isValueLike(input)).toBe(true);
    expect(guardText(input)).toBe(`'${input}`);
  });

  it.each(['-5', '0.5', '1e-7', 'Player 1', 'x1', 'e1', '1a', 'truest'])('leaves %j alone', (input) => {
    expect(isValueLike(input)).toBe(false);
    expect(guardText(input)).toBe(input);
  });
});

describe('number cells', () => {
  it('are the shortest round-trip decimal and never guarded', () => {
    expect(csvNumber(-5)).toBe('-5');
    expect(csvNumber(0.1)).toBe('0.1');
    expect(csvNumber(-0)).toBe('0');
    expect(csvNumber(1e21)).toBe('1e+21');
    expect(csvNumber(1e-7)).toBe('1e-7');
    expect(csvNumber(0.30000000000000004)).toBe('0.30000000000000004');
    expect(csvNumber(Number.MAX_VALUE)).toBe('1.7976931348623157e+308');
    expect(csvNumber(2.2250738585072014e-308)).toBe('2.2250738585072014e-308');
    expect(csvNumber(5e-324)).toBe('0');
    expect(csvNumber(-1e-310)).toBe('0');
    expect(csvNumber(NaN)).toBe('');
    expect(csvNumber(Infinity)).toBe('');
    expect(csvRow([-5, 'x', null, undefined, -0.5])).toBe('-5,x,,,-0.5\r\n');
  });

  it('read back as the same number (normal range)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const cell = csvNumber(x);
        if (x !== 0 && Math.abs(x) < 2.2250738585072014e-308) expect(cell).toBe('0');
        else expect(Object.is(Number(cell), x === 0 ? 0 : x)).toBe(true);
        expect(isFormulaLike(cell)).toBe(false);
      }),
    );
  });
});

describe('exact fractions', () => {
  it('are written p / q (never a date-like p/q), integers as integers', () => {
    expect(csvFraction(9n, 11n)).toBe('9 / 11');
    expect(csvFraction(-2n, 11n)).toBe('-2 / 11');
    expect(csvFraction(3n, 1n)).toBe('3');
    expect(csvFraction(0n, 1n)).toBe('0');
    expect(() => csvFraction(1n, 0n)).toThrow(RangeError);
    expect(csvRow(['m', rawCell(csvFraction(-2n, 11n))])).toBe('m,-2 / 11\r\n');
  });
});

describe('tables', () => {
  it('CRLF line ends, header cells guarded, one line per row', () => {
    const t = csvTable(
      ['=id', 'p'],
      [
        ['a', 0.5],
        ['@b', -1],
      ],
    );
    expect(t).toBe("'=id,p\r\na,0.5\r\n'@b,-1\r\n");
    expect(csvHeader(['x', 'y'])).toBe('x,y\r\n');
  });
});
