// Class play's acceptance test, in Chromium: a real `parley class chicken --port 0` process (the CLI as users run
// it), one teacher page on the teacher URL it prints and 20 student browser contexts that join through the join URL
// it prints. They play two rounds by clicking the buttons labelled with the strategies' labels; a student who
// reloads mid-round keeps their pseudonym, role, score and choice, and one who reloads before choosing chooses
// after; the teacher reveals each round; End session writes session.csv with exactly the choices made.
// The same run regenerates the README's screenshots: docs/class-teacher.png (projector, after Reveal) and
// docs/class-student.png (a phone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { BUILD_DIR, CHROMIUM, CHROMIUM_ARGS } from './harness';

const STUDENTS = 20;
const ROOT = resolve(import.meta.dirname, '../..');
const DOCS = join(ROOT, 'docs');
const LABEL = { swerve: 'Swerve', straight: 'Straight' } as const;

let browser: Browser;
let cli: ChildProcessByStdio<null, Readable, Readable> | null = null;
let dir = '';
let out = '';
const contexts: BrowserContext[] = [];
const errors: string[] = [];

/** Wait until the CLI printed a line matching `re` (its stdout so far is in `out`). */
const printed = (re: RegExp, timeoutMs = 90_000): Promise<RegExpExecArray> =>
  new Promise((ok, fail) => {
    const check = (): boolean => {
      const m = re.exec(out);
      if (m) ok(m);
      return m !== null;
    };
    if (check()) return;
    const timer = setTimeout(
      () => fail(new Error(`parley class did not print ${re}; it printed:\n${out}`)),
      timeoutMs,
    );
    cli?.stdout.on('data', () => {
      if (check()) clearTimeout(timer);
    });
  });

