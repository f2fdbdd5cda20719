// Issue 10: the web page never blocks its main thread for more than 200 ms on any file. A PerformanceObserver for
// 'longtask' records the longest main-thread task while the page opens a file (drop), edits it, and restores it
// from autosave after a reload, for (a) a 5 MB scenario near the limits, (b) 8,000 derived values, (c) a big .nfg.
// The figures are printed (the closing note quotes them) with the phases over the 200 ms budget. What the test
// asserts is the work moved: the check (parse, validate, compile: mathjs) runs in the check worker, never on the
// page's thread (its chunk is never loaded by the page). The 200 ms budget itself is not asserted yet: the page
// still does work proportional to the file after a check (the engine job's structured clone to its workers,
// the synchronous localStorage autosave, rendering every derived value): see ARCHITECTURE.md, "Checks".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoReady, openApp, type Harness } from './harness';
import { BIG_SHAPES } from '../hostile/bigScenarios';

const BUDGET_MS = 200;

type LtGlobals = {
  __longest: number;
  __longTasks: number[];
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
    (globalThis as unknown as LtGlobals).__longest = 0;
  });

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
    await gotoReady(h);
  });
  afterAll(async () => {
    console.log(`longest main-thread task (ms): ${JSON.stringify(figures, null, 1)}`);
    await h?.close();
  });

  it.each(FILES)('%s: open, edit, restore from autosave', async (label, name, make) => {
    const text = make();
    const f: Record<string, number | string> = { chars: text.length };
    figures[label] = f;
    await h.page.getByTestId('tab-model').click();
    await h.page.evaluate(() =>
      (globalThis as unknown as LtGlobals).localStorage.removeItem('parley.autosave.v1'),
    );
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
    // edit: the title (a structured edit re-serialises the whole document and re-checks it)
    await resetLongest(h);
    const title = h.page.getByLabel('Title', { exact: true });
    if (!/not valid JSON/.test(String(f.status))) {
      await title.fill('Edited title');
    } else {
      await h.page.keyboard.press('End'); // not JSON (the web page opens scenarios only): no structured edit
    }
    await h.page.waitForTimeout(3_500); // autosave runs 3 s after the last edit
    f.edit = await longest(h);
    // restore from autosave after a reload
    const stored = await h.page.evaluate(
      () => (globalThis as unknown as LtGlobals).localStorage.getItem('parley.autosave.v1')?.length ?? 0,
    );
    f.autosaved = stored;
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
    }
    f.overBudget = (['open', 'edit', 'restore'] as const)
      .filter((p) => typeof f[p] === 'number' && (f[p] as number) > BUDGET_MS)
      .join(' ');
    expect(h.errors).toEqual([]);
    // the work moved: the page started the check worker and never loaded the checker (mathjs) itself
    const scripts = await h.page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => e.name.split('/').pop() ?? ''),
    );
    expect(scripts.some((n) => n.startsWith('check.worker'))).toBe(true);
    expect(scripts.filter((n) => /^(checkScenarioText|parseScenario|mathjs)/.test(n))).toEqual([]);
  });
});
