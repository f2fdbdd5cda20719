import { describe, expect, it } from 'vitest';
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
