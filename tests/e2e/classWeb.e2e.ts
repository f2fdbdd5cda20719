// Web mode (`npm run web`): the page served with the /api/class/ endpoint starts a class session from the header's
// Class… button, mounts the teacher screen over the window (its WebSocket allowed by the page's CSP), a student
// joins and plays, End session writes session.csv, Close stops the server; a session stopped unfinished is offered
// again after a reload and resumes with the same join code. Presentation mode opened from the teacher screen shows
// the class's own play (C).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_DIR, gotoReady, openApp, SHOT_DIR, type Harness } from './harness';
import { webClassApi } from '../../node/class/classWebApi';

let h: Harness;
let dir = '';
let api: ReturnType<typeof webClassApi> | null = null;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-web-class-'));
  h = await openApp({
    viewport: { width: 1600, height: 1000 },
    handle: (req, res) => (api ? api.handle(req, res) : Promise.resolve(false)),
  });
  api = webClassApi({ staticDir: BUILD_DIR, dataDir: dir, port: Number(new URL(h.url).port) });
});

afterAll(async () => {
  await api?.stop();
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('class play in the web app (npm run web)', () => {
  it('Class… starts a session; the teacher screen opens in the page; a student plays; End writes session.csv', async () => {
    const { page } = h;
    await gotoReady(h);
    await page.getByRole('tab', { name: 'Library' }).click();
    await page.getByRole('button', { name: 'Open Chicken (brinkmanship)' }).click();
    await page.getByTestId('doc-title').getByText('Chicken').waitFor();
    await page.getByTestId('class-session').click();
    const dialog = page.getByTestId('class-dialog');
    await dialog.getByText('Start a class session').waitFor();
    await page.getByTestId('class-rounds').fill('1');
    await page.getByTestId('class-start').click();

    const overlay = page.getByTestId('class-overlay');
    await overlay.getByTestId('joined-count').waitFor({ timeout: 60_000 });
    const code = (await overlay.getByTestId('join-code').textContent()) ?? '';
    const url = (await overlay.getByTestId('join-url').textContent()) ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/join$/);

    const student = await h.ctx.newPage();
    await student.goto(`${url}#${code}`);
    await student.getByTestId('join-name').fill('Ada');
    await student.getByTestId('join-button').click();
    await student.getByText('Waiting for the teacher').waitFor();
    await overlay.getByTestId('joined-count').getByText('1').waitFor();
    await overlay.getByTestId('start-round').click();
    await student.getByRole('button', { name: 'Swerve', exact: true }).click();
    await student.getByTestId('choice-status').getByText('Your choice: Swerve').waitFor();
    await overlay.getByTestId('reveal').click();
    await overlay.getByTestId('class-vs-theory').waitFor();
    // Present: presentation mode while the session runs; C shows the class's own play, C again the simulation
    await overlay.getByTestId('class-present').click();
    const pres = page.getByTestId('presentation');
    await pres.getByTestId('payoff-matrix').waitFor({ timeout: 60_000 });
    await page.keyboard.press('c');
    const play = pres.getByTestId('presentation-class-play');
    await play.waitFor({ timeout: 30_000 });
    expect(await play.innerText()).toMatch(/Driver [AB]: Swerve 100% \(1\) · Straight 0% \(0\)/);
    expect(await pres.getByTestId('presentation-round').innerText()).toMatch(/Class play · Round 1 of 1/);
    expect(await pres.locator('.cell.eq').count()).toBe(2);
    expect(await pres.getByTestId('presentation-mixed').innerText()).toMatch(/9\/11/);
    await page.screenshot({ path: join(SHOT_DIR, 'presentation-class.png') });
    await page.keyboard.press('c');
    await play.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await overlay.getByTestId('end-session').waitFor();
    await overlay.getByTestId('end-session').click();
    await overlay.getByTestId('files').waitFor();
    const csvName = (await readdir(dir)).find((f) => f.endsWith('.csv'));
    expect(csvName).toBeDefined();
    const rows = (await readFile(join(dir, csvName as string), 'utf8')).trim().split('\r\n');
    // Ada's row (her partner's seat was played by a bot: its row names Ada as the partner)
    expect(rows.filter((r) => r.split(',')[2] === 'Ada')).toEqual([
      expect.stringMatching(/^class-[0-9a-f]+,1,Ada,[AB],swerve,bot,/),
    ]);

    await page.getByTestId('class-close').click();
    await page.getByTestId('class-stop').click();
    await overlay.waitFor({ state: 'detached' });
    await expect(fetch(url)).rejects.toThrow();
    await student.close();
    expect(h.errors).toEqual([]); // no CSP violation, no failed request
  });

  it('a session closed unfinished is offered after a reload and resumes with the same join code', async () => {
    const { page } = h;
    await page.getByTestId('class-session').click();
    await page.getByTestId('class-start').click();
    const overlay = page.getByTestId('class-overlay');
    await overlay.getByTestId('joined-count').waitFor({ timeout: 60_000 });
    const code = await overlay.getByTestId('join-code').textContent();
    await page.getByTestId('class-close').click();
    await page.getByTestId('class-stop').click();
    await overlay.waitFor({ state: 'detached' });

    await gotoReady(h);
    const banner = page.getByTestId('class-resume-banner');
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Resume' }).click();
    await overlay.getByTestId('joined-count').waitFor({ timeout: 60_000 });
    await overlay.getByText('(resumed)').waitFor();
    expect(await overlay.getByTestId('join-code').textContent()).toBe(code);
    await page.getByTestId('class-close').click();
    await page.getByTestId('class-stop').click();
    expect(h.errors).toEqual([]);
  });
});
