// The web mode's class-session endpoint: `npm run web` serves the built app on 127.0.0.1 and, under /api/class/,
// lets that page start, resume and stop a class session (a ClassHost in the same Node process). A page elsewhere on
// the web must never be able to start a server on the teacher's machine, so every request must pass, in order:
//   1. a loopback peer (127.0.0.0/8, ::1)                                  else 403
//   2. a Host header naming this server on loopback (DNS-rebinding guard)   else 421
//   3. POST                                                                 else 405
//   4. an Origin header equal to this server's own origin, and no
//      Sec-Fetch-Site other than same-origin (cross-site requests)          else 403
//   5. Content-Type application/json (a cross-origin fetch would need a
//      CORS preflight, which is never answered)                             else 415
//   6. a body of at most maxBodyBytes                                       else 413
//   7. JSON, valid for the route (zod, strict)                              else 400
// Routes: POST start (ClassStartRequest) → ClassStartResult; POST resumable ({}) → ResumableClassSession | null;
// POST resume ({sessionId}) → ClassStartResult; POST stop ({}) → {ok: true}. Answers are JSON, never cached.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { classSessionIdSchema, classStartRequestSchema } from '../../models/class/classStartRequest';
import { terminalText } from '../../models/text/terminalText';
import { writeFilesAtomic } from '../files/atomicWrite';
import { nodeFileDeps } from '../files/nodeFileDeps';
import { ClassHost } from './ClassHost';

export const CLASS_API_PREFIX = '/api/class/';
/** Largest request body (bytes): a scenario of MAX_SCENARIO_TEXT characters with room for JSON escapes. */
export const MAX_CLASS_API_BODY = 16 * 1024 * 1024;

const routes = {
  start: classStartRequestSchema,
  resumable: z.strictObject({}),
  resume: z.strictObject({ sessionId: classSessionIdSchema }),
  stop: z.strictObject({}),
} as const;

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export const isLoopbackPeer = (address: string | undefined): boolean =>
  address !== undefined && (/^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(address) || address === '::1');

const reply = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify(body));
};
const refuse = (res: ServerResponse, status: number, error: string): void =>
  reply(res, status, { ok: false, canceled: false, error });

class BodyTooLarge extends Error {}

const readBody = (req: IncomingMessage, max: number): Promise<Buffer> =>
  new Promise((ok, fail) => {
    const parts: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) {
        // stop collecting; the 413 closes the connection (nothing more is read into memory)
        req.off('data', onData);
        req.pause();
        fail(new BodyTooLarge());
        return;
      }
      parts.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => ok(Buffer.concat(parts)));
    req.on('error', fail);
  });

/**
 * The /api/class/ handler for a static server listening on loopback: resolves true when it answered the request
 * (any path under the prefix), false to let the caller serve it.
 */
/** The cookie by which a page learns that the server that served it answers /api/class/ (see browserClassSessions). */
export const CLASS_API_COOKIE = 'parley-class-api';

export const createClassWebApi =
  (host: ClassHost, options: { readonly maxBodyBytes?: number } = {}) =>
  async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const rawUrl = req.url ?? '/';
    if (!rawUrl.startsWith(CLASS_API_PREFIX)) {
      // Tell the pages this server serves that /api/class/ exists here, so that a page on a static host never probes
      // it (a probe answered 404 is a console error): a cookie the page reads, nothing else.
      res.setHeader('set-cookie', `${CLASS_API_COOKIE}=1; Path=/; SameSite=Strict`);
      return false;
    }
    const max = options.maxBodyBytes ?? MAX_CLASS_API_BODY;
    const route = rawUrl.slice(CLASS_API_PREFIX.length);
    if (!isLoopbackPeer(req.socket.remoteAddress)) {
      refuse(res, 403, 'class sessions are started from this computer only');
      return true;
    }
    const port = req.socket.localPort;
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!['127.0.0.1', 'localhost', '[::1]'].some((h) => hostHeader === `${h}:${port}`)) {
      refuse(res, 421, 'misdirected request');
      return true;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      refuse(res, 405, 'method not allowed');
      return true;
    }
    const site = req.headers['sec-fetch-site'];
    if (req.headers.origin !== `http://${hostHeader}` || (site !== undefined && site !== 'same-origin')) {
      refuse(res, 403, 'cross-origin requests are refused');
      return true;
    }
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      refuse(res, 415, 'send JSON (content-type: application/json)');
      return true;
    }
    if (Number(req.headers['content-length'] ?? 0) > max) {
      res.setHeader('connection', 'close');
      refuse(res, 413, `the request is larger than ${max} bytes`);
      req.resume();
      return true;
    }
    if (!Object.hasOwn(routes, route)) {
      refuse(res, 404, 'no such class endpoint');
      return true;
    }
    let value: unknown;
    try {
      value = JSON.parse((await readBody(req, max)).toString('utf8'));
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        refuse(res, 413, `the request is larger than ${max} bytes`);
      } else refuse(res, 400, 'the request is not JSON');
      return true;
    }
    const name = route as keyof typeof routes;
    const parsed = routes[name].safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      refuse(
        res,
        400,
        `invalid request${issue ? ` at "${issue.path.join('.')}": ${issue.message}` : ''}`.slice(0, 300),
      );
      return true;
    }
    switch (name) {
      case 'start':
        reply(res, 200, await host.start(parsed.data as z.infer<typeof routes.start>));
        break;
      case 'resumable':
        reply(res, 200, await host.resumable());
        break;
      case 'resume':
        reply(res, 200, await host.resume((parsed.data as z.infer<typeof routes.resume>).sessionId));
        break;
      case 'stop':
        await host.stop();
        reply(res, 200, { ok: true });
        break;
    }
    return true;
  };

/**
 * The web mode's class sessions (scripts/serve-web.mjs loads this from the CLI bundle): a ClassHost whose journals,
 * launch records and session.csv files go to `dataDir`, serving the student pages from `staticDir`, whose teacher
 * screen is the web app served on 127.0.0.1:`port` (its origins may open the session's WebSocket).
 */
export const webClassApi = (options: {
  readonly staticDir: string;
  readonly dataDir: string;
  readonly port: number;
  readonly log?: (line: string) => void;
}): {
  readonly handle: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  readonly stop: () => Promise<void>;
} => {
  const host = new ClassHost({
    dataDir: options.dataDir,
    outDir: options.dataDir,
    staticDir: options.staticDir,
    writeFilesAtomic: (files) => writeFilesAtomic(files, nodeFileDeps),
    allowedOrigins: [`http://127.0.0.1:${options.port}`, `http://localhost:${options.port}`],
    // the log goes to the terminal of `npm run web`: paths, scenario titles and error messages are made terminal-safe
    ...(options.log ? { log: (line: string) => options.log?.(terminalText(line)) } : {}),
  });
  return { handle: createClassWebApi(host), stop: () => host.stop() };
};
