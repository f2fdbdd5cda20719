// Shared end-to-end harness: serve the built renderer on 127.0.0.1 and open it in Debian's Chromium.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
// @ts-expect-error plain ESM helper without types
import { serveStatic } from '../../scripts/serveStatic.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const BUILD_DIR = resolve(import.meta.dirname, '../../out/renderer');
export const SHOT_DIR = resolve(import.meta.dirname, '../../test-results/e2e');
/** Debian's Chromium, headless, no sandbox (containers), nothing fetched from the network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type Harness = {
  ctx: BrowserContext;
  page: Page;
  url: string;
  errors: string[];
  close: () => Promise<void>;
};

const ignorable = (text: string): boolean => /favicon\.ico/.test(text);

/** Start a server and a fresh Chromium profile; collect page errors, console errors and failed responses. */
export const openApp = async (
  options: {
    viewport?: { width: number; height: number };
    acceptDownloads?: boolean;
    /** Sees every request first (the web mode's class endpoint); resolves true when it answered. */
    handle?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  } = {},
): Promise<Harness> => {
  if (!existsSync(join(BUILD_DIR, 'index.html'))) {
    throw new Error(`No built renderer at ${BUILD_DIR}: run "npm run build" first.`);
  }
  await mkdir(SHOT_DIR, { recursive: true });
  const server = (await serveStatic(BUILD_DIR, 0, { handle: options.handle })) as Server;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const profile = await mkdtemp(join(tmpdir(), 'parley-e2e-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 720 },
    acceptDownloads: options.acceptDownloads ?? true,
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !ignorable(m.text())) errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !ignorable(r.url())) errors.push(`${r.status()} ${r.url()}`);
  });
  const url = `http://127.0.0.1:${port}/index.html`;
  return {
    ctx,
    page,
    url,
    errors,
    close: async () => {
      await ctx.close();
      await new Promise<void>((ok) => server.close(() => ok()));
      await rm(profile, { recursive: true, force: true });
    },
  };
};

/** Load the app and wait until the default scenario is compiled (its parameter sliders are shown). Generous
 * timeout: on a loaded shared machine the model layer's chunk (mathjs) can take a while to parse. */
export const gotoReady = async (h: Harness, timeout = 60_000): Promise<void> => {
  await h.page.goto(h.url);
  await h.page.getByTestId('app-shell').waitFor({ timeout });
  await h.page.getByTestId('parameter-sliders').getByRole('slider').first().waitFor({ timeout });
};
