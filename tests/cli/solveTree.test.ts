import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EFG_LIMITS, readEfg } from '../../models/games/extensive/efg';
import { runCli } from './cliHarness';

const ENTRY = 'tests/fixtures/efg/entry.efg';
const tmp = mkdtempSync(join(tmpdir(), 'parley-efg-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('parley solve FILE.efg', () => {
  it('prints the JSON document of issue 15 (behaviour per player, information set, action; exact strings)', async () => {
    const r = await runCli(['solve', ENTRY, '--method', 'pure', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '{"game":{"title":"Entry deterrence","players":["Challenger","Incumbent"],"infosets":[[{"label":"Challenger","actions":["In","Out"]}],[{"label":"Incumbent","actions":["Acquiesce","Fight"]}]]},' +
        '"equilibria":[{"method":"pure","behaviour":[[["1","0"]],[["1","0"]]],"payoffs":["2","1"],"regret":"0"},' +
        '{"method":"pure","behaviour":[[["0","1"]],[["0","1"]]],"payoffs":["1","2"],"regret":"0"}]}\n',
    );
  });

  it('names actions the file leaves unlabelled by number, so text and CSV tell them apart', async () => {
    const file = join(tmp, 'unlabelled.efg');
    writeFileSync(
      file,
      'EFG 2 R "t" { "A" "B" }\n""\np "" 1 1 "" { "" "" } 0\nt "" 1 "" { 0 0 }\nt "" 2 "" { 0 0 }\n',
    );
    const text = await runCli(['solve', file, '--method', 'pure']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('A: #1 {#1, #2}');
    expect(text.stdout).toMatch(/1 +pure +#1: #1 +0, 0/);
    expect(text.stdout).toMatch(/2 +pure +#1: #2 +0, 0/);
    const csv = await runCli(['solve', file, '--method', 'pure', '--format', 'csv']);
    expect(csv.stdout.split('\r\n')[0]).toBe('method,A:#1:#1,A:#1:#2,payoff:A,payoff:B,regret');
    // JSON keeps the file's (empty) labels
    const json = await runCli(['solve', file, '--method', 'pure', '--format', 'json']);
    expect(JSON.parse(json.stdout).game.infosets).toEqual([[{ label: '', actions: ['', ''] }], []]);
  });

  it('spe solves a subgame with no pure equilibrium by its extreme equilibria (the README says it may be mixed)', async () => {
    const file = join(tmp, 'pennies-chance.efg');
    writeFileSync(
      file,
      [
        'EFG 2 R "pennies after chance" { "A" "B" } ""',
        'c "" 1 "" { "g" 1/3 "b" 2/3 } 0',
        'p "" 1 1 "" { "H" "T" } 0',
        'p "" 2 1 "" { "h" "t" } 0',
        't "" 1 "" { 3 -1 }',
        't "" 2 "" { -1 1 }',
        'p "" 2 1 "" { "h" "t" } 0',
        't "" 2',
        't "" 3 "" { 1 -2 }',
        'p "" 1 1 "" { "H" "T" } 0',
        'p "" 2 2 "" { "h" "t" } 0',
        't "" 4 "" { 2 0 }',
        't "" 5 "" { 0 1 }',
        'p "" 2 2 "" { "h" "t" } 0',
        't "" 6 "" { 0 2 }',
        't "" 7 "" { 1 0 }',
        '',
      ].join('\n'),
    );
    const r = await runCli(['solve', file, '--format', 'json']);
    expect(r.code).toBe(0);
    // gambit-lcp -q: NE,2/3,1/3,0,1,2/3,1/3 (no pure equilibrium: gambit-enumpure finds none)
    expect(JSON.parse(r.stdout).equilibria).toEqual([
      {
        method: 'spe',
        behaviour: [
          [['2/3', '1/3']],
          [
            ['0', '1'],
            ['2/3', '1/3'],
          ],
        ],
        payoffs: ['5/9', '4/9'],
        regret: '0',
      },
    ]);
  });

  it('defaults to the subgame-perfect equilibria, as a readable table', async () => {
    const r = await runCli(['solve', 'tests/fixtures/efg/centipede6.efg']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Methods: spe');
    expect(r.stdout).toContain('1 equilibrium:');
    expect(r.stdout).toMatch(
      /spe +Move 1: Take; Move 3: Take; Move 5: Take +Move 2: Take; Move 4: Take; Move 6: Take +2\/5, 1\/10 +0/,
    );
  });

  it('--method all runs every method; unspecified information sets show as —', async () => {
    const r = await runCli(['solve', ENTRY, '--method', 'all']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Methods: spe, pure, enummixed, lcp, logit');
    const c = await runCli(['solve', 'tests/fixtures/efg/centipede6.efg', '--method', 'pure']);
    expect(c.stdout).toContain('Move 1: Take; Move 3: —; Move 5: —');
  });

  it('CSV: one column per player, information set and action (RFC 4180, formula-safe labels)', async () => {
    const r = await runCli(['solve', ENTRY, '--method', 'spe', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'method,Challenger:Challenger:In,Challenger:Challenger:Out,Incumbent:Incumbent:Acquiesce,Incumbent:Incumbent:Fight,payoff:Challenger,payoff:Incumbent,regret\r\n' +
        'spe,1,0,1,0,2,1,0\r\n',
    );
    const evil = join(tmp, 'evil.efg');
    writeFileSync(evil, 'EFG 2 R "t" { "=cmd()" "B" }\n""\np "" 1 1 "" { "+x" } 0\nt "" 1 "" { 1 1 }\n');
    const e = await runCli(['solve', evil, '--method', 'pure', '--format', 'csv']);
    expect(e.stdout.split('\r\n')[0]).toBe("method,'=cmd():#1:+x,payoff:=cmd(),payoff:B,regret");
  });

  it('--format efg writes the game with its equilibria in the comment; it reads back', async () => {
    const r = await runCli(['solve', ENTRY, '--format', 'efg']);
    expect(r.code).toBe(0);
    const back = readEfg(r.stdout, 'out.efg');
    expect(back.nodes.length).toBe(5);
    expect(back.comment).toContain(
      'equilibrium 1 (spe): behaviour [[["1","0"]],[["1","0"]]], payoffs ["2","1"]',
    );
  });

  it('--format efg with many equilibria (a comment over 1,000 characters) reads back into Parley', async () => {
    // Found by the Gambit cross-check (scripts/efgCrossCheck): the equilibria listed in the comment made the file
    // longer than the label limit, and Parley refused its own output.
    const many = join(tmp, 'many.efg');
    const acts = Array.from({ length: 40 }, (_, k) => `"a${k}"`).join(' ');
    const leaves = Array.from({ length: 40 }, (_, k) => `t "" ${k + 1} "o${k}" { 1 0 }\n`).join('');
    writeFileSync(many, `EFG 2 R "ties" { "A" "B" }\n""\np "" 1 1 "" { ${acts} } 0\n${leaves}`);
    const r = await runCli(['solve', many, '--method', 'pure', '--format', 'efg']);
    expect(r.code).toBe(0);
    const written = join(tmp, 'many-out.efg');
    writeFileSync(written, r.stdout);
    const back = await runCli(['solve', written, '--method', 'pure', '--format', 'json']);
    expect(back.stderr).toBe('');
    expect(back.code).toBe(0);
    expect((JSON.parse(back.stdout) as { equilibria: unknown[] }).equilibria.length).toBe(40);
  });

  it('bad input: one line naming the file and line, exit 1; wrong methods and options: usage errors', async () => {
    const bad = join(tmp, 'bad.efg');
    writeFileSync(bad, 'EFG 2 R "t" { "A" }\n""\np "" 1 1 "" { "a" "b" } 0\nt "" 0\n');
    const r = await runCli(['solve', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.efg:5: expected a node \("c", "p" or "t"\) but found end of file\n$/);
    expect(r.stderr.split('\n').length).toBe(2);
    const u = await runCli(['solve', ENTRY, '--method', 'zerosum']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/unknown --method "zerosum" for a \.efg file/);
    const three = await runCli(['solve', 'tests/fixtures/efg/selten-horse.efg', '--method', 'lcp']);
    expect(three.code).toBe(1);
    expect(three.stderr).toMatch(/--method lcp needs a 2-player game/);
    const imperfect = join(tmp, 'imperfect.efg');
    writeFileSync(
      imperfect,
      'EFG 2 R "t" { "A" }\n""\np "" 1 1 "" { "L" "R" } 0\np "" 1 2 "" { "x" "y" } 0\nt "" 1 "" { 1 }\nt "" 2 "" { 0 }\np "" 1 2 "" { "x" "y" } 0\nt "" 2 "" { 0 }\nt "" 1 "" { 1 }\n',
    );
    const ir = await runCli(['solve', imperfect]);
    expect(ir.code).toBe(1);
    expect(ir.stderr).toMatch(
      /imperfect\.efg: --method spe: spe needs a game with perfect recall; perfect recall fails for player "A" \(1\), information set 2/,
    );
  });
});

it('hostile numbers are refused at once with one line (a 10,000-digit fraction, 5e-99154)', async () => {
  for (const [name, num] of [
    ['digits.efg', `${'7'.repeat(10_000)}/3`],
    ['tiny.efg', '5e-99154'],
  ] as const) {
    const file = join(tmp, name);
    writeFileSync(file, `EFG 2 R "t" { "A" }\n""\nt "" 1 "" { ${num} }\n`);
    const r = await runCli(['solve', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`${name}:3: the payoff .* has more than ${EFG_LIMITS.digits} digits \\(the limit\\)\\n$`),
    );
    expect(r.stderr.split('\n')).toHaveLength(2);
  }
});

describe('parley show --format efg', () => {
  it("writes a scenario's one-round game as a tree of simultaneous moves that reads back with the same equilibria", async () => {
    const r = await runCli(['show', 'chicken', '--format', 'efg']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'EFG 2 R "Chicken (brinkmanship)" { "Driver A" "Driver B" }',
        '""',
        '',
        'p "" 1 1 "" { "Swerve" "Straight" } 0',
        'p "" 2 1 "" { "Swerve" "Straight" } 0',
        't "" 1 "Swerve, Swerve" { 0, 0 }',
        't "" 2 "Swerve, Straight" { -1, 2 }',
        'p "" 2 1 "" { "Swerve" "Straight" } 0',
        't "" 3 "Straight, Swerve" { 2, -1 }',
        't "" 4 "Straight, Straight" { -10, -10 }',
        '',
      ].join('\n'),
    );
    const file = join(tmp, 'chicken.efg');
    writeFileSync(file, r.stdout);
    const s = await runCli(['solve', file, '--method', 'pure', '--format', 'json']);
    const doc = JSON.parse(s.stdout) as { equilibria: { behaviour: string[][][] }[] };
    expect(doc.equilibria.map((e) => e.behaviour)).toEqual([
      [[['0', '1']], [['1', '0']]],
      [[['1', '0']], [['0', '1']]],
    ]);
  });

  it('labels are made Gambit-safe (ASCII) for scenarios with typographic labels', async () => {
    const r = await runCli(['show', 'korea-2025', '--format', 'efg']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^EFG 2 R "[^"]*" \{ "North Korea" "South Korea-US alliance" \}/);
    for (const line of r.stdout.split('\n').slice(3)) expect(line).toMatch(/^[\x20-\x7e]*$/);
  });
});
