// Whether JSON carries a value faithfully (what may cross as JSON text, or be kept as a document's parsed draft).
/**
 * True when `JSON.parse(JSON.stringify(v))` equals `v`: plain objects and arrays of finite numbers (not −0),
 * strings, booleans and null only (an `undefined` property is dropped by both sides alike). Linear in `v`.
 */
export const jsonFaithful = (v: unknown): boolean => {
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (x === null || typeof x === 'string' || typeof x === 'boolean') continue;
    if (typeof x === 'number') {
      if (!Number.isFinite(x) || Object.is(x, -0)) return false;
      continue;
    }
    if (typeof x !== 'object') return false;
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        if (!(i in x) || x[i] === undefined) return false;
        stack.push(x[i]);
      }
      continue;
    }
    const proto: unknown = Object.getPrototypeOf(x);
    if (proto !== Object.prototype && proto !== null) return false;
    for (const k of Object.keys(x)) {
      const y = (x as Record<string, unknown>)[k];
      if (y !== undefined) stack.push(y);
    }
  }
  return true;
};
