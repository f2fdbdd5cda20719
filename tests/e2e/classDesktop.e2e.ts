// The BUILT desktop main process (out/main, with class play's dependencies bundled into its own chunk and lowered
// syntax) starts a class session when the window asks over IPC: 'electron' is the recording fake of tests/electron
// (no Electron binary here). A student in Chromium joins on the printed join URL, served from out/renderer.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from './harness';
import type { FakeElectron } from '../electron/fakeElectron';

vi.mock('electron', async () => (await import('../electron/fakeElectron')).fakeElectronModule());

const ROOT = resolve(import.meta.dirname, '../..');
let browser: Browser | null = null;
let dir = '';
let electron: FakeElectron | null = null;

afterAll(async () => {
  electron?.app.emit('before-quit', { preventDefault: () => undefined });
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the built main process (out/main) runs class play', () => {
  it('starts a session on the scenario text; a student joins through the join URL; quit stops it', async () => {
    if (!existsSync(join(ROOT, 'out/main/index.js')))
      throw new Error('No out/main: run "npm run build" first.');
    dir = await mkdtemp(join(tmpdir(), 'parley-desktop-class-'));
    const paths = { userData: join(dir, 'userData'), documents: join(dir, 'docs') };
    await mkdir(paths.userData);
    await mkdir(paths.documents);
    const fake = await import('../electron/fakeElectron');
    electron = fake.createFakeElectron(paths);
    fake.useFakeElectron(electron);
    await import(/* @vite-ignore */ join(ROOT, 'out/main/index.js'));
    electron.app.fireReady();
    const handler = await vi.waitFor(() => {
      const h = electron?.ipcMain.handlers.get('parley:start-class-session');
      if (!h) throw new Error('not registered yet');
      return h;
    });
    const text = await readFile(join(ROOT, 'models/library/chicken.parley.json'), 'utf8');
    const trusted = { senderFrame: { url: 'app://parley/index.html', parent: null } };
    const r = (await handler(trusted, {
      scenario: { text, name: 'chicken.parley.json' },
      params: {},
      rounds: 2,
      matching: 'random',
      lan: false,
      maxStudents: 30,
    })) as { ok: boolean; error?: string; session: { joinUrl: string; joinCode: string; csvPath: string } };
    expect(r.error ?? null).toBeNull();
    expect(r.session.joinUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/join#[A-Z0-9]{5}$/);
    expect(r.session.csvPath.startsWith(join(paths.documents, 'Parley class sessions'))).toBe(true);

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(r.session.joinUrl);
    await page.getByTestId('join-name').fill('Ada');
    await page.getByTestId('join-button').click();
    await page.getByText('Waiting for the teacher').waitFor();
    expect(errors).toEqual([]);

    electron.app.emit('before-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(electron?.app.quit).toHaveBeenCalled());
    const port = new URL(r.session.joinUrl).port;
    await expect(fetch(`http://127.0.0.1:${port}/join`)).rejects.toThrow();
  });
});
