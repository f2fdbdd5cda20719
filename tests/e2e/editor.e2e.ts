// The editor: a hand-written bad scenario file shows its validation error AT the field; fixing it there makes the
// scenario valid; undo brings the error back (every edit is undoable).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { gotoReady, openApp, SHOT_DIR, type Harness } from './harness';

const BAD = resolve(import.meta.dirname, 'fixtures/bad-dilemma.parley.json');

describe('scenario editor', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openApp();
    await gotoReady(h);
  });
  afterAll(async () => {
    await h.close();
  });

  it('opens a hand-written bad file and shows the error at the field', async () => {
    const chooser = h.page.waitForEvent('filechooser');
    await h.page.getByTestId('open-file').click();
    await (await chooser).setFiles(BAD);
    await h.page.getByTestId('doc-title').getByText('Hand-written dilemma').waitFor();
    const issues = h.page.getByTestId('issues');
    await issues.waitFor({ timeout: 10_000 });
    expect(await issues.innerText()).toMatch(/actors\[0\]\.payoffs\.defect/);
    await issues.getByRole('button', { name: /actors\[0\]\.payoffs\.defect/ }).click();
    const field = h.page.locator('[data-path="actors[0].payoffs.defect"]');
    const input = field.getByRole('textbox');
    await expect
      .poll(() => input.evaluate((el) => el === (el.ownerDocument.activeElement as unknown)))
      .toBe(true);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getByTestId('field-error').innerText()).toMatch(/tempation.*temptation/s);
    await h.page.screenshot({ path: join(SHOT_DIR, 'editor-error.png') });
  });

  it('fixing the formula at the field makes the scenario valid; undo restores the text and the error', async () => {
    const input = h.page.locator('[data-path="actors[0].payoffs.defect"]').getByRole('textbox');
    await input.fill('temptation * col.cooperate');
    await h.page.getByText('✓ Valid scenario').waitFor({ timeout: 10_000 });
    await h.page.getByTestId('dirty-marker').waitFor();
    expect(await h.page.getByTestId('parameter-sliders').getByRole('slider').count()).toBe(2);
    await h.page.keyboard.press('Control+z');
    await h.page.getByTestId('issues').waitFor({ timeout: 10_000 });
    expect(await input.inputValue()).toBe('tempation * col.cooperate');
    expect(h.errors).toEqual([]);
  });

  it('keeps invalid JSON typed in Source and says where it is broken', async () => {
    await h.page.getByRole('button', { name: 'Source' }).click();
    const src = h.page.getByTestId('source-text');
    const before = await src.inputValue();
    await src.fill(`${before.trimEnd()},`);
    await h.page
      .getByText(/not valid JSON/i)
      .first()
      .waitFor();
    expect(await src.inputValue()).toBe(`${before.trimEnd()},`);
    expect(h.errors).toEqual([]);
  });
});
