import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../../models/random/Distribution';
import { distributionProblem, quantileFunction, Z95 } from '../../../models/random/quantileFunction';
import { RandomStream } from '../../../models/random/RandomStream';
import { seedKey } from '../../../models/random/seedKey';
import {
  inverseNormalCdf,
  inverseRegularizedBeta,
  normalCdf,
  regularizedBeta,
} from '../../../models/random/specialFunctions';

const sample = (d: Distribution, n = 100_000, seed = 'moments'): Float64Array => {
  const q = quantileFunction(d);
  const s = new RandomStream().reseed(seedKey(seed), 0, 1);
  return Float64Array.from({ length: n }, () => q(s.nextUniform()));
};
const mean = (x: Float64Array): number => x.reduce((a, b) => a + b, 0) / x.length;
const variance = (x: Float64Array): number => {
  const m = mean(x);
  return x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1);
};
const quantile = (x: Float64Array, p: number): number => {
  const s = Float64Array.from(x).sort();
  return s[Math.floor(p * (s.length - 1))] as number;
};

describe('special functions', () => {
  it('inverse normal CDF matches known quantiles to ~1e-15', () => {
    expect(inverseNormalCdf(0.5)).toBe(0);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(inverseNormalCdf(0.95)).toBeCloseTo(Z95, 14);
    expect(inverseNormalCdf(0.001)).toBeCloseTo(-3.090232306167813, 13);
    expect(inverseNormalCdf(1e-10)).toBeCloseTo(-6.361340902404056, 11);
    expect(inverseNormalCdf(1e-300)).toBeCloseTo(-37.0471, 3);
    expect(inverseNormalCdf(1 - 1e-12)).toBeCloseTo(-inverseNormalCdf(1e-12), 3);
  });

  it('normal CDF matches known values and inverts the inverse', () => {
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    for (const p of [1e-8, 0.01, 0.2, 0.5, 0.77, 0.999]) {
      expect(normalCdf(inverseNormalCdf(p)) / p).toBeCloseTo(1, 8);
    }
  });

  it('regularized beta: known values and a round trip through its inverse', () => {
    expect(regularizedBeta(0.5, 2, 2)).toBeCloseTo(0.5, 14);
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedBeta(0.2, 2, 3)).toBeCloseTo(0.1808, 12); // 6x²-8x³+3x⁴ at 0.2
    for (const [a, b] of [
      [0.5, 0.5],
      [3, 7],
      [2.6, 1.4],
      [30, 2],
    ] as const) {
      for (const p of [1e-6, 0.05, 0.5, 0.95, 1 - 1e-6]) {
        const x = inverseRegularizedBeta(p, a, b);
        expect(regularizedBeta(x, a, b)).toBeCloseTo(p, 9);
      }
    }
  });
});

