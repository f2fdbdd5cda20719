// The sampler's table-driven quantile (models/random/tabulatedQuantile.ts) against the exact quantile functions it
// is layered over: the stated bound |tabulated(u) − Q(u)| ≤ TABLE_TOLERANCE · IQR at many points of (0, 1), tails
// included; monotone in u; exact at the nodes; a pure function of the distribution (the same values whatever order
// the intervals were first used in); and the engine's parameter draws are these values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkExecutor } from '../../../models/engine/ChunkExecutor';
import { makeJob } from '../../../models/engine/makeJob';
import type { Distribution } from '../../../models/random/Distribution';
import { conditionDistribution } from '../../../models/random/distributions/distributionFamilies';
import type { Conditioned } from '../../../models/random/distributions/DistributionFamily';
import { parameterDistribution } from '../../../models/random/parameterDistribution';
import {
  TABLE_INTERVALS,
  TABLE_TOLERANCE,
  quantileColumn,
  tabulatedQuantile,
  tabulatedShare,
} from '../../../models/random/tabulatedQuantile';
import { loadBuiltin } from '../../../models/scenario/builtins';
import { instantiateModel } from '../../../models/scenario/instantiateModel';

const conditioned = (d: Distribution, lo = -Infinity, hi = Infinity): Conditioned => {
  const r = conditionDistribution(d, lo, hi);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

/** Sorted points of (0, 1): a fine grid, both sides of every node, and both tails down to 1e-300 and 1 − 1e-16. */
const points = (): number[] => {
  const us = new Set<number>();
  const M = 40_000;
  for (let k = 1; k < M; k++) us.add((k - 0.5 + 0.37 * Math.sin(k)) / M);
  for (let i = 1; i < TABLE_INTERVALS; i++) {
    const u = i / TABLE_INTERVALS;
    for (const e of [0, 1e-13, -1e-13, 1e-7, -1e-7]) us.add(u + e);
  }
  for (let e = -300; e <= -2; e += 0.25) us.add(10 ** e);
  for (let e = -16; e <= -2; e += 0.05) us.add(1 - 10 ** e);
  return [...us].filter((u) => u > 0 && u < 1).sort((a, b) => a - b);
};

const U = points();

/**
 * Max |tabulated − exact| / IQR over U, and the number of decreases of the table along U where the exact function
 * does not decrease (far in some tails the exact functions themselves step back by an ulp; where the table calls
 * them it inherits that, and it must add none of its own).
 */
const check = (c: Conditioned): { err: number; decreases: number } => {
  const fn = tabulatedQuantile(c);
  const iqr = c.quantile(0.75) - c.quantile(0.25);
  let err = 0;
  let decreases = 0;
  let prev = -Infinity;
  let prevExact = -Infinity;
  for (const u of U) {
    const x = fn(u);
    const exact = c.quantile(u);
    const e = Math.abs(x - exact) / iqr;
    if (!(e <= err)) err = e;
    if (x < prev && !(exact < prevExact)) decreases++;
    prev = x;
    prevExact = exact;
  }
  return { err, decreases };
};

const CASES: [Distribution, number?, number?][] = [
  [{ type: 'normal', mean: 0, sd: 1 }],
  [{ type: 'normal', mean: 3, sd: 0.5, min: 2 }],
  [{ type: 'normal', mean: 0, sd: 1 }, 40, 45],
  [{ type: 'normal', mean: 10, sd: 2 }, 9.9, 10.1],
  [{ type: 'lognormal', mu: 0, sigma: 0.3 }],
  [{ type: 'lognormal', mu: 1, sigma: 3 }],
  [{ type: 'interval90', low: 0.02, high: 0.1 }, 0, 0.5],
  [{ type: 'interval90', low: -1, high: 4 }, 0, 5],
  [{ type: 'uniform', min: -2, max: 7 }],
  [{ type: 'triangular', min: 0.003, mode: 0.01, max: 0.03 }, 0, 0.3],
  [{ type: 'triangular', min: 0, mode: 0, max: 1 }],
  [{ type: 'triangular', min: 0, mode: 1, max: 1 }, 0.2, 0.9],
  [{ type: 'pert', min: 0.55, mode: 0.8, max: 0.95 }, 0, 1],
  [{ type: 'beta', alpha: 2, beta: 8 }, 0, 1],
  [{ type: 'beta', alpha: 0.5, beta: 0.5 }],
  [{ type: 'beta', alpha: 0.05, beta: 3, min: -1, max: 1 }],
  [{ type: 'beta', alpha: 300, beta: 2 }],
  [{ type: 'beta', alpha: 2, beta: 5 }, 0.9, 1],
];

describe('tabulatedQuantile: the stated bound against the exact quantile functions', () => {
  for (const [d, lo, hi] of CASES) {
    it(`${JSON.stringify(d)} on [${lo ?? '-∞'}, ${hi ?? '∞'}]: |table − exact| ≤ ${TABLE_TOLERANCE} IQR, monotone wherever the exact function is`, () => {
      const { err, decreases } = check(conditioned(d, lo, hi));
      expect(err).toBeLessThanOrEqual(TABLE_TOLERANCE);
      expect(decreases).toBe(0);
    });
  }

  it('holds for random normals, lognormals, betas and PERTs on random windows (fast-check)', () => {
    const dist = fc.oneof(
      fc
        .tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 1e-3, max: 50, noNaN: true }))
        .map(([mean, sd]): Distribution => ({ type: 'normal', mean, sd })),
      fc
        .tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.01, max: 4, noNaN: true }))
        .map(([mu, sigma]): Distribution => ({ type: 'lognormal', mu, sigma })),
      fc
        .tuple(
          fc.double({ min: 0.05, max: 500, noNaN: true }),
          fc.double({ min: 0.05, max: 500, noNaN: true }),
        )
        .map(([alpha, beta]): Distribution => ({ type: 'beta', alpha, beta })),
      fc
        .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.5, max: 20, noNaN: true }))
        .map(([mode, lambda]): Distribution => ({ type: 'pert', min: 0, mode, max: 1, lambda })),
    );
    fc.assert(
      fc.property(dist, fc.double({ min: 0, max: 0.45, noNaN: true }), (d, cut) => {
        const whole = conditioned(d);
        const lo = whole.quantile(cut);
        const hi = whole.quantile(1 - cut / 2);
        fc.pre(lo < hi);
        const r = conditionDistribution(d, lo, hi);
        if (!r.ok) return;
        const { err, decreases } = check(r.value);
        expect(err).toBeLessThanOrEqual(TABLE_TOLERANCE);
        expect(decreases).toBe(0);
      }),
      { numRuns: 25, seed: 14 },
    );
  });

  it('is exact at the nodes u = i/N', () => {
    const c = conditioned({ type: 'pert', min: 0.55, mode: 0.8, max: 0.95 }, 0, 1);
    const fn = tabulatedQuantile(c);
    for (let i = 1; i < TABLE_INTERVALS; i += 7)
      expect(fn(i / TABLE_INTERVALS)).toBe(c.quantile(i / TABLE_INTERVALS));
  });

  it('is a pure function of the distribution: the same values whatever order its intervals were first used in', () => {
    const d: Distribution = { type: 'beta', alpha: 2, beta: 8 };
    // two separate Conditioned objects (two tables), filled in opposite orders
    const a = tabulatedQuantile(conditioned(d, 0, 1));
    const b = tabulatedQuantile(conditioned(d, 0, 1));
    const ua = U.filter((_u, k) => k % 3 === 0);
    const fromA = ua.map((u) => a(u));
    const fromB = [...ua]
      .reverse()
      .map((u) => b(u))
      .reverse();
    expect(fromB).toEqual(fromA);
  });

  it('serves nearly all of (0, 1) from its cubic pieces on korea-2025 (the exact function only far in the tails)', () => {
    const { spec } = loadBuiltin('korea-2025');
    for (const p of spec.params) {
      if (!p.distribution) continue;
      const r = parameterDistribution(p.distribution, p.min, p.max);
      if (!r.ok) throw new Error(r.message);
      expect(tabulatedShare(r.value), p.id).toBeGreaterThan(0.9999);
    }
  });

  it('quantileColumn maps a strided column to exactly the numbers of one call per draw, and writes nothing else', () => {
    const cases: [Distribution, number?, number?][] = [...CASES, [{ type: 'discrete', values: [1, 2, 3] }]];
    for (const [d, lo, hi] of cases) {
      const fn = tabulatedQuantile(conditioned(d, lo, hi));
      const column = quantileColumn(fn);
      // stride 3, offset 1: the sampler's row-major block layout (rows × parameters)
      const us = U.filter((_u, k) => k % 4 === 0);
      const rows = us.length;
      const u = new Float64Array(rows * 3).fill(0.5);
      for (let k = 0; k < rows; k++) u[k * 3 + 1] = us[k] as number;
      const out = new Float64Array(rows * 3).fill(-7);
      column(u, out, 1, 3, rows);
      const differ: number[] = [];
      let touched = 0;
      for (let k = 0; k < rows; k++) {
        // Object.is: the same double, signed zeros included
        if (!Object.is(out[k * 3 + 1], fn(us[k] as number))) differ.push(us[k] as number);
        if (out[k * 3] !== -7 || out[k * 3 + 2] !== -7) touched++;
      }
      expect(differ, JSON.stringify(d)).toEqual([]);
      expect(touched).toBe(0);
    }
  });

  it('discrete distributions are drawn by their exact quantile', () => {
    const c = conditioned({ type: 'discrete', values: [1, 2, 3] });
    expect(tabulatedQuantile(c)).toBe(c.quantile);
    expect(tabulatedShare(c)).toBe(0);
  });

  it("the engine's parameter draws are the tabulated quantiles of the trial's uniforms", () => {
    const { spec } = loadBuiltin('korea-2025');
    const model = instantiateModel(spec);
    const job = makeJob(spec, { seed: 7, trials: 3000, rounds: 1 });
    const ex = new ChunkExecutor(job, model);
    const fns = model.params.map((p) => {
      if (!p.distribution) return null;
      const r = parameterDistribution(p.distribution, p.min, p.max);
      if (!r.ok) throw new Error(r.message);
      return tabulatedQuantile(r.value);
    });
    // trial 2500 lies in the third Iman–Conover block; its uniforms are what the sampler maps
    const values = [...ex.paramValues(2500, 0)];
    const u = new Float64Array(model.params.length);
    // the sampler's uniforms for that trial
    (ex as unknown as { sampler: { uniforms(t: number, o: Float64Array): void } }).sampler.uniforms(2500, u);
    model.params.forEach((p, j) => {
      const f = fns[j];
      expect(values[j]).toBe(f ? f(u[j] as number) : p.value);
    });
  });
});
