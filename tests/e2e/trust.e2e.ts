// Results you can trust (issue 12), end to end in Chromium:
//  - the app's per-trial and summary CSV for korea-2025, seed 2025, 2,000 trials equal the CLI's byte for byte
//    (Web Workers + closures back end vs Node + generated back end: the same bits on every host);
//  - the app's sidecar JSON, re-run through the CLI (`rerun`), reproduces the app's sweep CSV byte for byte;
//  - a new or opened scenario never shows, nor exports, another scenario's results; a moved value marks them stale.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download as PwDownload, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { openApp, type Harness } from './harness';
import { openDefault, RUSSIA_SUPPORT, waitForRunStatus } from './simulationE2eHelpers';

type Download = { name: string; bytes: Buffer };

/** Click, and collect `n` downloads (a table export gives its CSV, then its sidecar JSON). */
const downloads = async (page: Page, n: number, click: () => Promise<void>): Promise<Download[]> => {
  const got: Download[] = [];
  const done = new Promise<void>((resolve) => {
    const on = (d: PwDownload): void => {
      void (async () => {
        got.push({ name: d.suggestedFilename(), bytes: await readFile(await d.path()) });
        if (got.length === n) {
          page.off('download', on);
          resolve();
        }
      })();
    };
    page.on('download', on);
  });
  await click();
  await done;
  return got.sort((a, b) => (a.name < b.name ? -1 : 1));
};

/** The real CLI (`npm run cli`: tsx), in `cwd`. */
const CLI = resolve(import.meta.dirname, '../../cli/main.ts');
const ROOT = resolve(import.meta.dirname, '../..');
/** Paths in argv are relative to `cwd` (resolved here: the CLI runs from the repository for its tsx loader). */
const cli = async (argv: string[], cwd: string): Promise<void> => {
  const abs = argv.map((a, i) =>
    ['--out', '--summary'].includes(argv[i - 1] ?? '') || /\.json$/.test(a)
      ? resolve(cwd, a) + (a.endsWith('/') ? '/' : '')
      : a,
  );
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...abs], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
};

describe('results you can trust', () => {
  let h: Harness;
  const dir = mkdtempSync(join(tmpdir(), 'parley-trust-e2e-'));
  beforeAll(async () => {
    h = await openApp({ acceptDownloads: true });
    await openDefault(h.page, h.url);
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the app's per-trial and summary CSV equal the CLI's byte for byte (korea-2025, seed 2025, 2,000 trials)", async () => {
    const { page } = h;
    await page.getByTestId('tab-simulate').click();
    const view = page.getByTestId('simulation-view');
    await view.getByLabel('Trials').fill('2000');
    await view.getByLabel('Seed').fill('2025');
    await view.getByRole('button', { name: 'Run', exact: true }).click();
    await waitForRunStatus(page, 'done');
    const [trialsCsv, trialsJson] = await downloads(page, 2, () =>
      page.getByRole('button', { name: 'Per-trial CSV' }).click(),
    );
    expect(trialsCsv!.name).toBe('korea-2025-trials-2025.csv');
    expect(trialsJson!.name).toBe('korea-2025-trials-2025.json');
    const [summaryCsv] = await downloads(page, 2, () =>
      page.getByRole('button', { name: 'Summary CSV' }).click(),
    );
    await cli(
      [
        'run',
        'korea-2025',
        '--trials',
        '2000',
        '--seed',
        '2025',
        '--out',
        './',
        '--summary',
        './',
        '--workers',
        '2',
      ],
      dir,
    );
    const cliTrials = readFileSync(join(dir, 'korea-2025-trials-2025.csv'));
    const rows = (b: Buffer) => b.toString('utf8').split('\r\n');
    const differing = rows(trialsCsv!.bytes).filter((l, i) => l !== rows(cliTrials)[i]).length;
    expect(differing).toBe(0); // was 29,664 of 48,000 rows (Math.exp & co. differ between V8 versions)
    expect(trialsCsv!.bytes.equals(cliTrials)).toBe(true);
    expect(summaryCsv!.bytes.equals(readFileSync(join(dir, 'korea-2025-summary-2025.csv')))).toBe(true);
    // the app's sidecar carries the full provenance, and the CLI re-runs it to the same bytes
    const side = JSON.parse(trialsJson!.bytes.toString('utf8')) as { provenance: Record<string, unknown> };
    expect(side.provenance).toMatchObject({
      kind: 'run',
      seed: 2025,
      trials: 2000,
      scenario: { id: 'korea-2025' },
    });
    writeFileSync(join(dir, 'app-trials.json'), trialsJson!.bytes);
    await cli(['rerun', 'app-trials.json', '--out', 'rerun/', '--workers', '1'], dir);
    expect(readFileSync(join(dir, 'rerun', 'korea-2025-trials-2025.csv')).equals(trialsCsv!.bytes)).toBe(
      true,
    );
  });

  it("the app's sweep CSV is reproduced by the CLI from its sidecar", async () => {
    const { page } = h;
    await page.getByTestId('tab-whatif').click();
    const w = page.getByTestId('whatif-view');
    await w.getByTestId('settings-trials').fill('200');
    await page.getByTestId('sweep-panel').getByRole('button', { name: 'Run sweep' }).click();
    await page.getByTestId('sweep-provenance').waitFor({ timeout: 60_000 });
    const [csv, json] = await downloads(page, 2, () =>
      page.getByTestId('sweep-panel').getByRole('button', { name: 'Sweep CSV' }).click(),
    );
    expect(csv!.name).toBe('korea-2025-sweep-2025.csv');
    writeFileSync(join(dir, json!.name), json!.bytes);
    await cli(['rerun', json!.name, '--out', 'sweep/'], dir);
    expect(readFileSync(join(dir, 'sweep', csv!.name)).equals(csv!.bytes)).toBe(true);
  });

  it('a moved value marks the run and the sweep stale; opening another scenario clears every result', async () => {
    const { page } = h;
    const slider = page.getByRole('slider', { name: RUSSIA_SUPPORT });
    await slider.focus();
    await slider.press('ArrowLeft');
    await page.getByTestId('sweep-panel').getByTestId('stale-banner').waitFor({ timeout: 20_000 });
    await page.getByTestId('tab-simulate').click();
    await page.getByTestId('simulation-view').getByTestId('stale-banner').waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: 'Library' }).click();
    await page.getByRole('button', { name: /^Open Chicken/ }).click();
    await page
      .getByText(/Chicken/)
      .first()
      .waitFor();
    await page.getByTestId('tab-simulate').click();
    await page
      .getByText('Run the scenario to see the distribution of outcomes.')
      .waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('run-results').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Per-trial CSV' }).count()).toBe(0);
    await page.getByTestId('tab-whatif').click();
    expect(await page.getByTestId('sweep-provenance').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sweep CSV' }).isDisabled()).toBe(true);
    expect(h.errors).toEqual([]);
  });
});
