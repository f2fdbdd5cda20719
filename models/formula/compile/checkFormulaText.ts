// Limits checked on the raw text, BEFORE mathjs parses it: type, length, emptiness and bracket nesting (a deeply
// nested formula would otherwise overflow the parser's stack).
import { MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH } from '../FormulaIR';

/** Deepest bracket nesting ((), [], {}) of a text. */
const nestingDepth = (text: string): number => {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 41 || c === 93 || c === 125) depth--;
  }
  return max;
};

/** A formula's text (numbers become their decimal text), or the one error that stops it before parsing. */
export const checkFormulaText = (
  text: unknown,
): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string } => {
  if (typeof text === 'number') text = String(text);
  if (typeof text !== 'string') return { ok: false, error: 'a formula must be a string (or a number)' };
  if (text.length > MAX_FORMULA_LENGTH) {
    return {
      ok: false,
      error: `formula is too long (${text.length} characters; the limit is ${MAX_FORMULA_LENGTH})`,
    };
  }
  if (text.trim() === '') return { ok: false, error: 'formula is empty' };
  const depth = nestingDepth(text);
  if (depth > MAX_FORMULA_DEPTH) {
    return {
      ok: false,
      error: `formula is nested too deeply (${depth} levels of brackets; the limit is ${MAX_FORMULA_DEPTH})`,
    };
  }
  return { ok: true, text };
};
