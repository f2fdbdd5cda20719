import { describe, expect, it } from 'vitest';
import { makeGame } from '../../../models/games/makeGame';
import {
  analyseGame,
  bestResponses,
  iteratedStrictDominance,
  pureProfileIndex,
  supportProfiles,
} from '../../../renderer/lib/util/analyseGame';
import { formatNum } from '../../../models/games/Equilibrium';

// Gambit order: player 0 fastest. Prisoner's dilemma: C=0, D=1.
const pd = makeGame({
  title: 'pd',
  players: ['R', 'C'],
  strategies: [
    ['C', 'D'],
    ['C', 'D'],
  ],
  payoffs: [
    [3, 3], // (C,C)
    [5, 0], // (D,C)
    [0, 5], // (C,D)
    [1, 1], // (D,D)
  ],
});

const bos = makeGame({
  title: 'bos',
  players: ['A', 'B'],
  strategies: [
    ['O', 'F'],
    ['O', 'F'],
  ],
  payoffs: [
    [2, 1],
    [0, 0],
    [0, 0],
    [1, 2],
  ],
});

describe('analyseGame', () => {
  it('marks best responses per cell', () => {
    const br = bestResponses(pd);
    expect(br[1]).toEqual([true, false]); // (D,C): D is R's best reply; C is not C's
    expect(br[3]).toEqual([true, true]);
  });

  it('eliminates strictly dominated strategies iteratively', () => {
    expect(iteratedStrictDominance(pd)).toEqual([
      { player: 0, strategy: 0, round: 1 },
      { player: 1, strategy: 0, round: 1 },
    ]);
    expect(iteratedStrictDominance(bos)).toEqual([]);
  });

  it('runs every solver and finds the exact mixed equilibrium of battle of the sexes', () => {
    const a = analyseGame(bos);
    const methods = a.runs.map((r) => r.method);
    expect(methods).toEqual(expect.arrayContaining(['pure', 'enummixed', 'lcp']));
    const pure = a.runs.find((r) => r.method === 'pure');
    expect(pure?.equilibria.map((e) => pureProfileIndex(bos, e))).toEqual([0, 3]);
    const mixed = a.runs
      .find((r) => r.method === 'enummixed')
      ?.equilibria.find((e) => pureProfileIndex(bos, e) === null);
    expect(mixed?.profile.map((row) => row.map(formatNum))).toEqual([
      ['2/3', '1/3'],
      ['1/3', '2/3'],
    ]);
    expect(mixed && [...supportProfiles(bos, mixed)].sort()).toEqual([0, 1, 2, 3]);
  });

  it('reports a solver that does not apply instead of running it', () => {
    const g3 = makeGame({
      title: '3p',
      players: ['A', 'B', 'C'],
      strategies: [['x'], ['y'], ['z']],
      payoffs: [[1, 1, 1]],
    });
    const runs = analyseGame(g3).runs;
    expect(runs.find((r) => r.method === 'lcp')?.skipped).toMatch(/two-player/);
    expect(runs.find((r) => r.method === 'pure')?.equilibria).toHaveLength(1);
  });
});
