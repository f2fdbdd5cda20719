// Class 1 of issue 10 (output injection), terminal side: text from files (titles, labels, unknown keys, string
// constants in formulas, .nfg names, file paths, errors quoting user text) reaches the terminal only through the
// CLI's one output boundary (cli/lib/cliIo.ts), which escapes control characters, ESC sequences, bidi overrides and
// line separators. A forged "forged.parley.json: OK" line, an OSC title sequence and a CSI clear all failed these
// tests on the code before cli/lib/cliIo.ts (every command wrote raw text).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, repoRoot } from '../cli/cliHarness';
import { coordinationScenario, type RawScenario } from './coordinationScenario';

const ESC = '\u001b';
const OSC_TITLE = `${ESC}]0;pwned${'\u0007'}`;
const CSI_CLEAR = `${ESC}[2J${ESC}[3J${ESC}[H`;
const FORGE = '\nforged.parley.json: OK — "Fine": 2 actors';
let dir = '';

/** Nothing a terminal would obey: no C0 control but LF (and TAB inside documents), no C1, bidi or separators. */
const expectTerminalSafe = (text: string): void => {
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    const bad =
      (c < 0x20 && c !== 0x0a && c !== 0x09) ||
      (c >= 0x7f && c <= 0x9f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069) ||
      c === 0x2028 ||
      c === 0x2029;
    expect(
      bad,
      `U+${c.toString(16).padStart(4, '0')} at ${text.indexOf(ch)} in ${JSON.stringify(text.slice(Math.max(0, text.indexOf(ch) - 80), text.indexOf(ch) + 40))}`,
    ).toBe(false);
  }
};

