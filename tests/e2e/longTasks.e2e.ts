// Issue 10: the web page never blocks its main thread for more than 200 ms on any file. A PerformanceObserver for
// 'longtask' records the longest main-thread task while the page opens a file (drop), edits it, and restores it
// from autosave after a reload, for (a) a 5 MB scenario near the limits, (b) 8,000 derived values, (c) a big .nfg.
// The figures are printed (the closing note quotes them) with the phases over the 200 ms budget; they depend on
// the machine's load, so they are not asserted. What is asserted is the work that made those tasks long, counted
// on the page's thread whatever the machine: no object graph that grows with the file is structured-cloned to or
// from a worker (the engine gets the spec as a Blob made by the check worker, the check's answer is the spec's
// JSON text without the parsed scenario), no synchronous localStorage write of the autosave (IndexedDB, written
// by a worker), a bounded number of rows rendered (the editor's and the sliders' lists are windows), and the
// check (parse, validate, compile: mathjs) never runs on the page's thread (its chunk is never loaded).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoReady, openApp, type Harness } from './harness';
import { BIG_SHAPES } from '../hostile/bigScenarios';

const BUDGET_MS = 200;
/** Objects and arrays structured-cloned by the page per phase, to or from workers: a bound that does not grow with
 * the file (the engine's jobs and results, the check's answer; measured at most ~350). Before, the spec's graph
 * (~36,000 for (a) and (b)) was cloned once per engine worker per run, and the check's answer added it again
 * with the parsed scenario. */
const MAX_CLONED_NODES = 5_000;
/** Rows a long list renders (ListWindowState's page, LIST_PAGE = 25), per list. */
const MAX_ROWS = 25;

type Work = { clonedNodes: number; postedChars: number; autosaveStorageWrites: number };
type LtGlobals = {
  __longest: number;
  __longTasks: number[];
  __work: Work;
  localStorage: { removeItem(k: string): void; getItem(k: string): string | null };
  DataTransfer: new () => { items: { add(f: unknown): void } };
  File: new (parts: string[], name: string, o?: { type?: string }) => unknown;
  DragEvent: new (type: string, init: Record<string, unknown>) => unknown;
  dispatchEvent(e: unknown): boolean;
};

const derived8000 = (): string =>
  JSON.stringify({
    format: 'parley.scenario/1',
    title: 'Eight thousand derived values',
    parameters: { a: { label: 'A', default: 2, min: 0, max: 4 } },
    derived: Object.fromEntries(
      Array.from({ length: 8_000 }, (_, i) => [
        `d${i}`,
        { label: `d${i}`, value: i ? `d${i - 1} + 1` : 'a' },
      ]),
    ),
    actors: [
      {
        id: 'P',
        name: 'P',
        strategies: [
          { id: 'up', label: 'Up' },
          { id: 'down', label: 'Down' },
        ],
        payoffs: { up: 'd7999 * Q.left', down: '1' },
      },
      {
        id: 'Q',
        name: 'Q',
        strategies: [
          { id: 'left', label: 'Left' },
          { id: 'right', label: 'Right' },
        ],
        payoffs: { left: 'P.up', right: 'P.down' },
      },
    ],
  });

/** A 2-player strategic-form game with 300 × 300 strategies (Gambit's .nfg, about 1 MB). */
const bigNfg = (): string => {
  const n = 300;
  const labels = (p: string) => Array.from({ length: n }, (_, i) => `"${p}${i}"`).join(' ');
  const pays: string[] = [];
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) pays.push(`${(i * 7 + j) % 11} ${(i + j * 5) % 13}`);
  return `NFG 1 R "Big" { "Row" "Column" }\n{ { ${labels('r')} }\n{ ${labels('c')} }\n}\n""\n\n${pays.join(' ')}\n`;
};

const FILES: [label: string, name: string, text: () => string][] = [
  [
    '(a) 5 MB scenario near the limits (9,000 derived values)',
    'big.parley.json',
    BIG_SHAPES['derived-chain']!,
  ],
  ['(b) 8,000 derived values', 'derived.parley.json', derived8000],
  ['(c) 300 × 300 .nfg', 'big.nfg', bigNfg],
];

const longest = (h: Harness): Promise<number> =>
  h.page.evaluate(() => (globalThis as unknown as LtGlobals).__longest);
const resetLongest = (h: Harness): Promise<void> =>
  h.page.evaluate(() => {
    const g = globalThis as unknown as LtGlobals;
    g.__longest = 0;
    g.__work = { clonedNodes: 0, postedChars: 0, autosaveStorageWrites: 0 };
  });
const work = (h: Harness): Promise<Work> =>
  h.page.evaluate(() => ({ ...(globalThis as unknown as LtGlobals).__work }));

