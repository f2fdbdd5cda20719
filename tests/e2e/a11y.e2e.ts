// Accessibility: axe-core over the main views (no serious or critical violations), in light and dark themes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gotoReady, openApp, SHOT_DIR, type Harness } from './harness';

const AXE = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');

type AxeResult = {
  passes: unknown[];
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
};

describe('accessibility (axe-core)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openApp();
    await gotoReady(h);
    // the app's CSP forbids inline scripts (addScriptTag); DevTools evaluation is not subject to it
    await h.page.evaluate(await readFile(AXE, 'utf8'));
  });
  afterAll(async () => {
    await h.close();
  });

  const check = async (name: string): Promise<string[]> => {
    const result = (await h.page.evaluate(() =>
      (globalThis as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({
        resultTypes: ['violations'],
      }),
    )) as AxeResult;
    expect(result.passes.length).toBeGreaterThan(10); // axe really ran
    await h.page.screenshot({ path: join(SHOT_DIR, `a11y-${name}.png`) });
    const minor = result.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
    if (minor.length) console.info(`${name}: minor`, minor.map((v) => v.id).join(', '));
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
  };

  it('has no serious or critical violations in the main views, light and dark', async () => {
    const found: string[] = [];
    for (const theme of ['light', 'dark']) {
      await h.page.selectOption('select[title="Theme"]', theme);
      for (const tab of ['model', 'game', 'simulate', 'whatif']) {
        await h.page.getByTestId(`tab-${tab}`).click();
        await h.page.waitForTimeout(150);
        found.push(...(await check(`${theme}-${tab}`)));
      }
    }
    await h.page.getByTestId('tab-model').click();
    for (const section of [
      'Parameters',
      'Actors & payoffs',
      'State & derived',
      'Events',
      'Outcomes & metrics',
    ]) {
      await h.page.getByRole('button', { name: section, exact: true }).click();
      found.push(...(await check(`editor-${section.replace(/\W+/g, '-')}`)));
    }
    await h.page.getByRole('tab', { name: 'Library' }).click();
    found.push(...(await check('library')));
    await h.page.keyboard.press('?');
    await h.page.getByTestId('shortcuts').getByRole('table').waitFor();
    found.push(...(await check('shortcuts')));
    await h.page.keyboard.press('Escape');
    // presentation mode (what a class sees on the projector)
    await h.page.keyboard.press('p');
    await h.page
      .getByTestId('presentation')
      .getByTestId('payoff-matrix')
      .first()
      .waitFor({ timeout: 60_000 });
    found.push(...(await check('presentation')));
    await h.page.keyboard.press('Escape');
    await h.page.getByTestId('tab-model').waitFor();
    expect(found).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
