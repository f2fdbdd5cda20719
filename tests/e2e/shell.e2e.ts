import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openApp, SHOT_DIR, type Harness } from './harness';

describe('app shell', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openApp();
  });
  afterAll(async () => {
    await h.close();
  });

  it('renders with no console errors', async () => {
    await h.page.goto(h.url);
    await h.page.getByTestId('app-shell').waitFor({ timeout: 15_000 });
    await h.page.screenshot({ path: join(SHOT_DIR, 'shell.png') });
    expect(h.errors).toEqual([]);
  });
});
