// Issue 10: the work that grew with the file is off the page's main thread. Each cause is pinned here by what
// crosses or is written (work counters, never time): the check's answer and the engine's job carry the spec as
// text or a Blob, never its object graph; a structured edit of a big document rewrites one value in place; a long
// list renders one window; autosave never writes localStorage synchronously when IndexedDB exists.
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { checkScenarioText } from '../../../renderer/lib/state/checkScenarioText';
import { jsonFaithful } from '../../../renderer/lib/util/jsonFaithful';
import {
  decodeSpecJobMessage,
  rememberSpecWire,
  specJobMessage,
} from '../../../renderer/lib/simulation/specWire';
import { DocumentState, IN_PLACE_EDIT_CHARS } from '../../../renderer/lib/state/DocumentState.svelte';
import { LIST_PAGE, ListWindowState } from '../../../renderer/lib/state/ListWindowState.svelte';
import { createBrowserPlatform } from '../../../renderer/lib/platform/BrowserPlatform';
import {
  workerAutosaveStore,
  type AutosaveRecord,
  type AutosaveStore,
  type AutosaveWorkerLike,
} from '../../../renderer/lib/platform/autosaveStore';
import { builtinText } from '../../../models/scenario/builtins';
import { makeJob } from '../../../models/engine/makeJob';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import { INPUT_LIMITS } from '../../../models/text/inputLimits';

/** Objects and arrays a structured clone of `v` walks (a Blob is one). */
const nodes = (v: unknown): number => {
  if (typeof v !== 'object' || v === null) return 0;
  if (v instanceof Blob) return 1;
  return 1 + Object.values(v).reduce<number>((n, x) => n + nodes(x), 0);
};

const korea = (): { text: string; spec: ModelSpec } => {
  const r = checkScenarioText(builtinText('korea-2025'), 'korea-2025.parley.json');
  if (!r.ok || r.specText === null) throw new Error('korea-2025 did not check');
  return { text: r.specText, spec: JSON.parse(r.specText) as ModelSpec };
};

