// Class play in Chromium: a teacher screen and student browser contexts on the built pages (out/renderer), two
// rounds of chicken played by clicking the strategy buttons; a student who reloads mid-round keeps their identity;
// session.csv has exactly the choices made. (The integration phase scales this to 20 students and the README
// screenshots.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_DIR, CHROMIUM, SHOT_DIR } from './harness';
import { startClassServer, type ClassServerHandle } from '../../node/class/ClassServer';
import { loadBuiltin } from '../../models/scenario/builtins';
import { writeFileAtomic } from '../../node/files/atomicWrite';
import { nodeFileDeps } from '../../node/files/nodeFileDeps';

const STUDENTS = 6;
let browser: Browser;
let server: ClassServerHandle;
let dir = '';
const errors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(BUILD_DIR, 'class', 'student.html'))) {
    throw new Error(`No built class pages in ${BUILD_DIR}: run "npm run build" first.`);
  }
  await mkdir(SHOT_DIR, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'parley-class-e2e-'));
  server = await startClassServer({
    spec: loadBuiltin('chicken').spec,
    source: 'builtin:chicken',
    journalPath: join(dir, 'session.jsonl'),
    config: { params: {}, seed: 'e2e', rounds: 2, matching: 'fixed', maxStudents: 200 },
    staticDir: BUILD_DIR,
    outPath: join(dir, 'session.csv'),
    writeFileAtomic: (path: string, text: string) => writeFileAtomic(path, text, nodeFileDeps),
    fanTrials: 0,
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const watch = (p: Page, who: string): void => {
  p.on('pageerror', (e) => errors.push(`${who} pageerror: ${String(e)}`));
  p.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${who} console: ${m.text()}`);
  });
};

describe('class play in the browser', () => {
  it('a teacher and students play two rounds by clicking; a reload keeps identity; session.csv has the choices', async () => {
    const tctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const teacher = await tctx.newPage();
    watch(teacher, 'teacher');
    await teacher.goto(server.teacherUrl);
    await teacher.getByTestId('joined-count').waitFor();
    // the token left the address bar
    expect(teacher.url()).not.toContain(server.teacherToken);

    const students: { page: Page; name: string }[] = [];
    for (let k = 0; k < STUDENTS; k++) {
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      const page = await ctx.newPage();
      watch(page, `student ${k}`);
      await page.goto(server.joinUrl);
      await page.getByTestId('join-name').fill(`Student ${k}`);
      await page.getByTestId('join-button').click();
      await page.getByText('Waiting for the teacher').waitFor();
      students.push({ page, name: `Student ${k}` });
    }
    await teacher.getByTestId('joined-count').getByText(String(STUDENTS)).waitFor();

    const made: string[] = [];
    for (let r = 1; r <= 2; r++) {
      await teacher.getByTestId(r === 1 ? 'start-round' : 'next-round').click();
      for (const [k, s] of students.entries()) {
        const strategy = (k + r) % 3 === 0 ? 'straight' : 'swerve';
        await s.page.getByTestId(`choice-${strategy}`).click();
        await s.page.getByTestId('choice-status').getByText('Your choice').waitFor();
        if (r === 1 && k === 2) {
          // a reload mid-round keeps the identity and the choice
          await s.page.reload();
          await s.page.getByRole('heading', { name: s.name }).waitFor();
          await expect.poll(() => s.page.getByTestId('choice-status').textContent()).toContain('Your choice');
        }
        made.push(`${r},${s.name},${strategy}`);
      }
      await teacher.getByTestId('chosen-count').getByText(String(STUDENTS)).waitFor();
      await teacher.getByTestId('reveal').click();
      for (const s of students) await s.page.getByTestId('result').getByText(`Round ${r}`).waitFor();
      await teacher.getByTestId('class-vs-theory').getByText(`Round ${r}:`).waitFor();
    }
    await teacher.screenshot({ path: join(SHOT_DIR, 'class-teacher.png') });
    await students[0]!.page.screenshot({ path: join(SHOT_DIR, 'class-student.png') });
    await teacher.getByTestId('end-session').click();
    await teacher.getByTestId('files').waitFor();
    const csv = (await readFile(join(dir, 'session.csv'), 'utf8')).trim().split('\r\n');
    expect(csv[0]).toBe('session_id,round,student,role,choice,partners,payoff');
    const got = csv
      .slice(1)
      .map((l) => l.split(','))
      .map((c) => `${c[1]},${c[2]},${c[4]}`)
      .sort();
    expect(got).toEqual(made.sort());
    expect(errors).toEqual([]);
  });
});