/**
 * Counts, on the page's thread, the work a structured clone does: objects and arrays (a Blob, an ArrayBuffer or a
 * typed array is one node; a string's characters are counted apart: copied, not walked) in every message the page
 * posts to a worker or receives from one, and synchronous localStorage writes of the autosave entry.
 */
const countWork = (): void => {
  const g = globalThis as unknown as LtGlobals & {
    Worker: { prototype: { postMessage(m: unknown, t?: unknown): void } } & (new (
      ...a: unknown[]
    ) => EventTarget);
    Storage: { prototype: { setItem(k: string, v: string): void } };
    ArrayBuffer: { isView(v: unknown): boolean };
  };
  g.__work = { clonedNodes: 0, postedChars: 0, autosaveStorageWrites: 0 };
  const count = (m: unknown): void => {
    const stack: unknown[] = [m];
    let nodes = 0;
    while (stack.length > 0 && nodes < 5_000_000) {
      const x = stack.pop();
      if (typeof x === 'string') g.__work.postedChars += x.length;
      if (typeof x !== 'object' || x === null) continue;
      nodes += 1;
      if (x instanceof Blob || x instanceof ArrayBuffer || g.ArrayBuffer.isView(x)) continue;
      for (const v of Object.values(x)) stack.push(v);
    }
    g.__work.clonedNodes += nodes;
  };
  const post = g.Worker.prototype.postMessage;
  g.Worker.prototype.postMessage = function (this: unknown, m: unknown, t?: unknown) {
    count(m);
    return post.call(this, m, t);
  };
  g.Worker = new Proxy(g.Worker, {
    construct: (target, args, newTarget) => {
      const w = Reflect.construct(target, args, newTarget) as EventTarget;
      w.addEventListener('message', (e) => count((e as MessageEvent).data));
      return w;
    },
  });
  const setItem = g.Storage.prototype.setItem;
  g.Storage.prototype.setItem = function (this: unknown, k: string, v: string) {
    if (k === 'parley.autosave.v1') g.__work.autosaveStorageWrites += 1;
    return setItem.call(this, k, v);
  };
};

/** The title in a scenario's text. */
const titleOf = (text: string): string => String((JSON.parse(text) as { title?: unknown }).title ?? '');

/** Characters of the autosaved text in the page's IndexedDB (-1: none); `clear` deletes the entry first. Page
 * code as text: this file is type-checked without the DOM's types. */
const autosaved = (h: Harness, clear = false): Promise<number> =>
  h.page.evaluate(`new Promise((ok, fail) => {
    const open = indexedDB.open('parley', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('autosave');
    open.onerror = () => fail(new Error('IndexedDB did not open'));
    open.onsuccess = () => {
      const db = open.result;
      const t = db.transaction('autosave', 'readwrite');
      const store = t.objectStore('autosave');
      if (${String(clear)}) store.delete('current');
      const get = store.get('current');
      t.oncomplete = () => {
        db.close();
        ok(typeof get.result?.text === 'string' ? get.result.text.length : -1);
      };
    };
  })`);

/** Rows rendered by the editor's record lists and by the parameter sliders. */
const rows = (h: Harness): Promise<{ editor: number; sliders: number }> =>
  h.page.evaluate(`({
    editor: document.querySelectorAll('[data-testid="model-editor"] li.item').length,
    sliders: document.querySelectorAll('[data-testid="parameter-sliders"] input[type="range"]').length,
  })`);

/** Wait until the editor's status shows the check's answer (not "Checking…"), then let the page settle. */
const settled = async (h: Harness): Promise<string> => {
  const status = h.page.getByTestId('model-editor').locator('.status');
  const first = async (): Promise<string> => (await status.innerText()).trim().split('\n')[0] ?? '';
  await expect
    .poll(first, { timeout: 120_000, interval: 250 })
    .toMatch(/Valid scenario|problem|not valid JSON/);
  await h.page.waitForTimeout(1_000); // late tasks (charts, game view) are recorded too
  return (await status.innerText()).trim().split('\n')[0] ?? '';
};

