// The "low to high" shorthand (a 90% interval), parsed by ONE function for the file format, the validator and the
// UI; the same pattern is the JSON Schema's.

/** "low to high": two decimal numbers (optional sign, fraction, exponent). Linear-time: no backtracking. */
export const INTERVAL_SHORTHAND =
  /^\s*(-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s+to\s+(-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*$/i;

/** Longest shorthand text accepted (the schema's limit too). */
export const MAX_SHORTHAND_LENGTH = 100;

/**
 * "0.2 to 0.6" → { type: 'interval90', low: 0.2, high: 0.6 }; anything else (including "1.2.3 to 4") → null. The
 * numbers may still be invalid as an interval (high < low, or beyond the double range): the family says so.
 */
export const parseIntervalShorthand = (
  text: string,
): { readonly type: 'interval90'; readonly low: number; readonly high: number } | null => {
  if (typeof text !== 'string' || text.length > MAX_SHORTHAND_LENGTH) return null;
  const m = INTERVAL_SHORTHAND.exec(text);
  return m ? { type: 'interval90', low: Number(m[1]), high: Number(m[2]) } : null;
};
