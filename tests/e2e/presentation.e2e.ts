// Presentation mode: switch to it, step two rounds with the keyboard, see the played cell, leave with Esc.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
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
    // F: full screen; the first Esc leaves full screen only, the next leaves presentation mode
    const isFullscreen = () =>
      h.page.evaluate(
        () =>
          (globalThis as unknown as { document: { fullscreenElement: unknown } }).document
            .fullscreenElement !== null,
      );
    await h.page.keyboard.press('f');
    await expect.poll(isFullscreen).toBe(true);
    await h.page.keyboard.press('Escape');
    await expect.poll(isFullscreen).toBe(false);
    expect(await pres.count()).toBe(1);
    await h.page.keyboard.press('Escape');
    await h.page.getByTestId('tab-model').waitFor();
    // focus returns to the Present button
    await expect
      .poll(() => h.page.getByTestId('present').evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true);
    expect(h.errors).toEqual([]);
  });

  it('reveals a one-round classic (chicken) step by step: payoffs, best responses, equilibria, the cell played', async () => {
    const { page } = h;
    await page.getByRole('tab', { name: 'Library' }).click();
    await page.getByRole('button', { name: 'Open Chicken (brinkmanship)' }).click();
    await page.getByTestId('doc-title').getByText('Chicken').waitFor();
    await page.keyboard.press('p');
    const pres = page.getByTestId('presentation');
    await pres.getByTestId('payoff-matrix').waitFor({ timeout: 60_000 });
    const step = page.getByTestId('presentation-step');
    const count = (sel: string) => pres.locator(sel).count();
    await expect.poll(() => step.innerText()).toMatch(/step 1 of 4/);
    expect([await count('.star'), await count('.cell.eq'), await count('.cell.chosen')]).toEqual([0, 0, 0]);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => step.innerText()).toMatch(/step 2 of 4/);
    expect(await count('.star')).toBeGreaterThan(0);
    expect(await count('.cell.eq')).toBe(0);
    await page.keyboard.press('Space');
    await expect.poll(() => count('.cell.eq')).toBe(2); // chicken's two pure equilibria
    expect(await count('.cell.chosen')).toBe(0);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => count('.cell.chosen')).toBe(1);
    // chicken plays its symmetric mixed equilibrium (logit-limit): the replayed trial's cell is drawn from it, so
    // the story must match whichever cell was played (before, one driver always swerved)
    const story = await pres.getByTestId('presentation-story').innerText();
    const a = /Driver A plays (Swerve|Straight)/.exec(story)?.[1];
    const b = /Driver B plays (Swerve|Straight)/.exec(story)?.[1];
    expect([a, b].every((x) => x !== undefined)).toBe(true);
    if (a === 'Straight' && b === 'Straight') expect(story).toMatch(/Outcome: Crash/);
    else if (a !== b) expect(story).toMatch(/Outcome: Someone backs down/);
    else expect(story).not.toMatch(/Outcome:/);
    await page.screenshot({ path: join(SHOT_DIR, 'presentation-chicken.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('tab-model').waitFor();
    expect(h.errors).toEqual([]);
  });
});

describe('presentation mode on a 1920×1080 projector', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openApp({ viewport: { width: 1920, height: 1080 } });
    await gotoReady(h);
  });
  afterAll(async () => {
    await h.close();
  });

  /** The element's box lies inside the 1920×1080 window (it is in the screenshot). */
  const onScreen = async (loc: Locator): Promise<boolean> => {
    const b = await loc.boundingBox();
    return b !== null && b.x >= 0 && b.y >= 0 && b.x + b.width <= 1920 && b.y + b.height <= 1080;
  };
  const px = (loc: Locator): Promise<number> =>
    loc.evaluate((el) =>
      Number.parseFloat(el.ownerDocument.defaultView?.getComputedStyle(el).fontSize ?? '0'),
    );

  it('korea-2025: month names, NASH marks, a chosen trial, type and controls scaled, C explains no session', async () => {
    const { page } = h;
    await page.keyboard.press('p');
    const pres = page.getByTestId('presentation');
    const round = page.getByTestId('presentation-round');
    await expect.poll(() => round.innerText(), { timeout: 60_000 }).toMatch(/Month 1 of 24 · July/);
    await pres.getByTestId('payoff-matrix').first().waitFor();
    // NASH marks on the monthly game (korea-2025 has a pure equilibrium in its first month)
    const eq = pres.locator('.cell.eq');
    await expect.poll(() => eq.count()).toBeGreaterThan(0);
    expect(await eq.first().innerText()).toMatch(/NASH/);
    expect(await onScreen(eq.first())).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => round.innerText()).toMatch(/Month 2 of 24 · August/);
    // scaled for 1920×1080: controls and type grow with the screen, and the slide needs no scrolling
    const next = pres.getByRole('button', { name: /Next/ });
    expect(await px(next)).toBeGreaterThanOrEqual(19);
    expect(await px(pres.locator('.cell').first())).toBeGreaterThanOrEqual(36);
    expect(await px(pres.locator('.badge').first())).toBeGreaterThanOrEqual(16);
    expect(await onScreen(next)).toBe(true);
    expect(await onScreen(page.getByTestId('exit-presentation'))).toBe(true);
    const fits = await pres.evaluate(
      (el) => el.scrollHeight <= el.clientHeight && el.scrollWidth <= el.clientWidth,
    );
    expect(fits).toBe(true);
    // the trial shown: seed and trial number
    await page.getByTestId('trial-seed').fill('99');
    await page.getByTestId('trial-index').fill('7');
    await page.getByTestId('trial-index').press('Enter');
    await expect.poll(() => pres.locator('footer').innerText()).toMatch(/trial 7, seed 99\./);
    expect(await round.innerText()).toMatch(/Month 1 of 24 · July/);
    await page.screenshot({ path: join(SHOT_DIR, 'presentation-1920-korea.png') });
    // C: no class session is running, and the app says so
    await pres.focus();
    await page.keyboard.press('c');
    await expect
      .poll(() => page.getByText(/No class session is running/).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await pres.getByTestId('presentation-class-play').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('tab-model').waitFor();
    expect(h.errors).toEqual([]);
  });

  it('Chicken: NASH marks and the mixed equilibrium 9/11 on screen at the equilibria step', async () => {
    const { page } = h;
    await page.getByRole('tab', { name: 'Library' }).click();
    await page.getByRole('button', { name: 'Open Chicken (brinkmanship)' }).click();
    await page.getByTestId('doc-title').getByText('Chicken').waitFor();
    await page.keyboard.press('p');
    const pres = page.getByTestId('presentation');
    await pres.getByTestId('payoff-matrix').waitFor({ timeout: 60_000 });
    expect(await pres.getByTestId('presentation-round').innerText()).toMatch(/Round 1 of 1/);
    expect(await pres.getByTestId('presentation-mixed').count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const eq = pres.locator('.cell.eq');
    await expect.poll(() => eq.count()).toBe(2);
    for (const cell of await eq.all()) {
      expect(await cell.innerText()).toMatch(/NASH/);
      expect(await onScreen(cell)).toBe(true);
    }
    const mixed = pres.getByTestId('presentation-mixed');
    expect(await mixed.innerText()).toMatch(
      /Driver A: Swerve 9\/11, Straight 2\/11 · Driver B: Swerve 9\/11, Straight 2\/11/,
    );
    expect(await onScreen(mixed)).toBe(true);
    await page.screenshot({ path: join(SHOT_DIR, 'presentation-1920-chicken.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('tab-model').waitFor();
    expect(h.errors).toEqual([]);
  });
});
