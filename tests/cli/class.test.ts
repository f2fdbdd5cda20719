import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { cli, parleyBin, runCli } from './cliHarness';
import { isWelcome, TestClient } from '../node/class/classTestKit';
import { SessionJournal } from '../../node/class/SessionJournal';
import { loadBuiltin } from '../../models/scenario/builtins';

describe('parley class: options', () => {
  it.each([
    [['class'], /give one scenario/],
    [['class', 'chicken', '--matching', 'pairs'], /--matching must be one of random, fixed, class/],
    [['class', 'chicken', '--rounds', '0'], /--rounds must be a whole number from 1 to 1000/],
    [['class', 'chicken', '--max-students', '-3'], /--max-students/],
    [['class', 'chicken', '--port', '70000'], /--port/],
    [['class', 'chicken', '--host', 'a b'], /--host/],
    [['class', 'chicken', '--bogus'], /unknown option --bogus/],
    [['class', 'chicken', '--pages', 'x', '--no-pages'], /give --pages or --no-pages, not both/],
  ])('refuses %j (exit 2, one line)', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a failed start (port in use, an address not of this computer) leaves no journal behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-class-fail-'));
    const blocker = createServer();
    try {
      await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
      const port = String((blocker.address() as AddressInfo).port);
      const inUse = await cli(['class', 'chicken', '--no-pages', '--port', port], dir);
      expect(inUse.code).toBe(1);
      expect(inUse.err).toMatch(new RegExp(`port ${port} is in use`));
      // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this computer
      const badHost = await cli(['class', 'chicken', '--no-pages', '--host', '192.0.2.1'], dir);
      expect(badHost.code).toBe(1);
      expect(badHost.err).toMatch(/--host 192\.0\.2\.1 is not an address of this computer/);
      const named = join(dir, 'named.jsonl');
      const r = await cli(['class', 'chicken', '--no-pages', '--port', port, '--journal', named], dir);
      expect(r.code).toBe(1);
      expect(existsSync(named)).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      blocker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a scenario whose round is a game tree up front, in one line, leaving no journal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-class-tree-'));
    try {
      const r = await cli(['class', 'korea-2025-sequential', '--no-pages'], dir);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(
        /korea-2025-sequential: Class play does not play sequential games yet: .*game tree.*Tree tab/,
      );
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses unknown parameters and scenarios with the usual one-line errors', async () => {
    const r = await runCli(['class', 'chicken', '--set', 'crsh=1', '--no-pages']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown parameter "crsh".*crash/);
    expect((await runCli(['class', 'chiken', '--no-pages'])).stderr).toMatch(/unknown scenario "chiken"/);
  });

  it('refuses to resume a journal of another scenario, or with contradicting settings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-class-cli-'));
    try {
      const spec = loadBuiltin('chicken').spec;
      const path = join(dir, 'j.jsonl');
      SessionJournal.create(path, {
        journal: 'parley.class-journal/1',
        config: {
          sessionId: 'class-x',
          scenario: { id: 'chicken', title: spec.title, hash: spec.hash },
          params: {},
          seed: 's',
          rounds: 4,
          matching: 'fixed',
          maxStudents: 30,
          createdAt: 1,
        },
        joinCode: 'ACDEF',
        teacherToken: 'T'.repeat(43),
        source: 'builtin:chicken',
      }).close();
      const other = await runCli(['class', 'prisoners-dilemma', '--journal', path, '--no-pages']);
      expect(other.code).toBe(1);
      expect(other.stderr).toMatch(/a session of another scenario \("Chicken/);
      const clash = await runCli([
        'class',
        'chicken',
        '--journal',
        path,
        '--matching',
        'random',
        '--no-pages',
      ]);
      expect(clash.code).toBe(1);
      expect(clash.stderr).toMatch(/--matching: the journal's session has "fixed"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('parley class: a real process', () => {
  it('--pages names a folder without the class pages: one line, exit 1', async () => {
    const r = await runCli(['class', 'chicken', '--pages', tmpdir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--pages .*: no class pages there/);
  });

  it('--port 0 prints the port it got: the printed join URL and code let a student join; Ctrl+C keeps the journal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-class-cli-'));
    const child = spawn(
      process.execPath,
      [parleyBin, 'class', 'chicken', '--port', '0', '--no-pages', '--journal', join(dir, 'j.jsonl')],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      child.stdout.on('data', (d) => (out += String(d)));
      await new Promise<void>((ok, fail) => {
        const t = setTimeout(() => fail(new Error(`no URLs printed: ${out}`)), 60_000);
        child.stdout.on('data', () => {
          if (/Teacher screen: /.test(out)) {
            clearTimeout(t);
            ok();
          }
        });
        child.on('exit', (code) => fail(new Error(`exited ${code}: ${out}`)));
      });
      const join_ = /Students open: (http:\/\/127\.0\.0\.1:(\d+)\/join#([A-Z0-9]+))/.exec(out);
      expect(join_, out).not.toBeNull();
      const port = Number(join_?.[2]);
      expect(port).toBeGreaterThan(0);
      expect(out).toContain(`Join code: ${join_?.[3]}`);
      expect(out).toMatch(new RegExp(`Teacher screen: http://127\\.0\\.0\\.1:${port}/teacher#`));
      const student = await TestClient.connect(`ws://127.0.0.1:${port}/ws`);
      student.send({ type: 'join', code: join_?.[3], name: 'Ada' });
      await student.waitFor(isWelcome);
      student.close();
      const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      // the resume command brings the same server back: its port (open pages reconnect), and its options
      expect(out).toContain(
        `Stopped. Resume with: npx parley class chicken --journal ${join(dir, 'j.jsonl')} --port ${port} --no-pages`,
      );
      // the QR code is drawn with Unicode blocks: no colour escapes, raw or escaped into text
      expect(out.includes('\u001b')).toBe(false); // no ESC byte
      expect(out.includes('\\u001b')).toBe(false); // nor one escaped into text
      expect(out).toMatch(/[▀▄█]/);
      expect(readFileSync(join(dir, 'j.jsonl'), 'utf8')).toContain('"e":"join"');
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