describe('the check answers with the spec as JSON text, not object graphs', () => {
  it('carries no parsed scenario and the spec only as text that parses to it', () => {
    const r = checkScenarioText(builtinText('korea-2025'), 'korea-2025.parley.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r).sort()).toEqual(['ok', 'spec', 'specText', 'warnings']);
    expect(r.spec).toBeNull();
    expect(typeof r.specText).toBe('string');
    expect(nodes(r)).toBeLessThan(10); // the answer itself; korea-2025's spec graph has hundreds
    expect(nodes(JSON.parse(r.specText as string))).toBeGreaterThan(100);
  });

  it('jsonFaithful refuses what JSON would change', () => {
    expect(jsonFaithful({ a: [1, 'x', true, null, { b: 2 }], c: undefined })).toBe(true);
    for (const bad of [Infinity, NaN, -0, [1, undefined], new Map(), new Float64Array(1), () => 1])
      expect(jsonFaithful({ v: bad })).toBe(false);
    // eslint-disable-next-line no-sparse-arrays
    expect(jsonFaithful([1, , 3])).toBe(false);
  });
});

describe('the engine job carries the spec as a Blob (or text) the check made', () => {
  it('replaces a remembered spec by its wire form, and the worker side restores the same job', async () => {
    const { text, spec } = korea();
    const job = makeJob(spec, { seed: 1, trials: 100 });
    const msg = { type: 'chunk' as const, task: 1, job, chunk: 0 };
    // not remembered: the engine's message as it was
    expect(specJobMessage(msg)).toBe(msg);
    rememberSpecWire(spec, text, new Blob([text]));
    const wire = specJobMessage(msg);
    expect(wire.type).toBe('chunk-spec-wire');
    expect(nodes(wire)).toBeLessThan(20); // the job's own fields, the spec a Blob handle
    expect(nodes(msg)).toBeGreaterThan(100);
    expect(await decodeSpecJobMessage(wire)).toEqual(msg);
    // other messages pass through
    const next = { type: 'next' as const, task: 1 };
    expect(specJobMessage(next)).toBe(next);
    expect(await decodeSpecJobMessage(next)).toBe(next);
  });
});

describe('a structured edit of a big document rewrites one value in place', () => {
  const big = (): string =>
    JSON.stringify({
      title: 'Big',
      derived: Object.fromEntries(
        Array.from({ length: 4_000 }, (_, i) => [`d${i}`, { label: `d${i}`, value: `d${i} + 1` }]),
      ),
    });

  it('keeps every other byte of the text (no re-serialisation), and undo restores it exactly', () => {
    const text = big();
    expect(text.length).toBeGreaterThan(IN_PLACE_EDIT_CHARS);
    const doc = new DocumentState(() => 0);
    doc.load(text, { path: null, name: 'big.parley.json' });
    doc.setField(['derived', 'd3999', 'label'], 'last "one"');
    flushSync();
    expect(doc.text).toBe(text.replace('"label":"d3999"', '"label":"last \\"one\\""'));
    expect(doc.draft).toEqual(JSON.parse(doc.text));
    doc.setField(['title'], 7);
    expect(doc.text.startsWith('{"title":7,')).toBe(true);
    expect(doc.draft).toEqual(JSON.parse(doc.text));
    doc.undo();
    doc.undo();
    expect(doc.text).toBe(text);
  });

  it('writes the canonical layout when the value is new, and for a small document', () => {
    const doc = new DocumentState(() => 0);
    doc.load(big(), { path: null, name: 'big.parley.json' });
    doc.setField(['summary'], 'new field');
    expect(doc.text).toBe(`${JSON.stringify(JSON.parse(doc.text), null, 2)}\n`);
    expect(doc.draft).toEqual(JSON.parse(doc.text));
    const small = new DocumentState(() => 0);
    small.load('{"title":"A"}', { path: null, name: 'a.parley.json' });
    small.setField(['title'], 'B');
    expect(small.text).toBe('{\n  "title": "B"\n}\n');
  });
});

describe('ListWindowState: a long list renders one window', () => {
  const keys = Array.from({ length: 1_000 }, (_, i) => `k${i}`);

  it('renders a page, more on request, matches by id or label, and always an item revealed by name', () => {
    const w = new ListWindowState();
    expect(w.view(keys).visible).toEqual(keys.slice(0, LIST_PAGE));
    expect(w.view(keys).hidden).toBe(1_000 - LIST_PAGE);
    w.showMore();
    expect(w.view(keys).visible).toHaveLength(2 * LIST_PAGE);
    w.setFilter('K99');
    expect(w.view(keys).visible).toEqual([
      'k99',
      'k990',
      'k991',
      'k992',
      'k993',
      'k994',
      'k995',
      'k996',
      'k997',
      'k998',
      'k999',
    ]);
    w.setFilter('needle');
    expect(w.view(keys, (k) => (k === 'k500' ? 'a Needle here' : '')).visible).toEqual(['k500']);
    w.setFilter('');
    w.reveal('k900');
    const v = w.view(keys);
    expect(v.visible).toHaveLength(LIST_PAGE + 1);
    expect(v.visible.at(-1)).toBe('k900');
  });
});

describe('autosave in the browser: asynchronous, never a synchronous localStorage write', () => {
  const countingStorage = () => {
    const m = new Map<string, string>();
    const writes: string[] = [];
    const storage = {
      get length() {
        return m.size;
      },
      clear: () => m.clear(),
      getItem: (k: string) => m.get(k) ?? null,
      key: (i: number) => [...m.keys()][i] ?? null,
      removeItem: (k: string) => void m.delete(k),
      setItem: (k: string, v: string) => {
        writes.push(k);
        m.set(k, String(v));
      },
    } as Storage;
    return { storage, writes, m };
  };
  const memoryStore = (): AutosaveStore & { value: unknown } => {
    const s = {
      value: null as unknown,
      get: async () => s.value,
      put: async (v: AutosaveRecord) => void (s.value = v),
      clear: async () => void (s.value = null),
    };
    return s;
  };

  it('writes the autosave store, not localStorage; restores, clears, and caps the size', async () => {
    const { storage, writes } = countingStorage();
    const store = memoryStore();
    const platform = createBrowserPlatform({ storage, autosaveStore: store, now: () => new Date(0) });
    await platform.autosave({ text: 'T', path: null });
    expect(writes).toEqual([]);
    expect(await platform.restorable()).toEqual({
      text: 'T',
      path: null,
      savedAt: '1970-01-01T00:00:00.000Z',
    });
    // a text larger than a scenario may be is not stored (the older entry stays) nor offered
    await platform.autosave({ text: 'x'.repeat(INPUT_LIMITS.scenarioTextChars + 1), path: null });
    expect(await platform.restorable()).toMatchObject({ text: 'T' });
    store.value = { text: 'y'.repeat(INPUT_LIMITS.scenarioTextChars + 1), path: null, savedAt: '' };
    expect(await platform.restorable()).toBeNull();
    await platform.autosave(null);
    expect(await platform.restorable()).toBeNull();
    expect(writes).toEqual([]);
  });

  it("offers an older version's localStorage entry once, and removes it on the next autosave", async () => {
    const { storage, m } = countingStorage();
    m.set('parley.autosave.v1', JSON.stringify({ text: 'OLD', path: 'a.json', savedAt: 's' }));
    const platform = createBrowserPlatform({ storage, autosaveStore: memoryStore() });
    expect(await platform.restorable()).toEqual({ text: 'OLD', path: 'a.json', savedAt: 's' });
    await platform.autosave({ text: 'NEW', path: null });
    expect(m.has('parley.autosave.v1')).toBe(false);
    expect(await platform.restorable()).toMatchObject({ text: 'NEW' });
  });

  it('the worker-backed store writes in order through the worker, and falls back when it fails', async () => {
    const direct = memoryStore();
    const sent: unknown[] = [];
    let w: AutosaveWorkerLike | null = null;
    const store = workerAutosaveStore(() => {
      w = {
        onmessage: null,
        onerror: null,
        postMessage: (m) => {
          sent.push(m);
          queueMicrotask(() => w?.onmessage?.({ data: { id: m.id } } as MessageEvent<{ id: number }>));
        },
      };
      return w;
    }, direct);
    await store.put({ text: 'A', path: null, savedAt: '' });
    await store.clear();
    // after the first put, a big text crosses as a delta against the one the worker holds
    const big = 'x'.repeat(100_000);
    await store.put({ text: big, path: 'p', savedAt: 's' });
    await store.put({ text: `${big}y`, path: 'p', savedAt: 't' });
    expect(sent).toEqual([
      { id: 1, op: 'put', path: null, savedAt: '', text: 'A' },
      { id: 2, op: 'clear' },
      { id: 3, op: 'put', path: 'p', savedAt: 's', text: big },
      { id: 4, op: 'put', path: 'p', savedAt: 't', delta: { start: 100_000, end: 100_000, insert: 'y' } },
    ]);
    expect(direct.value).toBeNull(); // written by the worker, not here
    (w as AutosaveWorkerLike | null)?.onerror?.({ preventDefault: () => undefined } as ErrorEvent);
    await store.put({ text: 'B', path: null, savedAt: '' });
    expect(direct.value).toMatchObject({ text: 'B' });
  });
});
