// The class session server: Node's http (the pages) and a `ws` WebSocket server (the session), around one
// ClassSession (models/class) journalled to disk. Binds 127.0.0.1 unless the teacher opts into the local network.
//
// Security and limits (README "Teach with class play"):
// - Only Host headers naming the server's own addresses are served (DNS-rebinding guard); a WebSocket handshake
//   with an Origin must come from the page's own origin; only GET/HEAD of the two pages and their assets.
// - Students need the join code (then a random reconnect token, kept by their page); the teacher's controls need the
//   teacher token (256 random bits). A connection acts only as the student it joined or resumed as: a choice names
//   no student and no role, only the round and the strategy.
// - Every text frame is size-checked (MAX_CLIENT_MESSAGE_BYTES; a frame over 64 KiB closes the connection),
//   rate-limited (token bucket per connection), parsed as JSON and validated (zod, strict) before anything else;
//   a bad message gets an `error` reply and changes nothing. Binary frames are refused. Repeated abuse (bad codes,
//   bad tokens, rate-limit hits) closes the connection. Nothing a client sends can throw out of a handler.
// - At most maxStudents students, and at most maxStudents + 64 open connections; unauthenticated connections close
//   after 15 s; silent ones (no pong) after two heartbeats. HTTP: 10 s for the request headers, 15 s per request.
// Why one file over 400 lines: every check between the network and the session (Host, Origin, tokens, sizes, rates,
// schema) sits in one place a security review can read top to bottom; the session rules themselves are in models/class.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import QRCode from 'qrcode';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ClassRuleError, ClassSession } from '../../models/class/ClassSession';
import { studentView, teacherView } from '../../models/class/classViews';
import {
  clientMessageSchema,
  MAX_CLIENT_MESSAGE_BYTES,
  type ClientMessage,
  type ErrorCode,
  type JoinInfo,
  type ServerMessage,
  type SessionFiles,
} from '../../models/class/protocol';
import { analyseRound, pooledFit, type RoundAnalysis } from '../../models/class/roundAnalysis';
import type { LambdaFit } from '../../models/class/fitLogitLambda';
import { sessionCsv, sessionSidecar } from '../../models/class/sessionCsv';
import type { ClassConfig, SessionEvent } from '../../models/class/sessionEvents';
import { simulatedFan, type SimulatedFan } from '../../models/class/simulatedFan';
import { instantiateModel } from '../../models/scenario/instantiateModel';
import type { ModelSpec } from '../../models/scenario/RuntimeModel';
import {
  newJoinCode,
  newStudentToken,
  newTeacherToken,
  normaliseJoinCode,
  sameSecret,
  tokenHash,
} from './classSecrets';
import { classAddresses, machineLanAddresses } from './classAddresses';
import { servePage } from './classPages';
import { JournalError, readJournal, SessionJournal, type JournalHeader } from './SessionJournal';
import { TokenBucket } from './TokenBucket';
import { existsSync, rmSync, statSync } from 'node:fs';
import type { AtomicFileContent } from '../files/atomicWrite';

export type ClassServerLimits = {
  /** Messages per connection: burst and sustained rate. */
  readonly burst: number;
  readonly perSecond: number;
  /** Abuse events (refused code/token, rate-limit hits) before a connection is closed. */
  readonly strikes: number;
  /** Time to authenticate (ms). */
  readonly authTimeoutMs: number;
  /** Heartbeat period (ms): a connection that misses a pong for a whole period is closed. */
  readonly heartbeatMs: number;
  /** HTTP: time to receive a request's headers, and the whole request (ms; slow clients are dropped). */
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
};

export const DEFAULT_LIMITS: ClassServerLimits = {
  burst: 20,
  perSecond: 10,
  strikes: 20,
  authTimeoutMs: 15_000,
  heartbeatMs: 15_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
};

/** Frames above this close the connection at the protocol level (ws maxPayload). */
export const MAX_FRAME_BYTES = 64 * 1024;

