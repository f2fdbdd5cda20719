// Property tests for the range rule (issue 11): any distribution conditioned on any window — random parameters,
// windows in the body or far in a tail, windows cutting the support or missing it — either samples inside the window
// with a monotone quantile and a CDF that inverts it, or says why there is nothing to sample. Never a draw outside the
// window, never a non-finite draw, never a silent pile-up at one end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../../models/random/Distribution';
import { conditionDistribution } from '../../../models/random/distributions/distributionFamilies';

const U = [1e-12, 1e-6, 0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1 - 1e-6, 1 - 1e-12];

/** The checks every successful conditioning must pass. */
const checkInside = (d: Distribution, lo: number, hi: number): boolean => {
  const r = conditionDistribution(d, lo, hi);
  if (!r.ok) {
    expect(r.message).toMatch(/\S/);
    return false;
  }
  const c = r.value;
  let prev = -Infinity;
  for (const u of U) {
    const q = c.quantile(u);
    expect(Number.isFinite(q), `${JSON.stringify(d)} on [${lo}, ${hi}] at u=${u}: ${q}`).toBe(true);
    expect(q).toBeGreaterThanOrEqual(lo);
    expect(q).toBeLessThanOrEqual(hi);
    expect(q).toBeGreaterThanOrEqual(prev);
    prev = q;
  }
  expect(c.mean).toBeGreaterThanOrEqual(lo);
  expect(c.mean).toBeLessThanOrEqual(hi);
  return true;
};

describe('conditioned distributions: random parameters and windows (fast-check)', () => {
  it('normal on any window, body or ±60 sd in a tail: always sampleable, inside the window, F(Q(u)) = u', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 1e-3, max: 100, noNaN: true }),
        fc.double({ min: -60, max: 60, noNaN: true }),
        fc.double({ min: 1e-3, max: 20, noNaN: true }),
        (mean, sd, za, width) => {
          const lo = mean + za * sd;
          const hi = lo + width * sd;
          fc.pre(hi > lo);
          const d: Distribution = { type: 'normal', mean, sd };
          expect(checkInside(d, lo, hi)).toBe(true);
          const c = conditionDistribution(d, lo, hi);
          if (!c.ok) return;
          for (const u of [0.01, 0.3, 0.5, 0.7, 0.99]) {
            const q = c.value.quantile(u);
            // backward error of the quantile, in probability (the window's own scale: no absolute tail loss)
            expect(Math.abs(c.value.cdf(q) - u)).toBeLessThan(1e-6);
          }
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('one-sided windows far in a tail give finite draws (the "min 40" case)', () => {
    fc.assert(
      fc.property(fc.double({ min: 5, max: 1e4, noNaN: true }), fc.boolean(), (z, upper) => {
        const d: Distribution = { type: 'normal', mean: 0, sd: 1 };
        expect(upper ? checkInside(d, z, Infinity) : checkInside(d, -Infinity, -z)).toBe(true);
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it('bounded families on windows that cut, contain or miss their support: inside, or refused with a reason', () => {
    const bounded = fc.oneof(
      fc
        .tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 1e-6, max: 50, noNaN: true }))
        .map(([a, w]): Distribution => ({ type: 'uniform', min: a, max: a + w })),
      fc
        .tuple(
          fc.double({ min: -50, max: 50, noNaN: true }),
          fc.double({ min: 1e-6, max: 50, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
        )
        .map(([a, w, m]): Distribution => ({ type: 'triangular', min: a, mode: a + m * w, max: a + w })),
      fc
        .tuple(
          fc.double({ min: -50, max: 50, noNaN: true }),
          fc.double({ min: 1e-6, max: 50, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
        )
        .map(([a, w, m]): Distribution => ({ type: 'pert', min: a, mode: a + m * w, max: a + w })),
      fc
        .tuple(fc.double({ min: 0.05, max: 50, noNaN: true }), fc.double({ min: 0.05, max: 50, noNaN: true }))
        .map(([alpha, beta]): Distribution => ({ type: 'beta', alpha, beta })),
      fc
        .tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.01, max: 3, noNaN: true }))
        .map(([mu, sigma]): Distribution => ({ type: 'lognormal', mu, sigma })),
    );
    fc.assert(
      fc.property(
        bounded,
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: 1e-3, max: 100, noNaN: true }),
        (d, lo, width) => {
          const hi = lo + width;
          const whole = conditionDistribution(d);
          expect(whole.ok).toBe(true);
          if (!whole.ok) return;
          const s = whole.value.support;
          const ok = checkInside(d, lo, hi);
          // refused only when the window misses the support (or touches it at an end of zero mass)
          if (!ok) expect(hi <= s.lo || lo >= s.hi).toBe(true);
        },
      ),
      { numRuns: 400, seed: 13 },
    );
  });
});
