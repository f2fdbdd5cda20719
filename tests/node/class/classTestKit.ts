// Real `ws` clients and a class server on 127.0.0.1 (port 0) in a temporary folder, for the server tests.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ServerMessage } from '../../../models/class/protocol';
import { loadBuiltin } from '../../../models/scenario/builtins';
import {
  startClassServer,
  type ClassServerHandle,
  type ClassServerOptions,
} from '../../../node/class/ClassServer';
import { writeFilesAtomic } from '../../../node/files/atomicWrite';
import { nodeFileDeps } from '../../../node/files/nodeFileDeps';

export class TestClient {
  readonly messages: ServerMessage[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      this.messages.push(JSON.parse(String(data)) as ServerMessage);
      const w = this.waiters;
      this.waiters = [];
      for (const f of w) f();
    });
    this.closed = new Promise((ok) => ws.on('close', (code, reason) => ok({ code, reason: String(reason) })));
    ws.on('error', () => undefined);
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<TestClient> {
    const ws = new WebSocket(url, { headers });
    const c = new TestClient(ws);
    return new Promise((ok, fail) => {
      ws.once('open', () => ok(c));
      ws.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', fail);
    });
  }

  send(m: unknown): void {
    this.ws.send(typeof m === 'string' || Buffer.isBuffer(m) ? m : JSON.stringify(m));
  }

  /** Index to wait from (messages received later). */
  mark(): number {
    return this.messages.length;
  }

  /**
   * The first message at or after `from` satisfying `pred`. No clock deadline (a busy machine must not fail a
   * test): the test's timeout bounds a hang, and the messages seen so far are kept in `messages` for its report.
   */
  async waitFor<T extends ServerMessage>(pred: (m: ServerMessage) => m is T, from?: number): Promise<T>;
  async waitFor(pred: (m: ServerMessage) => boolean, from?: number): Promise<ServerMessage>;
  async waitFor(pred: (m: ServerMessage) => boolean, from = 0): Promise<ServerMessage> {
    for (;;) {
      const hit = this.messages.slice(from).find(pred);
      if (hit) return hit;
      await new Promise<void>((ok) => {
        const t = setTimeout(ok, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          ok();
        });
      });
    }
  }

  /** Send and wait for the next error (resolves with its code). */
  async expectError(m: unknown): Promise<string> {
    const from = this.mark();
    this.send(m);
    const e = await this.waitFor((x) => x.type === 'error', from);
    return e.type === 'error' ? e.code : '';
  }

  close(): void {
    this.ws.close();
  }
}

export const isStudent = (m: ServerMessage): m is Extract<ServerMessage, { type: 'student' }> =>
  m.type === 'student';
export const isTeacher = (m: ServerMessage): m is Extract<ServerMessage, { type: 'teacher' }> =>
  m.type === 'teacher';
export const isWelcome = (m: ServerMessage): m is Extract<ServerMessage, { type: 'welcome' }> =>
  m.type === 'welcome';

export type Kit = {
  dir: string;
  server: ClassServerHandle;
  ws: string;
  http: string;
  journal: string;
  out: string;
  restart: () => Promise<void>;
  cleanup: () => Promise<void>;
};

/** A built-in scenario's server in a fresh temp folder, with a stand-in static folder for the pages. */
export const startKit = async (
  scenario = 'chicken',
  over: Partial<Omit<ClassServerOptions, 'config'>> & {
    config?: Partial<NonNullable<ClassServerOptions['config']>>;
  } = {},
): Promise<Kit> => {
  const dir = await mkdtemp(join(tmpdir(), 'parley-class-'));
  const pages = join(dir, 'pages');
  await mkdir(join(pages, 'class'), { recursive: true });
  await mkdir(join(pages, 'assets'), { recursive: true });
  await writeFile(join(pages, 'class', 'student.html'), '<!doctype html><title>student</title>');
  await writeFile(join(pages, 'class', 'teacher.html'), '<!doctype html><title>teacher</title>');
  await writeFile(join(pages, 'assets', 'app.js'), 'console.log(1)');
  const { spec } = loadBuiltin(scenario);
  const journal = join(dir, 'session.jsonl');
  const out = join(dir, 'session.csv');
  const options = (): ClassServerOptions => ({
    spec,
    source: `builtin:${scenario}`,
    journalPath: journal,
    staticDir: pages,
    outPath: out,
    writeFilesAtomic: (files) => writeFilesAtomic(files, nodeFileDeps),
    fanTrials: 0,
    ...over,
    config: { params: {}, seed: 'kit', rounds: 4, matching: 'random', maxStudents: 200, ...over.config },
  });
  const kit: Kit = {
    dir,
    server: await startClassServer(options()),
    ws: '',
    http: '',
    journal,
    out,
    restart: async () => {
      await kit.server.close();
      kit.server = await startClassServer(options());
      kit.ws = `ws://127.0.0.1:${kit.server.port}/ws`;
      kit.http = `http://127.0.0.1:${kit.server.port}`;
    },
    cleanup: async () => {
      await kit.server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  kit.ws = `ws://127.0.0.1:${kit.server.port}/ws`;
  kit.http = `http://127.0.0.1:${kit.server.port}`;
  return kit;
};

/** Join as a student; resolves with the client, its token and id. */
export const joinStudent = async (
  kit: Kit,
  name: string,
): Promise<{ c: TestClient; token: string; id: number; name: string }> => {
  const c = await TestClient.connect(kit.ws);
  c.send({ type: 'join', code: kit.server.joinCode, name });
  const w = await c.waitFor(isWelcome);
  await c.waitFor(isStudent);
  return { c, token: w.token, id: w.student, name: w.name };
};

export const joinTeacher = async (kit: Kit): Promise<TestClient> => {
  const t = await TestClient.connect(kit.ws);
  t.send({ type: 'teacher', token: kit.server.teacherToken });
  await t.waitFor(isTeacher);
  return t;
};

/** Send a control and wait for the teacher view showing its effect. */
export const control = async (
  t: TestClient,
  action: 'start' | 'reveal' | 'next' | 'end',
  round: number,
): Promise<Extract<ServerMessage, { type: 'teacher' }>> => {
  const from = t.mark();
  t.send({ type: 'control', action, round });
  const want = action === 'reveal' ? 'revealed' : action === 'end' ? 'ended' : 'open';
  return t.waitFor(
    (m): m is Extract<ServerMessage, { type: 'teacher' }> => isTeacher(m) && m.view.session.phase === want,
    from,
  );
};
