// Quantile accuracy against 60-digit references computed independently in the test (highPrecision.ts): the normal
// (Wichura's AS 241, published accuracy about 1e-16), the truncated normal for windows 10, 38, 100 and 1,000 sd out on
// either side and of degenerate widths, the beta (tiny and huge shapes), lognormal and triangular.
import { describe, expect, it } from 'vitest';
import { conditionDistribution } from '../../../models/random/distributions/distributionFamilies';
import { truncatedStandardNormal } from '../../../models/random/distributions/truncatedStandardNormal';
import { betaShape, inverseBeta, inverseNormalCdf } from '../../../models/random/specialFunctions';
import {
  betaQuantile,
  exact,
  normalMass,
  normalPdf,
  normalUpperTail,
  relativeError,
  truncatedNormalQuantile,
} from './highPrecision';

const EPS = 2 ** -52;
/** The spacing of doubles at x. */
const ulp = (x: number): number => {
  const a = Math.abs(x);
  return a === 0 ? Number.MIN_VALUE : 2 ** (Math.floor(Math.log2(a)) - 52);
};

describe('normal quantile (AS 241) against 60-digit references', () => {
  it('is within 2 units in the last place (4e-16 relative) from 1e-300 to 1 − 1e-16', () => {
    let worst = 0;
    const ps = [
      1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 1e-5, 0.001, 0.02, 0.1, 0.25, 0.4, 0.49, 0.5000001,
    ];
    for (const p of [...ps, ...ps.map((x) => 1 - x).filter((x) => x < 1)]) {
      const z = inverseNormalCdf(p);
      // reference: Φ(z*) = p at 60 digits, by Newton from z
      const lower = p <= 0.5;
      const target = lower ? exact(p) : exact(1 - p); // 1 − p is exact here for p ≥ ½
      let r = exact(z);
      for (let i = 0; i < 6; i++) {
        const tail = lower ? normalUpperTail(r.neg()) : normalUpperTail(r);
        const step = tail
          .minus(target)
          .div(normalPdf(r))
          .times(lower ? 1 : -1);
        r = r.minus(step);
      }
      if (r.isZero()) continue;
      worst = Math.max(worst, relativeError(z, r));
    }
    expect(worst).toBeLessThan(4e-16);
  });
});

/** Standardized windows far out on both sides, and narrow ones. */
const WINDOWS: [number, number][] = [
  [10, Infinity],
  [-Infinity, -10],
  [38, 39],
  [-39, -38],
  [38, Infinity],
  [100, 101],
  [-101, -100],
  [1000, Infinity],
  [-Infinity, -1000],
  [1000, 1000.001],
  [-1, 2],
  [0, 1],
  [-3, -2.5],
  [38, 38 + 1e-9],
  [5, 5 + 1e-12],
  [-1e-10, 1e-10],
  [-1e-300, 1e-300],
];
const US = [1e-9, 0.001, 0.1, 0.3, 0.5, 0.7, 0.9, 0.999, 1 - 1e-9];

describe('truncated normal: any window, against 60-digit references', () => {
  it('quantiles within a few ε of the reference, relative to max(|z|, width), for windows up to 1,000 sd out', () => {
    let worst = 0;
    for (const [a, b] of WINDOWS) {
      const w = truncatedStandardNormal(a, b);
      for (const u of US) {
        const z = w.quantile(u);
        expect(z, `[${a}, ${b}] at ${u}`).toBeGreaterThanOrEqual(a);
        expect(z, `[${a}, ${b}] at ${u}`).toBeLessThanOrEqual(b);
        const r = truncatedNormalQuantile(a, b, u, z);
        // the error in units of the window's scale (its width, or |z| for a wide window), never finer than the
        // spacing of doubles at z (a window 1e-12 wide at 5 holds only a few hundred doubles)
        const width = Number.isFinite(b - a) ? b - a : 1;
        const scale = Math.max(Math.min(width, Math.max(Math.abs(z), 1)), ulp(z) / EPS);
        const err = exact(z).minus(r).abs().toNumber() / scale;
        worst = Math.max(worst, err);
        expect(err, `[${a}, ${b}] at ${u}: ${z} vs ${r.toString()}`).toBeLessThan(40 * EPS);
      }
    }
    expect(worst).toBeLessThan(40 * EPS);
  });

  it('log-masses of the windows to ~1e-16 relative (no underflow at 1,000 sd)', () => {
    for (const [a, b] of WINDOWS) {
      const ref = normalMass(a, b).ln();
      const got = truncatedStandardNormal(a, b).logMass;
      expect(
        Math.abs(got - ref.toNumber()) / Math.max(1, Math.abs(ref.toNumber())),
        `[${a}, ${b}]`,
      ).toBeLessThan(1e-15);
    }
  });

  it('closed-form mean and variance of the window, far out included', () => {
    for (const [a, b] of WINDOWS.filter(([x, y]) => y - x > 1e-6)) {
      const w = truncatedStandardNormal(a, b);
      const Z = normalMass(a, b);
      const pa = a === -Infinity ? exact(0) : normalPdf(exact(a));
      const pb = b === Infinity ? exact(0) : normalPdf(exact(b));
      const mean = pa.minus(pb).div(Z);
      const second = exact(1).plus(
        (a === -Infinity ? exact(0) : exact(a).times(pa))
          .minus(b === Infinity ? exact(0) : exact(b).times(pb))
          .div(Z),
      );
      const variance = second.minus(mean.times(mean));
      expect(relativeError(w.mean, mean), `[${a}, ${b}] mean`).toBeLessThan(1e-14);
      expect(relativeError(w.variance, variance), `[${a}, ${b}] variance`).toBeLessThan(1e-9);
    }
  });
});