describe('long main-thread tasks on big files (web page)', () => {
  let h: Harness;
  const figures: Record<string, Record<string, number | string>> = {};
  beforeAll(async () => {
    h = await openApp();
    await h.ctx.addInitScript(() => {
      const g = globalThis as unknown as LtGlobals;
      g.__longest = 0;
      g.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          g.__longTasks.push(Math.round(e.duration));
          g.__longest = Math.max(g.__longest, Math.round(e.duration));
        }
      }).observe({ type: 'longtask' as 'mark', buffered: true }); // a browser entry type Node's types lack
    });
    await h.ctx.addInitScript(countWork);
    await gotoReady(h);
  });
  afterAll(async () => {
    console.log(`longest main-thread task (ms): ${JSON.stringify(figures, null, 1)}`);
    await h?.close();
  });

  it.each(FILES)('%s: open, edit, restore from autosave', async (label, name, make) => {
    const text = make();
    const f: Record<string, number | string> = { chars: text.length };
    const phases: Record<string, Work> = {};
    const json = name.endsWith('.json');
    figures[label] = f;
    await h.page.getByTestId('tab-model').click();
    await autosaved(h, true);
    // open: a dropped file (the File is made first: handing 5 MB to the page is the test's work, not the app's)
    await h.page.evaluate(
      ([t, n]) => {
        const g = globalThis as unknown as LtGlobals & { __drop: unknown };
        const dt = new g.DataTransfer();
        dt.items.add(new g.File([t as string], n as string, { type: 'application/json' }));
        g.__drop = new g.DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
      },
      [text, name],
    );
    await h.page.waitForTimeout(500);
    await resetLongest(h);
    await h.page.evaluate(() => {
      const g = globalThis as unknown as LtGlobals & { __drop: unknown };
      g.dispatchEvent(g.__drop);
    });
    const discard = h.page.getByTestId('discard');
    // the previous file was left unsaved (restored): the page asks first
    if (
      await discard.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      )
    )
      await discard.click();
    f.status = await settled(h);
    f.open = await longest(h);
    phases.open = await work(h);
    // edit: the title (a structured edit re-serialises the whole document and re-checks it)
    await resetLongest(h);
    const title = h.page.getByLabel('Title', { exact: true });
    if (!/not valid JSON/.test(String(f.status))) {
      await title.fill('Edited title');
    } else {
      await h.page.keyboard.press('End'); // not JSON (the web page opens scenarios only): no structured edit
    }
    await h.page.waitForTimeout(3_500); // autosave runs 3 s after the last edit
    if (json) await expect.poll(() => autosaved(h), { timeout: 30_000 }).toBeGreaterThan(0);
    f.edit = await longest(h);
    phases.edit = await work(h);
    const stored = await autosaved(h);
    f.autosaved = stored;
    if (json) {
      // the long lists: the derived values' section and the parameter sliders render one window each
      await resetLongest(h);
      await h.page.getByRole('button', { name: 'State & derived' }).click();
      await h.page.waitForTimeout(1_000);
      f.section = await longest(h);
      phases.section = await work(h);
      const r = await rows(h);
      f.rows = `${r.editor} editor, ${r.sliders} sliders`;
      expect(r.editor).toBeGreaterThan(0);
      expect(r.editor).toBeLessThanOrEqual(2 * MAX_ROWS); // state variables and derived values
      expect(r.sliders).toBeGreaterThan(0);
      expect(r.sliders).toBeLessThanOrEqual(MAX_ROWS);
      // keyboard: "Show more" is a button in the tab order; Enter renders the next page
      const more = h.page
        .getByTestId('model-editor')
        .getByRole('button', { name: /^Show \d+ more/ })
        .last(); // the derived values' list
      await more.focus();
      await h.page.keyboard.press('Enter');
      await expect.poll(async () => (await rows(h)).editor).toBe(r.editor + MAX_ROWS);
      await h.page.getByRole('button', { name: 'Overview' }).click();
    }
    // restore from autosave after a reload
    if (stored > 0) {
      await h.page.reload();
      await h.page.getByTestId('app-shell').waitFor({ timeout: 60_000 });
      const banner = h.page.getByTestId('restore-banner');
      await banner.waitFor({ timeout: 60_000 });
      f.reload = await longest(h); // page start-up included (bundle parse): printed, not budgeted
      await resetLongest(h);
      await banner.getByRole('button', { name: 'Restore it' }).click();
      await h.page.getByTestId('tab-model').click();
      f.restore = await settled(h);
      f.restore = await longest(h);
      phases.restore = await work(h);
    }
    f.work = JSON.stringify(phases);
    f.overBudget = (['open', 'edit', 'section', 'restore'] as const)
      .filter((p) => typeof f[p] === 'number' && (f[p] as number) > BUDGET_MS)
      .join(' ');
    expect(h.errors).toEqual([]);
    // the work that grew with the file is gone from the page's thread, whatever the machine's load
    for (const [phase, w] of Object.entries(phases)) {
      expect(w.clonedNodes, phase).toBeLessThanOrEqual(MAX_CLONED_NODES);
      expect(w.autosaveStorageWrites, phase).toBe(0);
    }
    // the title was replaced in place: the rest of the 5 MB text was not written again (JSON.stringify of the
    // whole document blocked the page for hundreds of ms per keystroke)
    if (json) expect(stored).toBe(text.length + 'Edited title'.length - titleOf(text).length);
    // the work moved: the page started the check worker and never loaded the checker (mathjs) itself
    const scripts = await h.page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => e.name.split('/').pop() ?? ''),
    );
    expect(scripts.some((n) => n.startsWith('check.worker'))).toBe(true);
    expect(scripts.filter((n) => /^(checkScenarioText|parseScenario|mathjs)/.test(n))).toEqual([]);
  });
});
