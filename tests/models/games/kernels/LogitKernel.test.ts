import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectedPayoffs,
  isMixedProfile,
  maxRegret,
  payoffRange,
  type FloatGame,
} from '../../../../models/games/kernels/FloatGame';
import { enumPure } from '../../../../models/games/kernels/enumPure';
import { LogitKernel } from '../../../../models/games/kernels/LogitKernel';
import { logit, logitBranch } from '../../../../models/games/logit';
import { toFloat } from '../../../../models/games/Equilibrium';
import { arbGame, arbGameOfShape, arbPayoff, floatGame, gameOf, rowsOf } from './kernelHelpers';

const qre = (g: FloatGame, lambda: number, weights: Float64Array | null = null): Float64Array => {
  const mix = new Float64Array(g.totalStrategies);
  expect(new LogitKernel(Array.from(g.counts)).qre(g, lambda, mix, weights)).toBe(true);
  return mix;
};

/** σ_i(k) ∝ exp(λ_i U_i(k)) for every player: the logit QRE condition. */
const expectLogitFixedPoint = (g: FloatGame, mix: Float64Array, lambdas: number[]): void => {
  const eu = new Float64Array(Math.max(...g.counts));
  for (let i = 0; i < g.n; i++) {
    expectedPayoffs(g, mix, i, eu);
    const c = g.counts[i] as number;
    let mx = -Infinity;
    for (let s = 0; s < c; s++) mx = Math.max(mx, eu[s] as number);
    let sum = 0;
    for (let s = 0; s < c; s++) sum += Math.exp((lambdas[i] as number) * ((eu[s] as number) - mx));
    for (let s = 0; s < c; s++) {
      const want = Math.exp((lambdas[i] as number) * ((eu[s] as number) - mx)) / sum;
      expect(mix[(g.offsets[i] as number) + s]).toBeCloseTo(want, 8);
    }
  }
};

const hasPure = (g: FloatGame): boolean => enumPure(g, new Int32Array(g.profiles), 0) > 0;

