// Live what-if: moving "Russia's support" re-estimates the probability of talks in a worker and redraws it;
// the time from the slider change to the redrawn estimate is measured and written to metrics.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openApp, SHOT_DIR, type Harness } from './harness';
import {
  median,
  mergeMetrics,
  openDefault,
  RUSSIA_SUPPORT,
  type BrowserGlobals,
  type DomEl,
} from './simulationE2eHelpers';

describe('live estimate', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openApp();
  });
  afterAll(async () => {
    await h.close();
  });

  it('changing Russia’s support changes the probability of talks, redrawn quickly', async () => {
    const { page } = h;
    await openDefault(page, h.url);
    const live = page.getByTestId('live-estimate');
    await page.waitForFunction(
      () =>
        Number(
          (globalThis as unknown as BrowserGlobals).document.querySelector('[data-testid="live-estimate"]')
            ?.dataset.seq,
        ) >= 1,
      undefined,
      { timeout: 30_000 },
    );
    const talks = live.locator('li', { hasText: /talks/i }).first().locator('.value');
    const before = await talks.textContent();
    expect(before).toMatch(/%$/);

    const slider = page.getByRole('slider', { name: RUSSIA_SUPPORT });
    const { min, max } = await slider.evaluate((el: DomEl) => ({
      min: Number(el.min),
      max: Number(el.max),
    }));
    // a sequence of moves, each timed from the input event to the estimate redrawn (after the next frame)
    const targets = [0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.05].map((f) => min + f * (max - min));
    const move = (value: number): Promise<{ first: number; full: number }> =>
      slider.evaluate(async (el: DomEl, v: number) => {
        const g = globalThis as unknown as BrowserGlobals;
        const box = g.document.querySelector('[data-testid="live-estimate"]');
        if (!box) throw new Error('no live estimate');
        const seq0 = Number(box.dataset.seq);
        const painted = () =>
          new Promise<number>((r) =>
            g.requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)),
          );
        const seqAtLeast = (n: number) =>
          new Promise<void>((resolve, reject) => {
            if (Number(box.dataset.seq) >= n) return resolve();
            const timer = setTimeout(() => reject(new Error('no new estimate within 15 s')), 15_000);
            const obs = new g.MutationObserver(() => {
              if (Number(box.dataset.seq) >= n) {
                obs.disconnect();
                clearTimeout(timer);
                resolve();
              }
            });
            obs.observe(box, { attributes: true, attributeFilter: ['data-seq'] });
          });
        const t0 = performance.now();
        el.value = String(v);
        el.dispatchEvent(new g.Event('input', { bubbles: true }));
        await seqAtLeast(seq0 + 1); // the first estimate (3,500 trials: ±1 point at 10%) is drawn
        const first = (await painted()) - t0;
        await seqAtLeast(seq0 + 2); // the full estimate (10,000 trials) is drawn
        const full = (await painted()) - t0;
        return { first, full };
      }, value);
    const samples: { first: number; full: number }[] = [];
    for (const value of targets) samples.push(await move(value));
    // the lowest support vs the highest: the estimate of talks differs
    samples.push(await move(min));
    const atMin = await talks.textContent();
    samples.push(await move(max));
    const atMax = await talks.textContent();
    expect(atMin).not.toBe(atMax);

    const trialsText = (await live.getByTestId('live-meta').textContent()) ?? '';

    // a continuous 1.5 s drag (an input event every 16 ms): the estimate keeps redrawing while the slider moves
    const drag = await slider.evaluate(
      async (el: DomEl, range: { min: number; max: number }) => {
        const g = globalThis as unknown as BrowserGlobals;
        const box = g.document.querySelector('[data-testid="live-estimate"]');
        if (!box) throw new Error('no live estimate');
        const seq0 = Number(box.dataset.seq);
        const steps = 94;
        for (let i = 0; i <= steps; i++) {
          el.value = String(range.min + ((range.max - range.min) * i) / steps);
          el.dispatchEvent(new g.Event('input', { bubbles: true }));
          await new Promise((r) => setTimeout(r, 16));
        }
        return Number(box.dataset.seq) - seq0;
      },
      { min, max },
    );
    expect(drag).toBeGreaterThanOrEqual(3);

    await page.screenshot({ path: join(SHOT_DIR, 'live-estimate.png') });
    const firstMedian = Math.round(median(samples.map((s) => s.first)));
    // measured and printed, never asserted (the machine is shared); the budget is 150 ms
    process.stdout.write(
      `live estimate: first redraw (3,500 trials) median ${firstMedian} ms, max ${Math.round(Math.max(...samples.map((s) => s.first)))} ms (budget 150 ms); full (10,000) median ${Math.round(median(samples.map((s) => s.full)))} ms\n`,
    );
    await mergeMetrics({
      liveEstimateLatencyMs: {
        firstRedrawMedian: firstMedian,
        firstRedrawMax: Math.round(Math.max(...samples.map((s) => s.first))),
        fullEstimateMedian: Math.round(median(samples.map((s) => s.full))),
        fullEstimateMax: Math.round(Math.max(...samples.map((s) => s.full))),
        samples: samples.map((s) => [Math.round(s.first), Math.round(s.full)]),
        estimate: trialsText.trim(),
        redrawsDuring1500msDrag: drag,
        note: 'slider input event → estimate redrawn (next frame): first = 3,500-trial estimate (95% interval ±1 point at 10%), full = 10,000 trials; Web Workers, Chromium headless, 2 shared cores',
      },
    });
    expect(h.errors).toEqual([]);
  });
});
