// Where a value sits in a JSON text, found without parsing the text into objects: the scan jumps from one
// structural character to the next (native string searches), so locating a field in a 5 MB scenario costs a few
// ms where writing the whole document again (JSON.stringify) blocked the page for hundreds. Used to edit one
// primitive value of a big document in place (`replaceJsonValue`). The text must be valid JSON (the caller has
// parsed it); like JSON.parse, a duplicated key resolves to its LAST occurrence.

/** Characters that end a number, true, false or null. */
const PRIMITIVE_END = /[\s,}\]]/g;
/** The next character that matters inside a container. */
const STRUCTURAL = /["{}[\]]/g;
const WS = /\S/g;

const skipWs = (text: string, i: number): number => {
  WS.lastIndex = i;
  return WS.exec(text) ? WS.lastIndex - 1 : text.length;
};

/** End (exclusive) of the string whose opening quote is at `i`. */
const stringEnd = (text: string, i: number): number => {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return text.length;
    let backslashes = 0;
    for (let k = q - 1; text.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
};

/** End (exclusive) of the value starting at `i` (no leading whitespace). */
const valueEnd = (text: string, i: number): number => {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    let j = i;
    for (;;) {
      STRUCTURAL.lastIndex = j;
      const m = STRUCTURAL.exec(text);
      if (!m) return text.length;
      const at = m.index;
      const ch = m[0];
      if (ch === '"') j = stringEnd(text, at);
      else {
        depth += ch === '{' || ch === '[' ? 1 : -1;
        j = at + 1;
        if (depth === 0) return j;
      }
    }
  }
  PRIMITIVE_END.lastIndex = i;
  return PRIMITIVE_END.exec(text) ? PRIMITIVE_END.lastIndex - 1 : text.length;
};

/** The [start, end) of the member value `key` of the object at `i` (its last occurrence), or null. */
const memberSpan = (text: string, i: number, key: string): [number, number] | null => {
  let found: [number, number] | null = null;
  let j = skipWs(text, i + 1);
  if (text[j] === '}') return null;
  for (;;) {
    const kEnd = stringEnd(text, j);
    const name = JSON.parse(text.slice(j, kEnd)) as string;
    j = skipWs(text, kEnd); // at ':'
    const vStart = skipWs(text, j + 1);
    const vEnd = valueEnd(text, vStart);
    if (name === key) found = [vStart, vEnd];
    j = skipWs(text, vEnd);
    if (text[j] !== ',') return found;
    j = skipWs(text, j + 1);
  }
};

/** The [start, end) of element `index` of the array at `i`, or null. */
const elementSpan = (text: string, i: number, index: number): [number, number] | null => {
  let j = skipWs(text, i + 1);
  if (text[j] === ']') return null;
  for (let k = 0; ; k++) {
    const end = valueEnd(text, j);
    if (k === index) return [j, end];
    j = skipWs(text, end);
    if (text[j] !== ',') return null;
    j = skipWs(text, j + 1);
  }
};

/** The [start, end) of the value at `path` in the JSON `text`, or null when it is absent. */
export const jsonValueSpan = (text: string, path: readonly (string | number)[]): [number, number] | null => {
  let start = skipWs(text, 0);
  let end = valueEnd(text, start);
  for (const k of path) {
    const c = text[start];
    const span =
      typeof k === 'number'
        ? c === '['
          ? elementSpan(text, start, k)
          : null
        : c === '{'
          ? memberSpan(text, start, k)
          : null;
    if (!span) return null;
    [start, end] = span;
  }
  return [start, end];
};

type Primitive = string | number | boolean | null;
const isPrimitive = (v: unknown): v is Primitive =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v));

/**
 * `text` with the primitive value at `path` replaced by `value` (a string, finite number, boolean or null), the
 * rest of the text byte for byte as it was; null when the path holds no primitive (the caller writes the whole
 * document instead).
 */
export const replaceJsonValue = (
  text: string,
  path: readonly (string | number)[],
  value: unknown,
): string | null => {
  if (!isPrimitive(value) || Object.is(value, -0)) return null;
  const span = jsonValueSpan(text, path);
  if (!span) return null;
  const c = text[span[0]];
  if (c === '{' || c === '[') return null;
  return `${text.slice(0, span[0])}${JSON.stringify(value)}${text.slice(span[1])}`;
};
