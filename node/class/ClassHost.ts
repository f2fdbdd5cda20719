// The class session of an app: the desktop app's main process (File → Start class session…) and the web mode's
// local server (`npm run web`) each hold one ClassHost. It starts a class server (ClassServer) on the scenario text
// the app sends — parsed and compiled here, never trusted as compiled — keeps what a restart needs beside the
// journal, and resumes an unfinished session after a crash or a quit.
//
// Files, per session, in `dataDir`: `<id>.jsonl` (the journal, 0600: it holds the teacher token) and
// `<id>.launch.json` (the scenario text, the bind choice and port, written atomically once the server listens).
// End session writes `<id>.csv` and `<id>.json` (the sidecar) into `outDir`. One session at a time.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ClassSessionInfo, ClassStartResult, ResumableClassSession } from '../../api/ParleyApi';
import type { ClassStartRequest } from '../../models/class/classStartRequest';
import { defaultClassRounds } from '../../models/class/classStartRequest';
import { classPlayRefusal } from '../../models/class/classPlayRefusal';
import { parseScenario } from '../../models/scenario/parseScenario';
import type { ModelSpec } from '../../models/scenario/RuntimeModel';
import { startClassServer, type ClassServerHandle, type ClassServerOptions } from './ClassServer';
import { newSessionId } from './classSecrets';
import { JournalError, readJournal } from './SessionJournal';
import type { AtomicFileContent } from '../files/atomicWrite';

export type ClassHostDeps = {
  /** Journals and launch records (created 0700 when missing). */
  readonly dataDir: string;
  /** session.csv and its sidecar. */
  readonly outDir: string;
  /** The built pages (out/renderer or dist-web); null serves none. */
  readonly staticDir: string | null;
  /** Atomic whole-file writes committed together (node/files/atomicWrite writeFilesAtomic). */
  readonly writeFilesAtomic: (files: readonly AtomicFileContent[]) => Promise<void>;
  /** Page origins of the app whose teacher screen opens the session's WebSocket (app://parley, http://127.0.0.1:5178). */
  readonly allowedOrigins: readonly string[];
  /** Tried first (students type it more easily when it does not change); any free port when taken. Default 5179. */
  readonly preferredPort?: number;
  readonly appVersion?: string;
  readonly log?: (line: string) => void;
  /** Simulated fan trials (multi-round scenarios); default the server's. */
  readonly fanTrials?: number;
  /** Tests inject a failing or counting server. */
  readonly startServer?: (options: ClassServerOptions) => Promise<ClassServerHandle>;
};

export type { ClassSessionInfo, ClassStartResult, ResumableClassSession };

export const DEFAULT_CLASS_PORT = 5179;
const LAUNCH_FORMAT = 'parley.class-launch/1';

const launchSchema = z.strictObject({
  launch: z.literal(LAUNCH_FORMAT),
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  scenario: z.strictObject({ text: z.string(), name: z.string().max(255) }),
  lan: z.boolean(),
  port: z.number().int().min(0).max(65535),
  csvPath: z.string().max(4096),
});
type LaunchRecord = z.infer<typeof launchSchema>;

