import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadScenarioGame } from '../../cli/lib/loadScenarioGame';
import { resolveScenario } from '../../cli/lib/resolveScenario';
import { repoRoot, runCli } from './cliHarness';

describe('cli show', () => {
  it('prints the one-round game as a table', async () => {
    const r = await runCli(['show', 'prisoners-dilemma', '--set', 'reward=4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "Prisoner's dilemma — one round (round 1)",
        'Parameters: temptation=5, reward=4, punishment=1, sucker=0',
        '',
        'Row \\ Column | Cooperate | Defect',
        '-------------+-----------+-------',
        'Cooperate    | 4, 4      | 0, 5',
        'Defect       | 5, 0      | 1, 1',
        '',
        'Cells: payoff of Row, payoff of Column.',
        '',
      ].join('\n'),
    );
  });

  it('shows korea-2025 at a given round and parameter values', async () => {
    const r = await runCli(['show', 'korea-2025', '--set', 'russiaSupport=0.1', '--round', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('North Korea \\ South Korea–US alliance | Offer talks');
    expect(r.stdout).toContain('russiaSupport=0.1');
  });

  it('rejects unknown --set names with did-you-mean, unknown scenarios with did-you-mean', async () => {
    expect(await runCli(['show', 'korea-2025', '--set', 'russiaSuport=0.2'])).toMatchObject({
      code: 1,
      stderr:
        'parley show: --set russiaSuport: unknown parameter "russiaSuport" — did you mean "russiaSupport"?\n',
    });
    expect(await runCli(['show', 'korea-2024'])).toMatchObject({
      code: 1,
      stderr:
        'parley show: unknown scenario "korea-2024" — did you mean "korea-2025"? (not a built-in id and no such file; see `list`)\n',
    });
    expect((await runCli(['show', 'korea-2025', '--set', 'x'])).code).toBe(2);
  });

  it('prints JSON with --json', async () => {
    const r = await runCli(['show', 'chicken', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ players: ['Driver A', 'Driver B'] });
  });
});

describe('loadScenarioGame / resolveScenario', () => {
  it('loads built-ins and files', async () => {
    const game = await loadScenarioGame('tests/fixtures/scenarios/minimal.parley.json', repoRoot, { a: 3 });
    expect(game.payoffs).toEqual([
      [3, 1],
      [1, 0],
      [0, 0],
      [1, 1],
    ]);
    const r = await resolveScenario('korea-2025', repoRoot);
    expect(r.source).toBe('builtin:korea-2025');
    expect(r.spec.id).toBe('korea-2025');
    const f = await resolveScenario('tests/fixtures/scenarios/minimal.parley.json', repoRoot);
    expect(f.source).toMatch(/minimal\.parley\.json$/);
  });

  it('throws a one-line CliError for invalid files', async () => {
    await expect(
      resolveScenario('tests/fixtures/scenarios/many-errors.parley.json', repoRoot),
    ).rejects.toThrow(
      /^tests\/fixtures\/scenarios\/many-errors\.parley\.json: parameters\.drillScale\.max: must be greater than min \(and \d+ more problems; run `validate/,
    );
    await expect(loadScenarioGame('chicken', repoRoot, { wn: 1 })).rejects.toThrow(
      '--set wn: unknown parameter "wn" — did you mean "win"?',
    );
  });
});

const GAMBIT_ENUMPURE = process.env.GAMBIT_ENUMPURE ?? '/work/tools/gambit-install/bin/gambit-enumpure';

describe('cli show/solve --format nfg: the one-round game as a Gambit strategic-form file', () => {
  it('show korea-2025 --format nfg is read back by readNfg as the same game, and solve --format nfg writes the same', async () => {
    const shown = await runCli(['show', 'korea-2025', '--set', 'russiaSupport=0.3', '--format', 'nfg']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^NFG 1 R "/);
    const { readNfg } = await import('../../models/games/nfg');
    const back = readNfg(shown.stdout, 'korea.nfg');
    const game = await loadScenarioGame('korea-2025', repoRoot, { russiaSupport: 0.3 });
    expect(back.strategies).toEqual(game.strategies);
    expect(back.players).toEqual(game.players);
    expect(back.payoffs).toEqual(game.payoffs);
    const solved = await runCli(['solve', 'korea-2025', '--set', 'russiaSupport=0.3', '--format', 'nfg']);
    expect(solved).toMatchObject({ code: 0, stdout: shown.stdout });
    expect((await runCli(['show', 'chicken', '--format', 'xls'])).stderr).toMatch(
      /expected text, json, nfg, efg/,
    );
  });

  it.skipIf(!existsSync(GAMBIT_ENUMPURE))(
    "Gambit's enumpure reads it back and finds the same pure equilibria",
    async () => {
      const shown = await runCli(['show', 'prisoners-dilemma', '--format', 'nfg']);
      const r = spawnSync(GAMBIT_ENUMPURE, ['-q'], { input: shown.stdout, encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe('NE,0,1,0,1'); // both defect
    },
  );
});
