import { describe, expect, it, vi } from 'vitest';
import {
  ClassHostState,
  RESUME_OFFER_MS,
  type ClassSource,
} from '../../../renderer/lib/class/ClassHostState.svelte';
import { browserClassSessions } from '../../../renderer/lib/platform/browserClassSessions';
import type {
  ClassSessionInfo,
  ClassSessionPort,
  ClassStartResult,
  ResumableClassSession,
} from '../../../renderer/lib/platform/Platform';

const SESSION: ClassSessionInfo = {
  sessionId: 'class-1',
  title: 'Chicken',
  serverUrl: 'ws://127.0.0.1:5179/ws',
  teacherToken: 'T'.repeat(43),
  joinUrl: 'http://127.0.0.1:5179/join#ACDEF',
  joinCode: 'ACDEF',
  qr: 'data:image/svg+xml;base64,',
  lan: false,
  resumed: false,
  csvPath: '/docs/class-1.csv',
};
const OFFER: ResumableClassSession = {
  sessionId: 'class-1',
  title: 'Chicken',
  createdAt: 1_000_000,
  students: 12,
  round: 2,
  rounds: 10,
  live: false,
};

const fakePort = (over: Partial<ClassSessionPort> = {}) => ({
  available: vi.fn(async () => true),
  start: vi.fn(async (): Promise<ClassStartResult> => ({ ok: true, session: SESSION })),
  resumable: vi.fn(async (): Promise<ResumableClassSession | null> => null),
  resume: vi.fn(async (): Promise<ClassStartResult> => ({
    ok: true,
    session: { ...SESSION, resumed: true },
  })),
  stop: vi.fn(async () => undefined),
  ...over,
});

const source =
  (over: Partial<ReturnType<ClassSource>> = {}): ClassSource =>
  () => ({
    text: '{"format":"parley.scenario/1"}',
    name: 'chicken.parley.json',
    params: { crash: -20, swerveCost: 1 },
    defaults: { crash: -10, swerveCost: 1 },
    rounds: 1,
    ...over,
  });

describe('ClassHostState', () => {
  it('a scenario class play refuses (a game tree) is refused up front: one line, no dialog, nothing started', async () => {
    const port = fakePort();
    const notify = vi.fn();
    const refusal = 'Class play does not play sequential games yet: …';
    const s = new ClassHostState(port, source({ refusal }), notify);
    await s.openStart();
    expect(notify).toHaveBeenCalledWith(refusal);
    expect(s.dialog).toBe('closed');
    expect(await s.start()).toBe(false);
    expect(s.error).toBe(refusal);
    expect(port.start).not.toHaveBeenCalled();
  });

  it('Start sends the scenario text, the values on screen and the options; the session opens the teacher screen', async () => {
    const port = fakePort();
    const s = new ClassHostState(port, source(), vi.fn());
    await s.openStart();
    expect(s.dialog).toBe('start');
    expect(s.defaultRounds).toBe(10);
    s.options.rounds = 2;
    s.options.matching = 'fixed';
    s.options.lan = true;
    s.options.maxStudents = 40;
    expect(await s.start()).toBe(true);
    expect(port.start).toHaveBeenCalledWith({
      scenario: { text: '{"format":"parley.scenario/1"}', name: 'chicken.parley.json' },
      params: { crash: -20, swerveCost: 1 },
      rounds: 2,
      matching: 'fixed',
      lan: true,
      maxStudents: 40,
    });
    expect(s.session).toEqual(SESSION);
    expect(s.dialog).toBe('closed');
    // a second Start while the teacher screen shows does nothing
    await s.openStart();
    expect(s.dialog).toBe('closed');
    await s.close();
    expect(s.session).toBeNull();
    expect(port.stop).toHaveBeenCalledOnce();
  });

  it('a refused start keeps the dialog open with the reason; a scenario with problems is not sent', async () => {
    const port = fakePort({
      start: vi.fn(async () => ({ ok: false, canceled: false, error: 'port in use' }) as const),
    });
    const s = new ClassHostState(port, source(), vi.fn());
    await s.openStart();
    expect(await s.start()).toBe(false);
    expect(s.error).toBe('port in use');
    expect(s.dialog).toBe('start');
    const broken = new ClassHostState(port, source({ rounds: null }), vi.fn());
    expect(await broken.start()).toBe(false);
    expect(broken.error).toMatch(/problems/);
    expect(port.start).toHaveBeenCalledOnce();
  });

  it('without a session server (a static web host) the dialog explains the command line', async () => {
    for (const port of [undefined, fakePort({ available: vi.fn(async () => false) })]) {
      const s = new ClassHostState(port, source(), vi.fn());
      await s.openStart();
      expect(s.dialog).toBe('cli');
      s.options.rounds = 4;
      s.options.lan = true;
      expect(s.cliCommand()).toBe(
        'npx parley class chicken.parley.json --rounds 4 --set crash=-20 --host 0.0.0.0',
      );
    }
    const odd = new ClassHostState(undefined, source({ name: "my game's.parley.json", params: {} }), vi.fn());
    expect(odd.cliCommand()).toBe("npx parley class 'my game'\\''s.parley.json'");
  });

  it('offers at start-up a session left unfinished in the last day (or still running), and resumes it', async () => {
    const now = OFFER.createdAt + RESUME_OFFER_MS - 1;
    const port = fakePort({ resumable: vi.fn(async () => OFFER) });
    const s = new ClassHostState(port, source(), vi.fn(), () => now);
    await s.checkAtStartup();
    expect(s.offer).toEqual(OFFER);
    expect(await s.resume()).toBe(true);
    expect(port.resume).toHaveBeenCalledWith('class-1');
    expect(s.session?.resumed).toBe(true);
    expect(s.offer).toBeNull();

    const old = new ClassHostState(port, source(), vi.fn(), () => OFFER.createdAt + RESUME_OFFER_MS + 1);
    await old.checkAtStartup();
    expect(old.offer).toBeNull();
    const live = new ClassHostState(
      fakePort({ resumable: vi.fn(async () => ({ ...OFFER, live: true })) }),
      source(),
      vi.fn(),
      () => OFFER.createdAt + 10 * RESUME_OFFER_MS,
    );
    await live.checkAtStartup();
    expect(live.offer?.live).toBe(true);
  });

  it('File → Resume: the newest unfinished session, or a note that there is none', async () => {
    const notify = vi.fn();
    const none = new ClassHostState(fakePort(), source(), notify);
    await none.openResume();
    expect(none.dialog).toBe('closed');
    expect(notify).toHaveBeenCalledWith('There is no unfinished class session to resume.');
    const port = fakePort({
      resumable: vi.fn(async () => OFFER),
      resume: vi.fn(async () => ({ ok: false, canceled: false, error: 'journal unreadable' }) as const),
    });
    const s = new ClassHostState(port, source(), notify);
    await s.openResume();
    expect(s.dialog).toBe('resume');
    expect(await s.resume()).toBe(false);
    expect(s.error).toBe('journal unreadable');
    s.dismissOffer();
    expect(s.dialog).toBe('closed');
  });
});

