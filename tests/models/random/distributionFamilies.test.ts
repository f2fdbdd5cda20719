import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../../models/random/Distribution';
import {
  conditionDistribution,
  DISTRIBUTION_FAMILIES,
  distributionProblems,
} from '../../../models/random/distributions/distributionFamilies';
import { parseIntervalShorthand } from '../../../models/random/distributions/intervalShorthand';
import { toDistribution } from '../../../models/random/distributions/toDistribution';
import { parameterDistribution } from '../../../models/random/parameterDistribution';
import { quantileFunction } from '../../../models/random/quantileFunction';
import { RandomStream } from '../../../models/random/RandomStream';
import { seedKey } from '../../../models/random/seedKey';
import { DistributionSchema } from '../../../models/scenario/scenarioSchema';
import { exact, normalMass, normalPdf, normalUpperTail } from './highPrecision';

const draws = (q: (u: number) => number, n: number, seed = 'families'): Float64Array => {
  const s = new RandomStream().reseed(seedKey(seed), 0, 1);
  return Float64Array.from({ length: n }, () => q(s.nextUniform()));
};
const meanOf = (x: Float64Array): number => x.reduce((a, b) => a + b, 0) / x.length;

describe("the issue's truncated normals", () => {
  it('normal(1.2, 0.005) on [0, 1]: 100,000 draws have mean within 1e-4 of 0.999875, the closed form to 1e-12', () => {
    const r = conditionDistribution({ type: 'normal', mean: 1.2, sd: 0.005, min: 0, max: 1 });
    if (!r.ok) throw new Error(r.message);
    // closed form μ + σ(φ(α) − φ(β))/(Φ(β) − Φ(α)), α = −240, β = −40, at 60 digits
    const closed = exact(1.2).plus(
      exact(0.005)
        .times(normalPdf(exact(-240)).minus(normalPdf(exact(-40))))
        .div(normalMass(-240, -40)),
    );
    expect(Math.abs(r.value.mean - closed.toNumber())).toBeLessThan(1e-12);
    expect(Math.abs(closed.toNumber() - 0.999875)).toBeLessThan(1e-6);
    const x = draws(r.value.quantile, 100_000);
    expect(Math.abs(meanOf(x) - 0.999875)).toBeLessThan(1e-4);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...x)).toBeLessThanOrEqual(1);
    // not piled on a bound: the draws spread below 1 like 1 − Exponential(rate 40/0.005)
    expect(new Set(x).size).toBeGreaterThan(99_000);
  });

  it('N(0, 1) on [38, 39]: draws spread over the window with the right shape (CDF at 60 digits)', () => {
    const q = quantileFunction({ type: 'normal', mean: 0, sd: 1, min: 38, max: 39 });
    const x = draws(q, 20_000);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(38);
    expect(Math.max(...x)).toBeLessThanOrEqual(39);
    const Z = normalMass(38, 39);
    for (const t of [38.005, 38.02, 38.05, 38.1]) {
      const expected = normalMass(38, t).div(Z).toNumber();
      const share = x.filter((v) => v <= t).length / x.length;
      // within 4.5 binomial standard errors
      expect(Math.abs(share - expected), `P(X ≤ ${t})`).toBeLessThan(
        4.5 * Math.sqrt((expected * (1 - expected)) / x.length),
      );
    }
  });

  it('"min": 40 alone: finite draws just above 40, mean E[Z | Z > 40] = φ(40)/Φ̄(40)', () => {
    const q = quantileFunction({ type: 'normal', mean: 0, sd: 1, min: 40 });
    const x = draws(q, 20_000);
    expect(x.every((v) => Number.isFinite(v) && v >= 40 && v < 41)).toBe(true);
    const expected = normalPdf(exact(40)).div(normalUpperTail(40)).toNumber(); // 40.0249…
    expect(Math.abs(meanOf(x) - expected)).toBeLessThan((4.5 * (1 / 40)) / Math.sqrt(x.length));
  });

  it('the same in the other tail, and far out: windows 100 and 1,000 sd below the mean', () => {
    for (const [lo, hi] of [
      [-101, -100],
      [-Infinity, -1000],
    ] as const) {
      const q = quantileFunction({
        type: 'normal',
        mean: 0,
        sd: 1,
        ...(lo > -Infinity ? { min: lo } : {}),
        max: hi,
      });
      const x = draws(q, 2000);
      expect(x.every((v) => v >= lo && v <= hi)).toBe(true);
      expect(new Set(x).size).toBeGreaterThan(1900);
    }
  });
});

