// mathjs parses the (already length- and depth-checked) text; a syntax error names the first non-ASCII character,
// the usual culprit when a formula is pasted from a document ("−" for "-", a Cyrillic "а").
import type { MathNode } from 'mathjs';
import { parseToMathNode } from '../lockedMath';

/** Look-alike characters pasted from documents, and the ASCII to type instead. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u2212': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u00d7': '*',
  '\u22c5': '*',
  '\u00b7': '*',
  '\u00f7': '/',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u00a0': ' ',
};

/** For a syntax error: name the first non-ASCII character (Cyrillic "а", "−" for "-", …). */
const unicodeHint = (text: string): string => {
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c <= 127) continue;
    const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    const ascii = LOOKALIKES[ch];
    return ascii
      ? ` — the formula contains ${JSON.stringify(ch)} (${code}): type ${JSON.stringify(ascii)} instead`
      : ` — the formula contains ${JSON.stringify(ch)} (${code}), which is not a plain ASCII character`;
  }
  return '';
};

/** The mathjs syntax tree of a formula, or a one-line syntax error. */
export const parseFormulaText = (
  text: string,
): { readonly ok: true; readonly tree: MathNode } | { readonly ok: false; readonly error: string } => {
  try {
    return { ok: true, tree: parseToMathNode(text) };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, error: `syntax error: ${msg.slice(0, 200)}${unicodeHint(text)}` };
  }
};