describe('browserClassSessions (web mode)', () => {
  const json = (status: number, body: unknown): Response =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });

  it('posts JSON to /api/class/<route> on its own origin and returns the answers', async () => {
    const fetchFn = vi.fn(async (url: string | URL | Request, _init?: RequestInit) =>
      String(url).endsWith('/start') ? json(200, { ok: true, session: SESSION }) : json(200, null),
    );
    const port = browserClassSessions(fetchFn as typeof fetch);
    expect(await port.available()).toBe(true);
    const request = {
      scenario: { text: '{}', name: 'a.json' },
      params: {},
      rounds: null,
      matching: 'random' as const,
      lan: false,
      maxStudents: 200,
    };
    expect(await port.start(request)).toEqual({ ok: true, session: SESSION });
    const [url, init] = fetchFn.mock.calls[1] as [string, RequestInit];
    expect(url).toBe('/api/class/start');
    expect(init).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
    });
    expect(JSON.parse(String(init.body))).toEqual(request);
    expect(await port.resumable()).toBeNull();
  });

  it('a page not served by `npm run web` (no parley-class-api cookie) asks nothing: no 404 probe', async () => {
    const fetchFn = vi.fn(async () => new Response('not found', { status: 404 }));
    const port = browserClassSessions(fetchFn as unknown as typeof fetch, () => false);
    expect(await port.available()).toBe(false);
    expect(await port.resumable()).toBeNull();
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('a host without the endpoint is "not available"; refusals and network errors are failures, never throws', async () => {
    const missing = browserClassSessions(
      (async () => new Response('not found', { status: 404 })) as typeof fetch,
    );
    expect(await missing.available()).toBe(false);
    expect(await missing.start({} as never)).toEqual({
      ok: false,
      canceled: false,
      error: 'the local server answered HTTP 404',
    });
    const refused = browserClassSessions((async () =>
      json(403, { ok: false, canceled: false, error: 'cross-origin requests are refused' })) as typeof fetch);
    expect(await refused.start({} as never)).toMatchObject({ error: 'cross-origin requests are refused' });
    const down = browserClassSessions((async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    expect(await down.available()).toBe(false);
    expect(await down.resume('class-1')).toMatchObject({
      ok: false,
      error: /did not answer \(Failed to fetch\)/,
    });
    await expect(down.stop()).resolves.toBeUndefined();
    expect(await down.resumable()).toBeNull();
  });
});