describe('the degenerate rule: a spread of 0 is the point mass, in every family', () => {
  const points: [Distribution, number][] = [
    [{ type: 'fixed', value: 3 }, 3],
    [{ type: 'uniform', min: 3, max: 3 }, 3],
    [{ type: 'triangular', min: 3, mode: 3, max: 3 }, 3],
    [{ type: 'pert', min: 3, mode: 3, max: 3 }, 3],
    [{ type: 'beta', alpha: 2, beta: 5, min: 3, max: 3 }, 3],
    [{ type: 'normal', mean: 3, sd: 0 }, 3],
    [{ type: 'normal', mean: 0, sd: 1, min: 3, max: 3 }, 3],
    [{ type: 'lognormal', mu: 0, sigma: 0 }, 1],
    [{ type: 'interval90', low: 3, high: 3 }, 3],
    [{ type: 'discrete', values: [3, 3] }, 3],
    [{ type: 'bernoulli', p: 1 }, 1],
  ];
  it('is valid, draws that value, and has variance 0', () => {
    for (const [d, v] of points) {
      expect(distributionProblems(d), d.type).toEqual([]);
      const r = conditionDistribution(d);
      expect(r.ok, d.type).toBe(true);
      if (!r.ok) continue;
      expect([r.value.quantile(0.001), r.value.quantile(0.5), r.value.quantile(0.999)], d.type).toEqual([
        v,
        v,
        v,
      ]);
      expect(r.value.variance, d.type).toBe(0);
    }
    expect(toDistribution('2 to 2')).toEqual({ type: 'interval90', low: 2, high: 2 });
  });
  it('a normal with sd 0 must have its mean inside its own min..max', () => {
    expect(distributionProblems({ type: 'normal', mean: 5, sd: 0, min: 0, max: 1 })).toEqual([
      ['mean', 'with sd 0 the distribution is the point at mean, which must lie between min and max'],
    ]);
  });
});

describe('conditioning on a window (the range rule)', () => {
  const families: Distribution[] = [
    { type: 'uniform', min: -1, max: 3 },
    { type: 'normal', mean: 1, sd: 2 },
    { type: 'normal', mean: 0, sd: 1, min: -0.5 },
    { type: 'lognormal', mu: 0, sigma: 0.7 },
    { type: 'triangular', min: -1, mode: 0, max: 3 },
    { type: 'pert', min: -1, mode: 2, max: 3, lambda: 6 },
    { type: 'beta', alpha: 0.7, beta: 2.5, min: -1, max: 3 },
    { type: 'bernoulli', p: 0.3 },
    { type: 'discrete', values: [-1, 0, 0.5, 2, 7], weights: [1, 2, 0, 3, 1] },
    { type: 'interval90', low: 0.2, high: 2 },
    { type: 'interval90', low: -1, high: 2 },
  ];
  const windows: [number, number][] = [
    [-Infinity, Infinity],
    [0, 1],
    [0.5, 2.5],
    [-0.9, 0.1],
    [1.9, 2.1],
  ];

  it('draws lie in the window, the quantile is monotone, and cdf(quantile(u)) returns u (continuous)', () => {
    for (const d of families) {
      for (const [lo, hi] of windows) {
        const r = parameterDistribution(d, lo, hi);
        if (!r.ok) continue;
        const c = r.value;
        let prev = -Infinity;
        for (let i = 1; i < 400; i++) {
          const u = i / 400;
          const x = c.quantile(u);
          expect(x, `${d.type} [${lo}, ${hi}] at ${u}`).toBeGreaterThanOrEqual(Math.max(lo, c.support.lo));
          expect(x).toBeLessThanOrEqual(Math.min(hi, c.support.hi));
          expect(x).toBeGreaterThanOrEqual(prev);
          prev = x;
          if (!c.discrete)
            expect(Math.abs(c.cdf(x) - u), `${d.type} [${lo}, ${hi}] cdf at ${u}`).toBeLessThan(1e-9);
        }
      }
    }
  });

  it('closed-form mean and variance of the conditioned distribution agree with 200,000 draws (CLT tolerances)', () => {
    for (const d of families) {
      for (const [lo, hi] of windows) {
        const r = parameterDistribution(d, lo, hi);
        if (!r.ok || r.value.variance === 0) continue;
        const x = draws(r.value.quantile, 200_000, `${d.type}${lo}${hi}`);
        const m = meanOf(x);
        const sd = Math.sqrt(r.value.variance);
        expect(Math.abs(m - r.value.mean), `${d.type} [${lo}, ${hi}] mean`).toBeLessThan(
          (5 * sd) / Math.sqrt(x.length),
        );
        const v = x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1);
        // var of the sample variance ≈ (μ4 − σ⁴)/n; bounded here by the empirical fourth moment
        const m4 = x.reduce((a, b) => a + (b - m) ** 4, 0) / x.length;
        expect(Math.abs(v - r.value.variance), `${d.type} [${lo}, ${hi}] variance`).toBeLessThan(
          5 * Math.sqrt(Math.max(m4 - v * v, 1e-300) / x.length) + 1e-12,
        );
      }
    }
  });

  it("cuts are the declared distribution's mass outside the window; a window holding none of it is refused", () => {
    const r = parameterDistribution({ type: 'uniform', min: 0, max: 4 }, 1, 2);
    expect(r.ok && [r.value.cutBelow, r.value.cutAbove]).toEqual([0.25, 0.5]);
    const n = parameterDistribution({ type: 'interval90', low: 0, high: 2 }, 0.5, 2);
    expect(n.ok && Number((n.value.cutBelow + n.value.cutAbove).toFixed(3))).toBe(0.255);
    for (const [d, lo, hi, re] of [
      [
        { type: 'uniform', min: 5, max: 6 },
        0,
        1,
        /its values lie in 5 to 6, outside 0 to 1: there is nothing to draw/,
      ],
      [{ type: 'lognormal', mu: 0, sigma: 1 }, -2, 0, /at or below 0, where a lognormal has no mass/],
      [{ type: 'discrete', values: [3, 4] }, 0, 1, /none of its values \(3, 4\) lies in 0 to 1/],
      [{ type: 'fixed', value: 2 }, 0, 1, /none of its values \(2\) lies in 0 to 1/],
      [{ type: 'beta', alpha: 5e5, beta: 5e5 }, 0, 0.1, /holds less than 1e-300 of it/],
    ] as [Distribution, number, number, RegExp][]) {
      const c = parameterDistribution(d, lo, hi);
      expect(c.ok, d.type).toBe(false);
      if (!c.ok) expect(c.message).toMatch(re);
    }
    // far in a normal's tail is NOT empty: it is sampled exactly
    expect(parameterDistribution({ type: 'normal', mean: 0, sd: 1 }, 40, 41).ok).toBe(true);
  });
});