export type ClassServerOptions = {
  readonly spec: ModelSpec;
  /** "builtin:<id>" or the scenario's path (recorded in the journal and the sidecar). */
  readonly source: string;
  /** The journal: created when missing (with `config`), resumed when present. */
  readonly journalPath: string;
  /** Required to create a new session; ignored (the journal's wins) when resuming. */
  readonly config?: Omit<ClassConfig, 'scenario' | 'createdAt' | 'sessionId'> & {
    readonly sessionId?: string;
  };
  /** Bind address (default 127.0.0.1). "0.0.0.0" or a LAN address exposes the session to the local network. */
  readonly host?: string;
  /** Port (default 0: any free port). */
  readonly port?: number;
  /**
   * Page origins besides the server's own that may open the WebSocket (the teacher screen mounted in the desktop
   * app, app://parley, or in the web app served by `npm run web`). Exact origins; default none.
   */
  readonly allowedOrigins?: readonly string[];
  /** The built web pages (dist-web); null serves none (503). */
  readonly staticDir: string | null;
  /** Where End session writes session.csv (+ the sidecar JSON beside it); null: no files. */
  readonly outPath: string | null;
  /** Atomic whole-file writes committed together (node/files/atomicWrite writeFilesAtomic: every temporary file
   * written and fsynced before any is renamed), so session.csv and its sidecar never mismatch. */
  readonly writeFilesAtomic: (files: readonly AtomicFileContent[]) => Promise<void>;
  readonly limits?: Partial<ClassServerLimits>;
  readonly appVersion?: string;
  readonly now?: () => number;
  /** Diagnostics (one line each); default: none. */
  readonly log?: (line: string) => void;
  /** Trials of the simulated fan chart (multi-round scenarios); 0 = none. */
  readonly fanTrials?: number;
};

export type ClassServerHandle = {
  readonly session: ClassSession;
  readonly port: number;
  readonly host: string;
  /** The URL students open (with the join code in the fragment). */
  readonly joinUrl: string;
  /** The teacher screen's URL (with the teacher token in the fragment: never sent over HTTP). */
  readonly teacherUrl: string;
  /** The session's WebSocket URL as the teacher's own screen reaches it (ws://127.0.0.1:port/ws by default). */
  readonly serverUrl: string;
  /** A QR code of joinUrl (SVG data URL). */
  readonly qr: string;
  /** Reachable from the local network. */
  readonly lan: boolean;
  readonly joinCode: string;
  readonly teacherToken: string;
  /** True when an existing journal was resumed. */
  readonly resumed: boolean;
  /** Resolves when the teacher ends the session (files written). */
  readonly ended: Promise<SessionFiles>;
  /** Stop: close every connection and the journal (fsync). The session stays resumable. */
  close(): Promise<void>;
};

type Conn = {
  readonly ws: WebSocket;
  readonly bucket: TokenBucket;
  kind: 'none' | 'student' | 'teacher';
  student: number;
  strikes: number;
  alive: boolean;
  lastRateError: number;
  authTimer: NodeJS.Timeout | null;
};

