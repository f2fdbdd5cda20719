// What-if view: a one-parameter sweep drawn as lines with bands, a two-parameter heatmap, baseline vs variant,
// and the tornado chart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { openApp, SHOT_DIR, type Harness } from './harness';
import {
  axeSerious,
  openDefault,
  RUSSIA_SUPPORT,
  type BrowserGlobals,
  type DomEl,
} from './simulationE2eHelpers';

/** The What-if view's trials field (the document's run settings, shared with Simulate). */
const trials = (page: Harness['page']) =>
  page.getByRole('region', { name: 'What-if settings' }).getByLabel('Trials', { exact: true });

describe('what-if view', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openApp();
    await openDefault(h.page, h.url);
    await h.page.getByTestId('tab-whatif').click();
    await h.page.getByTestId('whatif-view').waitFor();
  });
  afterAll(async () => {
    await h.close();
  });

  it('sweeps one parameter, then two', async () => {
    const { page } = h;
    const panel = page.getByTestId('sweep-panel');
    await trials(page).fill('500'); // What-if shares Simulate's trials and seed (per grid point for a sweep)
    await panel.getByRole('button', { name: 'Run sweep' }).click();
    await page.getByTestId('chart-sweep').locator('svg').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('chart-sweep').screenshot({ path: join(SHOT_DIR, 'whatif-sweep-line.png') });
    const secondParam = panel.getByLabel('Second parameter');
    const options = await secondParam.locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(1);
    await secondParam.selectOption({ index: 1 });
    await panel.getByRole('button', { name: 'Run sweep' }).click();
    await page.getByTestId('chart-heatmap').locator('svg').first().waitFor({ timeout: 60_000 });
    // the sweep table: <x>,<y>,outcome,p,low,high,n — one row per grid point (11 × 11) and outcome
    const [d] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      panel.getByRole('button', { name: 'Sweep CSV' }).click(),
    ]);
    const lines = (await readFile(await d.path(), 'utf8')).split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^russiaSupport,\w+,outcome,p,low,high,n$/);
    const outcomes = new Set(lines.slice(1).map((l) => l.split(',')[2]));
    expect(lines.length - 1).toBe(11 * 11 * outcomes.size);
    expect(lines.slice(1).every((l) => l.endsWith(',500'))).toBe(true);
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOT_DIR, 'whatif-sweep.png') });
    expect(h.errors).toEqual([]);
  });

  it('compares a variant with the baseline, and draws the tornado', async () => {
    const { page } = h;
    const slider = page.getByRole('slider', { name: RUSSIA_SUPPORT });
    await slider.evaluate((el: DomEl) => {
      const g = globalThis as unknown as BrowserGlobals;
      el.value = el.min;
      el.dispatchEvent(new g.Event('input', { bubbles: true }));
    });
    const compare = page.getByTestId('compare-panel');
    await expect.poll(() => compare.textContent()).toMatch(/Variant:.*Russia.s support/i);
    await trials(page).fill('2000');
    await compare.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByTestId('chart-difference').locator('svg').first().waitFor({ timeout: 60_000 });
    // back to the scenario's values, where the parameters do move P(talks)
    await page.getByTestId('parameter-sliders').getByRole('button', { name: 'Reset' }).click();
    const sens = page.getByTestId('sensitivity-panel');
    await trials(page).fill('300');
    await sens.getByRole('button', { name: 'Run sensitivity' }).click();
    await page.getByTestId('chart-tornado').locator('svg').first().waitFor({ timeout: 60_000 });
    expect(await axeSerious(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 2000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOT_DIR, 'whatif-compare-tornado.png') });
    expect(h.errors).toEqual([]);
  });
});
