// The scenario document being edited: its text (the source of truth — never lost, even when invalid), the parsed
// JSON draft that the form editor edits, file identity, dirty flag, undo/redo and validation issues.
import { gambitFileHint } from '../../../models/scenario/gambitFileHint';
import type { Issue } from './ModelService';
import { jsonFaithful } from '../util/jsonFaithful';
import { replaceJsonValue } from '../util/jsonSpan';

export type JsonPath = readonly (string | number)[];

/** `['actors', 0, 'payoffs', 'engage']` → `actors[0].payoffs.engage` (the model layer's issue path format). */
export const pathToString = (path: JsonPath): string =>
  path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s === '' ? k : `${s}.${k}`), '');

/** Successive edits of one field within this many ms make one undo step. */
export const COALESCE_MS = 1200;
/**
 * From this many characters on, setting a field that holds a string, number, boolean or null rewrites only that
 * value in the text; a smaller document is written whole, in the canonical layout (2-space JSON).
 */
export const IN_PLACE_EDIT_CHARS = 100_000;
const MAX_HISTORY = 200;

type JsonObject = { [key: string]: unknown };
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Read the value at a path of a JSON value (undefined when absent). */
export const getAt = (root: unknown, path: JsonPath): unknown => {
  let cur: unknown = root;
  for (const k of path) {
    if (typeof k === 'number' ? !Array.isArray(cur) : !isObject(cur)) return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
};

/** Set the value at a path, creating objects/arrays on the way; `undefined` deletes an object key. */
export const setAt = (root: unknown, path: JsonPath, value: unknown): unknown => {
  if (path.length === 0) return value;
  const [k, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof k === 'number') {
    const arr = Array.isArray(root) ? [...(root as unknown[])] : [];
    arr[k] = setAt(arr[k], rest, value);
    return arr;
  }
  const obj: JsonObject = isObject(root) ? { ...root } : {};
  const next = setAt(obj[k], rest, value);
  if (next === undefined) delete obj[k];
  else obj[k] = next;
  return obj;
};

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false; error: string } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const hint = gambitFileHint(text);
    if (hint !== null) return { ok: false, error: hint };
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const col = pos - before.lastIndexOf('\n');
      return { ok: false, error: `Not valid JSON at line ${line}, column ${col}: ${msg}` };
    }
    return { ok: false, error: `Not valid JSON: ${msg}` };
  }
};

