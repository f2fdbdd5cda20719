// Files in the browser build: save (download) clears the unsaved marker, recent files, drag-and-drop, the prompt
// before replacing a dirty document, and autosave with the restore offer after a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gotoReady, openApp, SHOT_DIR, type Harness } from './harness';

type DropGlobals = {
  DataTransfer: new () => { items: { add(f: unknown): void } };
  File: new (parts: string[], name: string, o?: { type?: string }) => unknown;
  DragEvent: new (type: string, init: Record<string, unknown>) => unknown;
  dispatchEvent(e: unknown): boolean;
};

describe('files', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openApp();
    await gotoReady(h);
  });
  afterAll(async () => {
    await h.close();
  });

  it('an edit marks the document unsaved; Ctrl+S saves it (download) and clears the marker', async () => {
    await h.page.getByLabel('Title', { exact: true }).fill('Korea, edited');
    await h.page.getByTestId('dirty-marker').waitFor();
    const download = h.page.waitForEvent('download');
    await h.page.keyboard.press('Control+s');
    const d = await download;
    const path = join(SHOT_DIR, 'saved.parley.json');
    await d.saveAs(path);
    expect(d.suggestedFilename()).toBe('korea-2025.parley.json');
    const saved = JSON.parse(await readFile(path, 'utf8')) as { title: string; format: string };
    expect(saved).toMatchObject({ title: 'Korea, edited', format: 'parley.scenario/2' });
    await expect.poll(() => h.page.getByTestId('dirty-marker').count()).toBe(0);
    await h.page.getByRole('button', { name: 'Recent ▾' }).click();
    await h.page.getByRole('button', { name: 'korea-2025.parley.json' }).waitFor();
    await h.page.keyboard.press('Escape');
    await expect.poll(() => h.page.getByRole('button', { name: 'korea-2025.parley.json' }).count()).toBe(0);
  });

  it('opens a file dropped onto the window', async () => {
    await h.page.evaluate(() => {
      const g = globalThis as unknown as DropGlobals;
      const dt = new g.DataTransfer();
      const text = JSON.stringify({
        format: 'parley.scenario/1',
        title: 'Dropped game',
        actors: [{ id: 'a', name: 'A', strategies: [{ id: 'x', label: 'X' }], payoffs: { x: 1 } }],
      });
      dt.items.add(new g.File([text], 'dropped.parley.json', { type: 'application/json' }));
      g.dispatchEvent(new g.DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await h.page.getByTestId('doc-title').getByText('Dropped game').waitFor();
    expect(await h.page.getByTestId('dirty-marker').count()).toBe(0);
  });

  it('asks before replacing a dirty document: Cancel keeps it, Don’t save replaces it', async () => {
    await h.page.getByLabel('Title', { exact: true }).fill('Dropped game (changed)');
    await h.page.getByTestId('dirty-marker').waitFor();
    await h.page.getByRole('tab', { name: 'Library' }).click();
    await h.page.getByRole('button', { name: /^Open Chicken/ }).click();
    const dialog = h.page.getByTestId('confirm-dialog');
    await dialog.getByText(/unsaved changes/).waitFor();
    await h.page.screenshot({ path: join(SHOT_DIR, 'files-prompt.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await h.page.getByTestId('doc-title').innerText()).toMatch(/Dropped game \(changed\)/);
    await h.page.getByRole('button', { name: /^Open Chicken/ }).click();
    await dialog.getByTestId('discard').click();
    await h.page
      .getByTestId('doc-title')
      .getByText(/Chicken/i)
      .waitFor();
    expect(h.errors).toEqual([]);
  });

  it('autosaves unsaved work and offers to restore it after a reload', async () => {
    await h.page.getByRole('tab', { name: 'Parameters' }).click();
    await h.page.getByTestId('tab-model').click();
    await h.page.getByRole('button', { name: 'Overview' }).click();
    await h.page.getByLabel('Title', { exact: true }).fill('Unsaved chicken');
    await h.page.waitForTimeout(3500); // autosave runs 3 s after the last edit
    await h.page.reload();
    const banner = h.page.getByTestId('restore-banner');
    await banner.waitFor({ timeout: 60_000 });
    await banner.getByRole('button', { name: 'Restore it' }).click();
    await h.page.getByTestId('doc-title').getByText('Unsaved chicken').waitFor();
    await h.page.getByTestId('dirty-marker').waitFor();
    expect(h.errors).toEqual([]);
  });
});
