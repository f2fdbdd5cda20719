// Helpers of the simulation / what-if / export end-to-end tests: metrics.json merging and waiting for the app.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SHOT_DIR } from './harness';

/** The "Russia's support" slider of korea-2025 (its label: "Russia's support today"). */
export const RUSSIA_SUPPORT = /^Russia.s support/i;

export const METRICS_FILE = join(SHOT_DIR, 'metrics.json');

/** Read-modify-write of test-results/e2e/metrics.json (other e2e files write their own keys). */
export const mergeMetrics = async (entries: Record<string, unknown>): Promise<void> => {
  await mkdir(SHOT_DIR, { recursive: true });
  let current: Record<string, unknown>;
  try {
    current = JSON.parse(await readFile(METRICS_FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    current = {};
  }
  await writeFile(METRICS_FILE, `${JSON.stringify({ ...current, ...entries }, null, 2)}\n`);
};

/** Load the app and wait until the default scenario is compiled and its sliders are shown. */
export const openDefault = async (page: Page, url: string): Promise<void> => {
  await page.goto(url);
  await page.getByTestId('app-shell').waitFor({ timeout: 20_000 });
  await page.getByRole('slider', { name: RUSSIA_SUPPORT }).waitFor({ timeout: 20_000 });
};

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};

/** The few browser globals the page functions use (tests/e2e is type-checked without the DOM lib). */
export type DomEl = {
  value: string | number;
  min: string;
  max: string;
  readonly dataset: Record<string, string | undefined>;
  getAttribute(name: string): string | null;
  dispatchEvent(event: unknown): boolean;
};
export type BrowserGlobals = {
  document: { querySelector(selector: string): DomEl | null };
  Event: new (type: string, init?: { bubbles?: boolean }) => unknown;
  MutationObserver: new (callback: () => void) => {
    observe(target: DomEl, options: Record<string, unknown>): void;
    disconnect(): void;
  };
  requestAnimationFrame(callback: () => void): number;
  __progress?: number[];
};

/** Wait until the simulation view's progress bar reports this status (data-status). */
export const waitForRunStatus = async (page: Page, status: string, timeout = 60_000): Promise<void> => {
  await page.waitForFunction(
    (s) =>
      (globalThis as unknown as BrowserGlobals).document
        .querySelector('[data-testid="run-progress"]')
        ?.getAttribute('data-status') === s,
    status,
    { timeout },
  );
};

const AXE = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');

/** Serious or critical axe-core violations of the page as it is now (axe is injected through DevTools evaluation). */
export const axeSerious = async (page: Page): Promise<string[]> => {
  await page.evaluate(await readFile(AXE, 'utf8'));
  const result = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({
      resultTypes: ['violations'],
    }),
  )) as { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};
