// The one terminal-safe rendering of text from files.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasUnsafeTerminalText, terminalDocument, terminalText } from '../../../models/text/terminalText';

describe('terminalText', () => {
  it('makes controls, escape sequences, bidi overrides and line separators visible', () => {
    expect(terminalText('a\nforged.parley.json: OK')).toBe('a\\nforged.parley.json: OK');
    expect(terminalText('\u001b]0;pwned\u0007title')).toBe('\\u001b]0;pwned\\u0007title');
    expect(terminalText('\u001b[2J\u001b[H')).toBe('\\u001b[2J\\u001b[H');
    expect(terminalText('x\ry')).toBe('x\\ry');
    expect(terminalText('a\tb')).toBe('a\\tb');
    expect(terminalText('\u009b31m')).toBe('\\u009b31m');
    expect(terminalText('\u0085next')).toBe('\\u0085next');
    expect(terminalText('abc\u202edcba')).toBe('abc\\u202edcba');
    expect(terminalText('\u2066x\u2069')).toBe('\\u2066x\\u2069');
    expect(terminalText('l\u2028m\u2029n')).toBe('l\\u2028m\\u2029n');
    expect(terminalText('zero\u200bwidth\ufeff')).toBe('zero\\u200bwidth\\ufeff');
    expect(terminalText('\ud800x')).toBe('\\ud800x');
    expect(terminalText('x\udc00')).toBe('x\\udc00');
  });

  it('leaves ordinary text of every script, emoji and backslashes unchanged', () => {
    for (const s of [
      'Driver A',
      'Ünïcödé',
      '北朝鮮',
      'עברית',
      'العربية',
      '😀 ok',
      'C:\\path\\x',
      '9/11',
      '',
    ]) {
      expect(terminalText(s)).toBe(s);
      expect(hasUnsafeTerminalText(s)).toBe(false);
    }
  });

  it('is idempotent and its output has no control, bidi or separator character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const t = terminalText(s);
        expect(terminalText(t)).toBe(t);
        expect(hasUnsafeTerminalText(t)).toBe(false);
        for (const ch of ['\n', '\r', '\u001b', '\u0085', '\u2028', '\u2029', '\u202e'])
          expect(t).not.toContain(ch);
      }),
    );
  });
});

describe('terminalDocument', () => {
  it('keeps LF, TAB and CRLF, escapes the rest; JSON stays JSON', () => {
    expect(terminalDocument('a,b\r\nc\td\n')).toBe('a,b\r\nc\td\n');
    expect(terminalDocument('x\ry\r\n')).toBe('x\\ry\r\n');
    const doc = JSON.stringify({ title: 'a\u202eb\u0085c\u2028\u001b[2J' });
    const safe = terminalDocument(doc);
    expect(hasUnsafeTerminalText(safe.replace(/\n/g, ''))).toBe(false);
    expect(JSON.parse(safe)).toEqual(JSON.parse(doc));
  });
});