beforeAll(async () => {
  if (!existsSync(join(BUILD_DIR, 'class', 'student.html'))) {
    throw new Error(`No built class pages in ${BUILD_DIR}: run "npm run build" first.`);
  }
  dir = await mkdtemp(join(tmpdir(), 'parley-class-e2e-'));
  cli = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'parley.mjs'),
      'class',
      'chicken',
      '--port',
      '0',
      '--pages',
      BUILD_DIR,
      '--rounds',
      '2',
      '--matching',
      'fixed',
      '--seed',
      'e2e',
      '--journal',
      join(dir, 'session.jsonl'),
      '--out',
      join(dir, 'session.csv'),
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cli.stdout.on('data', (d) => (out += String(d)));
  cli.stderr.on('data', (d) => errors.push(`parley class stderr: ${String(d)}`));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  cli?.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

const watch = (p: Page, who: string): void => {
  p.on('pageerror', (e) => errors.push(`${who} pageerror: ${String(e)}`));
  p.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${who} console: ${m.text()}`);
  });
};

/** What a student's header says about them: pseudonym, role and score. */
const identity = async (page: Page): Promise<string> =>
  `${await page.getByRole('heading', { level: 1 }).textContent()} | ${await page
    .locator('header p')
    .first()
    .textContent()}`;

describe('class play: parley class chicken, a teacher and 20 students in Chromium', () => {
  it('join through the printed URL, two rounds by clicking, reloads keep identity, session.csv has the choices', async () => {
    const t0 = performance.now();
    const [, joinUrl, port, code] = await printed(
      /Students open: (http:\/\/127\.0\.0\.1:(\d+)\/join#([A-Z0-9]+))\n/,
    );
    const [, teacherUrl] = await printed(/Teacher screen: (http:\/\/127\.0\.0\.1:\d+\/teacher#\S+)\n/);
    expect(Number(port)).toBeGreaterThan(0); // --port 0: the port it got
    expect(out).toContain(`Join code: ${code}`);
    expect(out).toMatch(/▄|█/); // the QR code, drawn in the terminal
    const tStarted = performance.now();

    const tctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    contexts.push(tctx);
    const teacher = await tctx.newPage();
    watch(teacher, 'teacher');
    await teacher.goto(teacherUrl as string);
    await teacher.getByTestId('joined-count').waitFor();
    expect(teacher.url()).not.toContain('#'); // the token left the address bar
    await expect.poll(() => teacher.getByTestId('join-code').textContent()).toBe(code);
    expect(await teacher.getByTestId('join-url').textContent()).toBe((joinUrl as string).replace(/#.*$/, ''));
    expect(await teacher.getByRole('img', { name: 'QR code of the join URL' }).getAttribute('src')).toMatch(
      /^data:image\/svg\+xml;base64,/,
    );

    // every student in a fresh context (no storage, no cookies), on the printed URL; five at a time
    const joinStudent = async (k: number): Promise<{ page: Page; name: string }> => {
      const ctx = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      contexts.push(ctx);
      const page = await ctx.newPage();
      watch(page, `student ${k}`);
      await page.goto(joinUrl as string);
      await expect.poll(() => page.getByTestId('join-code').inputValue()).toBe(code);
      const name = `Student ${String(k + 1).padStart(2, '0')}`;
      await page.getByTestId('join-name').fill(name);
      await page.getByTestId('join-button').click();
      await page.getByText('Waiting for the teacher').waitFor();
      return { page, name };
    };
    const students: { page: Page; name: string }[] = [];
    for (let k = 0; k < STUDENTS; k += 5) {
      const batch = Array.from({ length: Math.min(5, STUDENTS - k) }, (_, i) => joinStudent(k + i));
      students.push(...(await Promise.all(batch)));
    }
    await teacher.getByTestId('joined-count').getByText(String(STUDENTS)).waitFor();
    const tJoined = performance.now();

    const made: string[] = [];
    const choose = async (page: Page, strategy: keyof typeof LABEL): Promise<void> => {
      // the button a student taps is labelled with the strategy's label
      await page.getByRole('button', { name: LABEL[strategy], exact: true }).click();
      await page.getByTestId('choice-status').getByText(`Your choice: ${LABEL[strategy]}`).waitFor();
    };
    for (let r = 1; r <= 2; r++) {
      await teacher.getByTestId(r === 1 ? 'start-round' : 'next-round').click();
      for (const [k, s] of students.entries()) {
        const strategy = (k + r) % 3 === 0 ? 'straight' : 'swerve';
        if (r === 2 && k === 5) {
          // a reload before choosing: same student, who then chooses
          const before = await identity(s.page);
          await s.page.reload();
          await s.page.getByRole('heading', { name: s.name }).waitFor();
          expect(await identity(s.page)).toBe(before);
          await s.page.getByTestId('choice-status').getByText('Tap your choice').waitFor();
        }
        await choose(s.page, strategy);
        // the README's phone: a student's round, the payoffs in words and the strategy buttons
        if (r === 2 && k === 0) await s.page.screenshot({ path: join(DOCS, 'class-student.png') });
        if (r === 1 && k === 2) {
          // a reload mid-round after choosing: same pseudonym, role and score, and the choice still counts
          const before = await identity(s.page);
          await s.page.reload();
          await s.page.getByRole('heading', { name: s.name }).waitFor();
          expect(await identity(s.page)).toBe(before);
          await s.page.getByTestId('choice-status').getByText(`Your choice: ${LABEL[strategy]}`).waitFor();
        }
        made.push(`${r},${s.name},${strategy}`);
      }
      await teacher.getByTestId('chosen-count').getByText(String(STUDENTS)).waitFor();
      await teacher.getByTestId('reveal').click();
      for (const s of students) await s.page.getByTestId('result').getByText(`Round ${r}`).waitFor();
      await teacher.getByTestId('class-vs-theory').getByText(`Round ${r}:`).waitFor();
    }
    const tPlayed = performance.now();

    // the README's projector: after Reveal, the class beside every equilibrium and the fitted QRE
    await teacher.getByTestId('class-vs-theory').scrollIntoViewIfNeeded();
    await teacher.screenshot({ path: join(DOCS, 'class-teacher.png') });

    await teacher.getByTestId('end-session').click();
    await teacher.getByTestId('files').waitFor();
    await printed(/Session ended\. Wrote /);
    const exit = await new Promise<number | null>((ok) => {
      if (cli?.exitCode !== null) ok(cli?.exitCode ?? null);
      else cli.on('exit', (c) => ok(c));
    });
    expect(exit).toBe(0);
    const csv = (await readFile(join(dir, 'session.csv'), 'utf8')).trim().split('\r\n');
    expect(csv[0]).toBe('session_id,round,student,role,choice,partners,payoff');
    const got = csv
      .slice(1)
      .map((l) => l.split(','))
      .map((c) => `${c[1]},${c[2]},${c[4]}`)
      .sort();
    expect(got).toEqual(made.sort());
    expect(errors).toEqual([]);
    const s = (ms: number): number => Math.round(ms / 100) / 10;
    console.log(
      `class e2e: ${STUDENTS} students; CLI up ${s(tStarted - t0)} s, teacher + ${STUDENTS} joined ${s(
        tJoined - tStarted,
      )} s, two rounds played ${s(tPlayed - tJoined)} s, total ${s(performance.now() - t0)} s`,
    );
  }, 600_000);
});
