// The web mode's /api/class/ endpoint: refuses non-loopback peers, foreign Host headers, cross-origin and cross-site
// requests, non-JSON and oversized bodies and invalid payloads before anything starts; starts, offers, resumes and
// stops a real session for the page's own origin.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ClassHost } from '../../../node/class/ClassHost';
import { createClassWebApi, isLoopbackPeer, webClassApi } from '../../../node/class/classWebApi';
import { writeFilesAtomic } from '../../../node/files/atomicWrite';
import { nodeFileDeps } from '../../../node/files/nodeFileDeps';

const CHICKEN = readFileSync(
  resolve(import.meta.dirname, '../../../models/library/chicken.parley.json'),
  'utf8',
);
const START = {
  scenario: { text: CHICKEN, name: 'chicken.parley.json' },
  params: {},
  rounds: 2,
  matching: 'random',
  lan: false,
  maxStudents: 40,
};

let server: Server | null = null;
let dir = '';
afterEach(async () => {
  if (server) await new Promise<void>((ok) => server?.close(() => ok()));
  server = null;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

const fakeHost = () => ({
  start: vi.fn(async () => ({ ok: false as const, canceled: false as const, error: 'fake' })),
  resumable: vi.fn(async () => null),
  resume: vi.fn(async () => ({ ok: false as const, canceled: false as const, error: 'fake' })),
  stop: vi.fn(async () => undefined),
});

/** A server on 127.0.0.1 with the API in front of a plain 404. */
const serve = async (host: unknown, maxBodyBytes?: number): Promise<number> => {
  const api = createClassWebApi(host as ClassHost, maxBodyBytes === undefined ? {} : { maxBodyBytes });
  server = createServer((req, res) => {
    void api(req, res).then((handled) => {
      if (!handled)
        res.writeHead(404, { 'x-cookie': String(res.getHeader('set-cookie') ?? '') }).end('static');
    });
  });
  await new Promise<void>((ok) => server?.listen(0, '127.0.0.1', () => ok()));
  const a = server.address();
  return typeof a === 'object' && a ? a.port : 0;
};

type Reply = { status: number; body: string; json: () => unknown };
const send = (
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {},
): Promise<Reply> =>
  new Promise((ok, fail) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'POST', headers: opts.headers ?? {} },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += String(d)));
        res.on('end', () =>
          ok({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body) as unknown }),
        );
      },
    );
    req.on('error', fail);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });

const good = (port: number, body: unknown = START, extra: Record<string, string> = {}) => ({
  headers: {
    origin: `http://127.0.0.1:${port}`,
    'content-type': 'application/json',
    'sec-fetch-site': 'same-origin',
    ...extra,
  },
  body: JSON.stringify(body),
});

describe('class web API: pages it serves', () => {
  it('marks every page it lets the static server answer with the parley-class-api cookie, and answers nothing else', async () => {
    const host = fakeHost();
    const port = await serve(host);
    const cookie = await new Promise<string>((ok, fail) =>
      request({ host: '127.0.0.1', port, path: '/index.html' }, (res) => {
        res.resume();
        ok(String(res.headers['x-cookie']));
      })
        .on('error', fail)
        .end(),
    );
    expect(cookie).toBe('parley-class-api=1; Path=/; SameSite=Strict');
    expect(host.resumable).not.toHaveBeenCalled();
  });
});