export const startClassServer = async (opts: ClassServerOptions): Promise<ClassServerHandle> => {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => undefined);
  const limits: ClassServerLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const model = instantiateModel(opts.spec);

  // --- the session: resumed from the journal, or new ---
  let header: JournalHeader;
  let journal: SessionJournal;
  let session: ClassSession;
  const resumed = existsSync(opts.journalPath) && statSync(opts.journalPath).size > 0;
  if (resumed) {
    const contents = readJournal(opts.journalPath);
    header = contents.header;
    if (contents.tornTail) log(`journal: dropped a torn last line (${opts.journalPath})`);
    session = new ClassSession(header.config, model);
    contents.events.forEach((e, k) => {
      try {
        session.apply(e);
      } catch (err) {
        throw new JournalError(
          `${opts.journalPath}:${k + 2}: this event does not replay (${err instanceof Error ? err.message : String(err)})`,
        );
      }
    });
    journal = SessionJournal.append(opts.journalPath);
  } else {
    if (!opts.config)
      throw new JournalError(`${opts.journalPath}: no journal to resume, and no session settings given`);
    const config: ClassConfig = {
      ...opts.config,
      sessionId: opts.config.sessionId ?? `class-${now().toString(36)}`,
      scenario: { id: model.id, title: model.title, hash: model.hash },
      createdAt: now(),
    };
    session = new ClassSession(config, model);
    header = {
      journal: 'parley.class-journal/1',
      config,
      joinCode: newJoinCode(),
      teacherToken: newTeacherToken(),
      source: opts.source,
    };
    journal = SessionJournal.create(opts.journalPath, header);
  }
  const byAuth = new Map<string, number>(session.students.map((s) => [s.auth, s.id]));

  // --- network ---
  const bindHost = opts.host ?? '127.0.0.1';
  const server: Server = createServer({
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  });
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 50;
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(opts.port ?? 0, bindHost, () => {
        server.off('error', fail);
        ok();
      });
    });
  } catch (err) {
    // A failed start (port in use, an address not of this computer) leaves nothing behind: a journal this call
    // created holds no event, so it is removed; a resumed one is only closed.
    journal.close();
    if (!resumed) rmSync(opts.journalPath, { force: true });
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const addresses = classAddresses(bindHost, port, machineLanAddresses());
  const { allowedHosts, lan, publicHost, teacherHost } = addresses;
  const joinUrl = `http://${publicHost}:${port}/join#${header.joinCode}`;
  const teacherUrl = `http://${teacherHost}:${port}/teacher#${header.teacherToken}`;
  const serverUrl = `ws://${teacherHost}:${port}/ws`;
  const qr = `data:image/svg+xml;base64,${Buffer.from(
    await QRCode.toString(joinUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
  ).toString('base64')}`;
  const joinInfo: JoinInfo = { url: joinUrl, code: header.joinCode, qr, lan };

  const validHost = (req: IncomingMessage): string | null => {
    const h = (req.headers.host ?? '').toLowerCase();
    return allowedHosts.has(h) ? h : null;
  };

  server.on('request', (req, res) => {
    const host = validHost(req);
    if (!host) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('misdirected request');
      return;
    }
    servePage(opts.staticDir, req, res, host).catch((err: unknown) => {
      log(`http: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  server.on('clientError', (_err, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const allowedOrigins = opts.allowedOrigins ?? [];
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const conns = new Set<Conn>();
  const maxConnections = session.config.maxStudents + 64;
  const refuseUpgrade = (socket: Duplex, status: string): void => {
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  };
  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const host = validHost(req);
    let path: string | null = null;
    try {
      path = new URL(req.url ?? '/', 'http://x').pathname;
    } catch {
      // a malformed request target: refused below
    }
    if (!host || path !== '/ws') return refuseUpgrade(socket, '404 Not Found');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}` && !allowedOrigins.includes(origin))
      return refuseUpgrade(socket, '403 Forbidden');
    if (conns.size >= maxConnections) return refuseUpgrade(socket, '503 Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });

  // --- session state shared by the handlers ---
  const fitCache = new Map<number, RoundAnalysis>();
  let pooled: LambdaFit | null = null;
  let fan: SimulatedFan | null = null;
  let files: SessionFiles = null;
  let resolveEnded: (f: SessionFiles) => void = () => undefined;
  const ended = new Promise<SessionFiles>((ok) => (resolveEnded = ok));
  let closed = false;

  const send = (c: Conn, m: ServerMessage): void => {
    if (c.ws.readyState === c.ws.OPEN) c.ws.send(JSON.stringify(m));
  };
  const fail = (c: Conn, code: ErrorCode, message: string): void => send(c, { type: 'error', code, message });
  const strike = (c: Conn): void => {
    c.strikes += 1;
    if (c.strikes >= limits.strikes) c.ws.close(1008, 'too many refused messages');
  };
  const connectedStudents = (): Set<number> => {
    const out = new Set<number>();
    for (const c of conns) if (c.kind === 'student') out.add(c.student);
    return out;
  };
  const latestAnalysis = (): RoundAnalysis | null => {
    for (let r = session.round; r >= 1; r--) {
      const a = fitCache.get(r);
      if (a) return a;
    }
    return null;
  };
  const teacherMessage = (): ServerMessage => {
    const online = connectedStudents();
    return {
      type: 'teacher',
      view: teacherView(session, {
        connected: (id) => online.has(id),
        analysis: latestAnalysis(),
        pooledFit: pooled,
        fan,
      }),
      join: joinInfo,
      files,
    };
  };
  let teacherTimer: NodeJS.Timeout | null = null;
  const pushTeacher = (): void => {
    if (teacherTimer) clearTimeout(teacherTimer);
    teacherTimer = null;
    const teachers = [...conns].filter((c) => c.kind === 'teacher');
    if (teachers.length === 0) return;
    const text = JSON.stringify(teacherMessage());
    for (const c of teachers) if (c.ws.readyState === c.ws.OPEN) c.ws.send(text);
  };
  /** Coalesce teacher updates (many students choosing at once): at most one every 100 ms. */
  const scheduleTeacher = (): void => {
    if (teacherTimer || closed) return;
    teacherTimer = setTimeout(pushTeacher, 100);
  };
  const pushStudent = (id: number): void => {
    let text: string | null = null;
    for (const c of conns) {
      if (c.kind === 'student' && c.student === id) {
        text ??= JSON.stringify({ type: 'student', view: studentView(session, id) } satisfies ServerMessage);
        if (c.ws.readyState === c.ws.OPEN) c.ws.send(text);
      }
    }
  };
  const pushAllStudents = (): void => {
    const views = new Map<number, string>();
    for (const c of conns) {
      if (c.kind !== 'student' || c.ws.readyState !== c.ws.OPEN) continue;
      let text = views.get(c.student);
      if (!text) {
        text = JSON.stringify({
          type: 'student',
          view: studentView(session, c.student),
        } satisfies ServerMessage);
        views.set(c.student, text);
      }
      c.ws.send(text);
    }
  };

  /** Validate, journal, then apply (so the journal never holds an event the session refused). */
  const commit = (e: SessionEvent): void => {
    session.validate(e);
    journal.appendEvent(e);
    session.apply(e);
  };

  const analyseLater = (round: number): void => {
    setImmediate(() => {
      if (closed) return;
      try {
        if (!fitCache.has(round) && session.rounds[round - 1]?.revealedAt !== null) {
          fitCache.set(round, analyseRound(session, round));
          pooled = pooledFit(session);
        }
      } catch (err) {
        log(`analysis of round ${round} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      pushTeacher();
    });
  };

  const writeFiles = async (): Promise<SessionFiles> => {
    if (!opts.outPath) return null;
    const csvPath = opts.outPath;
    const sidecarPath = `${csvPath.replace(/\.csv$/i, '')}.json`;
    const perRound = session.rounds
      .filter((r) => r.revealedAt !== null)
      .map((r) => {
        let a = fitCache.get(r.round);
        if (!a) {
          try {
            a = analyseRound(session, r.round);
            fitCache.set(r.round, a);
          } catch (err) {
            log(`analysis of round ${r.round} failed: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        return { round: r.round, fit: a?.fit ?? null };
      });
    pooled = pooledFit(session);
    await opts.writeFilesAtomic([
      { target: csvPath, data: sessionCsv(session) },
      {
        target: sidecarPath,
        data: sessionSidecar(
          session,
          { pooled, perRound },
          { appVersion: opts.appVersion ?? '0.1.0', source: header.source },
        ),
      },
    ]);
    return { csv: csvPath, sidecar: sidecarPath };
  };

  /** The session files being written (close waits for them: no write outlives the server). */
  let writing: Promise<void> = Promise.resolve();
  const finish = (): void => {
    writing = writeFiles().then(
      (f) => {
        files = f;
        pushTeacher();
        resolveEnded(f);
      },
      (err: unknown) => {
        log(`writing the session files failed: ${err instanceof Error ? err.message : String(err)}`);
        for (const c of conns)
          if (c.kind === 'teacher') fail(c, 'internal', `could not write the session files: ${String(err)}`);
        resolveEnded(null);
      },
    );
  };

  // --- message handling ---
  const handle = (c: Conn, m: ClientMessage): void => {
    switch (m.type) {
      case 'join': {
        if (c.kind !== 'none') return fail(c, 'already-joined', 'this connection has already joined');
        if (!sameSecret(normaliseJoinCode(m.code), header.joinCode)) {
          strike(c);
          return fail(c, 'bad-code', 'that is not this session’s join code');
        }
        const token = newStudentToken();
        const auth = tokenHash(token);
        const e: SessionEvent = {
          e: 'join',
          student: session.students.length,
          name: session.uniqueName(m.name),
          auth,
          at: now(),
        };
        commit(e);
        byAuth.set(auth, e.student);
        authenticated(c, 'student', e.student);
        send(c, { type: 'welcome', token, student: e.student, name: e.name });
        pushStudent(e.student);
        scheduleTeacher();
        return;
      }
      case 'resume': {
        if (c.kind !== 'none') return fail(c, 'already-joined', 'this connection has already joined');
        const id = byAuth.get(tokenHash(m.token));
        if (id === undefined) {
          strike(c);
          return fail(c, 'bad-token', 'unknown reconnect token: join again with the code');
        }
        authenticated(c, 'student', id);
        send(c, {
          type: 'welcome',
          token: m.token,
          student: id,
          name: (session.students[id] as { name: string }).name,
        });
        pushStudent(id);
        scheduleTeacher();
        return;
      }
      case 'teacher': {
        if (c.kind !== 'none') return fail(c, 'already-joined', 'this connection has already joined');
        if (!sameSecret(m.token, header.teacherToken)) {
          strike(c);
          return fail(c, 'bad-token', 'wrong teacher token');
        }
        authenticated(c, 'teacher', -1);
        send(c, teacherMessage());
        return;
      }
      case 'choose': {
        if (c.kind !== 'student')
          return fail(c, c.kind === 'teacher' ? 'not-teacher' : 'not-joined', 'join the session first');
        commit({ e: 'choose', student: c.student, round: m.round, strategy: m.strategy, at: now() });
        pushStudent(c.student);
        scheduleTeacher();
        return;
      }
      case 'control': {
        if (c.kind !== 'teacher') return fail(c, 'not-teacher', 'only the teacher controls the session');
        if (m.round !== session.round) {
          return fail(c, 'wrong-round', `the session is at round ${session.round}, not ${m.round}: refresh`);
        }
        if (m.action === 'start' && session.phase !== 'lobby')
          return fail(c, 'bad-phase', 'the session has started');
        if (m.action === 'next' && session.phase !== 'revealed')
          return fail(c, 'bad-phase', 'reveal this round first');
        const e: SessionEvent =
          m.action === 'reveal'
            ? { e: 'reveal', round: m.round, at: now() }
            : m.action === 'end'
              ? { e: 'end', at: now() }
              : { e: 'open', round: m.round + 1, at: now() };
        const wasOpen = session.phase === 'open';
        commit(e);
        if (e.e === 'reveal' || e.e === 'end') journal.syncNow();
        pushAllStudents();
        pushTeacher();
        if (e.e === 'reveal' || (e.e === 'end' && wasOpen)) analyseLater(session.round);
        if (e.e === 'end') finish();
        return;
      }
    }
  };

  const authenticated = (c: Conn, kind: 'student' | 'teacher', id: number): void => {
    c.kind = kind;
    c.student = id;
    if (c.authTimer) clearTimeout(c.authTimer);
    c.authTimer = null;
  };

  const onMessage = (c: Conn, data: RawData, isBinary: boolean): void => {
    if (!c.bucket.take()) {
      strike(c);
      const t = now();
      if (t - c.lastRateError > 1000) {
        c.lastRateError = t;
        fail(c, 'rate-limited', 'too many messages: slow down');
      }
      return;
    }
    if (isBinary) return fail(c, 'binary', 'binary frames are not accepted');
    const size = Array.isArray(data)
      ? data.reduce((s, b) => s + b.length, 0)
      : data instanceof ArrayBuffer
        ? data.byteLength
        : data.length;
    if (size > MAX_CLIENT_MESSAGE_BYTES)
      return fail(c, 'too-large', `messages are limited to ${MAX_CLIENT_MESSAGE_BYTES} bytes`);
    const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer)).toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return fail(c, 'bad-json', 'not JSON');
    }
    const parsed = clientMessageSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(
        c,
        'bad-message',
        `invalid message${issue ? ` at "${issue.path.join('.')}": ${issue.message}` : ''}`.slice(0, 200),
      );
    }
    try {
      handle(c, parsed.data);
    } catch (err) {
      if (err instanceof ClassRuleError) return fail(c, err.code, err.message);
      if (err instanceof JournalError) {
        log(err.message);
        return fail(c, 'journal', 'the session could not be saved: nothing changed');
      }
      log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      fail(c, 'internal', 'internal error: nothing changed');
    }
  };

  const accept = (ws: WebSocket): void => {
    const c: Conn = {
      ws,
      bucket: new TokenBucket(limits.burst, limits.perSecond, now),
      kind: 'none',
      student: -1,
      strikes: 0,
      alive: true,
      lastRateError: -Infinity,
      authTimer: null,
    };
    c.authTimer = setTimeout(() => {
      if (c.kind === 'none') ws.close(1008, 'join, resume or teacher first');
    }, limits.authTimeoutMs);
    conns.add(c);
    ws.on('message', (data, isBinary) => onMessage(c, data, isBinary));
    ws.on('pong', () => (c.alive = true));
    ws.on('error', (err) => log(`ws: ${err.message}`));
    ws.on('close', () => {
      if (c.authTimer) clearTimeout(c.authTimer);
      conns.delete(c);
      if (c.kind === 'student') scheduleTeacher();
    });
  };

  const heartbeat = setInterval(() => {
    for (const c of conns) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      try {
        c.ws.ping();
      } catch {
        c.ws.terminate();
      }
    }
  }, limits.heartbeatMs);
  heartbeat.unref();

  const fanTrials = opts.fanTrials ?? 2000;
  if (fanTrials > 0) {
    simulatedFan(opts.spec, session.config, fanTrials).then(
      (f) => {
        fan = f;
        pushTeacher();
      },
      (err: unknown) =>
        log(`simulated fan chart failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
  for (const r of session.rounds) if (r.revealedAt !== null) analyseLater(r.round);
  // A resumed session that had ended: (re)write its files (when an output path is given) and report it ended.
  if (session.phase === 'ended') finish();

  return {
    session,
    port,
    host: bindHost,
    joinUrl,
    teacherUrl,
    serverUrl,
    qr,
    lan,
    joinCode: header.joinCode,
    teacherToken: header.teacherToken,
    resumed,
    ended,
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      if (teacherTimer) clearTimeout(teacherTimer);
      for (const c of conns) {
        if (c.authTimer) clearTimeout(c.authTimer);
        c.ws.terminate();
      }
      conns.clear();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await writing;
      journal.close();
    },
  };
};
