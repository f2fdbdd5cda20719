// ClassHost: the app's one class session (desktop main process, web mode's server), on scenario text.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ClassHost, type ClassHostDeps } from '../../../node/class/ClassHost';
import type { ClassStartRequest } from '../../../models/class/classStartRequest';
import { TREE_CLASS_PLAY_REFUSAL } from '../../../models/class/classPlayRefusal';
import { writeFilesAtomic } from '../../../node/files/atomicWrite';
import { nodeFileDeps } from '../../../node/files/nodeFileDeps';
import { control, isTeacher, TestClient } from './classTestKit';

const CHICKEN = readFileSync(
  resolve(import.meta.dirname, '../../../models/library/chicken.parley.json'),
  'utf8',
);

const request = (over: Partial<ClassStartRequest> = {}): ClassStartRequest => ({
  scenario: { text: CHICKEN, name: 'chicken.parley.json' },
  params: {},
  rounds: 3,
  matching: 'fixed',
  lan: false,
  maxStudents: 30,
  ...over,
});

let dir = '';
let hosts: ClassHost[] = [];
let blockers: Server[] = [];
afterEach(async () => {
  for (const h of hosts) await h.stop();
  for (const b of blockers) await new Promise<void>((ok) => b.close(() => ok()));
  hosts = [];
  blockers = [];
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

const makeHost = async (over: Partial<ClassHostDeps> = {}): Promise<ClassHost> => {
  dir ||= await mkdtemp(join(tmpdir(), 'parley-class-host-'));
  const host = new ClassHost({
    dataDir: join(dir, 'data'),
    outDir: join(dir, 'out'),
    staticDir: null,
    writeFilesAtomic: (files) => writeFilesAtomic(files, nodeFileDeps),
    allowedOrigins: ['app://parley'],
    preferredPort: 0,
    fanTrials: 0,
    ...over,
  });
  hosts.push(host);
  return host;
};

/** A port held by another program. */
const takenPort = async (): Promise<number> => {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', () => ok()));
  blockers.push(s);
  const a = s.address();
  return typeof a === 'object' && a ? a.port : 0;
};

const teacher = async (serverUrl: string, token: string): Promise<TestClient> => {
  const t = await TestClient.connect(serverUrl, { origin: 'app://parley' });
  t.send({ type: 'teacher', token });
  await t.waitFor(isTeacher);
  return t;
};

describe('ClassHost', () => {
  it('starts a session on the scenario text with the options asked, on loopback, and the app origin can teach', async () => {
    const host = await makeHost();
    const r = await host.start(request({ params: { crash: -20 } }));
    if (!r.ok) throw new Error(String(r.error));
    const s = r.session;
    expect(s.title).toMatch(/Chicken/);
    expect(s.serverUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(s.joinUrl).toBe(`${s.serverUrl.replace('ws:', 'http:').replace('/ws', '/join')}#${s.joinCode}`);
    expect(s.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(s.lan).toBe(false);
    expect(s.resumed).toBe(false);
    expect(s.csvPath).toBe(join(dir, 'out', `${s.sessionId}.csv`));
    const journal = join(dir, 'data', `${s.sessionId}.jsonl`);
    expect((await stat(journal)).mode & 0o777).toBe(0o600);
    const header = JSON.parse((await readFile(journal, 'utf8')).split('\n')[0] as string) as {
      config: { rounds: number; matching: string; maxStudents: number; params: object };
      source: string;
    };
    expect(header.config).toMatchObject({
      rounds: 3,
      matching: 'fixed',
      maxStudents: 30,
      params: { crash: -20 },
    });
    expect(header.source).toBe('chicken.parley.json');
    const t = await teacher(s.serverUrl, s.teacherToken);
    t.close();
    expect(host.current?.sessionId).toBe(s.sessionId);
  });

  it('rounds: null plays the default (10 for a one-round game)', async () => {
    const host = await makeHost();
    const r = await host.start(request({ rounds: null }));
    if (!r.ok) throw new Error(String(r.error));
    expect((await host.resumable())?.rounds).toBe(10);
  });

  it('refuses a broken scenario or an unknown parameter with one line, and starts nothing', async () => {
    const host = await makeHost();
    const broken = await host.start(
      request({ scenario: { text: '{"format": "parley.scenario/1"', name: 'x.json' } }),
    );
    expect(broken).toMatchObject({ ok: false, error: expect.stringMatching(/^The scenario has problems: /) });
    const unknown = await host.start(request({ params: { crsh: 1 } }));
    expect(unknown).toMatchObject({ ok: false, error: 'The scenario has no parameter "crsh".' });
    expect(host.current).toBeNull();
  });

  it('refuses a scenario whose round is a game tree up front, with the one-line refusal, and starts nothing', async () => {
    const host = await makeHost();
    const text = readFileSync(
      resolve(import.meta.dirname, '../../../models/library/korea-2025-sequential.parley.json'),
      'utf8',
    );
    const r = await host.start(request({ scenario: { text, name: 'korea-2025-sequential.parley.json' } }));
    expect(r).toMatchObject({ ok: false, error: TREE_CLASS_PLAY_REFUSAL });
    expect(host.current).toBeNull();
    expect(await host.resumable()).toBeNull();
  });

  it('one session at a time: a second start is refused until the first has ended', async () => {
    const host = await makeHost();
    const first = await host.start(request());
    if (!first.ok) throw new Error(String(first.error));
    expect(await host.start(request())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/is running: resume it/),
    });
    const t = await teacher(first.session.serverUrl, first.session.teacherToken);
    await control(t, 'end', 0);
    t.close();
    const second = await host.start(request());
    expect(second.ok).toBe(true);
  });

  it('falls back to any free port when the preferred one is taken', async () => {
    const port = await takenPort();
    const host = await makeHost({ preferredPort: port });
    const r = await host.start(request());
    if (!r.ok) throw new Error(String(r.error));
    expect(r.session.serverUrl).not.toContain(`:${port}/`);
  });

  it('a stopped (or crashed) unfinished session is offered and resumed with the same code, token and port', async () => {
    const host = await makeHost();
    const r = await host.start(request());
    if (!r.ok) throw new Error(String(r.error));
    const t = await teacher(r.session.serverUrl, r.session.teacherToken);
    await control(t, 'start', 0);
    t.close();
    expect(await host.resumable()).toMatchObject({ sessionId: r.session.sessionId, live: true, round: 1 });
    await host.stop();

    const again = await makeHost(); // the app restarted
    const offer = await again.resumable();
    expect(offer).toMatchObject({
      sessionId: r.session.sessionId,
      live: false,
      round: 1,
      rounds: 3,
      students: 0,
    });
    const resumed = await again.resume(r.session.sessionId);
    if (!resumed.ok) throw new Error(String(resumed.error));
    expect(resumed.session).toMatchObject({
      resumed: true,
      joinCode: r.session.joinCode,
      teacherToken: r.session.teacherToken,
      serverUrl: r.session.serverUrl, // same port: students' pages reconnect by themselves
    });
    // resuming the running session again just returns it
    expect(await again.resume(r.session.sessionId)).toEqual(resumed);
  });

  it('ended sessions are not offered; bad ids and tampered records are refused', async () => {
    const host = await makeHost();
    const r = await host.start(request());
    if (!r.ok) throw new Error(String(r.error));
    const t = await teacher(r.session.serverUrl, r.session.teacherToken);
    await control(t, 'end', 0);
    t.close();
    await host.stop();
    expect(await host.resumable()).toBeNull();

    const u = await host.start(request());
    if (!u.ok) throw new Error(String(u.error));
    await host.stop();
    expect(await host.resume('../etc')).toMatchObject({ ok: false, error: 'Not a class session id.' });
    expect(await host.resume('class-000000000000')).toMatchObject({
      ok: false,
      error: /launch record is unreadable/,
    });
    const launch = join(dir, 'data', `${u.session.sessionId}.launch.json`);
    const record = JSON.parse(await readFile(launch, 'utf8')) as { scenario: { text: string } };
    record.scenario.text = record.scenario.text.replace('"Chicken', '"Chickenz');
    await writeFile(launch, JSON.stringify(record));
    expect(await host.resume(u.session.sessionId)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/another version of the scenario/),
    });
  });
});