export const stringify = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export class DocumentState {
  /** The file text: the source of truth. */
  text = $state('');
  /** The text as last saved/opened (dirty = text differs). */
  savedText = $state('');
  path = $state<string | null>(null);
  name = $state('untitled.parley.json');
  /** The parsed JSON of the text, or of the last text that was valid JSON. */
  draft = $state.raw<unknown>(null);
  /** Set when the text is not valid JSON (the form editor is then read-only; the text is kept). */
  jsonError = $state<string | null>(null);
  /** Validation problems of the current text (paths as in the model layer). */
  issues = $state.raw<readonly Issue[]>([]);
  warnings = $state.raw<readonly Issue[]>([]);
  /** True while the current text has not been checked yet. */
  checking = $state(false);

  #undo = $state.raw<string[]>([]);
  #redo = $state.raw<string[]>([]);
  #lastKey: string | null = null;
  #lastAt = 0;
  readonly #now: () => number;
  /** Called after every change of text (AppState schedules validation). */
  onChange: (() => void) | null = null;

  dirty = $derived(this.text !== this.savedText);
  canUndo = $derived(this.#undo.length > 0);
  canRedo = $derived(this.#redo.length > 0);
  /** The title in the draft, else the file name. */
  title = $derived.by(() => {
    const t = getAt(this.draft, ['title']);
    return typeof t === 'string' && t.trim() !== '' ? t : this.name;
  });

  constructor(now: () => number = () => Date.now()) {
    this.#now = now;
  }

  /** Replace the document (open, new, restore): history is cleared. `saved` false marks it dirty (restore). */
  load(text: string, file: { path: string | null; name: string; saved?: boolean }): void {
    this.path = file.path;
    this.name = file.name;
    this.savedText = file.saved === false ? '' : text;
    this.#undo = [];
    this.#redo = [];
    this.#lastKey = null;
    this.issues = [];
    this.warnings = [];
    this.#apply(text);
  }

  /** Edit the raw text (the Source view). */
  setText(text: string, coalesceKey: string | null = 'source'): void {
    if (text === this.text) return;
    this.#record(coalesceKey);
    this.#apply(text);
  }

  /** A structured edit of the JSON draft; refused (false) while the text is not valid JSON. */
  update(mutate: (draft: unknown) => unknown, coalesceKey: string | null = null): boolean {
    if (this.jsonError !== null) return false;
    return this.#commit(mutate(structuredClone(this.draft)), coalesceKey, false);
  }

  /**
   * Set one field (typing in one field coalesces into one undo step). setAt copies only the objects along the
   * path, so the draft is neither cloned nor parsed again. In a big document (IN_PLACE_EDIT_CHARS and more) a
   * primitive value that exists already is replaced in place in the text (jsonSpan.ts), the rest kept as it was:
   * for a 5 MB scenario, writing the whole document again blocked the page for hundreds of ms per keystroke.
   */
  setField(path: JsonPath, value: unknown): boolean {
    if (this.jsonError !== null) return false;
    const key = `field:${pathToString(path)}`;
    const next = setAt(this.draft, path, value);
    if (this.text.length >= IN_PLACE_EDIT_CHARS && value !== undefined && this.get(path) !== undefined) {
      const text = replaceJsonValue(this.text, path, value);
      if (text !== null) return this.#write(text, { value: next }, key);
    }
    // adopted as the draft only when it is what parsing the text gives (setAt may create holes along a new path)
    const parent = this.get(path.slice(0, -1));
    const adopt =
      (value === undefined || jsonFaithful(value)) &&
      typeof parent === 'object' &&
      parent !== null &&
      !Array.isArray(parent);
    return this.#commit(next, key, adopt);
  }

  /** Write `next` as the text; `adopt`: `next` is what parsing that text gives (kept as the draft). */
  #commit(next: unknown, coalesceKey: string | null, adopt: boolean): boolean {
    return this.#write(stringify(next), adopt ? { value: next } : null, coalesceKey);
  }

  #write(text: string, draft: { readonly value: unknown } | null, coalesceKey: string | null): boolean {
    if (text === this.text) return true;
    this.#record(coalesceKey);
    this.#apply(text, draft);
    return true;
  }

  get(path: JsonPath): unknown {
    return getAt(this.draft, path);
  }

  undo(): void {
    const prev = this.#undo.at(-1);
    if (prev === undefined) return;
    this.#undo = this.#undo.slice(0, -1);
    this.#redo = [...this.#redo, this.text];
    this.#lastKey = null;
    this.#apply(prev);
  }

  redo(): void {
    const next = this.#redo.at(-1);
    if (next === undefined) return;
    this.#redo = this.#redo.slice(0, -1);
    this.#undo = [...this.#undo, this.text];
    this.#lastKey = null;
    this.#apply(next);
  }

  markSaved(file: { path: string; name: string }, text: string = this.text): void {
    this.path = file.path;
    this.name = file.name;
    this.savedText = text;
  }

  /** Issues at this path or below it (for showing at a field or a section). */
  issuesAt(path: JsonPath | string, exact = false): readonly Issue[] {
    const p = typeof path === 'string' ? path : pathToString(path);
    return this.issues.filter(
      (i) => i.path === p || (!exact && (i.path.startsWith(`${p}.`) || i.path.startsWith(`${p}[`))),
    );
  }

  #record(coalesceKey: string | null): void {
    const now = this.#now();
    const merge = coalesceKey !== null && coalesceKey === this.#lastKey && now - this.#lastAt < COALESCE_MS;
    if (!merge) this.#undo = [...this.#undo.slice(-(MAX_HISTORY - 1)), this.text];
    this.#redo = [];
    this.#lastKey = coalesceKey;
    this.#lastAt = now;
  }

  #apply(text: string, known: { readonly value: unknown } | null = null): void {
    this.text = text;
    const parsed = known ? { ok: true as const, value: known.value } : parseJson(text);
    if (parsed.ok) {
      this.draft = parsed.value;
      this.jsonError = null;
    } else {
      this.jsonError = parsed.error;
    }
    this.checking = true;
    this.onChange?.();
  }
}