describe('beta quantile: tiny and huge shapes, against 60-digit references', () => {
  it('is within a few ε of the reference, scaled by the conditioning |d ln x / d ln p|', () => {
    const shapes: [number, number][] = [
      [0.5, 0.5],
      [2, 3],
      [2.6, 1.4],
      [30, 2],
      [1e-3, 1e-3],
      [0.01, 1],
      [0.05, 5],
      [200, 0.2],
      [1000, 1000],
      [1e4, 3],
    ];
    const ps = [1e-200, 1e-30, 1e-6, 0.01, 0.3, 0.5, 0.9, 1 - 1e-6];
    for (const [a, b] of shapes) {
      const s = betaShape(a, b);
      for (const p of ps) {
        const x = inverseBeta(p, 1 - p, s);
        if (!(x > 0 && x < 1)) continue; // the quantile underflows (tiny shapes) or rounds to 1
        // conditioning of x in the tail probability given (p, or q = 1 − p above ½): |d ln x / d ln p| =
        // P(X ≤ x)/(x·pdf), or P(X > x)/(x·pdf) — the tiny shapes make it large (Beta(0.001, 0.001) magnifies the
        // last bit of p a thousandfold)
        const { x: r, kappa } = betaQuantile(a, b, p, x);
        const err = relativeError(x, r);
        expect(err, `Beta(${a}, ${b}) at ${p}: κ ${kappa}`).toBeLessThan(32 * EPS * Math.max(1, kappa));
      }
    }
  }, 600_000); // a hang bound only (60-digit arithmetic is slow on a busy machine)
});

describe('lognormal and triangular quantiles', () => {
  it('lognormal: exp of the normal quantile, for sigma up to 100 and mu ±700', () => {
    for (const [mu, sigma] of [
      [0, 0.5],
      [-700, 1],
      [700, 0.01],
      [0, 100],
    ] as const) {
      const d = conditionDistribution({ type: 'lognormal', mu, sigma });
      expect(d.ok).toBe(true);
      if (!d.ok) continue;
      for (const u of [1e-9, 0.05, 0.5, 0.95]) {
        const x = d.value.quantile(u);
        const ref = exact(mu)
          .plus(exact(sigma).times(exact(inverseNormalCdf(u))))
          .exp();
        if (ref.gt('1.7e308') || ref.lt('2.3e-308')) continue;
        expect(relativeError(x, ref), `lognormal(${mu}, ${sigma}) at ${u}`).toBeLessThan(
          1e-15 * Math.max(1, Math.abs(mu) + 10 * sigma),
        );
      }
    }
  });

  it('triangular: the closed form at both ends, the mode at either bound included', () => {
    for (const [a, c, b] of [
      [0, 1, 4],
      [0, 0, 1],
      [0, 1, 1],
      [-1e6, 5, 1e6],
    ] as const) {
      const d = conditionDistribution({ type: 'triangular', min: a, mode: c, max: b });
      if (!d.ok) throw new Error(d.message);
      for (const u of [1e-12, 0.1, 0.5, 0.9, 1 - 1e-12]) {
        const x = d.value.quantile(u);
        // reference from the exact CDF at 60 digits
        const A = exact(a);
        const B = exact(b);
        const C = exact(c);
        const fc = C.minus(A).div(B.minus(A));
        const U = exact(u);
        const ref = U.lte(fc)
          ? A.plus(U.times(B.minus(A)).times(C.minus(A)).sqrt())
          : B.minus(exact(1).minus(U).times(B.minus(A)).times(B.minus(C)).sqrt());
        expect(
          exact(x).minus(ref).abs().toNumber(),
          `triangular(${a}, ${c}, ${b}) at ${u}`,
        ).toBeLessThanOrEqual(4 * Math.max(ulp(x), EPS * (b - a))); // computed from an end of the support: a few ulps of its width
      }
    }
  });
});
