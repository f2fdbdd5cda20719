import { afterEach, describe, expect, it } from 'vitest';
import { readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { request } from 'node:http';
import {
  control,
  isStudent,
  isTeacher,
  joinStudent,
  joinTeacher,
  startKit,
  TestClient,
  type Kit,
} from './classTestKit';
import { MAX_CLIENT_MESSAGE_BYTES } from '../../../models/class/protocol';
import { writeFilesAtomic } from '../../../node/files/atomicWrite';
import { nodeFileDeps } from '../../../node/files/nodeFileDeps';

let kit: Kit | null = null;
afterEach(async () => {
  await kit?.cleanup();
  kit = null;
});

const csvRows = (text: string): string[][] =>
  text
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));

const httpGet = (
  url: string,
  opts: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> =>
  new Promise((ok, fail) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += String(d)));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });

describe('class server: a session end to end', () => {
  it('joins, chooses, reveals, pays, and End session writes session.csv with exactly the choices made', async () => {
    kit = await startKit('chicken', { config: { matching: 'fixed' } });
    // this computer only unless the teacher opts in; the token travels in the URL's fragment, never over HTTP
    expect(kit.server.host).toBe('127.0.0.1');
    expect(kit.server.joinUrl).toBe(`http://127.0.0.1:${kit.server.port}/join#${kit.server.joinCode}`);
    expect(kit.server.teacherUrl).toBe(
      `http://127.0.0.1:${kit.server.port}/teacher#${kit.server.teacherToken}`,
    );
    expect(kit.server.joinCode).toMatch(/^[ACDEFHJKMNPQRTWXY3479]{5}$/);
    const teacher = await joinTeacher(kit);
    const ann = await joinStudent(kit, 'Ann');
    const bob = await joinStudent(kit, 'Bob');
    expect(ann.id).toBe(0);
    expect(bob.id).toBe(1);
    const joined = await teacher.waitFor(
      (m): m is Extract<typeof m, { type: 'teacher' }> => isTeacher(m) && m.view.joined === 2,
    );
    expect(joined.join.code).toBe(kit.server.joinCode);
    expect(joined.join.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(joined.view.students.map((s) => [s.name, s.role, s.connected])).toEqual([
      ['Ann', 0, true],
      ['Bob', 1, true],
    ]);

    const choicesMade: string[] = [];
    for (let r = 1; r <= 2; r++) {
      await control(teacher, r === 1 ? 'start' : 'next', r - 1);
      const from = ann.c.mark();
      ann.c.send({ type: 'choose', round: r, strategy: r === 1 ? 0 : 1 });
      const v = await ann.c.waitFor(isStudent, from);
      expect(v.view.choice).toBe(r === 1 ? 0 : 1);
      bob.c.send({ type: 'choose', round: r, strategy: 1 });
      await teacher.waitFor((m) => isTeacher(m) && m.view.chosen === 2);
      const fromA = ann.c.mark();
      await control(teacher, 'reveal', r);
      const res = await ann.c.waitFor((m) => isStudent(m) && m.view.result?.round === r, fromA);
      if (!isStudent(res)) throw new Error('unreachable');
      expect(res.view.result!.partners).toEqual([{ role: 1, name: 'Bob', choice: 1 }]);
      // chicken at defaults: swerve vs straight pays the swerver -1; straight vs straight -10
      expect(res.view.result!.payoff).toBe(r === 1 ? -1 : -10);
      choicesMade.push(`${r},Ann,A,${r === 1 ? 'swerve' : 'straight'},Bob`, `${r},Bob,B,straight,Ann`);
    }
    const fin = await control(teacher, 'end', 2);
    expect(fin.view.session.phase).toBe('ended');
    const files = await kit.server.ended;
    expect(files).toEqual({ csv: kit.out, sidecar: kit.out.replace(/\.csv$/, '.json') });
    const csv = await readFile(kit.out, 'utf8');
    const rows = csvRows(csv);
    expect(rows[0]).toEqual(['session_id', 'round', 'student', 'role', 'choice', 'partners', 'payoff']);
    expect(rows.slice(1).map((r) => r.slice(1, 6).join(','))).toEqual(choicesMade);
    const sidecar = JSON.parse(await readFile(files!.sidecar, 'utf8')) as Record<string, unknown>;
    expect(sidecar).toMatchObject({
      format: 'parley.class-session/1',
      matching: 'fixed',
      seed: 'kit',
      scenario: { id: 'chicken', hash: kit.server.session.model.hash },
      parameters: { win: 2, lose: -1, crash: -10 },
    });
    expect((sidecar.lambdaFit as { perRound: unknown[] }).perRound).toHaveLength(2);
    // after Reveal the teacher gets the analysis: every equilibrium of chicken (3) and a λ fit
    const analysed = await teacher.waitFor((m) => isTeacher(m) && m.view.analysis?.round === 2);
    if (!isTeacher(analysed)) throw new Error('unreachable');
    expect(analysed.view.analysis!.equilibria).toHaveLength(3);
    expect(analysed.view.analysis!.counts).toEqual([
      [0, 1],
      [0, 1],
    ]);
    // resuming an ended session's journal rewrites the same session.csv
    await rm(kit.out);
    await kit.restart();
    expect(await kit.server.ended).toEqual(files);
    expect(await readFile(kit.out, 'utf8')).toBe(csv);
  });
});

describe('class server: hostile and confused clients', () => {
  it('answers every bad message with an error and keeps running', async () => {
    kit = await startKit('chicken', { limits: { burst: 1000, perSecond: 1000 } });
    const teacher = await joinTeacher(kit);
    const ann = await joinStudent(kit, 'Ann');
    const bob = await joinStudent(kit, 'Bob');
    const anon = await TestClient.connect(kit.ws);

    expect(await anon.expectError('{not json')).toBe('bad-json');
    expect(await anon.expectError({ type: 'hello' })).toBe('bad-message');
    expect(await anon.expectError({ type: 'join', code: kit.server.joinCode })).toBe('bad-message');
    expect(await anon.expectError('null')).toBe('bad-message');
    expect(await anon.expectError('[1,2,3]')).toBe('bad-message');
    expect(await anon.expectError({ type: 'choose', round: 1, strategy: 0 })).toBe('not-joined');
    expect(await anon.expectError({ type: 'control', action: 'start', round: 0 })).toBe('not-teacher');
    expect(await anon.expectError({ type: 'join', code: 'ZZZZZ', name: 'Eve' })).toBe('bad-code');
    expect(await anon.expectError({ type: 'resume', token: 'A'.repeat(32) })).toBe('bad-token');
    expect(await anon.expectError({ type: 'teacher', token: 'B'.repeat(43) })).toBe('bad-token');
    expect(await anon.expectError(Buffer.from([1, 2, 3]))).toBe('binary');
    expect(
      await anon.expectError(
        JSON.stringify({ type: 'join', code: 'x', name: 'y'.repeat(MAX_CLIENT_MESSAGE_BYTES) }),
      ),
    ).toBe('too-large');
    expect(await anon.expectError({ type: 'join', code: kit.server.joinCode, name: '=HYPERLINK("x")' })).toBe(
      'bad-name',
    );

    // students: only their own seat, only the current round, only their strategies
    expect(await ann.c.expectError({ type: 'choose', round: 1, strategy: 0 })).toBe('bad-phase');
    expect(await ann.c.expectError({ type: 'control', action: 'start', round: 0 })).toBe('not-teacher');
    expect(await ann.c.expectError({ type: 'choose', round: 1, strategy: 0, student: 1 })).toBe(
      'bad-message',
    );
    expect(await ann.c.expectError({ type: 'choose', round: 1, strategy: 0, role: 1 })).toBe('bad-message');
    expect(await ann.c.expectError({ type: 'join', code: kit.server.joinCode, name: 'Again' })).toBe(
      'already-joined',
    );
    await control(teacher, 'start', 0);
    expect(await ann.c.expectError({ type: 'choose', round: 2, strategy: 0 })).toBe('wrong-round');
    expect(await ann.c.expectError({ type: 'choose', round: 1, strategy: 5 })).toBe('bad-strategy');
    ann.c.send({ type: 'choose', round: 1, strategy: 0 });
    ann.c.send({ type: 'choose', round: 1, strategy: 0 }); // replayed: idempotent
    bob.c.send({ type: 'choose', round: 1, strategy: 1 });
    await teacher.waitFor((m) => isTeacher(m) && m.view.chosen === 2);

    // teacher: out-of-order and replayed controls
    expect(await teacher.expectError({ type: 'control', action: 'next', round: 1 })).toBe('bad-phase');
    expect(await teacher.expectError({ type: 'control', action: 'start', round: 0 })).toBe('wrong-round');
    expect(await teacher.expectError({ type: 'control', action: 'reveal', round: 2 })).toBe('wrong-round');
    await control(teacher, 'reveal', 1);
    expect(await teacher.expectError({ type: 'control', action: 'reveal', round: 1 })).toBe('bad-phase');
    expect(await ann.c.expectError({ type: 'choose', round: 1, strategy: 1 })).toBe('bad-phase');

    // an oversized frame closes that connection only (1009); the server carries on
    const big = await TestClient.connect(kit.ws);
    big.send('x'.repeat(70 * 1024));
    expect((await big.closed).code).toBe(1009);
    const late = await joinStudent(kit, 'Late');
    expect(late.id).toBe(2);
    // the session recorded each choice once, as made
    const rec = kit.server.session.rounds[0]!;
    expect([...rec.choices.entries()].sort()).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('rate-limits a flooding connection, then closes it; others are unaffected', async () => {
    kit = await startKit('chicken', { limits: { burst: 5, perSecond: 1, strikes: 30 } });
    const flood = await TestClient.connect(kit.ws);
    for (let k = 0; k < 60; k++) flood.send({ type: 'resume', token: 'A'.repeat(32) });
    await flood.waitFor((m) => m.type === 'error' && m.code === 'rate-limited');
    expect((await flood.closed).code).toBe(1008);
    const ok = await joinStudent(kit, 'Calm');
    expect(ok.name).toBe('Calm');
  });

  it('refuses more than max students, foreign origins and unknown hosts', async () => {
    kit = await startKit('chicken', { config: { maxStudents: 2 } });
    await joinStudent(kit, 'A1');
    await joinStudent(kit, 'B1');
    const third = await TestClient.connect(kit.ws);
    expect(await third.expectError({ type: 'join', code: kit.server.joinCode, name: 'C1' })).toBe('full');
    await expect(TestClient.connect(kit.ws, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(TestClient.connect(kit.ws, { host: 'evil.example' })).rejects.toThrow(/404/);
    await expect(TestClient.connect(kit.ws.replace('/ws', '/other'))).rejects.toThrow(/404/);
    const same = await TestClient.connect(kit.ws, { origin: kit.http });
    same.close();
  });

  it('serves the two pages with a strict CSP and nothing else', async () => {
    kit = await startKit('chicken');
    const page = await httpGet(`${kit.http}/join`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('student');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${kit.server.port}`);
    expect(csp).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await httpGet(`${kit.http}/teacher`)).status).toBe(200);
    expect((await httpGet(`${kit.http}/assets/app.js`)).status).toBe(200);
    expect((await httpGet(`${kit.http}/assets/../../session.jsonl`)).status).toBe(404);
    expect((await httpGet(`${kit.http}/session.jsonl`)).status).toBe(404);
    expect((await httpGet(`${kit.http}/%2e%2e/session.jsonl`)).status).toBe(404);
    expect((await httpGet(`${kit.http}/join`, { method: 'POST' })).status).toBe(405);
    expect((await httpGet(`${kit.http}/join`, { headers: { host: 'attacker.example:80' } })).status).toBe(
      421,
    );
    expect((await httpGet(`${kit.http}/`)).status).toBe(302);
  });

  it('drops a slow (slowloris) HTTP request that never finishes its headers', async () => {
    kit = await startKit('chicken', { limits: { headersTimeoutMs: 1000, requestTimeoutMs: 2000 } });
    const sock = connect(kit.server.port, '127.0.0.1');
    sock.on('error', () => undefined);
    sock.resume(); // read (and drop) the server's 400 so that its close reaches us
    sock.write('GET /join HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const drip = setInterval(() => sock.writable && sock.write('a'), 500);
    await new Promise<void>((ok) => sock.on('close', () => ok()));
    clearInterval(drip);
    // still serving
    expect((await httpGet(`${kit.http}/join`)).status).toBe(200);
  }, 40_000);
});

describe('class server: identity, bots and resuming', () => {
  it('a reconnect with the token keeps the identity, role and score', async () => {
    kit = await startKit('chicken', { config: { matching: 'fixed' } });
    const teacher = await joinTeacher(kit);
    const ann = await joinStudent(kit, 'Ann');
    const bob = await joinStudent(kit, 'Bob');
    await control(teacher, 'start', 0);
    ann.c.send({ type: 'choose', round: 1, strategy: 1 });
    bob.c.send({ type: 'choose', round: 1, strategy: 0 });
    await teacher.waitFor((m) => isTeacher(m) && m.view.chosen === 2);
    await control(teacher, 'reveal', 1);
    ann.c.close();
    await ann.c.closed;
    await teacher.waitFor((m) => isTeacher(m) && m.view.connected === 1);
    const again = await TestClient.connect(kit.ws);
    again.send({ type: 'resume', token: ann.token });
    const w = await again.waitFor((m) => m.type === 'welcome');
    expect(w).toMatchObject({ student: ann.id, name: 'Ann' });
    const v = await again.waitFor(isStudent);
    if (!isStudent(v)) throw new Error('unreachable');
    expect(v.view.you).toMatchObject({ id: 0, name: 'Ann', role: 0, score: 2 });
    expect(v.view.history).toEqual([{ round: 1, choice: 1, byBot: false, payoff: 2 }]);
  });

  it('a bot replaces a dropped student so the partner is not stuck', async () => {
    kit = await startKit('chicken', { config: { matching: 'fixed' } });
    const teacher = await joinTeacher(kit);
    const ann = await joinStudent(kit, 'Ann');
    const bob = await joinStudent(kit, 'Bob');
    bob.c.close();
    await teacher.waitFor((m) => isTeacher(m) && m.view.connected === 1);
    await control(teacher, 'start', 0);
    ann.c.send({ type: 'choose', round: 1, strategy: 0 });
    await teacher.waitFor((m) => isTeacher(m) && m.view.chosen === 1);
    const from = ann.c.mark();
    await control(teacher, 'reveal', 1);
    const r = await ann.c.waitFor((m) => isStudent(m) && m.view.result?.round === 1, from);
    if (!isStudent(r)) throw new Error('unreachable');
    expect(r.view.result!.partners[0]!.name).toBe('bot for Bob');
    const t = kit.server.session.rounds[0]!.tables[0]!;
    expect(t.kinds).toEqual(['student', 'stand-in']);
  });

  it('restarting on the same journal resumes the session: same code, tokens, choices and open round', async () => {
    kit = await startKit('chicken', { config: { matching: 'random', rounds: 3 } });
    let teacher = await joinTeacher(kit);
    const students = [];
    for (const name of ['Ann', 'Bob', 'Cy', 'Dee']) students.push(await joinStudent(kit, name));
    await control(teacher, 'start', 0);
    students.forEach((s, k) => s.c.send({ type: 'choose', round: 1, strategy: k % 2 }));
    await teacher.waitFor((m) => isTeacher(m) && m.view.chosen === 4);
    const before = JSON.stringify(kit.server.session.snapshot());
    const code = kit.server.joinCode;
    await kit.restart();
    expect(kit.server.resumed).toBe(true);
    expect(kit.server.joinCode).toBe(code);
    expect(JSON.stringify(kit.server.session.snapshot())).toBe(before);
    teacher = await joinTeacher(kit);
    const back = await TestClient.connect(kit.ws);
    back.send({ type: 'resume', token: students[2]!.token });
    const v = await back.waitFor(isStudent);
    if (!isStudent(v)) throw new Error('unreachable');
    expect(v.view.you.name).toBe('Cy');
    expect(v.view.choice).toBe(0);
    await control(teacher, 'reveal', 1);
    expect(kit.server.session.rounds[0]!.tables.flatMap((t) => t.kinds)).toEqual([
      'student',
      'student',
      'student',
      'student',
    ]);
  });
});

describe('ClassServer: session.csv and its sidecar are committed together', () => {
  it('End session writes both files in one pair commit (both fsynced before either is renamed)', async () => {
    const calls: string[][] = [];
    kit = await startKit('chicken', {
      writeFilesAtomic: async (files) => {
        calls.push(files.map((f) => f.target));
        await writeFilesAtomic(files, nodeFileDeps);
      },
    });
    const teacher = await joinTeacher(kit);
    await control(teacher, 'end', 0);
    const files = await kit.server.ended;
    expect(files).toEqual({ csv: kit.out, sidecar: kit.out.replace(/\.csv$/, '.json') });
    expect(calls).toEqual([[kit.out, kit.out.replace(/\.csv$/, '.json')]]);
    expect(csvRows(await readFile(kit.out, 'utf8'))[0]?.[0]).toBe('session_id');
  });
});
