// A continuous distribution with a bounded support (triangular, beta, PERT) conditioned on a window: the window's
// mass and the inverse CDF are taken from the tail the window lies in (cdf and quantile below the median, sf and
// the upper quantile above it), so a window far in either tail keeps full precision; a window so narrow that its
// mass is lost to cancellation is sampled from the linear interpolation of the density across it (exact to far
// below rounding at such widths).
import type { ConditionResult, Support } from './DistributionFamily';
import { fmt } from './DistributionFamily';
import { conditionPoint } from './conditionAtoms';

/** What a continuous family supplies (its own distribution, unconditioned). */
export type ContinuousBase = {
  readonly support: Support;
  /** P(X ≤ x), accurate in the lower tail. */
  readonly cdf: (x: number) => number;
  /** P(X > x), accurate in the upper tail. */
  readonly sf: (x: number) => number;
  /** x with cdf(x) = p, accurate for p ≤ ½. */
  readonly quantile: (p: number) => number;
  /** x with sf(x) = q, accurate for q ≤ ½. */
  readonly upperQuantile: (q: number) => number;
  readonly pdf: (x: number) => number;
  /** Mean and variance conditioned on [lo, hi] ⊆ support (closed forms; only called on wide windows). */
  readonly moments: (lo: number, hi: number) => readonly [number, number];
};

/** Below this share of the subtracted probabilities, a window's mass is taken as narrow (see the file comment). */
const NARROW = 1e-6;

export const conditionContinuous = (base: ContinuousBase, lo: number, hi: number): ConditionResult => {
  const s = base.support;
  const L = Math.max(lo, s.lo);
  const H = Math.min(hi, s.hi);
  if (!(L <= H)) {
    return {
      ok: false,
      message: `its values lie in ${fmt(s.lo)} to ${fmt(s.hi)}, outside ${fmt(lo)} to ${fmt(hi)}: there is nothing to draw`,
    };
  }
  const cutBelow = lo > s.lo ? base.cdf(lo) : 0;
  const cutAbove = hi < s.hi ? base.sf(hi) : 0;
  if (L === H) {
    const r = conditionPoint(L, lo, hi);
    return r.ok ? { ok: true, value: { ...r.value, cutBelow, cutAbove } } : r;
  }
  const cH = base.cdf(H);
  const sL = base.sf(L);
  let Z: number;
  let scale: number;
  if (cH <= 0.5) {
    Z = cH - cutBelow;
    scale = cH;
  } else if (sL <= 0.5) {
    Z = sL - cutAbove;
    scale = sL;
  } else {
    Z = 1 - cutBelow - cutAbove;
    scale = 1;
  }
  if (!(Z > 0)) {
    return {
      ok: false,
      message: `${fmt(lo)} to ${fmt(hi)} holds less than 1e-300 of it: there is nothing to draw`,
    };
  }
  const support: Support = { lo: L, hi: H, loClosed: true, hiClosed: true, atoms: null };
  const f0 = base.pdf(L);
  const f1 = base.pdf(H);
  const w = H - L;
  if (Z < NARROW * scale && Number.isFinite(f0) && Number.isFinite(f1) && f0 + f1 > 0) {
    // linear density across the window: CDF (f0 s + (f1 − f0) s²/(2w)) / ((f0 + f1) w / 2), inverted without
    // cancellation as s = w·u·(f0 + f1) / (f0 + √(f0² + u(f1² − f0²)))
    const sum = f0 + f1;
    const quantile = (u: number): number => {
      const x = L + (w * u * sum) / (f0 + Math.sqrt(f0 * f0 + u * (f1 * f1 - f0 * f0)));
      return x > H ? H : x;
    };
    return {
      ok: true,
      value: {
        cutBelow,
        cutAbove,
        support,
        mean: L + (w * (f0 + 2 * f1)) / (3 * sum),
        variance: (w * w * (f0 * f0 + 4 * f0 * f1 + f1 * f1)) / (18 * sum * sum),
        quantile,
        cdf: (x) => {
          if (x <= L) return 0;
          if (x >= H) return 1;
          const t = x - L;
          return (f0 * t + ((f1 - f0) * t * t) / (2 * w)) / ((sum * w) / 2);
        },
        pdf: (x) => (x < L || x > H ? 0 : (f0 + ((f1 - f0) * (x - L)) / w) / ((sum * w) / 2)),
        discrete: false,
      },
    };
  }
  const lower = (u: number): number => base.quantile(cutBelow + u * Z);
  const upper = (u: number): number => base.upperQuantile(cutAbove + (1 - u) * Z);
  let quantile: (u: number) => number;
  const clamp = (x: number): number => (x < L ? L : x > H ? H : x);
  if (cH <= 0.5) quantile = (u) => clamp(lower(u));
  else if (sL <= 0.5) quantile = (u) => clamp(upper(u));
  else {
    // the window holds the median: lower tail below it, upper tail above, meeting at the median exactly
    const uMid = (0.5 - cutBelow) / Z;
    const xMid = base.quantile(0.5);
    quantile = (u) => {
      if (u < uMid) {
        const x = lower(u);
        return clamp(x > xMid ? xMid : x);
      }
      const x = upper(u);
      return clamp(x < xMid ? xMid : x);
    };
  }
  const [mean, variance] = base.moments(L, H);
  return {
    ok: true,
    value: {
      cutBelow,
      cutAbove,
      support,
      mean,
      variance,
      quantile,
      cdf: (x) => {
        if (x <= L) return 0;
        if (x >= H) return 1;
        const c = base.cdf(x);
        return c <= 0.5 ? (c - cutBelow) / Z : 1 - (base.sf(x) - cutAbove) / Z;
      },
      pdf: (x) => (x < L || x > H ? 0 : base.pdf(x) / Z),
      discrete: false,
    },
  };
};
