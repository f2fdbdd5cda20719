import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cliHarness';
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
  ])('refuses %j (exit 2, one line)', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
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
