// The app shell: loads the default scenario with no console errors, measures time to first paint, works at
// 1280×720 and 1920×1080, and regenerates the README screenshot (docs/screenshot.png).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { openApp, SHOT_DIR, type Harness } from './harness';
import { median, mergeMetrics, waitForRunStatus } from './simulationE2eHelpers';

const DOCS = resolve(import.meta.dirname, '../../docs');

type PerfGlobals = {
  performance: {
    getEntriesByType(t: string): { name: string; startTime: number }[];
    getEntriesByName(n: string): { startTime: number }[];
  };
  document: {
    documentElement: { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
  };
};

describe('app shell', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openApp();
  });
  afterAll(async () => {
    await h.close();
  });

  it('loads the default scenario with no console errors, and measures first paint', async () => {
    const loads: { fp: number | null; fcp: number | null; mounted: number | null; ready: number | null }[] =
      [];
    for (let k = 0; k < 5; k++) {
      if (k === 0) await h.page.goto(h.url);
      else await h.page.reload();
      await h.page.getByTestId('app-shell').waitFor({ timeout: 60_000 });
      await h.page.getByTestId('parameter-sliders').getByRole('slider').first().waitFor({ timeout: 60_000 });
      loads.push(
        await h.page.evaluate(() => {
          const g = globalThis as unknown as PerfGlobals;
          const paints = g.performance.getEntriesByType('paint');
          const at = (name: string) => g.performance.getEntriesByName(name)[0]?.startTime ?? null;
          return {
            fp: paints.find((p) => p.name === 'first-paint')?.startTime ?? null,
            fcp: paints.find((p) => p.name === 'first-contentful-paint')?.startTime ?? null,
            mounted: at('parley:mounted'),
            ready: at('parley:model-ready'),
          };
        }),
      );
    }
    const med = (key: keyof (typeof loads)[number]): number | null => {
      const xs = loads.map((l) => l[key]).filter((x): x is number => x !== null);
      return xs.length ? Math.round(median(xs)) : null;
    };
    expect(med('fcp')).not.toBeNull();
    await mergeMetrics({
      firstPaintMs: med('fp'),
      firstContentfulPaintMs: med('fcp'),
      appMountedMs: med('mounted'),
      defaultScenarioReadyMs: med('ready'),
      firstPaintNote:
        'median of 5 loads (first cold); Chromium headless, built renderer served on 127.0.0.1, 2 shared cores; ' +
        'ready = korea-2025 validated, compiled and its sliders shown',
    });
    const title = await h.page.getByTestId('doc-title').innerText();
    expect(title).toMatch(/Korea/i);
    expect(await h.page.getByTestId('dirty-marker').count()).toBe(0);
    await h.page.screenshot({ path: join(SHOT_DIR, 'shell.png') });
    expect(h.errors).toEqual([]);
  });

  it('shows the game view with a matrix and equilibria', async () => {
    await h.page.getByTestId('tab-game').click();
    await h.page.getByTestId('payoff-matrix').first().waitFor({ timeout: 10_000 });
    expect(await h.page.getByTestId('solver-pure').count()).toBe(1);
    // a month past the horizon snaps to the last one (the game shown), with its calendar month
    const month = h.page.getByRole('spinbutton', { name: /^Month/ });
    await month.fill('99');
    await month.press('Enter');
    await expect.poll(() => month.inputValue()).toBe('24');
    expect(await month.locator('xpath=..').innerText()).toMatch(/of 24 \(June\)/);
    await month.fill('1');
    await month.press('Enter');
    await expect.poll(() => month.locator('xpath=..').innerText()).toMatch(/of 24 \(July\)/);
    await h.page.screenshot({ path: join(SHOT_DIR, 'game.png') });
    // which equilibrium the simulation plays, by the scenario's selection rule
    await expect
      .poll(() => h.page.getByTestId('played-equilibrium').innerText())
      .toMatch(/^The simulation plays a pure equilibrium chosen as .+: .+/);
    // what the game is, in the view's status line (exact: no seed)
    expect(await h.page.getByTestId('game-provenance').innerText()).toMatch(
      /^korea-2025 · exact \(no randomness\) · scenario values/,
    );
    // the round's game as a Gambit .nfg, then its provenance sidecar
    const files: { name: string; text: string }[] = [];
    const two = new Promise<void>((ok) => {
      h.page.on('download', (d) => {
        void (async () => {
          files.push({ name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') });
          if (files.length === 2) ok();
        })();
      });
    });
    await h.page.getByRole('button', { name: 'Export .nfg' }).click();
    await two;
    h.page.removeAllListeners('download');
    files.sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(files.map((f) => f.name)).toEqual(['korea-2025-round-1.json', 'korea-2025-round-1.nfg']);
    expect(files[1]?.text).toMatch(/^NFG 1 R "/);
    expect(JSON.parse(files[0]?.text ?? '{}')).toMatchObject({
      file: 'korea-2025-round-1.nfg',
      provenance: { kind: 'game', seed: null, scenario: { id: 'korea-2025' }, detail: { round: 1 } },
    });
    expect(h.errors).toEqual([]);
  });

  it('live: moving "Russia\'s support" redraws the game at the new value', async () => {
    const cell = h.page.getByTestId('cell-0');
    const before = await cell.innerText();
    const slider = h.page.getByTestId('param-russiaSupport').getByRole('slider');
    await slider.focus();
    await h.page.keyboard.press('Home');
    await expect.poll(() => cell.innerText(), { timeout: 10_000 }).not.toBe(before);
    expect(await h.page.getByTestId('param-russiaSupport').locator('output').innerText()).toMatch(/^0\.00/);
    await h.page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => cell.innerText(), { timeout: 10_000 }).toBe(before);
    expect(h.errors).toEqual([]);
  });

  it('Ctrl+Enter (the Run menu shortcut) switches to Simulate and runs', async () => {
    await h.page.keyboard.press('Control+Enter');
    await expect.poll(() => h.page.getByTestId('tab-simulate').getAttribute('aria-selected')).toBe('true');
    await waitForRunStatus(h.page, 'done');
    await h.page.getByTestId('tab-game').click();
    expect(h.errors).toEqual([]);
  });

  it('fits 1280×720 and 1920×1080 without horizontal scrolling; the window itself never scrolls', async () => {
    // the game view (its QRE chart) is shown and a run's charts exist: their visually hidden data tables must stay
    // inside their scrolling panel, not stretch the document (the whole app would scroll away under the wheel)
    expect(await h.page.getByTestId('tab-game').getAttribute('aria-selected')).toBe('true');
    for (const vp of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      await h.page.setViewportSize(vp);
      const { scrollWidth, clientWidth, scrollHeight, clientHeight } = await h.page.evaluate(() => {
        const el = (globalThis as unknown as PerfGlobals).document.documentElement;
        return {
          scrollWidth: el.scrollWidth,
          clientWidth: el.clientWidth,
          scrollHeight: el.scrollHeight,
          clientHeight: el.clientHeight,
        };
      });
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      expect(scrollHeight).toBeLessThanOrEqual(clientHeight);
      await h.page.screenshot({ path: join(SHOT_DIR, `shell-${vp.width}x${vp.height}.png`) });
    }
    await h.page.setViewportSize({ width: 1280, height: 720 });
  });

  it('regenerates the README screenshot (1280×720, default scenario with results visible)', async () => {
    // the most telling view: the sliders and the live estimate on the left, the 10,000-trial run's results on the
    // right (outcome probabilities with their intervals, a metric's histogram and its fan chart over the months)
    await h.page.getByTestId('tab-simulate').click();
    await waitForRunStatus(h.page, 'done');
    for (const id of ['chart-outcomes', 'chart-histogram', 'chart-fan']) {
      await h.page.getByTestId(id).locator('svg').first().waitFor();
    }
    await h.page.locator('[data-testid^="live-p-"]').first().waitFor({ timeout: 60_000 });
    await h.page.getByTestId('run-status').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await h.page.waitForTimeout(500);
    const shot = join(SHOT_DIR, 'readme.png');
    await h.page.screenshot({ path: shot });
    await mkdir(DOCS, { recursive: true });
    await copyFile(shot, join(DOCS, 'screenshot.png'));
    expect(h.errors).toEqual([]);
  });
});
