// Pure helpers for structured edits of the scenario JSON (records keep their key order; arrays are copied).
type Rec = Record<string, unknown>;

const asRecord = (v: unknown): Rec =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {};

export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Why `id` is not usable as a new key in `record` (null = fine). */
export const idProblem = (id: string, taken: readonly string[]): string | null => {
  if (id === '') return 'must not be empty';
  if (!ID_PATTERN.test(id)) return 'must start with a letter and contain only letters, digits and _';
  if (id.length > 64) return 'must be at most 64 characters';
  if (taken.includes(id)) return `"${id}" is already used`;
  return null;
};

export const renameKey = (record: unknown, from: string, to: string): Rec => {
  const out: Rec = {};
  for (const [k, v] of Object.entries(asRecord(record))) out[k === from ? to : k] = v;
  return out;
};

export const moveKey = (record: unknown, key: string, delta: number): Rec => {
  const entries = Object.entries(asRecord(record));
  const i = entries.findIndex(([k]) => k === key);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= entries.length) return asRecord(record);
  const [item] = entries.splice(i, 1);
  if (item) entries.splice(j, 0, item);
  return Object.fromEntries(entries);
};

export const removeKey = (record: unknown, key: string): Rec =>
  Object.fromEntries(Object.entries(asRecord(record)).filter(([k]) => k !== key));

export const addKey = (record: unknown, key: string, value: unknown): Rec => ({
  ...asRecord(record),
  [key]: value,
});

/** A fresh id `base`, `base2`, `base3`… not in `taken`. */
export const freshId = (base: string, taken: readonly string[]): string => {
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base}${i}`)) return `${base}${i}`;
};

export const moveIndex = <T>(list: readonly T[], i: number, delta: number): T[] => {
  const out = [...list];
  const j = i + delta;
  if (i < 0 || i >= out.length || j < 0 || j >= out.length) return out;
  const [item] = out.splice(i, 1);
  out.splice(j, 0, item as T);
  return out;
};

export const removeIndex = <T>(list: readonly T[], i: number): T[] => list.filter((_, k) => k !== i);

export const keysOf = (v: unknown): string[] => Object.keys(asRecord(v));
export const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
