// The built-in classic game trees on the command line: `solve <id>` and `show <id> --format efg` work as on a
// .efg file, `list` shows them in their own section, `validate` accepts their ids, and the README's example holds.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEfg, writeEfg } from '../../models/games/extensive/efg';
import { readNfg } from '../../models/games/nfg';
import { reducedStrategicForm } from '../../models/games/extensive/reducedStrategicForm';
import { builtinGame, builtinGames, builtinGameTree } from '../../models/scenario/builtinGames';
import { repoRoot, runCli } from './cliHarness';

const GAMBIT_ENUMPURE = process.env.GAMBIT_ENUMPURE ?? '/work/tools/gambit-install/bin/gambit-enumpure';
const FIXTURE = { 'entry-deterrence': 'entry.efg', centipede: 'centipede6.efg' } as const;

describe('parley solve <built-in game id>', () => {
  it.each(Object.entries(FIXTURE))(
    'solve %s prints what solve on the same .efg file prints, in every format',
    async (id, file) => {
      for (const format of ['text', 'json', 'csv', 'efg']) {
        const a = await runCli(['solve', id, '--method', 'all', '--format', format]);
        const b = await runCli([
          'solve',
          `tests/fixtures/efg/${file}`,
          '--method',
          'all',
          '--format',
          format,
        ]);
        expect(a.code).toBe(0);
        expect(a.stderr).toBe('');
        expect(a.stdout).toBe(b.stdout);
      }
    },
  );

  it('solve kuhn-poker --method lcp --format json: the value −1/18 to player 1, exact', async () => {
    const r = await runCli(['solve', 'kuhn-poker', '--method', 'lcp', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { equilibria: { payoffs: string[]; regret: string }[] };
    expect(doc.equilibria.length).toBeGreaterThan(0);
    for (const e of doc.equilibria) expect(e).toMatchObject({ payoffs: ['-1/18', '1/18'], regret: '0' });
  });

  it('solve ultimatum lists both subgame-perfect equilibria (offer 0; offer 1 with 0 rejected)', async () => {
    const r = await runCli(['solve', 'ultimatum']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 equilibria:');
    expect(r.stdout).toMatch(/spe +Offer: Offer 0 +Offered 0: Accept; Offered 1: Accept;.* +4, 0 +0\n/);
    expect(r.stdout).toMatch(/spe +Offer: Offer 1 +Offered 0: Reject; Offered 1: Accept;.* +3, 1 +0\n/);
  });

  it('refuses --set on a built-in game, and a method it does not know, with one usage line', async () => {
    const s = await runCli(['solve', 'centipede', '--set', 'x=1']);
    expect(s.code).toBe(2);
    expect(s.stderr).toBe('parley solve: --set applies to scenarios, not to built-in games (see --help)\n');
    const m = await runCli(['solve', 'centipede', '--method', 'enumpoly']);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/unknown --method "enumpoly"/);
  });

  it('a path-looking argument is always a file: ./centipede is not the built-in', async () => {
    const r = await runCli(['solve', './centipede.efg']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/centipede\.efg/);
  });
});

describe('parley show <built-in game id>', () => {
  it.each(builtinGames.map((g) => g.id))(
    'show %s --format efg writes the built-in .efg, which reads back as the same tree',
    async (id) => {
      const r = await runCli(['show', id, '--format', 'efg']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(builtinGame(id)?.efg);
      expect(writeEfg(readEfg(r.stdout, `${id}.efg`))).toBe(writeEfg(builtinGameTree(id)));
    },
  );

  it.skipIf(!existsSync(GAMBIT_ENUMPURE))(
    "Gambit's enumpure reads show's .efg (entry deterrence: its two pure equilibria)",
    async () => {
      const r = await runCli(['show', 'entry-deterrence', '--format', 'efg']);
      const g = spawnSync(GAMBIT_ENUMPURE, ['-q'], { input: r.stdout, encoding: 'utf8' });
      expect(g.status).toBe(0);
      expect(g.stdout.trim().split('\n')).toEqual(['NE,1,0,1,0', 'NE,0,1,0,1']);
    },
  );

  it('show <id> prints the players, information sets and teaching notes; --format nfg the reduced strategic form', async () => {
    const r = await runCli(['show', 'beer-quiche']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Beer-quiche — a built-in game tree (beer-quiche)\n');
    expect(r.stdout).toContain('Sender: Tough {Beer, Quiche}; Weak {Beer, Quiche}\n');
    expect(r.stdout).toContain('Receiver: After beer {Duel, Not}; After quiche {Duel, Not}\n');
    expect(r.stdout).toContain('## What to look for\n');
    const n = await runCli(['show', 'kuhn-poker', '--format', 'nfg']);
    expect(n.code).toBe(0);
    const game = readNfg(n.stdout, 'kuhn.nfg');
    expect(game.strategies.map((s) => s.length)).toEqual([27, 64]);
    expect(game.payoffs).toEqual(
      reducedStrategicForm(builtinGameTree('kuhn-poker')).game.payoffs.map((p) => p.map(Number)),
    );
    const j = await runCli(['show', 'centipede', '--format', 'json']);
    expect(JSON.parse(j.stdout)).toEqual({ ...builtinGame('centipede') });
    const bad = await runCli(['show', 'centipede', '--round', '2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--round applies to scenarios, not to built-in games/);
  });

  it('scenario commands name the mistake: run centipede says it is a game tree, a misspelt id gets a suggestion', async () => {
    const r = await runCli(['run', 'centipede', '--trials', '10']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"centipede" is a built-in game tree, not a scenario: use `solve centipede`/);
    const s = await runCli(['solve', 'centipde']);
    expect(s.stderr).toMatch(/did you mean "centipede"\?/);
  });
});

describe('parley list and validate', () => {
  it('list shows the classic games in their own section, after the scenarios; --json stays the scenario array', async () => {
    const r = await runCli(['list']);
    expect(r.code).toBe(0);
    const [scenarios, games] = r.stdout.split(
      '\nClassic game trees (solve <id>, show <id> [--format efg]):\n',
    );
    expect(scenarios).toMatch(/^korea-2025 /);
    const j = JSON.parse((await runCli(['list', '--json'])).stdout) as { id: string }[];
    const width = Math.max(...j.map((b) => b.id.length), ...builtinGames.map((g) => g.id.length));
    for (const g of builtinGames) {
      expect(games).toContain(`${g.id.padEnd(width)}  ${g.title}\n${' '.repeat(width)}  ${g.summary}\n`);
      expect(scenarios).not.toContain(g.id);
    }
    expect(j.map((b) => b.id)).not.toContain('centipede');
  });

  it('validate accepts a built-in game id', async () => {
    const r = await runCli(['validate', 'kuhn-poker']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'kuhn-poker: OK — built-in game tree "Kuhn poker": 2 players, 12 information sets, 55 nodes\n',
    );
  });
});

describe('teaching notes', () => {
  it.each(builtinGames.map((g) => g.id))(
    'every `npx parley …` command in the notes of %s runs cleanly',
    async (id) => {
      const notes = builtinGame(id)?.notes ?? '';
      const commands = [...notes.matchAll(/`npx parley ([^`]+)`/g)].map((m) =>
        (m[1] as string).replace(/ >.*$/, ''),
      );
      expect(commands.length).toBeGreaterThan(1);
      for (const c of commands) {
        const r = await runCli(c.split(' '));
        expect(r.stderr, c).toBe('');
        expect(r.code, c).toBe(0);
      }
    },
  );

  it('the notes and the .efg files are plain text: no control characters but line breaks', () => {
    for (const g of builtinGames) {
      for (const text of [g.id, g.title, g.summary, g.notes, g.efg]) {
        // eslint-disable-next-line no-control-regex
        expect(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u.test(text), g.id).toBe(
          false,
        );
      }
    }
  });
});

describe('README: Classic games', () => {
  it('the README example prints what the CLI prints', async () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Classic games'));
    const block = /```text\n\$ npx parley (solve [^\n]+)\n([\s\S]*?)```/.exec(section);
    expect(block).not.toBeNull();
    const r = await runCli((block?.[1] ?? '').split(' '));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(block?.[2]);
    for (const g of builtinGames) expect(section).toContain(`\`${g.id}\``);
  });
});
