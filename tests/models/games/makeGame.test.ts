import { describe, expect, it } from 'vitest';
import { makeGame, profileCount, profileIndex, profileOf } from '../../../models/games/makeGame';
import { Rational } from '../../../models/games/Rational';

const base = {
  title: 't',
  players: ['A', 'B'],
  strategies: [
    ['a1', 'a2'],
    ['b1', 'b2', 'b3'],
  ],
};

describe('makeGame', () => {
  it('fills float and exact payoffs', () => {
    const g = makeGame({
      ...base,
      payoffs: [
        [1, 2],
        ['1/3', 0.1],
        [3n, Rational.from('-1/2')],
        [0, 0],
        [1, 1],
        [2, 2],
      ],
    });
    expect(g.payoffs[1]).toEqual([1 / 3, 0.1]);
    expect(g.exact?.[1]?.map(String)).toEqual(['1/3', '1/10']);
    expect(g.exact?.[2]?.map(String)).toEqual(['3', '-1/2']);
    expect(makeGame({ ...base, exact: false, payoffs: Array(6).fill([1, 2]) }).exact).toBeNull();
  });
  it('rejects bad shapes with clear errors', () => {
    expect(() => makeGame({ ...base, payoffs: [[1, 2]] })).toThrow(
      /expected 6 payoff profiles \(2×3\), got 1/,
    );
    expect(() => makeGame({ ...base, payoffs: [[1], [1, 2], [1, 2], [1, 2], [1, 2], [1, 2]] })).toThrow(
      /profile 0 \(0,0\) needs 2 payoffs, got 1/,
    );
    expect(() => makeGame({ ...base, strategies: [['a']], payoffs: [] })).toThrow(
      /2 players but strategies for 1/,
    );
    expect(() => makeGame({ ...base, strategies: [['a'], []], payoffs: [] })).toThrow(
      /player 1 \("B"\) needs at least one strategy/,
    );
    expect(() =>
      makeGame({
        ...base,
        payoffs: [
          [NaN, 1],
          [1, 2],
          [1, 2],
          [1, 2],
          [1, 2],
          [1, 2],
        ],
      }),
    ).toThrow(/payoff of player 0 \("A"\) at profile 0 \(0,0\) is not a finite number: NaN/);
    expect(() =>
      makeGame({
        ...base,
        payoffs: [
          ['x', 1],
          [1, 2],
          [1, 2],
          [1, 2],
          [1, 2],
          [1, 2],
        ],
      }),
    ).toThrow(/not a finite number: x/);
  });
  it('indexes profiles in Gambit order', () => {
    expect(profileCount(base)).toBe(6);
    expect(profileIndex(base, [1, 0])).toBe(1);
    expect(profileIndex(base, [0, 2])).toBe(4);
    for (let i = 0; i < 6; i++) expect(profileIndex(base, profileOf(base, i))).toBe(i);
    expect(() => profileIndex(base, [2, 0])).toThrow(/out of range/);
  });
});
