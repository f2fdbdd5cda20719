// Presentation mode: switch to it, step two rounds with the keyboard, see the played cell, leave with Esc.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { gotoReady, openApp, SHOT_DIR, type Harness } from './harness';

describe('presentation mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openApp();
    await gotoReady(h);
  });
  afterAll(async () => {
    await h.close();
  });

  it('steps through two rounds one key at a time', async () => {
    await h.page.keyboard.press('p');
    const pres = h.page.getByTestId('presentation');
    await pres.waitFor();
    const round = h.page.getByTestId('presentation-round');
    await expect.poll(() => round.innerText(), { timeout: 60_000 }).toMatch(/ 1 of \d+/);
    await h.page.getByTestId('payoff-matrix').first().waitFor();
    expect(await h.page.getByTestId('model-editor').count()).toBe(0);
    await h.page.screenshot({ path: join(SHOT_DIR, 'presentation-1.png') });
    await h.page.keyboard.press('ArrowRight');
    await expect.poll(() => round.innerText()).toMatch(/ 2 of /);
    await h.page.keyboard.press('Space');
    await expect.poll(() => round.innerText()).toMatch(/ 3 of /);
    expect(await h.page.locator('.cell.chosen').count()).toBe(1);
    await h.page.screenshot({ path: join(SHOT_DIR, 'presentation-3.png') });
    await h.page.keyboard.press('ArrowLeft');
    await expect.poll(() => round.innerText()).toMatch(/ 2 of /);
    // Esc closes the shortcuts overlay only: the class stays in presentation mode
    await h.page.keyboard.press('?');
    await h.page.getByTestId('shortcuts').getByRole('table').waitFor();
    await h.page.keyboard.press('Escape');
    await expect.poll(() => h.page.getByTestId('shortcuts').getByRole('table').count()).toBe(0);
    expect(await pres.count()).toBe(1);
    expect(await round.innerText()).toMatch(/ 2 of /);
    await h.page.keyboard.press('Escape');
    await h.page.getByTestId('tab-model').waitFor();
    // focus returns to the Present button
    await expect
      .poll(() => h.page.getByTestId('present').evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true);
    expect(h.errors).toEqual([]);
  });
});