describe('LogitKernel.qre (the QRE at λ on the principal branch)', () => {
  it('satisfies the logit fixed-point equations (N players, any λ)', () => {
    fc.assert(
      fc.property(
        arbGame([1, 4], [1, 3], fc.integer({ min: -3, max: 3 })),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (g, lambda) =>
          expectLogitFixedPoint(
            g,
            qre(g, lambda),
            Array.from(g.counts, () => lambda),
          ),
      ),
      { numRuns: 60 },
    );
  });

  it('with weights, player i plays the logit response at λ·w_i', () => {
    fc.assert(
      fc.property(
        arbGame([2, 3], [2, 3], fc.integer({ min: -5, max: 5 })),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (g, lambda, w) => {
          const weights = Float64Array.from(w.slice(0, g.n));
          expectLogitFixedPoint(
            g,
            qre(g, lambda, weights),
            Array.from(weights, (x) => x * lambda),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is the centroid at λ = 0 and lies on the traced branch', () => {
    const g = floatGame([3, 2], [3, 3, 2, 2, 0, 3, 3, 2, 5, 6, 6, 1]);
    const c = qre(g, 0);
    Array.from(c.subarray(0, 3)).forEach((v) => expect(v).toBeCloseTo(1 / 3, 15));
    Array.from(c.subarray(3)).forEach((v) => expect(v).toBeCloseTo(0.5, 15));
    for (const pt of logitBranch(gameOf(g)).points.filter((p) => p.lambda > 0 && p.lambda < 50)) {
      const q = rowsOf(g, qre(g, pt.lambda));
      q.forEach((row, p) => row.forEach((v, k) => expect(v).toBeCloseTo(pt.profile[p]![k]!, 7)));
    }
  });
});

describe('LogitKernel.limit (the limiting logit equilibrium, float)', () => {
  const limitOf = (g: FloatGame): Float64Array | null => {
    const mix = new Float64Array(g.totalStrategies);
    return new LogitKernel(Array.from(g.counts)).limit(g, mix) ? mix : null;
  };

  /** Stated tolerance: a probability profile with regret ≤ 1e-9 × payoff range. */
  const expectEquilibrium = (g: FloatGame, mix: Float64Array | null): void => {
    expect(mix).not.toBeNull();
    expect(isMixedProfile(g, mix as Float64Array)).toBe(true);
    expect(maxRegret(g, mix as Float64Array)).toBeLessThanOrEqual(1e-9 * payoffRange(g));
  };

  it('converges to an ε-equilibrium on N-player games without a pure equilibrium (3–4 players, 2–3 strategies)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          arbGame([3, 3], [2, 3], arbPayoff('generic')),
          arbGame([3, 4], [2, 2], arbPayoff('generic')),
          arbGame([3, 3], [2, 2], arbPayoff('mixed')),
        ),
        (g) => {
          fc.pre(!hasPure(g));
          expectEquilibrium(g, limitOf(g));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('converges on degenerate N-player games (ties; pure equilibria or not)', () => {
    fc.assert(
      fc.property(arbGame([3, 4], [2, 3], arbPayoff('ties')), (g) => {
        fc.pre(g.profiles <= 36);
        expectEquilibrium(g, limitOf(g));
      }),
      { numRuns: 60 },
    );
  });

  it('2 players of every shape: a verified equilibrium, the same as models/games’ logit on generic games', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
          .chain(([m, n]) => arbGameOfShape([m, n], arbPayoff('generic'))),
        (g) => {
          const mix = limitOf(g);
          expectEquilibrium(g, mix);
          const [ref] = logit(gameOf(g));
          ref!.profile.forEach((row, i) =>
            row.forEach((v, k) => expect(mix![(g.offsets[i] as number) + k]).toBeCloseTo(toFloat(v), 6)),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('symmetric games: chicken’s mixed equilibrium (2/11 straight), matching pennies’ (1/2, 1/2)', () => {
    // chicken: (swerve, swerve) 0,0; (swerve, straight) -1,2; (straight, swerve) 2,-1; (straight, straight) -10,-10
    const chicken = limitOf(floatGame([2, 2], [0, 0, 2, -1, -1, 2, -10, -10]));
    expect(chicken![1]).toBeCloseTo(2 / 11, 12);
    expect(chicken![3]).toBeCloseTo(2 / 11, 12);
    limitOf(floatGame([2, 2], [1, -1, -1, 1, -1, 1, 1, -1]))!.forEach((v) => expect(v).toBeCloseTo(0.5, 12));
  });
});

/**
 * Terminal equilibria printed by `gambit-logit -q -e -m 1e-10` (Gambit 16.7.0) for seeded random games with integer
 * payoffs 0..99 (generic: the principal branch is a path), recorded as test data. Payoffs in Parley's flat order
 * payoffs[profile * players + player], profiles in Gambit order.
 */
const GAMBIT_LOGIT: { counts: number[]; payoffs: number[]; gambit: number[] }[] = [
  {
    counts: [3, 3],
    payoffs: [28, 98, 61, 3, 2, 85, 20, 74, 53, 36, 33, 54, 88, 19, 94, 51, 77, 10],
    gambit: [0, 1, 0, 0, 0, 1],
  },
  {
    counts: [3, 3],
    payoffs: [39, 46, 8, 25, 96, 40, 81, 34, 67, 76, 81, 4, 87, 60, 13, 74, 18, 71],
    gambit: [1, 0, 0, 0, 0, 1],
  },
  {
    counts: [2, 4],
    payoffs: [28, 89, 93, 99, 36, 10, 77, 82, 2, 30, 88, 86, 90, 24, 72, 4],
    gambit: [0, 1, 1, 0, 0, 0],
  },
  {
    counts: [2, 4],
    payoffs: [39, 37, 39, 21, 29, 66, 37, 42, 16, 71, 36, 35, 89, 64, 90, 27],
    gambit: [0, 1, 0, 1, 0, 0],
  },
  {
    counts: [4, 3],
    payoffs: [28, 7, 29, 7, 69, 59, 63, 66, 4, 41, 79, 23, 86, 15, 17, 98, 93, 12, 91, 17, 76, 51, 15, 78],
    gambit: [0, 0, 1, 0, 1, 0, 0],
  },
  {
    counts: [4, 3],
    payoffs: [39, 55, 76, 28, 63, 15, 24, 25, 18, 82, 26, 72, 84, 55, 36, 20, 33, 72, 38, 86, 16, 5, 23, 50],
    gambit: [0, 0, 1, 0, 0, 1, 0],
  },
  {
    counts: [2, 2, 2],
    payoffs: [28, 52, 72, 25, 2, 33, 79, 24, 58, 70, 5, 65, 74, 91, 31, 31, 69, 19, 40, 60, 21, 33, 50, 13],
    gambit: [1, 0, 1, 0, 1, 0],
  },
  {
    counts: [2, 2, 2],
    payoffs: [40, 0, 18, 47, 96, 89, 39, 83, 72, 11, 53, 15, 73, 31, 50, 53, 10, 80, 87, 30, 61, 86, 58, 86],
    gambit: [1, 0, 0, 1, 1, 0],
  },
  {
    counts: [3, 2, 2],
    payoffs: [
      28, 61, 40, 29, 69, 8, 22, 15, 9, 76, 51, 33, 72, 86, 54, 77, 85, 21, 70, 49, 91, 89, 17, 21, 68, 49,
      89, 49, 68, 29, 79, 41, 78, 17, 66, 96,
    ],
    gambit: [0, 1, 0, 0, 1, 0, 1],
  },
  {
    counts: [3, 2, 2],
    payoffs: [
      40, 9, 87, 51, 63, 64, 82, 75, 23, 16, 99, 83, 71, 26, 73, 0, 25, 81, 17, 18, 31, 43, 25, 93, 25, 36,
      49, 92, 7, 34, 83, 41, 66, 91, 6, 56,
    ],
    gambit: [0, 1, 0, 0.194444, 0.805556, 0.301887, 0.698113],
  },
  {
    counts: [2, 2, 2, 2],
    payoffs: [
      28, 16, 51, 51, 69, 57, 80, 65, 14, 10, 23, 44, 58, 57, 91, 57, 77, 30, 49, 81, 5, 27, 20, 64, 39, 14,
      49, 9, 54, 0, 31, 34, 56, 81, 4, 50, 82, 85, 67, 75, 18, 62, 90, 72, 19, 4, 10, 62, 31, 90, 33, 79, 50,
      84, 88, 47, 85, 43, 6, 0, 91, 3, 9, 80,
    ],
    gambit: [0, 1, 1, 0, 0.62963, 0.37037, 0.259259, 0.740741],
  },
  {
    counts: [2, 2, 2, 2],
    payoffs: [
      40, 64, 98, 73, 63, 12, 41, 25, 29, 51, 71, 94, 57, 97, 10, 80, 17, 90, 96, 50, 45, 80, 28, 36, 96, 1,
      9, 52, 92, 4, 36, 34, 44, 55, 45, 9, 36, 92, 90, 15, 13, 18, 45, 36, 18, 77, 38, 43, 56, 19, 60, 32, 79,
      67, 8, 5, 30, 49, 62, 48, 96, 32, 95, 87,
    ],
    gambit: [0, 1, 0.666667, 0.333333, 0.47205, 0.52795, 1, 0],
  },
];

describe('LogitKernel.limit agrees with gambit-logit', () => {
  it('on recorded generic 2-, 3- and 4-player games (within 1e-5)', () => {
    for (const { counts, payoffs, gambit } of GAMBIT_LOGIT) {
      const g = floatGame(counts, payoffs);
      const mix = new Float64Array(g.totalStrategies);
      expect(new LogitKernel(counts).limit(g, mix)).toBe(true);
      gambit.forEach((v, k) => expect(Math.abs((mix[k] as number) - v)).toBeLessThanOrEqual(1e-5));
    }
  });
});