const fail = (error: string): ClassStartResult => ({ ok: false, canceled: false, error });
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class ClassHost {
  #live: { handle: ClassServerHandle; info: ClassSessionInfo } | null = null;
  #busy = false;

  constructor(private readonly deps: ClassHostDeps) {}

  /** The running session, if any. */
  get current(): ClassSessionInfo | null {
    return this.#live?.info ?? null;
  }

  /** Start a new session on the request's scenario (one at a time: a running, unfinished one must end first). */
  async start(request: ClassStartRequest): Promise<ClassStartResult> {
    return this.#exclusive(async () => {
      const running = await this.#runningConflict();
      if (running) return running;
      const compiled = compile(request.scenario.text, request.scenario.name);
      if (!compiled.ok) return fail(compiled.error);
      const { spec } = compiled;
      const refusal = classPlayRefusal(spec);
      if (refusal) return fail(refusal);
      const known = new Set(spec.params.map((p) => p.id));
      const unknown = Object.keys(request.params).filter((id) => !known.has(id));
      if (unknown.length > 0) return fail(`The scenario has no parameter "${unknown[0]}".`);
      const sessionId = newSessionId();
      const csvPath = join(this.deps.outDir, `${sessionId}.csv`);
      return this.#launch(
        spec,
        {
          launch: LAUNCH_FORMAT,
          sessionId,
          scenario: request.scenario,
          lan: request.lan,
          port: this.deps.preferredPort ?? DEFAULT_CLASS_PORT,
          csvPath,
        },
        {
          sessionId,
          params: { ...request.params },
          seed: randomBytes(6).toString('hex'),
          rounds: request.rounds ?? defaultClassRounds(spec.rounds.count),
          matching: request.matching,
          maxStudents: request.maxStudents,
        },
      );
    });
  }

  /** The newest unfinished session (the running one first), or null. */
  async resumable(): Promise<ResumableClassSession | null> {
    const live = this.#live;
    if (live && live.handle.session.phase !== 'ended') return summary(live.handle, true);
    let names: string[];
    try {
      names = await readdir(this.deps.dataDir);
    } catch {
      return null;
    }
    let best: ResumableClassSession | null = null;
    for (const name of names) {
      const m = /^([A-Za-z0-9_-]{1,64})\.launch\.json$/.exec(name);
      if (!m) continue;
      const id = m[1] as string;
      if (live && live.info.sessionId === id) continue;
      try {
        const { header, events } = readJournal(join(this.deps.dataDir, `${id}.jsonl`));
        if (events.some((e) => e.e === 'end')) continue;
        const s: ResumableClassSession = {
          sessionId: id,
          title: header.config.scenario.title,
          createdAt: header.config.createdAt,
          students: events.filter((e) => e.e === 'join').length,
          round: events.filter((e) => e.e === 'open').length,
          rounds: header.config.rounds,
          live: false,
        };
        if (!best || s.createdAt > best.createdAt) best = s;
      } catch (err) {
        this.deps.log?.(`class: skipping ${name}: ${message(err)}`);
      }
    }
    return best;
  }

  /** Resume an unfinished session from its journal (the running one is simply returned). */
  async resume(sessionId: string): Promise<ClassStartResult> {
    return this.#exclusive(async () => {
      const live = this.#live;
      if (live && live.info.sessionId === sessionId) return { ok: true, session: live.info };
      const running = await this.#runningConflict();
      if (running) return running;
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(sessionId)) return fail('Not a class session id.');
      let record: LaunchRecord;
      try {
        const text = await readFile(join(this.deps.dataDir, `${sessionId}.launch.json`), 'utf8');
        record = launchSchema.parse(JSON.parse(text));
      } catch (err) {
        return fail(
          `Class session ${sessionId} cannot be resumed: its launch record is unreadable (${message(err)}).`,
        );
      }
      if (record.sessionId !== sessionId)
        return fail(`Class session ${sessionId}: its launch record is another session's.`);
      const compiled = compile(record.scenario.text, record.scenario.name);
      if (!compiled.ok) return fail(compiled.error);
      let hash: string;
      try {
        hash = readJournal(join(this.deps.dataDir, `${sessionId}.jsonl`)).header.config.scenario.hash;
      } catch (err) {
        return fail(message(err));
      }
      if (hash !== compiled.spec.hash)
        return fail(`Class session ${sessionId}: its journal belongs to another version of the scenario.`);
      return this.#launch(compiled.spec, record, undefined);
    });
  }

  /** Stop the running session's server (the journal stays: an unfinished session can be resumed). */
  async stop(): Promise<void> {
    const live = this.#live;
    this.#live = null;
    if (live) await live.handle.close();
  }

  async #runningConflict(): Promise<ClassStartResult | null> {
    const live = this.#live;
    if (!live) return null;
    if (live.handle.session.phase === 'ended') {
      await this.stop();
      return null;
    }
    return fail(
      `A class session (${live.info.title}) is running: resume it (File → Resume class session…) or end it first.`,
    );
  }

  async #exclusive(task: () => Promise<ClassStartResult>): Promise<ClassStartResult> {
    if (this.#busy) return fail('A class session is starting: wait a moment.');
    this.#busy = true;
    try {
      return await task();
    } catch (err) {
      this.deps.log?.(`class: ${message(err)}`);
      return fail(`The class session could not start: ${message(err)}`);
    } finally {
      this.#busy = false;
    }
  }

  async #launch(
    spec: ModelSpec,
    record: LaunchRecord,
    config: ClassServerOptions['config'],
  ): Promise<ClassStartResult> {
    const { deps } = this;
    await mkdir(deps.dataDir, { recursive: true, mode: 0o700 });
    await mkdir(deps.outDir, { recursive: true });
    const journalPath = join(deps.dataDir, `${record.sessionId}.jsonl`);
    const start = deps.startServer ?? startClassServer;
    const options = (port: number): ClassServerOptions => ({
      spec,
      source: record.scenario.name,
      journalPath,
      ...(config ? { config } : {}),
      host: record.lan ? '0.0.0.0' : '127.0.0.1',
      port,
      allowedOrigins: deps.allowedOrigins,
      staticDir: deps.staticDir,
      outPath: record.csvPath,
      writeFilesAtomic: deps.writeFilesAtomic,
      ...(deps.appVersion ? { appVersion: deps.appVersion } : {}),
      ...(deps.log ? { log: deps.log } : {}),
      ...(deps.fanTrials !== undefined ? { fanTrials: deps.fanTrials } : {}),
    });
    let handle: ClassServerHandle;
    try {
      handle = await start(options(record.port));
    } catch (err) {
      if (err instanceof JournalError) return fail(err.message);
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw err;
      handle = await start(options(0)); // the preferred port is taken: any free one
    }
    try {
      await deps.writeFilesAtomic([
        {
          target: join(deps.dataDir, `${record.sessionId}.launch.json`),
          data: `${JSON.stringify({ ...record, port: handle.port } satisfies LaunchRecord)}\n`,
        },
      ]);
    } catch (err) {
      await handle.close();
      throw err;
    }
    const info: ClassSessionInfo = {
      sessionId: record.sessionId,
      title: handle.session.config.scenario.title,
      serverUrl: handle.serverUrl,
      teacherToken: handle.teacherToken,
      joinUrl: handle.joinUrl,
      joinCode: handle.joinCode,
      qr: handle.qr,
      lan: handle.lan,
      resumed: handle.resumed,
      csvPath: record.csvPath,
    };
    this.#live = { handle, info };
    return { ok: true, session: info };
  }
}

const summary = (handle: ClassServerHandle, live: boolean): ResumableClassSession => {
  const s = handle.session;
  return {
    sessionId: s.config.sessionId,
    title: s.config.scenario.title,
    createdAt: s.config.createdAt,
    students: s.students.length,
    round: s.round,
    rounds: s.config.rounds,
    live,
  };
};

/** Parse and compile scenario text; the first problem as one line. */
const compile = (
  text: string,
  name: string,
): { ok: true; spec: ModelSpec } | { ok: false; error: string } => {
  const r = parseScenario(text, name);
  if (r.ok) return { ok: true, spec: r.spec };
  const first = r.issues[0];
  const more = r.issues.length > 1 ? ` (and ${r.issues.length - 1} more)` : '';
  return {
    ok: false,
    error: `The scenario has problems: ${first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid'}${more}. Fix them first.`,
  };
};
