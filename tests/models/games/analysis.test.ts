import { describe, expect, it } from 'vitest';
import { bestResponses } from '../../../models/games/bestResponses';
import { paretoOptimal } from '../../../models/games/paretoOptimal';
import { maxmin } from '../../../models/games/maxmin';
import { iteratedElimination } from '../../../models/games/iteratedElimination';
import { regret } from '../../../models/games/regret';
import { zeroSum } from '../../../models/games/zeroSum';
import { solveMatrixGame } from '../../../models/games/solveMatrixGame';
import { makeEquilibrium, formatNum, EquilibriumCheckError } from '../../../models/games/Equilibrium';
import { Rational } from '../../../models/games/Rational';
import { makeGame } from '../../../models/games/makeGame';
import { bimatrixGame } from './gameHelpers';

const R = (s: string | number): Rational => Rational.from(s);
const pd = bimatrixGame(
  [
    [3, 0],
    [5, 1],
  ],
  [
    [3, 5],
    [0, 1],
  ],
);

describe('analysis helpers', () => {
  it('regret of profiles', () => {
    expect(
      formatNum(
        regret(pd, [
          [R(1), R(0)],
          [R(1), R(0)],
        ]),
      ),
    ).toBe('2');
    expect(
      formatNum(
        regret(pd, [
          [R(0), R(1)],
          [R(0), R(1)],
        ]),
      ),
    ).toBe('0');
    // Row gains 1 by defecting; the column player gains 3/2 by defecting against (1/2, 1/2).
    expect(
      formatNum(
        regret(pd, [
          [R('1/2'), R('1/2')],
          [R(1), R(0)],
        ]),
      ),
    ).toBe('3/2');
    expect(
      regret(pd, [
        [0.5, 0.5],
        [1, 0],
      ]),
    ).toBe(1.5);
  });

  it('best responses to pure and mixed profiles, with exact ties', () => {
    expect(bestResponses(pd, [0, 0])).toEqual([[1], [1]]);
    const bos = bimatrixGame(
      [
        [2, 0],
        [0, 1],
      ],
      [
        [1, 0],
        [0, 2],
      ],
    );
    expect(
      bestResponses(bos, [
        [R('2/3'), R('1/3')],
        [R('1/3'), R('2/3')],
      ]),
    ).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(
      bestResponses(bos, [
        [R('3/4'), R('1/4')],
        [R('1/3'), R('2/3')],
      ]),
    ).toEqual([[0, 1], [0]]);
    expect(
      bestResponses(bos, [
        [0.75, 0.25],
        [0.5, 0.5],
      ]),
    ).toEqual([[0], [0]]);
  });

  it('Pareto-optimal profiles', () => {
    // (C,C), (C,D), (D,C) are Pareto optimal; (D,D) is not.
    expect(paretoOptimal(pd)).toEqual([0, 1, 2]);
  });

  it('maxmin security strategies', () => {
    const mp = bimatrixGame(
      [
        [1, -1],
        [-1, 1],
      ],
      [
        [-1, 1],
        [1, -1],
      ],
    );
    const [s0, s1] = maxmin(mp);
    expect(formatNum(s0?.value as Rational)).toBe('0');
    expect(s0?.strategy.map(formatNum)).toEqual(['1/2', '1/2']);
    expect(s0?.pure).toBeNull();
    expect(formatNum(s1?.value as Rational)).toBe('0');
    const [p0] = maxmin(pd);
    expect(formatNum(p0?.value as Rational)).toBe('1');
    expect(p0?.pure).toBe(1);
    // 3-player: player 2 guarantees the min over the others' joint profiles of its best mixture.
    const g3 = makeGame({
      title: '',
      players: ['a', 'b', 'c'],
      strategies: [
        ['0', '1'],
        ['0', '1'],
        ['0', '1'],
      ],
      payoffs: Array.from({ length: 8 }, (_, k) => [0, 0, [4, 0, 0, 4, 1, 1, 1, 1][k] as number]),
    });
    expect(formatNum(maxmin(g3)[2]?.value as Rational)).toBe('1');
  });

  it('iterated elimination by pure and by mixed strategies', () => {
    // Row 2 is dominated only by the mixture (1/2, 1/2, 0) of rows 0 and 1.
    const g = bimatrixGame(
      [
        [3, 0],
        [0, 3],
        [1, 1],
      ],
      [
        [1, 0],
        [0, 1],
        [5, 5],
      ],
    );
    const pureOnly = iteratedElimination(g, { mixed: false });
    expect(pureOnly.steps).toEqual([]);
    const res = iteratedElimination(g);
    expect(res.steps[0]).toMatchObject({ player: 0, strategy: 2, by: 'mixed' });
    const mix = res.steps[0]?.mixture as Rational[];
    expect(mix[2]?.isZero()).toBe(true);
    expect(res.remaining).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(res.game.strategies).toEqual([
      ['r0', 'r1'],
      ['c0', 'c1'],
    ]);
    // Prisoner's dilemma: cooperate eliminated by pure dominance for both.
    const pdr = iteratedElimination(pd);
    expect(pdr.steps.map((s) => [s.player, s.strategy, s.by, s.dominator])).toEqual([
      [0, 0, 'pure', 1],
      [1, 0, 'pure', 1],
    ]);
    expect(pdr.remaining).toEqual([[1], [1]]);
  });

  it('solveMatrixGame on a known game', () => {
    const sol = solveMatrixGame([
      [R(3), R(1)],
      [R(2), R(4)],
      [R(0), R(5)],
    ]);
    expect(sol.value.toString()).toBe('5/2');
    expect(sol.row.map(String)).toEqual(['1/2', '1/2', '0']);
    expect(sol.col.map(String)).toEqual(['3/4', '1/4']);
  });

  it('zeroSum rejects games that are not constant-sum, naming the profile', () => {
    expect(() => zeroSum(pd)).toThrow(/not zero-sum: payoffs sum to 6 at \(r0, c0\) but to 5 at \(r0, c1\)/);
    // Constant-sum games are accepted.
    const cs = bimatrixGame([[1, 3]], [[4, 2]]);
    expect(formatNum(zeroSum(cs).value)).toBe('1');
    expect(zeroSum(cs).equilibrium.profile[1]?.map(formatNum)).toEqual(['1', '0']);
  });

  it('makeEquilibrium throws on a profile that is not an equilibrium (solver bug guard)', () => {
    expect(() =>
      makeEquilibrium(pd, 'test', [
        [R(1), R(0)],
        [R(1), R(0)],
      ]),
    ).toThrow(EquilibriumCheckError);
    expect(() =>
      makeEquilibrium(pd, 'test', [
        [R('1/2'), R('1/3')],
        [R(0), R(1)],
      ]),
    ).toThrow(/sum to 5\/6/);
    expect(() =>
      makeEquilibrium(pd, 'test', [
        [0.5, 0.5],
        [1, 0],
      ]),
    ).toThrow(/regret/);
    expect(
      makeEquilibrium(pd, 'test', [
        [0, 1],
        [1e-12, 1 - 1e-12],
      ]).exact,
    ).toBe(false);
  });
});
