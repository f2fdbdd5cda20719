// Hostile Gambit .nfg files (readNfg) and hostile CLI inputs (main() with a fake io): a one-line error naming
// the file and line, a non-zero exit, no stack trace, no hang. No wall-clock assertion (the machine is shared):
// work is bounded by the inputs' sizes and the declared limits and work budgets these tests check.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NFG_PROFILES, NfgError, readNfg } from '../../models/games/nfg';
import { main } from '../../cli/main';
import { parleyBin } from '../cli/cliHarness';

const H = 'NFG 1 R "t" { "A" "B" } ';

const nfgError = (text: string): string => {
  let msg = '';
  try {
    readNfg(text, 'h.nfg');
  } catch (err) {
    expect(err).toBeInstanceOf(NfgError);
    msg = (err as Error).message;
  }
  expect(msg).toMatch(/^h\.nfg:\d+: /);
  expect(msg).not.toContain('\n');
  expect(msg.length).toBeLessThan(300);
  return msg;
};

describe('hostile .nfg files', () => {
  it('truncated files, wrong counts, missing and extra payoffs', () => {
    expect(nfgError('')).toBe('h.nfg:1: expected "NFG" (a Gambit strategic-form file) but found end of file');
    expect(nfgError('NFG 1 R "t" { "A" "B" ')).toMatch(/found end of file/);
    expect(nfgError(`${H}{ 2 2 `)).toMatch(/closing the strategy list but found end of file/);
    expect(nfgError(`${H}{ 2 2 }\n1 2 3`)).toBe(
      'h.nfg:2: expected 8 payoffs (4 profiles × 2 players) but found 3',
    );
    expect(nfgError(`${H}{ 1 1 }\n1 2 3`)).toBe('h.nfg:2: expected end of file but found "3"');
    expect(nfgError(`${H}{ 1 1 }\n1 x`)).toMatch(/^h\.nfg:2: expected a payoff .* but found "x"/);
    expect(nfgError(`${H}{ 1 1 }\n# comment\n1 2`)).toMatch(/^h\.nfg:2: expected a payoff/);
    expect(nfgError(`${H}{ 1 1 }\nInfinity NaN`)).toMatch(/found "Infinity"/);
  });

  it('payoffs beyond the declared digits limit are refused before any bigint is made, with the line', () => {
    expect(nfgError(`${H}{ 1 1 }\n1e999999999 1`)).toMatch(
      /^h\.nfg:2: .*"1e999999999" needs 1000000000 digits in its numerator as an exact fraction; the limit is 40$/,
    );
    expect(nfgError(`${H}{ 1 1 }\n\n1e400 1`)).toMatch(
      /^h\.nfg:3: .*"1e400" needs 401 digits in its numerator/,
    );
    expect(nfgError(`${H}{ 1 1 }\n${'9'.repeat(100_000)} 1`)).toMatch(/^h\.nfg:2: .* needs 100000 digits/);
    // Issue 10: 10,000-digit fractions and 5e-99154 made the exact solvers run for minutes.
    expect(nfgError(`${H}{ 1 1 }\n1/${'7'.repeat(10_000)} 1`)).toMatch(
      /needs 10000 digits in its denominator as an exact fraction; the limit is 40$/,
    );
    expect(nfgError(`${H}{ 1 1 }\n5e-99154 1`)).toMatch(/"5e-99154" needs 99155 digits in its denominator/);
    expect(nfgError(`${H}{ 1 1 }\n${'1'.repeat(41)} 1`)).toMatch(/needs 41 digits in its numerator/);
    expect(nfgError(`${H}{ 1 1 }\n1e-99999999999999999999 1`)).toMatch(/needs an unbounded number of digits/);
    const ok = readNfg(`${H}{ 1 1 }\n${'1'.repeat(40)} 1e-39`, 'h.nfg');
    expect(ok.exact?.[0]?.[1]?.den).toBe(10n ** 39n);
  });

  it('strategy counts: 0, negative, fractional, and a million or a billion are refused at once', () => {
    expect(nfgError(`${H}{ 0 2 }`)).toMatch(/number of strategies of player 1 .* but found "0"/);
    expect(nfgError(`${H}{ -2 2 }`)).toMatch(/but found "-2"/);
    expect(nfgError(`${H}{ 1.5 2 }`)).toMatch(/but found "1.5"/);
    expect(nfgError(`${H}{ 1000 1000 }\n1 2`)).toBe(
      `h.nfg:1: the game is too large: 1000×1000 strategies is more than ${MAX_NFG_PROFILES} profiles`,
    );
    expect(nfgError(`${H}{ 1000000 1000000 }\n1 2`)).toMatch(/too large: 1000000×…/);
    expect(nfgError(`${H}{ 1000000000 2 }\n1 2`)).toMatch(/too large: 1000000000×…/);
    expect(nfgError(`${H}{ 100000000000000000000 2 }`)).toMatch(/more than the limit/);
    expect(nfgError(`${H}{ { ${'"x" '.repeat(1001)}} { ${'"y" '.repeat(1001)}} }`)).toMatch(/too large/);
    expect(nfgError(`NFG 1 R "t" { ${'"p" '.repeat(30)}} { ${'2 '.repeat(30)}}`)).toMatch(/too large/);
    expect(nfgError(`${H}{ { } { "x" } } 1 2`)).toBe('h.nfg:1: player 1 has no strategies');
  });

  it('outcome-list bodies with missing outcomes or malformed outcomes', () => {
    expect(nfgError(`${H}{ 1 1 }\n""\n{ { "" 1 2 } }\n2`)).toBe(
      'h.nfg:4: outcome index 2 is out of range 0..1',
    );
    expect(nfgError(`${H}{ 2 1 }\n""\n{ { "" 1 2 } }\n1`)).toMatch(/expected 2 outcome indices .* found 1/);
    expect(nfgError(`${H}{ 1 1 }\n""\n{ { "" 1 x } }\n1`)).toMatch(
      /^h\.nfg:3: expected a payoff but found "x"/,
    );
    expect(nfgError(`${H}{ 1 1 }\n""\n{ { "" 1 } }\n1`)).toBe(
      'h.nfg:3: outcome 1 has 1 payoffs but the game has 2 players',
    );
    expect(nfgError(`${H}{ 1 1 }\n""\n{ { "" 1 2 }\n1`)).toMatch(
      /^h\.nfg:4: expected "\{" opening an outcome/,
    );
  });

  it('unterminated strings, binary garbage, deep braces', () => {
    expect(nfgError('NFG 1 R "t { "A" "B" } { 1 1 } 1 2')).toMatch(/unterminated string|expected/);
    expect(nfgError('NFG 1 R "t\\')).toBe('h.nfg:1: unterminated string (missing closing ")');
    expect(nfgError('\u0000\u0001')).toBe(
      'h.nfg:1: expected "NFG" (a Gambit strategic-form file) but found "\\u0000\\u0001"',
    );
    expect(nfgError(`${H}${'{'.repeat(100_000)}`)).toMatch(/expected/);
  });

  it('reads CRLF line endings, a BOM and Unicode spaces (which used to loop forever)', () => {
    const g = readNfg('\ufeffNFG 1 R "t" { "A" "B" }\r\n{ 1 2 }\u00a0\u2003\r\n""\r\n1 2 3 4\r\n');
    expect(g.payoffs).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(nfgError(`${H}{ 1 1 }\r\n\r\n1 x\r\n`)).toMatch(/^h\.nfg:3: /);
  });
});

