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