type Raw = RawScenario;
const scenario = (edit: (s: Raw) => void): string => {
  const s: Raw = coordinationScenario('Fine');
  edit(s);
  return JSON.stringify(s);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-terminal-'));
  const file = (name: string, text: string): void => writeFileSync(join(dir, name), text);
  file(
    'forge.parley.json',
    scenario((s) => (s.title = `Fine${FORGE}`)),
  );
  file(
    'title.parley.json',
    scenario((s) => (s.title = `${OSC_TITLE}${CSI_CLEAR}\u202eevil`)),
  );
  file(
    'labels.parley.json',
    scenario((s) => {
      s.actors[0].name = `P${CSI_CLEAR}`;
      s.actors[0].strategies[0].label = `Up${FORGE}`;
      s.actors[1].strategies[1].label = `R\r${OSC_TITLE}`;
      s.outcomes = { o: { label: `out${CSI_CLEAR}\u2028x`, when: 'P.up' } };
    }),
  );
  file(
    'unknownkey.parley.json',
    scenario((s) => (s[`x${CSI_CLEAR}${FORGE}`] = 1)),
  );
  file(
    'constant.parley.json',
    scenario((s) => (s.actors[0].payoffs.down = `"${OSC_TITLE}"`)),
  );
  file(
    `path${FORGE}.parley.json`,
    scenario(() => undefined),
  );
  file(
    'names.nfg',
    `NFG 1 R "${OSC_TITLE}${CSI_CLEAR}" { "A\nforged" "B${ESC}[31m" }\n{ { "x${ESC}]2;t${'\u0007'}" "y\u202e" } { "l" "r" } }\n""\n2 1 0 0 0 0 1 2\n`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI escapes text from files at its output boundary', () => {
  it('an embedded newline in a title cannot forge a second "OK" line', async () => {
    const r = await cli(['validate', 'forge.parley.json'], dir);
    expect(r.code).toBe(0);
    expectTerminalSafe(r.out);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^forge\.parley\.json: OK — "Fine\\nforged\.parley\.json: OK — "Fine": 2 actors"/,
    );
    expect(lines.some((l) => l.startsWith('forged.parley.json'))).toBe(false);
  });

  it('OSC title and CSI clear sequences in titles are shown escaped, never sent', async () => {
    const v = await cli(['validate', 'title.parley.json'], dir);
    expect(v.code).toBe(0);
    expectTerminalSafe(v.out);
    expect(v.out).toContain('\\u001b]0;pwned\\u0007\\u001b[2J');
    expect(v.out).toContain('\\u202eevil');
    for (const argv of [
      ['show', 'title.parley.json'],
      ['run', 'title.parley.json', '--trials', '5', '--seed', '1', '--workers', '0'],
      ['solve', 'title.parley.json'],
    ]) {
      const r = await cli(argv, dir);
      expect(r.code, argv.join(' ')).toBe(0);
      expectTerminalSafe(r.out + r.err);
    }
  });

  it('labels, actor names and outcome labels, in every output format', async () => {
    for (const argv of [
      ['show', 'labels.parley.json'],
      ['show', 'labels.parley.json', '--json'],
      ['solve', 'labels.parley.json'],
      ['solve', 'labels.parley.json', '--format', 'json'],
      ['solve', 'labels.parley.json', '--format', 'csv'],
      ['run', 'labels.parley.json', '--trials', '5', '--seed', '1', '--workers', '0'],
      ['run', 'labels.parley.json', '--trials', '5', '--seed', '1', '--workers', '0', '--format', 'json'],
      ['run', 'labels.parley.json', '--trials', '5', '--seed', '1', '--workers', '0', '--replay', '1'],
      ['compare', 'labels.parley.json', '--variant', 'a=1', '--trials', '5', '--seed', '1', '--workers', '0'],
      ['sensitivity', 'labels.parley.json', '--trials', '5', '--seed', '1', '--workers', '0'],
    ]) {
      const r = await cli(argv, dir);
      expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(0);
      // A CSV document keeps its CRLF record ends (and a line break inside a quoted cell is CSV data).
      expectTerminalSafe((r.out + r.err).replace(/\r\n/g, '\n'));
      if (!argv.includes('csv')) {
        expect(
          r.out.split('\n').some((l) => l.startsWith('forged')),
          argv.join(' '),
        ).toBe(false);
      }
    }
    const json = await cli(['show', 'labels.parley.json', '--json'], dir);
    expect(JSON.parse(json.out).strategies[0][0]).toBe(`Up${FORGE}`);
  });

  it('unknown keys, string constants in formulas and file paths in error lines', async () => {
    const k = await cli(['validate', 'unknownkey.parley.json'], dir);
    expect(k.code).toBe(1);
    expectTerminalSafe(k.out);
    expect(k.out.trimEnd().split('\n')).toHaveLength(1);
    const c = await cli(['validate', 'constant.parley.json'], dir);
    expect(c.code).toBe(1);
    expectTerminalSafe(c.out);
    expect(c.out.trimEnd().split('\n')).toHaveLength(1);
    const p = await cli(['validate', `path${FORGE}.parley.json`], dir);
    expect(p.code).toBe(0);
    expect(p.out.trimEnd().split('\n')).toHaveLength(1);
    expect(p.out).toMatch(/^path\\nforged\.parley\.json: OK/);
    const e = await cli(['run', `nope${CSI_CLEAR}${FORGE}`, '--workers', '0'], dir);
    expect(e.code).toBe(1);
    expectTerminalSafe(e.err);
    expect(e.err.trimEnd().split('\n')).toHaveLength(1);
    const u = await cli([`cmd${OSC_TITLE}`], dir);
    expect(u.code).toBe(2);
    expectTerminalSafe(u.err);
  });

  it('.nfg titles, player names and strategy labels', async () => {
    for (const format of ['text', 'json', 'csv']) {
      const r = await cli(['solve', 'names.nfg', '--format', format], dir);
      expect(r.code, r.err).toBe(0);
      expectTerminalSafe(r.out.replace(/\r\n/g, '\n'));
      if (format !== 'csv') expect(r.out.split('\n').some((l) => l.startsWith('forged'))).toBe(false);
    }
  });

  it('a real process writes no escape byte to its stdout or stderr', () => {
    const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
    for (const args of [
      ['validate', 'title.parley.json'],
      ['solve', 'names.nfg'],
    ]) {
      const r = spawnSync(tsx, [join(repoRoot, 'cli', 'main.ts'), ...args], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(ESC);
      expect(r.stdout + r.stderr).not.toContain('\u0007');
    }
  }, 120_000);
});
