// Class-play load: 200 scripted WebSocket students on 127.0.0.1 against `parley class` (a separate process, as in a
// classroom), several rounds of chicken; the latency from the teacher's Reveal to each student's receipt of the round
// result. Printed (p50/p95/max, ms), never asserted; the target is p95 ≤ 500 ms.
// Run alone: `npx tsx bench/classLoad.ts [students] [rounds]`, or as the `class` area of `npm run bench`.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { ServerMessage } from '../models/class/protocol';

const root = resolve(import.meta.dirname, '..');

type Client = { ws: WebSocket; on: (f: (m: ServerMessage) => void) => void };

const open = (url: string): Promise<Client> =>
  new Promise((ok, fail) => {
    const ws = new WebSocket(url);
    const listeners: ((m: ServerMessage) => void)[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as ServerMessage;
      for (const f of listeners) f(m);
    });
    ws.once('open', () => ok({ ws, on: (f) => listeners.push(f) }));
    ws.once('error', fail);
  });

const waitFor = (c: Client, pred: (m: ServerMessage) => boolean): Promise<ServerMessage> =>
  new Promise((ok) => c.on((m) => pred(m) && ok(m)));

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;

export const bench = async (students = 200, rounds = 3): Promise<Record<string, unknown>> => {
  const dir = await mkdtemp(join(tmpdir(), 'parley-class-bench-'));
  // node itself with tsx's loader (no wrapper process between us and the server)
  const loader = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const child = spawn(
    process.execPath,
    [
      '--import',
      loader,
      join(root, 'cli', 'main.ts'),
      'class',
      'chicken',
      '--no-pages',
      '--port',
      '0',
      '--journal',
      join(dir, 'j.jsonl'),
      '--rounds',
      String(rounds),
      '--max-students',
      String(students),
      '--seed',
      'bench',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const started = await new Promise<{ port: number; token: string; code: string }>((ok, fail) => {
      let text = '';
      child.stdout.on('data', (d) => {
        text += String(d);
        const t = /Teacher screen: http:\/\/127\.0\.0\.1:(\d+)\/teacher#([A-Za-z0-9_-]+)/.exec(text);
        const c = /Join code: ([A-Z0-9]+)/.exec(text);
        if (t && c) ok({ port: Number(t[1]), token: t[2] as string, code: c[1] as string });
      });
      child.once('exit', (code) => fail(new Error(`parley class exited ${code}`)));
    });
    const url = `ws://127.0.0.1:${started.port}/ws`;
    const teacher = await open(url);
    teacher.ws.send(JSON.stringify({ type: 'teacher', token: started.token }));
    await waitFor(teacher, (m) => m.type === 'teacher');
    const clients: Client[] = [];
    const joinStart = performance.now();
    for (let k = 0; k < students; k++) {
      const c = await open(url);
      c.ws.send(JSON.stringify({ type: 'join', code: started.code, name: `Bench ${k}` }));
      await waitFor(c, (m) => m.type === 'student');
      clients.push(c);
    }
    const joinMs = performance.now() - joinStart;
    const latencies: number[] = [];
    const chooseMs: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      teacher.ws.send(JSON.stringify({ type: 'control', action: r === 1 ? 'start' : 'next', round: r - 1 }));
      await Promise.all(
        clients.map((c) =>
          waitFor(
            c,
            (m) => m.type === 'student' && m.view.session.phase === 'open' && m.view.session.round === r,
          ),
        ),
      );
      const t0 = performance.now();
      await Promise.all(
        clients.map((c, k) => {
          const acked = waitFor(
            c,
            (m) => m.type === 'student' && m.view.choice !== null && m.view.session.round === r,
          );
          c.ws.send(JSON.stringify({ type: 'choose', round: r, strategy: (k + r) % 2 }));
          return acked;
        }),
      );
      chooseMs.push(performance.now() - t0);
      const received = clients.map((c) =>
        waitFor(c, (m) => m.type === 'student' && m.view.result?.round === r).then(() => performance.now()),
      );
      const reveal = performance.now();
      teacher.ws.send(JSON.stringify({ type: 'control', action: 'reveal', round: r }));
      for (const t of await Promise.all(received)) latencies.push(t - reveal);
    }
    for (const c of clients) c.ws.close();
    teacher.ws.close();
    const sorted = [...latencies].sort((a, b) => a - b);
    const round = (x: number): number => Math.round(x * 10) / 10;
    return {
      students,
      rounds,
      samples: sorted.length,
      revealToResultMs: {
        p50: round(quantile(sorted, 0.5)),
        p95: round(quantile(sorted, 0.95)),
        max: round(sorted.at(-1) ?? NaN),
      },
      targetP95Ms: 500,
      allChoicesAcknowledgedMs: chooseMs.map(round),
      joinAllMs: round(joinMs),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise<void>((ok) => (child.exitCode !== null ? ok() : child.once('exit', () => ok())));
    await rm(dir, { recursive: true, force: true });
  }
};

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const [n, r] = process.argv.slice(2).map(Number);
  bench(n || 200, r || 3).then(
    (res) => process.stdout.write(`${JSON.stringify(res, null, 2)}\n`),
    (err: unknown) => {
      process.stderr.write(`class load bench failed: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