describe('hostile CLI inputs', () => {
  let dir = '';
  const run = async (argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const code = await main(argv, {
      stdout: (s) => void (out += s),
      stderr: (s) => void (err += s),
      isTTY: false,
      cwd: dir,
    });
    return { code, out, err };
  };
  const fails = async (argv: string[], re: RegExp): Promise<void> => {
    const r = await run(argv);
    expect(r.code, argv.join(' ')).not.toBe(0);
    const text = (r.err || r.out).trimEnd();
    expect(text.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
    expect(text).not.toMatch(/internal error|\s+at\s+\S+\s+\(/);
    expect(text).toMatch(re);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-hostile-'));
    const file = (name: string, data: string | Buffer): void => writeFileSync(join(dir, name), data);
    file('badutf8.json', Buffer.from([0x7b, 0x0a, 0xff, 0xfe, 0x7d]));
    file(
      'badutf8.nfg',
      Buffer.concat([Buffer.from('NFG 1 R "t" { "A" }\n{ 1 }\n'), Buffer.from([0xc3, 0x28])]),
    );
    file('empty.json', '');
    file('null.json', 'null');
    file('deep.json', '['.repeat(100_000));
    file('huge.nfg', `${H}{ 1000000 1000000 }\n1 2\n`);
    let seed = 12345;
    const payoffs = (k: number): string =>
      Array.from({ length: k }, () => {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        return String(seed % 100);
      }).join(' ');
    file('r30.nfg', `${H}{ 30 30 }\n${payoffs(1800)}\n`);
    file('r200.nfg', `${H}{ 200 200 }\n${payoffs(80_000)}\n`);
    // 27 profiles with payoffs from 1e9 down to 1/7: the logit branch needs millions of steps.
    file(
      'scaled.nfg',
      `NFG 1 R "s" { "a" "b" "c" "d" } { 3 3 3 1 }\n${[
        '-1e9 1/3 1/3 1/3 1/3 1/3 -1e9 0 1/3 1/3 -1e9 0 -1e9 0 0 1/3 -1e9 1e9 1/3 1e9 0 0 0 1/7 0 1/7 1e9 0',
        '1/7 1/7 1/7 1/3 -1e9 1/3 1/3 0 1e9 0 0 1e9 1/7 0 1e9 1/3 -1e9 1/3 0 0 1/3 1/3 0 1e9 1/3 1e9 -1e9 1/3',
        '1/7 1e9 -1e9 1/7 1e9 1e9 0 0 1/7 1/7 1/3 -1e9 1/3 1/3 1/3 0 0 1/3 1/3 1e9 1e9 -1e9 1/3 0 1/3 1e9 1/3 0',
        '1e9 1/3 1/3 1/7 1e9 0 0 1/3 0 1e9 0 1/3 1/3 -1e9 1e9 0 1/3 1/7 1/3 0 1/7 -1e9 -1e9 1/3',
      ].join(' ')}\n`,
    );
    file('one.nfg', 'NFG 1 R "t" { "A" } { 3 }\n1 2 2\n');
    file(
      'divzero.parley.json',
      JSON.stringify({
        format: 'parley.scenario/1',
        title: 'div',
        parameters: { a: { label: 'A', default: 1, min: 0, max: 4 } },
        actors: [
          { id: 'P', name: 'P', strategies: [{ id: 'x', label: 'X' }], payoffs: { x: '1/(a*a-4)' } },
          { id: 'Q', name: 'Q', strategies: [{ id: 'y', label: 'Y' }], payoffs: { y: 'a' } },
        ],
      }),
    );
    mkdirSync(join(dir, 'dir.json'));
    mkdirSync(join(dir, 'dir.nfg'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validate/show/run: unreadable, empty, non-UTF-8 and deep files', async () => {
    await fails(
      ['validate', 'badutf8.json'],
      /badutf8\.json: line 2: the file is not valid UTF-8 text \(invalid byte 0xff at offset 2\)/,
    );
    await fails(['validate', 'empty.json'], /^empty\.json: line 1:1: invalid JSON: unexpected end of file$/m);
    await fails(['validate', 'null.json'], /must hold a JSON object, not null/);
    await fails(['validate', 'deep.json'], /nested more than 200 levels deep/);
    await fails(['validate', 'dir.json'], /cannot read dir\.json: it is a directory/);
    await fails(['validate', '/dev/zero'], /cannot read \/dev\/zero: not a regular file/);
    await fails(['show', 'missing.json'], /cannot read missing\.json: no such file/);
    await fails(['show', 'badutf8.json'], /not valid UTF-8/);
    await fails(['run', 'deep.json', '--trials', '10', '--seed', '1'], /nested more than 200 levels deep/);
  });

  it('show/solve: a run-time division by zero names the formula, actor and values', async () => {
    await fails(
      ['show', 'divzero.parley.json', '--set', 'a=2'],
      /^parley show: payoff of P \(P\) for "x" is Infinity: formula "1\/\(a\*a-4\)" with a = 2; parameters: a = 2$/,
    );
    await fails(['solve', 'divzero.parley.json', '--set', 'a=2'], /is Infinity: formula "1\/\(a\*a-4\)"/);
    await fails(['solve', 'divzero.parley.json', '--set', '__proto__=1'], /unknown parameter "__proto__"/);
    await fails(['solve', 'divzero.parley.json', '--set', 'a=1e999'], /is not a finite number/);
  });

  it('solve: malformed, oversized and non-UTF-8 .nfg files', async () => {
    await fails(['solve', 'huge.nfg'], /^parley solve: huge\.nfg:1: the game is too large/);
    await fails(['solve', 'badutf8.nfg'], /"badutf8\.nfg": line 3: the file is not valid UTF-8 text/);
    await fails(['solve', 'dir.nfg'], /it is a directory/);
    await fails(
      ['solve', 'one.nfg', '--method', 'enummixed'],
      /needs a 2-player game; "one\.nfg" has 1 players/,
    );
  });

  it('solve: games too large for a method are refused by the solver work budgets, not solved for hours', async () => {
    await fails(
      ['solve', 'r30.nfg'],
      /--method enummixed: the 30×30 game is too large .* \(try --method lcp/,
    );
    await fails(['solve', 'r30.nfg', '--method', 'lcp'], /--method lcp: the 30×30 game needs more than/);
    await fails(['solve', 'r200.nfg', '--method', 'logit'], /--method logit: the 200×200 game is too large/);
    await fails(
      ['solve', 'scaled.nfg', '--method', 'logit'],
      /--method logit: tracing the logit branch .* needs more than/,
    );
    const pure = await run(['solve', 'r200.nfg', '--method', 'pure', '--format', 'json']);
    expect(pure.code).toBe(0);
    expect(JSON.parse(pure.out).game.strategies[0]).toHaveLength(200);
    const logit = await run(['solve', 'r30.nfg', '--method', 'logit', '--format', 'json']);
    expect(logit.code).toBe(0);
  });

  it('a real process: one line on stderr, exit 1, no stack trace', () => {
    const r = spawnSync(process.execPath, [parleyBin, 'solve', 'huge.nfg'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, PARLEY_DEBUG: '' },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `parley solve: huge.nfg:1: the game is too large: 1000000×… strategies is more than ${MAX_NFG_PROFILES} profiles`,
    ]);
  }, 40_000);
});
