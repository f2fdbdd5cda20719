import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import type { CliStreams } from '../../cli/lib/Command';
import { parleyBin } from './cliHarness';

const root = fileURLToPath(new URL('../..', import.meta.url));

const run = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  let out = '';
  let err = '';
  const io: CliStreams = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false, cwd: root };
  const code = await main(['solve', ...argv], io);
  return { code, out, err };
};

const BOS_JSON =
  '{"game":{"title":"Battle of the sexes","players":["Alice","Bob"],"strategies":[["Opera","Football"],["Opera","Football"]]},' +
  '"equilibria":[' +
  '{"method":"enummixed","methods":["enummixed"],"profile":[["1","0"],["1","0"]],"payoffs":["2","1"],"regret":"0"},' +
  '{"method":"enummixed","methods":["enummixed"],"profile":[["2/3","1/3"],["1/3","2/3"]],"payoffs":["2/3","2/3"],"regret":"0"},' +
  '{"method":"enummixed","methods":["enummixed"],"profile":[["0","1"],["0","1"]],"payoffs":["1","2"],"regret":"0"}]}\n';

describe('parley solve', () => {
  it('prints the exact JSON document for a .nfg file', async () => {
    const r = await run('tests/fixtures/nfg/bos.nfg', '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(BOS_JSON);
  });

  it('--method all lists each distinct equilibrium once, with every method that found it', async () => {
    const r = await run('tests/fixtures/nfg/mp-decimal.nfg', '--method', 'all', '--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      equilibria: { method: string; methods: string[]; profile: string[][]; payoffs: string[] }[];
    };
    expect(doc.equilibria).toHaveLength(1);
    expect(doc.equilibria[0]?.method).toBe('enummixed');
    expect(doc.equilibria[0]?.methods).toEqual(['enummixed', 'lcp', 'logit', 'lp']);
    expect(doc.equilibria[0]?.profile).toEqual([
      ['1/2', '1/2'],
      ['1/2', '1/2'],
    ]);
    expect(doc.equilibria[0]?.payoffs).toEqual(['0', '0']);
    // chicken: 3 distinct equilibria (9 findings over 4 methods), in text, JSON and CSV
    const text = await run('chicken', '--method', 'all');
    expect(text.code).toBe(0);
    expect(text.out).toContain('Methods: enumpure, enummixed, lcp, logit\n');
    expect(text.out).toContain('3 equilibria:');
    expect(text.out).toMatch(/\n1 {2}enumpure, enummixed, lcp {2}Straight +Swerve /);
    expect(text.out).toMatch(/\n3 {2}enummixed, lcp, logit {5}Swerve 9\/11, Straight 2\/11 /);
    const json = JSON.parse((await run('chicken', '--method', 'all', '--format', 'json')).out) as {
      equilibria: { method: string; methods: string[] }[];
    };
    expect(json.equilibria.map((e) => [e.method, e.methods])).toEqual([
      ['enumpure', ['enumpure', 'enummixed', 'lcp']],
      ['enumpure', ['enumpure', 'enummixed', 'lcp']],
      ['enummixed', ['enummixed', 'lcp', 'logit']],
    ]);
    const csv = await run('chicken', '--method', 'all', '--format', 'csv');
    // Decimal and exact columns (9 / 11, never the date-like 9/11); CRLF line ends.
    expect(csv.out.split('\r\n')).toEqual([
      'method,Driver A:Swerve,Driver A:Swerve exact,Driver A:Straight,Driver A:Straight exact,Driver B:Swerve,Driver B:Swerve exact,Driver B:Straight,Driver B:Straight exact,payoff:Driver A,payoff:Driver A exact,payoff:Driver B,payoff:Driver B exact,regret,regret exact,methods',
      'enumpure,0,0,1,1,1,1,0,0,2,2,-1,-1,0,0,enumpure;enummixed;lcp',
      'enumpure,1,1,0,0,0,0,1,1,-1,-1,2,2,0,0,enumpure;enummixed;lcp',
      'enummixed,0.8181818181818182,9 / 11,0.18181818181818182,2 / 11,0.8181818181818182,9 / 11,0.18181818181818182,2 / 11,-0.18181818181818182,-2 / 11,-0.18181818181818182,-2 / 11,0,0,enummixed;lcp;logit',
      '',
    ]);
  });

  it('prints the README’s solve chicken --method all table', async () => {
    const r = await run('chicken', '--method', 'all');
    expect(r.out).toBe(
      [
        'Chicken (brinkmanship)',
        'Players: Driver A {Swerve, Straight}; Driver B {Swerve, Straight}',
        'Methods: enumpure, enummixed, lcp, logit',
        '',
        '3 equilibria:',
        '#  methods                   Driver A                    Driver B                    payoffs       regret',
        '-  ------------------------  --------------------------  --------------------------  ------------  ------',
        '1  enumpure, enummixed, lcp  Straight                    Swerve                      2, -1         0',
        '2  enumpure, enummixed, lcp  Swerve                      Straight                    -1, 2         0',
        '3  enummixed, lcp, logit     Swerve 9/11, Straight 2/11  Swerve 9/11, Straight 2/11  -2/11, -2/11  0',
        '',
      ].join('\n'),
    );
  });

  it('accepts Gambit’s method names and the earlier names as aliases (pure = enumpure, zerosum = lp)', async () => {
    const a = await run('tests/fixtures/nfg/bos.nfg', '--method', 'pure', '--format', 'json');
    const b = await run('tests/fixtures/nfg/bos.nfg', '--method', 'enumpure', '--format', 'json');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out).equilibria[0].method).toBe('enumpure');
    const z = await run('tests/fixtures/nfg/mp-decimal.nfg', '--method', 'zerosum', '--format', 'json');
    const lp = await run('tests/fixtures/nfg/mp-decimal.nfg', '--method', 'lp', '--format', 'json');
    expect(z.code).toBe(0);
    expect(z.out).toBe(lp.out);
    expect(JSON.parse(lp.out).equilibria[0].methods).toEqual(['lp']);
  });

  it('defaults to pure + logit for N-player games', async () => {
    const r = await run('tests/fixtures/nfg/mckelvey2x2x2.nfg', '--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      game: { players: string[] };
      equilibria: { method: string; profile: string[][] }[];
    };
    expect(doc.game.players).toEqual(['Player 1', 'Player 2', 'Player 3']);
    expect(doc.equilibria.map((e) => e.method)).toEqual([
      'enumpure',
      'enumpure',
      'enumpure',
      'enumpure',
      'logit',
    ]);
    expect(doc.equilibria.at(-1)?.profile).toEqual([
      ['1/2', '1/2'],
      ['1/2', '1/2'],
      ['1', '0'],
    ]);
  });

  it('prints a readable table and CSV', async () => {
    const t = await run('tests/fixtures/nfg/bos.nfg');
    expect(t.code).toBe(0);
    expect(t.out).toContain('Battle of the sexes');
    expect(t.out).toContain('3 equilibria:');
    expect(t.out).toMatch(
      /2\s+enummixed\s+Opera 2\/3, Football 1\/3\s+Opera 1\/3, Football 2\/3\s+2\/3, 2\/3\s+0/,
    );
    const c = await run('tests/fixtures/nfg/bos.nfg', '--format', 'csv', '--method', 'pure');
    // RFC 4180 (CRLF); each value as a decimal column and its exact column (p / q, never date-like).
    expect(c.out).toBe(
      'method,Alice:Opera,Alice:Opera exact,Alice:Football,Alice:Football exact,Bob:Opera,Bob:Opera exact,' +
        'Bob:Football,Bob:Football exact,payoff:Alice,payoff:Alice exact,payoff:Bob,payoff:Bob exact,regret,regret exact,methods\r\n' +
        'enumpure,1,1,0,0,1,1,0,0,2,2,1,1,0,0,enumpure\r\nenumpure,0,0,1,1,0,0,1,1,1,1,2,2,0,0,enumpure\r\n',
    );
    const mixed = await run('tests/fixtures/nfg/bos.nfg', '--format', 'csv');
    expect(mixed.out.split('\r\n')[2]).toBe(
      'enummixed,0.6666666666666666,2 / 3,0.3333333333333333,1 / 3,0.3333333333333333,1 / 3,0.6666666666666666,2 / 3,0.6666666666666666,2 / 3,0.6666666666666666,2 / 3,0,0,enummixed',
    );
  });

  it('reports bad files and impossible options in one line, with a non-zero exit', async () => {
    const bad = await run('tests/fixtures/nfg/malformed.nfg');
    expect(bad.code).toBe(1);
    expect(bad.err).toBe(
      'parley solve: tests/fixtures/nfg/malformed.nfg:5: expected a payoff (integer, decimal or fraction) but found "x"\n',
    );
    const missing = await run('tests/fixtures/nfg/nope.nfg');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('parley solve: cannot read "tests/fixtures/nfg/nope.nfg": no such file\n');
    const three = await run('tests/fixtures/nfg/mckelvey2x2x2.nfg', '--method', 'enummixed');
    expect(three.code).toBe(1);
    expect(three.err).toBe(
      'parley solve: --method enummixed needs a 2-player game; "tests/fixtures/nfg/mckelvey2x2x2.nfg" has 3 players\n',
    );
    const nzs = await run('tests/fixtures/nfg/bos.nfg', '--method', 'zerosum');
    expect(nzs.code).toBe(1);
    expect(nzs.err).toMatch(
      /^parley solve: --method zerosum: "tests\/fixtures\/nfg\/bos.nfg" is not zero-sum: payoffs sum to 3 at \(Opera, Opera\) but to 0 at \(Opera, Football\)\n$/,
    );
    const scaled = await run('tests/fixtures/nfg/badly-scaled-3p.nfg', '--method', 'logit');
    expect(scaled.code).toBe(1);
    expect(scaled.err).toMatch(
      /^parley solve: tests\/fixtures\/nfg\/badly-scaled-3p\.nfg: --method logit: could not refine the end of the logit branch to an equilibrium \(regret [0-9.e-]+\); the payoffs may be too badly scaled for floating point \(try --method enumpure\)\n$/,
    );
    const method = await run('tests/fixtures/nfg/bos.nfg', '--method', 'magic');
    expect(method.code).toBe(2);
    expect(method.err).toMatch(
      /^parley solve: unknown --method "magic" \(expected enumpure, enummixed, lcp, lp, logit, all, or the aliases pure, zerosum\) \(see --help\)\n$/,
    );
    const format = await run('tests/fixtures/nfg/bos.nfg', '--format', 'xml');
    expect(format.code).toBe(2);
    const set = await run('tests/fixtures/nfg/bos.nfg', '--set', 'a=1');
    expect(set.code).toBe(2);
    expect(set.err).toContain('--set applies to scenarios');
    const none = await run();
    expect(none.code).toBe(2);
    for (const r of [bad, missing, three, nzs, scaled, method, format, set, none]) {
      expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.out).toBe('');
    }
  });

  it('prints usage with --help', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('--method M');
  });

  it('works as a real process (bin/parley.mjs, the bundle)', () => {
    const p = spawnSync(
      process.execPath,
      [parleyBin, 'solve', 'tests/fixtures/nfg/bos.nfg', '--format', 'json'],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(p.stdout).toBe(BOS_JSON);
    const bad = spawnSync(process.execPath, [parleyBin, 'solve', 'tests/fixtures/nfg/malformed.nfg'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('malformed.nfg:5:');
  });
});
