// The ONE terminal-safe rendering of text that came from a file (titles, labels, ids, formula text, .nfg names,
// paths, error messages quoting any of these). A terminal obeys control characters: ESC starts sequences that
// retitle the window (OSC), clear the screen or move the cursor (CSI), CR returns to the start of the line, LF starts
// a new line (so an embedded newline can forge a second "one-line" message), bidi overrides reorder what is shown,
// and U+2028/U+2029/U+0085 break lines in some terminals and editors. Each such character is replaced by a visible
// escape, written as in JSON and JavaScript strings: \n \r \t for the usual three, \uHHHH for the others — other C0
// controls, DEL and C1 controls (ESC is \u001b), line/paragraph separators, bidi controls, invisible format
// characters (zero-width space/joiners, word joiner, invisible operators, BOM, soft hyphen…) and lone surrogates. Everything else (letters of every script, emoji,
// backslashes) is unchanged, and the function is idempotent (its output holds no character it would escape).

const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const hex = (c: number, width: number): string => c.toString(16).padStart(width, '0');

const escapeOne = (ch: string): string => {
  const c = ch.charCodeAt(0);
  if (c === 10) return '\\n';
  if (c === 13) return '\\r';
  if (c === 9) return '\\t';
  return `\\u${hex(c, 4)}`;
};

/** `s` with every control, bidi, line-separator and invisible format character made visible (see above). */
export const terminalText = (s: string): string => s.replace(UNSAFE, escapeOne);

/**
 * A machine-readable document (JSON, CSV, .nfg) for stdout: as terminalText, but its own line structure stays —
 * LF, TAB and the CR of a CRLF line end are kept. JSON stays valid JSON (JSON.stringify already escapes C0 controls
 * inside strings, and the rest can only occur inside strings); in CSV or .nfg text an escaped character shows as
 * its escape.
 */
export const terminalDocument = (s: string): string =>
  s.replace(UNSAFE, (ch, offset: number, whole: string) => {
    const c = ch.charCodeAt(0);
    if (c === 10 || c === 9 || (c === 13 && whole.charCodeAt(offset + 1) === 10)) return ch;
    return escapeOne(ch);
  });

/** True when terminalText would change `s`. */
export const hasUnsafeTerminalText = (s: string): boolean => {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(s);
  UNSAFE.lastIndex = 0;
  return found;
};
