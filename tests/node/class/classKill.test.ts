// A teacher's process killed mid-round (SIGKILL) and restarted on the same journal: no choice is lost.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isStudent, isTeacher, TestClient } from './classTestKit';

const root = resolve(import.meta.dirname, '../../..');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

type Started = { child: ChildProcess; port: number; teacherToken: string; code: string; out: string[] };

const startCli = (cwd: string, args: string[]): Promise<Started> =>
  new Promise((ok, fail) => {
    // node itself with tsx's loader (not the tsx wrapper, whose child would outlive a SIGKILL)
    const loader = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const child = spawn(
      process.execPath,
      ['--import', loader, join(root, 'cli', 'main.ts'), 'class', ...args],
      {
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    const out: string[] = [];
    let text = '';
    child.stdout!.on('data', (d) => {
      text += String(d);
      out.push(String(d));
      const t = /Teacher screen: http:\/\/127\.0\.0\.1:(\d+)\/teacher#([A-Za-z0-9_-]+)/.exec(text);
      const c = /Join code: ([A-Z0-9]+)/.exec(text);
      if (t && c) ok({ child, port: Number(t[1]), teacherToken: t[2]!, code: c[1]!, out });
    });
    let err = '';
    child.stderr!.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => fail(new Error(`class exited ${code}: ${err}`)));
  });

describe('parley class: kill and restart', () => {
  it('resumes from the journal after SIGKILL mid-round with no choice lost; session.csv has every choice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-class-kill-'));
    try {
      const args = [
        'chicken',
        '--no-pages',
        '--port',
        '0',
        '--journal',
        'j.jsonl',
        '--out',
        'session.csv',
        '--seed',
        'k',
        '--matching',
        'fixed',
      ];
      const first = await startCli(dir, args);
      const ws = `ws://127.0.0.1:${first.port}/ws`;
      const teacher = await TestClient.connect(ws);
      teacher.send({ type: 'teacher', token: first.teacherToken });
      await teacher.waitFor(isTeacher);
      const students: { token: string; name: string; choice: number }[] = [];
      for (let k = 0; k < 6; k++) {
        const c = await TestClient.connect(ws);
        c.send({ type: 'join', code: first.code, name: `Student ${k}` });
        const w = await c.waitFor((m) => m.type === 'welcome');
        if (w.type !== 'welcome') throw new Error('unreachable');
        students.push({ token: w.token, name: w.name, choice: (k * 5) % 2 });
      }
      teacher.send({ type: 'control', action: 'start', round: 0 });
      await teacher.waitFor((m) => isTeacher(m) && m.view.session.phase === 'open');
      const clients: TestClient[] = [];
      for (const s of students) {
        const c = await TestClient.connect(ws);
        c.send({ type: 'resume', token: s.token });
        await c.waitFor(isStudent);
        const from = c.mark();
        c.send({ type: 'choose', round: 1, strategy: s.choice });
        // acknowledged: the view shows the choice
        await c.waitFor((m) => isStudent(m) && m.view.choice === s.choice, from);
        clients.push(c);
      }
      first.child.kill('SIGKILL');
      await new Promise<void>((ok) => first.child.once('exit', () => ok()));
      // the server is gone: its port refuses connections
      await expect(TestClient.connect(ws)).rejects.toThrow();

      const second = await startCli(dir, args);
      expect(second.out.join('')).toMatch(/^Resumed /);
      expect(second.code).toBe(first.code);
      expect(second.teacherToken).toBe(first.teacherToken);
      const ws2 = `ws://127.0.0.1:${second.port}/ws`;
      for (const s of students) {
        const c = await TestClient.connect(ws2);
        c.send({ type: 'resume', token: s.token });
        const v = await c.waitFor(isStudent);
        if (!isStudent(v)) throw new Error('unreachable');
        expect(v.view.you.name).toBe(s.name);
        expect(v.view.choice).toBe(s.choice);
        c.close();
      }
      const t2 = await TestClient.connect(ws2);
      t2.send({ type: 'teacher', token: second.teacherToken });
      const tv = await t2.waitFor(isTeacher);
      if (!isTeacher(tv)) throw new Error('unreachable');
      expect(tv.view.chosen).toBe(6);
      t2.send({ type: 'control', action: 'reveal', round: 1 });
      await t2.waitFor((m) => isTeacher(m) && m.view.session.phase === 'revealed');
      const exited = new Promise<number | null>((ok) => second.child.once('exit', (code) => ok(code)));
      t2.send({ type: 'control', action: 'end', round: 1 });
      expect(await exited).toBe(0);
      const csv = (await readFile(join(dir, 'session.csv'), 'utf8')).trim().split('\r\n');
      const got = csv
        .slice(1)
        .map((l) => l.split(','))
        .map((c) => `${c[2]}:${c[4]}`)
        .sort();
      const strategies = ['swerve', 'straight'];
      expect(got).toEqual(students.map((s) => `${s.name}:${strategies[s.choice]}`).sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