describe('distributions: moments and quantiles from inverse-CDF sampling', () => {
  it('uniform, normal, lognormal', () => {
    const u = sample({ type: 'uniform', min: 2, max: 6 });
    expect(mean(u)).toBeCloseTo(4, 1);
    expect(variance(u)).toBeCloseTo(16 / 12, 1);
    const n = sample({ type: 'normal', mean: 1, sd: 2 });
    expect(mean(n)).toBeCloseTo(1, 1);
    expect(Math.sqrt(variance(n))).toBeCloseTo(2, 1);
    const ln = sample({ type: 'lognormal', mu: 0, sigma: 0.5 });
    expect(mean(ln)).toBeCloseTo(Math.exp(0.125), 1);
    expect(quantile(ln, 0.5)).toBeCloseTo(1, 1);
  });

  it('truncated normal stays in bounds, including far in the upper tail', () => {
    const t = sample({ type: 'normal', mean: 0, sd: 1, min: -1, max: 1 });
    expect(Math.min(...t)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...t)).toBeLessThanOrEqual(1);
    expect(mean(t)).toBeCloseTo(0, 1);
    const tail = sample({ type: 'normal', mean: 0, sd: 1, min: 6 }, 20_000);
    expect(Math.min(...tail)).toBeGreaterThanOrEqual(6);
    expect(mean(tail)).toBeCloseTo(6.1568, 1); // E[X | X > 6] = φ(6)/(1-Φ(6))
  });

  it('triangular and PERT', () => {
    const tri = sample({ type: 'triangular', min: 0, mode: 1, max: 4 });
    expect(mean(tri)).toBeCloseTo(5 / 3, 1);
    expect(variance(tri)).toBeCloseTo((0 + 1 + 16 - 0 - 0 - 4) / 18, 1);
    const pert = sample({ type: 'pert', min: 0, mode: 2, max: 10 });
    expect(mean(pert)).toBeCloseTo((0 + 4 * 2 + 10) / 6, 1);
    expect(Math.min(...pert)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pert)).toBeLessThanOrEqual(10);
  });

  it('beta (scaled), bernoulli, discrete', () => {
    const b = sample({ type: 'beta', alpha: 3, beta: 7 }, 50_000);
    expect(mean(b)).toBeCloseTo(0.3, 2);
    expect(variance(b)).toBeCloseTo(21 / (100 * 11), 3);
    const bs = sample({ type: 'beta', alpha: 2, beta: 2, min: 10, max: 20 }, 20_000);
    expect(mean(bs)).toBeCloseTo(15, 1);
    const be = sample({ type: 'bernoulli', p: 0.3 });
    expect(mean(be)).toBeCloseTo(0.3, 2);
    const d = sample({ type: 'discrete', values: [1, 2, 10], weights: [1, 1, 2] });
    expect(mean(d)).toBeCloseTo((1 + 2 + 20) / 4, 1);
    expect(new Set(d)).toEqual(new Set([1, 2, 10]));
  });

  it('interval90: low/high are the 5th and 95th percentiles (lognormal when 0 < low, normal otherwise)', () => {
    const pos = quantileFunction({ type: 'interval90', low: 2, high: 8 });
    expect(pos(0.05)).toBeCloseTo(2, 10);
    expect(pos(0.95)).toBeCloseTo(8, 10);
    expect(pos(0.5)).toBeCloseTo(4, 10); // geometric mean
    const neg = quantileFunction({ type: 'interval90', low: -1, high: 3 });
    expect(neg(0.05)).toBeCloseTo(-1, 10);
    expect(neg(0.95)).toBeCloseTo(3, 10);
    expect(neg(0.5)).toBeCloseTo(1, 10);
  });

  it('every quantile function is non-decreasing in u', () => {
    const ds: Distribution[] = [
      { type: 'normal', mean: 0, sd: 1, min: 0.5 },
      { type: 'pert', min: 1, mode: 1, max: 3 },
      { type: 'beta', alpha: 0.5, beta: 0.5 },
      { type: 'discrete', values: [3, 1, 2] },
      { type: 'triangular', min: 0, mode: 0, max: 1 },
    ];
    for (const d of ds) {
      const q = quantileFunction(d);
      let prev = -Infinity;
      for (let i = 1; i < 1000; i++) {
        const v = q(i / 1000);
        expect(v).toBeGreaterThanOrEqual(prev);
        prev = v;
      }
    }
  });

  it('rejects invalid distributions with a plain message', () => {
    expect(distributionProblem({ type: 'uniform', min: 2, max: 1 })).toBe(
      'uniform max must be at least min (2)',
    );
    expect(distributionProblem({ type: 'beta', alpha: 0, beta: 1 })).toBe(
      'beta alpha must be a positive number',
    );
    expect(distributionProblem({ type: 'interval90', low: 3, high: 1 })).toBe(
      'interval90 high must be at least low (3)',
    );
    expect(() => quantileFunction({ type: 'pert', min: 0, mode: 5, max: 1 })).toThrow(
      /mode must lie between min and max \(0 to 1\)/,
    );
  });
});

describe('beta/PERT table interpolation', () => {
  it('agrees with exact inversion within 1e-7 of the range', () => {
    for (const [a, b] of [
      [2, 8],
      [3, 7],
      [0.6, 0.8],
      [1, 1],
      [4.2, 1.3],
    ] as const) {
      const q = quantileFunction({ type: 'beta', alpha: a, beta: b });
      let worst = 0;
      for (let i = 1; i < 20_000; i++) {
        const u = i / 20_000 + 1.234e-6;
        worst = Math.max(worst, Math.abs(q(u) - inverseRegularizedBeta(u, a, b)));
      }
      expect(worst).toBeLessThan(1e-7);
    }
  });
});
