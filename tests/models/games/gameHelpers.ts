// Shared builders for the games tests.
import fc from 'fast-check';
import type { Game } from '../../../models/games/Game';
import { makeGame } from '../../../models/games/makeGame';
import { formatNum, type Equilibrium } from '../../../models/games/Equilibrium';
import type { RationalLike } from '../../../models/games/Rational';

/** A 2-player game from payoff matrices A (row player) and B (column player), m×n. */
export const bimatrixGame = (
  A: readonly (readonly RationalLike[])[],
  B: readonly (readonly RationalLike[])[],
  opts: { exact?: boolean; title?: string } = {},
): Game => {
  const m = A.length;
  const n = (A[0] ?? []).length;
  const payoffs: RationalLike[][] = [];
  for (let j = 0; j < n; j++)
    for (let i = 0; i < m; i++) payoffs.push([A[i]?.[j] as RationalLike, B[i]?.[j] as RationalLike]);
  return makeGame({
    title: opts.title ?? 'test',
    players: ['Row', 'Col'],
    strategies: [Array.from({ length: m }, (_, i) => `r${i}`), Array.from({ length: n }, (_, j) => `c${j}`)],
    payoffs,
    exact: opts.exact,
  });
};

/** "x1,x2|y1,y2" keys of equilibria (exact strings). */
export const keysOf = (eqs: readonly Equilibrium[]): string[] =>
  eqs.map((e) => e.profile.map((row) => row.map(formatNum).join(',')).join('|')).sort();

export const key = (x: readonly string[], y: readonly string[]): string => `${x.join(',')}|${y.join(',')}`;

/** Arbitrary small integer bimatrix game. */
export const arbBimatrix = (maxDim = 4, lo = -5, hi = 5): fc.Arbitrary<{ A: number[][]; B: number[][] }> =>
  fc.tuple(fc.integer({ min: 1, max: maxDim }), fc.integer({ min: 1, max: maxDim })).chain(([m, n]) =>
    fc.record({
      A: fc.array(fc.array(fc.integer({ min: lo, max: hi }), { minLength: n, maxLength: n }), {
        minLength: m,
        maxLength: m,
      }),
      B: fc.array(fc.array(fc.integer({ min: lo, max: hi }), { minLength: n, maxLength: n }), {
        minLength: m,
        maxLength: m,
      }),
    }),
  );

/** Seeded LCG for deterministic random games outside fast-check. */
export const lcg = (seed: number): (() => number) => {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
};
