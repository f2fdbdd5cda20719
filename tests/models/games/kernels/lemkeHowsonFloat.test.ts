import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FloatGame, maxRegret, payoffRange } from '../../../../models/games/kernels/FloatGame';
import { LemkeHowsonWorkspace, lemkeHowsonFloat } from '../../../../models/games/kernels/lemkeHowsonFloat';
import { lemkeHowson } from '../../../../models/games/lemkeHowson';
import { toFloat } from '../../../../models/games/Equilibrium';
import { arbBimatrix, bimatrixGame } from '../gameHelpers';
import { arbGameOfShape, arbPayoff, floatGame, gameOf } from './kernelHelpers';

const solve = (g: FloatGame, label = 0): Float64Array | null => {
  const mix = new Float64Array(g.totalStrategies);
  const ws = new LemkeHowsonWorkspace(g.counts[0] as number, g.counts[1] as number);
  return lemkeHowsonFloat(g, mix, ws, label) ? mix : null;
};

const arbBimatrixGame = (payoff: fc.Arbitrary<number>): fc.Arbitrary<FloatGame> =>
  fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
    .chain(([m, n]) => arbGameOfShape([m, n], payoff));

/** Stated tolerance: regret ≤ 1e-9 × payoff range (the tolerance makeEquilibrium accepts in float mode). */
const expectEquilibrium = (g: FloatGame, mix: Float64Array | null): void => {
  expect(mix).not.toBeNull();
  const x = mix as Float64Array;
  for (let i = 0; i < 2; i++) {
    let sum = 0;
    for (let s = 0; s < (g.counts[i] as number); s++) {
      const v = x[(g.offsets[i] as number) + s] as number;
      expect(v).toBeGreaterThanOrEqual(0);
      sum += v;
    }
    expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-9);
  }
  expect(maxRegret(g, x)).toBeLessThanOrEqual(1e-9 * payoffRange(g));
};

describe('lemkeHowsonFloat', () => {
  it('returns a verified equilibrium on random games of every shape 1..6 × 1..6, degenerate ones included', () => {
    fc.assert(
      fc.property(
        fc.oneof(arbBimatrixGame(arbPayoff('ties')), arbBimatrixGame(arbPayoff('generic'))),
        fc.nat(),
        (g, seed) => {
          const label = seed % g.totalStrategies;
          expectEquilibrium(g, solve(g, label));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds the same equilibrium as exact Lemke–Howson from every label (generic games)', () => {
    fc.assert(
      fc.property(arbBimatrix(5, 0, 1000), fc.nat(), ({ A, B }, seed) => {
        const m = A.length;
        const n = (A[0] ?? []).length;
        const label = seed % (m + n);
        const exact = lemkeHowson(bimatrixGame(A, B), label);
        const pay: number[] = [];
        for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) pay.push(A[i]![j]!, B[i]![j]!);
        const mix = solve(floatGame([m, n], pay), label);
        expect(mix).not.toBeNull();
        exact.profile[0]?.forEach((v, i) => expect(mix![i]).toBeCloseTo(toFloat(v), 9));
        exact.profile[1]?.forEach((v, j) => expect(mix![m + j]).toBeCloseTo(toFloat(v), 9));
      }),
      { numRuns: 100 },
    );
  });

  it('is unchanged by a positive affine change of one player’s payoffs (badly scaled games)', () => {
    fc.assert(
      fc.property(arbBimatrixGame(fc.integer({ min: 0, max: 1000 })), (g) => {
        const scaled = new FloatGame(Array.from(g.counts));
        g.payoffs.forEach((v, k) => (scaled.payoffs[k] = k % 2 === 0 ? v * 1e6 + 1e9 : v / 7 - 3));
        const a = solve(g);
        const b = solve(scaled);
        expectEquilibrium(scaled, b);
        a?.forEach((v, k) => expect(b![k]).toBeCloseTo(v, 6));
      }),
      { numRuns: 100 },
    );
  });

  it('matching pennies: (1/2, 1/2); refuses a game of another shape', () => {
    const g = floatGame([2, 2], [1, -1, -1, 1, -1, 1, 1, -1]);
    const mix = solve(g);
    mix?.forEach((v) => expect(v).toBeCloseTo(0.5, 12));
    expect(() => lemkeHowsonFloat(g, new Float64Array(4), new LemkeHowsonWorkspace(3, 2))).toThrow(
      RangeError,
    );
    expect(() => lemkeHowsonFloat(g, new Float64Array(4), new LemkeHowsonWorkspace(2, 2), 4)).toThrow(
      /label 4/,
    );
    expect(gameOf(g).players).toHaveLength(2);
  });
});