describe('class web API: refusals (nothing starts)', () => {
  it('knows loopback peers', () => {
    for (const a of ['127.0.0.1', '127.4.5.6', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackPeer(a), a).toBe(true);
    for (const a of ['192.168.1.5', '::ffff:10.0.0.1', 'fe80::1', '', undefined, '1127.0.0.1'])
      expect(isLoopbackPeer(a), String(a)).toBe(false);
  });

  it('refuses a peer that is not on this computer (403)', async () => {
    const host = fakeHost();
    const api = createClassWebApi(host as unknown as ClassHost);
    let status = 0;
    const req = {
      url: '/api/class/start',
      method: 'POST',
      headers: {
        host: '192.168.1.20:5178',
        origin: 'http://192.168.1.20:5178',
        'content-type': 'application/json',
      },
      socket: { remoteAddress: '192.168.1.5', localPort: 5178 },
    } as unknown as IncomingMessage;
    const res = {
      writeHead: (s: number) => {
        status = s;
        return res;
      },
      setHeader: () => undefined,
      end: () => undefined,
    } as unknown as ServerResponse;
    expect(await api(req, res)).toBe(true);
    expect(status).toBe(403);
    expect(host.start).not.toHaveBeenCalled();
  });

  it('refuses foreign hosts, other methods, cross-origin and cross-site requests, non-JSON, bad JSON and bad payloads', async () => {
    const host = fakeHost();
    const port = await serve(host);
    const g = good(port);
    const cases: [string, Parameters<typeof send>[2], number][] = [
      ['rebinding host', { ...g, headers: { ...g.headers, host: `evil.example:${port}` } }, 421],
      ['other port in host', { ...g, headers: { ...g.headers, host: `127.0.0.1:1` } }, 421],
      ['GET', { method: 'GET', headers: g.headers }, 405],
      ['no origin', { ...g, headers: { 'content-type': 'application/json' } }, 403],
      ['foreign origin', { ...g, headers: { ...g.headers, origin: 'http://evil.example' } }, 403],
      ['other local origin', { ...g, headers: { ...g.headers, origin: 'http://127.0.0.1:1' } }, 403],
      ['null origin', { ...g, headers: { ...g.headers, origin: 'null' } }, 403],
      ['cross-site fetch', { ...g, headers: { ...g.headers, 'sec-fetch-site': 'cross-site' } }, 403],
      ['form post', { ...g, headers: { ...g.headers, 'content-type': 'text/plain' } }, 415],
      ['no content type', { ...g, headers: { origin: g.headers.origin } }, 415],
      ['not JSON', { ...g, body: '{"scenario":' }, 400],
      ['extra field', good(port, { ...START, admin: true }), 400],
      ['bad rounds', good(port, { ...START, rounds: 0 }), 400],
      ['bad matching', good(port, { ...START, matching: 'pairs' }), 400],
      ['bad param id', good(port, { ...START, params: { __proto__x: 1 } }), 400],
      ['non-finite param', { ...g, body: g.body.replace('"params":{}', '"params":{"crash":1e999}') }, 400],
      ['too many students', good(port, { ...START, maxStudents: 1e6 }), 400],
    ];
    for (const [what, opts, status] of cases) {
      const r = await send(port, '/api/class/start', opts);
      expect(r.status, what).toBe(status);
      expect(r.json(), what).toMatchObject({ ok: false, error: expect.any(String) });
    }
    expect((await send(port, '/api/class/nope', good(port, {}))).status).toBe(404);
    expect((await send(port, '/api/class/resume', good(port, { sessionId: '../x' }))).status).toBe(400);
    expect(host.start).not.toHaveBeenCalled();
    expect(host.resume).not.toHaveBeenCalled();
    // other paths are left to the static server
    expect((await send(port, '/index.html', { method: 'GET' })).body).toBe('static');
  });

  it('a "__proto__" parameter never reaches the host (zod drops it; no prototype is touched)', async () => {
    const host = fakeHost();
    const port = await serve(host);
    const g = good(port);
    await send(port, '/api/class/start', {
      ...g,
      body: g.body.replace('"params":{}', '"params":{"__proto__":{"x":1}}'),
    });
    const params = (host.start.mock.calls[0] as unknown as [{ params: object }])[0].params;
    expect(Object.keys(params)).toEqual([]);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
  });

  it('refuses oversized bodies, declared or streamed (413)', async () => {
    const host = fakeHost();
    const port = await serve(host, 1000);
    const big = good(port, { ...START, scenario: { text: 'x'.repeat(5000), name: 'a.json' } });
    expect((await send(port, '/api/class/start', big)).status).toBe(413);
    // no content-length (chunked): counted while reading
    const streamed = await new Promise<number>((ok, fail) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/class/start',
          method: 'POST',
          headers: { ...big.headers, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          ok(res.statusCode ?? 0);
        },
      );
      req.on('error', fail);
      for (let k = 0; k < 10; k++) req.write('x'.repeat(500));
      req.end();
    });
    expect(streamed).toBe(413);
    expect(host.start).not.toHaveBeenCalled();
  });
});

describe('class web API: the page starts, finds, resumes and stops a session', () => {
  it('round trip on a real ClassHost', async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-class-web-'));
    const host = new ClassHost({
      dataDir: join(dir, 'data'),
      outDir: join(dir, 'out'),
      staticDir: null,
      writeFilesAtomic: (files) => writeFilesAtomic(files, nodeFileDeps),
      allowedOrigins: [],
      preferredPort: 0,
      fanTrials: 0,
    });
    try {
      const port = await serve(host);
      const started = (await send(port, '/api/class/start', good(port))).json() as {
        ok: boolean;
        session: { sessionId: string; joinUrl: string; serverUrl: string };
      };
      expect(started.ok).toBe(true);
      expect(started.session.joinUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/join#[A-Z0-9]{5}$/);
      // localhost is this server too
      const local = await send(port, '/api/class/resumable', {
        headers: {
          host: `localhost:${port}`,
          origin: `http://localhost:${port}`,
          'content-type': 'application/json',
        },
        body: '{}',
      });
      expect(local.json()).toMatchObject({ sessionId: started.session.sessionId, live: true });
      expect((await send(port, '/api/class/stop', good(port, {}))).json()).toEqual({ ok: true });
      expect((await send(port, '/api/class/resumable', good(port, {}))).json()).toMatchObject({
        live: false,
      });
      const resumed = (
        await send(port, '/api/class/resume', good(port, { sessionId: started.session.sessionId }))
      ).json();
      expect(resumed).toMatchObject({
        ok: true,
        session: { resumed: true, serverUrl: started.session.serverUrl },
      });
    } finally {
      await host.stop();
    }
  });
});

describe('class web API: its log', () => {
  it('reaches the terminal of npm run web terminal-safe (an ESC in a path or message is shown escaped)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-weblog-'));
    const data = join(dir, 'sessions\u001b]0;pwned\u0007');
    await mkdir(data);
    // an unfinished session whose journal is unreadable: resumable() logs that it skips it, naming the file
    await writeFile(join(data, 'abc.launch.json'), '{}');
    await writeFile(join(data, 'abc.jsonl'), 'not json\n');
    const lines: string[] = [];
    let api: ReturnType<typeof webClassApi> | null = null;
    server = createServer((req, res) => void api?.handle(req, res));
    await new Promise<void>((ok) => server?.listen(0, '127.0.0.1', () => ok()));
    const a = server.address();
    const port = typeof a === 'object' && a ? a.port : 0;
    api = webClassApi({ staticDir: dir, dataDir: data, port, log: (line) => lines.push(line) });
    const r = await send(port, '/api/class/resumable', good(port, {}));
    expect(r.status).toBe(200);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      expect(line).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
      expect(line).toContain('\\u001b]0;pwned\\u0007');
    }
    await api.stop();
  });
});
