// Export: the per-trial CSV (streamed), the summary CSV, the run's metadata JSON and a chart as SVG and PNG, each
// caught as a browser download and checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, SHOT_DIR, type Harness } from './harness';
import { openDefault, waitForRunStatus } from './simulationE2eHelpers';

const download = async (page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> => {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: await readFile(path) };
};

describe('export', () => {
  let h: Harness;
  const TRIALS = 200;
  beforeAll(async () => {
    h = await openApp({ acceptDownloads: true });
    await openDefault(h.page, h.url);
    await h.page.getByTestId('tab-simulate').click();
    const view = h.page.getByTestId('simulation-view');
    await view.getByLabel('Trials').fill(String(TRIALS));
    await view.getByLabel('Seed').fill('7');
    await view.getByRole('button', { name: 'Run', exact: true }).click();
    await waitForRunStatus(h.page, 'done');
  });
  afterAll(async () => {
    await h.close();
  });

  it('exports the per-trial CSV with the engine header and one row per trial and round', async () => {
    const { page } = h;
    const csv = await download(page, () => page.getByRole('button', { name: 'Per-trial CSV' }).click());
    expect(csv.name).toMatch(/-trials-7\.csv$/);
    const lines = csv.bytes
      .toString('utf8')
      .split(/\r?\n/)
      .filter((l) => l.length > 0);
    const header = lines[0] ?? '';
    expect(header.startsWith('run_id,scenario,trial,round,seed,')).toBe(true);
    const rounds = new Set(lines.slice(1).map((l) => l.split(',')[3]));
    const trials = new Set(lines.slice(1).map((l) => l.split(',')[2]));
    expect(trials.size).toBe(TRIALS);
    expect(lines.length - 1).toBe(TRIALS * rounds.size);
  });

  it('exports the summary CSV and the metadata JSON', async () => {
    const { page } = h;
    const summary = await download(page, () => page.getByRole('button', { name: 'Summary CSV' }).click());
    expect(summary.name).toMatch(/-summary-7\.csv$/);
    expect(summary.bytes.toString('utf8').split(/\r?\n/)[0]).toMatch(/,/);
    const meta = await download(page, () =>
      page.getByRole('button', { name: 'Run metadata (JSON)' }).click(),
    );
    const json = JSON.parse(meta.bytes.toString('utf8')) as Record<string, unknown>;
    expect(JSON.stringify(json)).toContain('7');
    expect(json).toHaveProperty('format_version');
  });

  it('exports a chart as SVG and PNG', async () => {
    const { page } = h;
    const card = page.getByTestId('chart-outcomes');
    const svg = await download(page, () => card.getByRole('button', { name: /as SVG/ }).click());
    expect(svg.name).toBe('outcome-probabilities.svg');
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    const png = await download(page, () => card.getByRole('button', { name: /as PNG/ }).click());
    expect(png.name).toBe('outcome-probabilities.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.length).toBeGreaterThan(1000);
    await page.screenshot({ path: join(SHOT_DIR, 'export.png') });
    expect(h.errors).toEqual([]);
  });
});
