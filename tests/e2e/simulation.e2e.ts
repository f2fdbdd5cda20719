// Simulation view: run 10,000 trials (progress bar to the end, results drawn), replay a trial, cancel a long run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openApp, SHOT_DIR, type Harness } from './harness';
import {
  axeSerious,
  mergeMetrics,
  openDefault,
  waitForRunStatus,
  type BrowserGlobals,
  type DomEl,
} from './simulationE2eHelpers';

describe('simulation view', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openApp();
    await openDefault(h.page, h.url);
    await h.page.getByTestId('tab-simulate').click();
    await h.page.getByTestId('simulation-view').waitFor();
  });
  afterAll(async () => {
    await h.close();
  });

  it('runs 10,000 trials: the progress bar finishes and the results are drawn', async () => {
    const { page } = h;
    const view = page.getByTestId('simulation-view');
    await view.getByLabel('Trials').fill('10000');
    await view.getByLabel('Seed').fill('20250101');
    const progress = page.getByTestId('run-progress');
    // sample the progress bar while it runs
    await page.evaluate(() => {
      const g = globalThis as unknown as BrowserGlobals;
      const bar = g.document.querySelector('[data-testid="run-progress"]');
      const seen: number[] = [];
      g.__progress = seen;
      if (bar) new g.MutationObserver(() => seen.push(Number(bar.value))).observe(bar, { attributes: true });
    });
    const t0 = Date.now();
    await view.getByRole('button', { name: 'Run', exact: true }).click();
    await waitForRunStatus(page, 'done', 60_000);
    const wallMs = Date.now() - t0;
    expect(await progress.evaluate((el: DomEl) => Number(el.value))).toBe(1);
    const seen = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).__progress ?? []);
    expect(seen.some((v) => v > 0 && v < 1) || seen.length > 0).toBe(true);
    const status = (await page.getByTestId('run-status').textContent()) ?? '';
    expect(status).toMatch(/^Done: 10,000 trials in [\d.]+ s$/);
    // the seed (and the rest of the provenance) is in the result's status line
    expect(await page.getByTestId('run-provenance').textContent()).toContain('seed 20250101');
    const runMs = Number(/in ([\d.]+) s/.exec(status)?.[1] ?? NaN) * 1000;

    // results drawn: every chart has its svg
    for (const id of ['chart-outcomes', 'chart-histogram', 'chart-profiles']) {
      await expect.poll(() => page.getByTestId(id).locator('svg').count()).toBeGreaterThan(0);
    }
    const outcomeTable = await page.getByTestId('chart-outcomes').locator('td').allTextContents();
    expect(outcomeTable.length).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1280, height: 1700 });
    await page.waitForTimeout(300); // charts re-render at the new size
    await page.screenshot({ path: join(SHOT_DIR, 'simulation-10k.png') });
    await page.setViewportSize({ width: 1280, height: 720 });

    // replay trial 7 round by round
    await page.getByTestId('replay').getByLabel('Trial').fill('7');
    await page.getByRole('button', { name: 'Replay' }).click();
    await page.getByTestId('replay-table').waitFor();
    expect(await page.getByTestId('replay-table').locator('tbody tr').count()).toBeGreaterThan(0);
    // the wide replay table scrolls in its own box: the view (and its charts) keep the panel's width
    const widths = await page.getByTestId('simulation-view').evaluate((el: DomEl) => {
      const e = el as unknown as { scrollWidth: number; parentElement: { clientWidth: number } };
      return { view: e.scrollWidth, panel: e.parentElement.clientWidth };
    });
    expect(widths.view).toBeLessThanOrEqual(widths.panel);
    // results, charts and the replay table pass axe (no serious or critical violations)
    expect(await axeSerious(page)).toEqual([]);

    await mergeMetrics({
      browserRun10kTrialsMs: {
        engine: Math.round(runMs),
        clickToDrawnMs: wallMs,
        progressUpdates: seen.length,
        note: 'korea-2025, 10,000 trials, Monte Carlo, default workers, Chromium headless on a shared 2-core machine',
      },
    });
    expect(h.errors).toEqual([]);
  });

  it('cancels a long run and keeps the previous results', async () => {
    const { page } = h;
    const view = page.getByTestId('simulation-view');
    await view.getByLabel('Trials').fill('5000000');
    await view.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForFunction(
      () => {
        const bar = (globalThis as unknown as BrowserGlobals).document.querySelector(
          '[data-testid="run-progress"]',
        );
        return bar?.getAttribute('data-status') === 'running' && Number(bar.value) > 0;
      },
      undefined,
      { timeout: 30_000 },
    );
    await view.getByRole('button', { name: 'Cancel' }).click();
    await waitForRunStatus(page, 'cancelled', 10_000);
    expect(await page.getByTestId('run-status').textContent()).toMatch(/Cancelled after [\d,]+ trials/);
    // the 10,000-trial results are still shown, and said to be those of the previous run
    expect(await page.getByTestId('run-results').count()).toBe(1);
    expect(await page.getByTestId('previous-result-notice').innerText()).toMatch(
      /previous run \(10,000 trials, seed 20250101\)/,
    );
    await expect.poll(() => view.getByRole('button', { name: 'Run', exact: true }).isEnabled()).toBe(true);
    await page.screenshot({ path: join(SHOT_DIR, 'simulation-cancelled.png') });
    expect(h.errors).toEqual([]);
  });
});