describe('one definition per family', () => {
  it("the zod schema's distribution objects have exactly the families' fields", () => {
    const options = (
      DistributionSchema as unknown as { options: { shape: Record<string, { def: { type: string } }> }[] }
    ).options;
    const byType = new Map(
      options.map((o) => [String((o.shape.type as unknown as { value: string }).value), o.shape]),
    );
    expect([...byType.keys()].sort()).toEqual(Object.keys(DISTRIBUTION_FAMILIES).sort());
    for (const [type, family] of Object.entries(DISTRIBUTION_FAMILIES)) {
      const shape = byType.get(type) as Record<
        string,
        { def: { type: string; innerType?: { def: { type: string } } } }
      >;
      expect(
        Object.keys(shape)
          .filter((k) => k !== 'type')
          .sort(),
        type,
      ).toEqual(family.fields.map((f) => f.key).sort());
      for (const f of family.fields) {
        const def = (shape[f.key] as { def: { type: string; innerType?: { def: { type: string } } } }).def;
        expect(def.type === 'optional', `${type}.${f.key} optional`).toBe(f.optional);
        const inner =
          def.type === 'optional' ? (def.innerType as { def: { type: string } }).def.type : def.type;
        expect(inner, `${type}.${f.key} kind`).toBe(f.kind === 'number' ? 'number' : 'array');
      }
    }
  });

  it('one parser for "low to high" (the UI uses it too): decimals, signs, exponents; nothing else', () => {
    expect(parseIntervalShorthand('0.2 to 0.6')).toEqual({ type: 'interval90', low: 0.2, high: 0.6 });
    expect(parseIntervalShorthand(' -1.5e-3 TO 2. ')).toEqual({ type: 'interval90', low: -0.0015, high: 2 });
    expect(parseIntervalShorthand('.5 to 1')).toEqual({ type: 'interval90', low: 0.5, high: 1 });
    for (const bad of [
      '1.2.3 to 4',
      '1 to',
      'to 4',
      '1 - 4',
      '1to4',
      'a to b',
      '1 to 4 to 5',
      '--1 to 2',
      '1 to 2x',
      `${'1'.repeat(101)} to 2`,
    ])
      expect(parseIntervalShorthand(bad), bad).toBeNull();
    // numbers beyond the double range parse, and the family refuses them with a reason
    const huge = parseIntervalShorthand('1e999 to 2e999');
    expect(huge && distributionProblems(huge)).toEqual([
      ['low', 'must be a finite number'],
      ['high', 'must be a finite number'],
    ]);
  });
});

describe('densities at the ends of a closed support', () => {
  it('beta: 0, 1/B(a, b) or Infinity by the exponent at that end (never NaN)', () => {
    const pdfAt = (alpha: number, beta: number, x: number): number => {
      const r = conditionDistribution({ type: 'beta', alpha, beta, min: 2, max: 4 });
      if (!r.ok) throw new Error(r.message);
      return r.value.pdf(x);
    };
    expect(pdfAt(2, 5, 2)).toBe(0);
    expect(pdfAt(2, 5, 4)).toBe(0);
    expect(pdfAt(1, 3, 2)).toBeCloseTo(3 / 2, 12); // Beta(1, 3) density 3 at 0, over a span of 2
    expect(pdfAt(3, 1, 4)).toBeCloseTo(3 / 2, 12);
    expect(pdfAt(0.5, 1, 2)).toBe(Infinity);
    expect(pdfAt(2, 5, 1.9)).toBe(0);
  });
});
