// The Tree view in Chromium: open a classic game tree from the library, see its SPE path and behaviour, pick
// another equilibrium, walk backward induction in presentation mode, and pass axe-core (no serious violations);
// the Game view of a tree scenario shows what the engine plays in the tree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gotoReady, openApp, SHOT_DIR, type Harness } from './harness';

const AXE = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
type AxeResult = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };

describe('tree view', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openApp();
    await gotoReady(h);
  });
  afterAll(async () => {
    await h.close();
  });

  it('opens entry deterrence from the library, solves it in a worker and walks backward induction', async () => {
    const { page } = h;
    await page.getByRole('tab', { name: 'Library' }).click();
    await page.getByRole('button', { name: 'Open the tree of Entry deterrence' }).click();
    await page.getByTestId('tree-view').getByTestId('tree-diagram').waitFor();
    expect(await page.getByTestId('tab-tree').getAttribute('aria-selected')).toBe('true');
    // the SPE (In, Acquiesce): its path highlighted and its behaviour listed
    const behaviour = page.getByTestId('tree-behaviour');
    await behaviour.waitFor({ timeout: 60_000 });
    expect(await behaviour.locator('tbody tr td:last-child').allInnerTexts()).toEqual(['In', 'Acquiesce']);
    expect(await page.locator('[data-testid="tree-view"] .edge.on-path').count()).toBe(2);
    await page.screenshot({ path: join(SHOT_DIR, 'tree-view.png') });

    // axe-core on the Tree view (the app's CSP forbids inline scripts; DevTools evaluation is not subject to it)
    await page.evaluate(await readFile(AXE, 'utf8'));
    const result = (await page.evaluate(() =>
      (globalThis as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({
        resultTypes: ['violations'],
      }),
    )) as AxeResult;
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // presentation mode walks the tree: the tree alone, one information set per key, then the path
    await page.keyboard.press('p');
    const step = page.getByTestId('tree-walk-step');
    await step.waitFor();
    const caption = page.getByTestId('tree-walk-caption');
    await expect.poll(() => step.innerText()).toBe('Step 1 of 4');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => caption.innerText()).toMatch(/^Incumbent chooses Acquiesce/);
    await page.keyboard.press('Space');
    await expect.poll(() => caption.innerText()).toMatch(/^Challenger chooses In/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => caption.innerText()).toMatch(/subgame-perfect equilibrium path/);
    expect(await page.locator('[data-testid="tree-presentation"] .edge.on-path').count()).toBe(2);
    await page.screenshot({ path: join(SHOT_DIR, 'tree-presentation.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('tree-view').waitFor();

    // Kuhn poker: chance deals, information sets drawn dashed, lcp's value −1/18 to the first player
    await page.getByRole('button', { name: 'Open the tree of Kuhn poker' }).click();
    await expect.poll(() => page.getByTestId('tree-title').innerText()).toMatch(/Kuhn/);
    expect(await page.locator('[data-testid="tree-view"] line.infoset').count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('tree-solver-lcp').innerText(), { timeout: 60_000 })
      .toMatch(/payoffs \(-1\/18, 1\/18\)/);
    await page.screenshot({ path: join(SHOT_DIR, 'tree-kuhn.png'), fullPage: true });

    // a tree scenario: opening it closes the classic, so the Tree tab shows its round as a tree at the current
    // values (not Kuhn poker)
    await page
      .getByRole('button', { name: 'Open Korean Peninsula 2025, in sequence: Seoul offers first' })
      .click();
    await page.getByTestId('tab-tree').click();
    await expect
      .poll(() => page.getByTestId('tree-origin').innerText(), { timeout: 60_000 })
      .toMatch(/this scenario's round as a tree/);
    await page.getByTestId('tree-behaviour').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOT_DIR, 'tree-scenario.png') });

    // the Game view of the tree scenario: what the engine plays in the tree, not the simultaneous game
    await page.getByTestId('tab-game').click();
    const played = page.getByTestId('tree-played');
    await played.waitFor({ timeout: 60_000 });
    expect(await played.innerText()).toMatch(/The simulation plays the tree/);
    expect(await page.getByTestId('tree-played-0').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('plans-too-large').innerText()).toMatch(/3 × 729 × 387,420,489 plans/);
    expect(await page.getByTestId('played-equilibrium').count()).toBe(0);
    await page.screenshot({ path: join(SHOT_DIR, 'game-tree-scenario.png'), fullPage: true });
    await page.getByRole('button', { name: 'Show on the Tree tab' }).click();
    await expect.poll(() => page.getByTestId('tab-tree').getAttribute('aria-selected')).toBe('true');
    expect(h.errors).toEqual([]);
  });
});
