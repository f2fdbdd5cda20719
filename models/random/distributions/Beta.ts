// Beta(alpha, beta) scaled to [min, max] (default [0, 1]): the regularized incomplete beta function for the tails
// (each computed directly on its own side) and its inverse for quantiles, to a few units in the last place for
// alpha and beta from 1e-3 to 1e6 (tests/models/random); min = max is the point mass.
//
// Sampling speed: the robust inverse (Newton in ln x inside a bisection bracket) costs a few µs, so the sampler
// keeps a table of exact quantiles at u = i/256 (built on first use) and, for u between two nodes, starts from the
// cubic Hermite interpolant and runs Newton's method on the exact CDF inside the two nodes' bracket until the step is
// below rounding (quadratic convergence: one or two CDF evaluations). The result is the exact quantile, not an
// interpolation; the first and last table intervals use the robust inverse.
import { exp } from '../../math/exp';
import type { Distribution } from '../Distribution';
import {
  betaLogPdf,
  betaShape,
  betaTails,
  inverseBeta,
  inverseBetaUpper,
  type BetaShape,
} from '../specialFunctions';
import { conditionPoint } from './conditionAtoms';
import { conditionContinuous, type ContinuousBase } from './conditionContinuous';
import { finiteFields, fmt, type DistributionFamily } from './DistributionFamily';

type BetaDistribution = Extract<Distribution, { type: 'beta' }>;

/** Largest shape parameter accepted (the continued fraction needs about √shape terms). */
export const MAX_BETA_SHAPE = 1e6;

const NODES = 256;

/**
 * Exact quantile of Beta(a, b) on [0, 1] from (p, q = 1 − p): returns x, and writes y = 1 − x to yOut[0] (with full
 * relative precision when x > ½).
 */
const betaQuantileFunction = (s: BetaShape): ((p: number, q: number, yOut: Float64Array) => number) => {
  // nodes: x_i and y_i = 1 − x_i (each exact on its small side), density f_i
  let xs: Float64Array | null = null;
  let ys: Float64Array | null = null;
  let fs: Float64Array | null = null;
  const build = (): void => {
    xs = new Float64Array(NODES + 1);
    ys = new Float64Array(NODES + 1);
    fs = new Float64Array(NODES + 1);
    ys[0] = 1;
    xs[NODES] = 1;
    for (let i = 1; i < NODES; i++) {
      const p = i / NODES;
      const q = (NODES - i) / NODES;
      const below = p <= 0.5 ? p <= s.halfLower : q >= s.halfUpper;
      if (below) {
        const x = inverseBeta(p, q, s);
        xs[i] = x;
        ys[i] = 1 - x;
      } else {
        const y = inverseBetaUpper(p, q, s);
        ys[i] = y;
        xs[i] = 1 - y;
      }
      fs[i] = exp(betaLogPdf(xs[i] as number, ys[i] as number, s));
    }
  };
  const out = new Float64Array(3);
  return (p, q, yOut) => {
    const t = p * NODES;
    if (!(t >= 1 && t < NODES - 1)) {
      const below = p <= 0.5 ? p <= s.halfLower : q >= s.halfUpper;
      if (below) {
        const x = inverseBeta(p, q, s);
        yOut[0] = 1 - x;
        return x;
      }
      const y = inverseBetaUpper(p, q, s);
      yOut[0] = y;
      return 1 - y;
    }
    if (!xs) build();
    const X = xs as unknown as Float64Array;
    const Y = ys as unknown as Float64Array;
    const F = fs as unknown as Float64Array;
    const i = Math.floor(t);
    const f = t - i;
    // work in x when the bracket starts below ½, else in y (as a quantile of Beta(b, a) from q)
    const inX = (X[i] as number) < 0.5;
    const V = inX ? X : Y;
    const sh = inX ? s : s.mirror;
    const pv = inX ? p : q;
    const qv = inX ? q : p;
    // bracket: the two nodes (in y, the order flips)
    let lo = inX ? (V[i] as number) : (V[i + 1] as number);
    let hi = inX ? (V[i + 1] as number) : (V[i] as number);
    // cubic Hermite start in u (slopes dv/du = ±1/f)
    const h = 1 / NODES;
    const sign = inX ? 1 : -1;
    const f2 = f * f;
    const f3 = f2 * f;
    if (f === 0) {
      // u on a node: the table holds the exact quantile
      const node = V[i] as number;
      yOut[0] = inX ? 1 - node : node;
      return inX ? node : 1 - node;
    }
    let v =
      (2 * f3 - 3 * f2 + 1) * (V[i] as number) +
      (f3 - 2 * f2 + f) * h * (sign / (F[i] as number)) +
      (-2 * f3 + 3 * f2) * (V[i + 1] as number) +
      (f3 - f2) * h * (sign / (F[i + 1] as number));
    if (!(v > lo && v < hi)) v = 0.5 * (lo + hi);
    const useLower = pv <= 0.5;
    let overshoots = 0;
    for (let it = 0; it < 100; it++) {
      betaTails(v, 1 - v, sh, out);
      // r = P(V ≤ v) − pv, from the tail given exactly
      const r = useLower ? (out[0] as number) - pv : qv - (out[1] as number);
      if (r === 0) break;
      if (r > 0) hi = v;
      else lo = v;
      let next = v - r / (out[2] as number);
      let newton = true;
      if (!(next >= lo && next <= hi)) {
        // Newton left the bracket: try the end it overshot (a node, or a point already evaluated) once, then bisect
        newton = false;
        next = overshoots++ === 0 ? (next > hi ? hi : lo) : 0.5 * (lo + hi);
      }
      const dv = Math.abs(next - v);
      v = next;
      if (hi - lo <= 2.5e-16 * v || dv <= 1e-17 * v) break;
      // after a Newton step the error is about K·dv², K = |f'/(2f)| = |(a−1)/v − (b−1)/(1−v)|/2: stop when that
      // is below rounding
      if (newton && 0.5 * Math.abs((sh.a - 1) / v - (sh.b - 1) / (1 - v)) * dv * dv <= 1e-17 * v) break;
    }
    if (inX) {
      yOut[0] = 1 - v;
      return v;
    }
    yOut[0] = v;
    return 1 - v;
  };
};

/** Beta(a, b) scaled to [min, max] (min < max) as a ContinuousBase. */
export const scaledBeta = (a: number, b: number, min: number, max: number): ContinuousBase => {
  const span = max - min;
  const shape = betaShape(a, b);
  const tails = new Float64Array(2);
  const q01 = betaQuantileFunction(shape);
  const yOut = new Float64Array(1);
  // position in [0, 1] from both ends, so neither is the rounding of 1 − the other
  const cdf = (x: number): number =>
    x <= min ? 0 : x >= max ? 1 : (betaTails((x - min) / span, (max - x) / span, shape, tails)[0] as number);
  const sf = (x: number): number =>
    x <= min ? 1 : x >= max ? 0 : (betaTails((x - min) / span, (max - x) / span, shape, tails)[1] as number);
  const at = (p: number, q: number): number => {
    const x = q01(p, q, yOut);
    // from the end it is closest to
    return x <= 0.5 ? min + span * x : max - span * (yOut[0] as number);
  };
  /** ΔI over [L, H] for Beta(a2, b) (a2 = a, a + 1, a + 2), from the side the window lies on. */
  const delta = (a2: number, L: number, H: number): number => {
    const sh = betaShape(a2, b);
    const tl = betaTails((L - min) / span, (max - L) / span, sh, new Float64Array(2));
    const th = betaTails((H - min) / span, (max - H) / span, sh, new Float64Array(2));
    return (th[0] as number) <= 0.5
      ? (th[0] as number) - (tl[0] as number)
      : (tl[1] as number) <= 0.5
        ? (tl[1] as number) - (th[1] as number)
        : 1 - (tl[0] as number) - (th[1] as number);
  };
  return {
    support: { lo: min, hi: max, loClosed: true, hiClosed: true, atoms: null },
    cdf,
    sf,
    pdf: (x) => {
      if (!(x >= min && x <= max)) return 0;
      const u = (x - min) / span;
      const v = (max - x) / span;
      if (u === 0 || v === 0) {
        // at an end the density is the limit of t^(e − 1)/B(a, b), e the exponent of that end: 0, 1/B or ∞
        const e = u === 0 ? shape.a : shape.b;
        return e > 1 ? 0 : e < 1 ? Infinity : exp(-shape.lnB) / span;
      }
      return exp(betaLogPdf(u, v, shape)) / span;
    },
    quantile: (p) => at(p, 1 - p),
    upperQuantile: (q) => at(1 - q, q),
    moments(L, H) {
      const s = a + b;
      if (L <= min && H >= max) {
        return [min + (span * a) / s, (span * span * a * b) / (s * s * (s + 1))];
      }
      // E[T] = a/(a+b) ΔI(a+1, b)/ΔI(a, b), E[T²] = a(a+1)/((a+b)(a+b+1)) ΔI(a+2, b)/ΔI(a, b)
      const z = delta(a, L, H);
      const m1 = ((a / s) * delta(a + 1, L, H)) / z;
      const m2 = (((a * (a + 1)) / (s * (s + 1))) * delta(a + 2, L, H)) / z;
      return [min + span * m1, span * span * Math.max(0, m2 - m1 * m1)];
    },
  };
};

export const Beta: DistributionFamily<BetaDistribution> = {
  type: 'beta',
  label: 'Beta',
  fields: [
    { key: 'alpha', label: 'α', optional: false, kind: 'number' },
    { key: 'beta', label: 'β', optional: false, kind: 'number' },
    { key: 'min', label: 'Min (default 0)', optional: true, kind: 'number' },
    { key: 'max', label: 'Max (default 1)', optional: true, kind: 'number' },
  ],
  problems(d) {
    const out: [string, string][] = [];
    for (const k of ['alpha', 'beta'] as const) {
      const v = d[k];
      if (!Number.isFinite(v) || !(v > 0)) out.push([k, 'must be a positive number']);
      else if (v > MAX_BETA_SHAPE) out.push([k, `must be at most ${MAX_BETA_SHAPE.toExponential(0)}`]);
    }
    if (finiteFields(d, ['min', 'max'], out)) {
      const min = d.min ?? 0;
      const max = d.max ?? 1;
      if (max < min) out.push(['max', `must be at least min (${min})`]);
      else if (!Number.isFinite(max - min)) out.push(['max', 'max − min is too large (beyond ±1.8e308)']);
    }
    return out;
  },
  describe: (d) =>
    `beta (α ${fmt(d.alpha)}, β ${fmt(d.beta)}${d.min !== undefined || d.max !== undefined ? `, on ${fmt(d.min ?? 0)} to ${fmt(d.max ?? 1)}` : ''})`,
  condition(d, lo, hi) {
    const min = d.min ?? 0;
    const max = d.max ?? 1;
    if (min === max) return conditionPoint(min, lo, hi);
    return conditionContinuous(scaledBeta(d.alpha, d.beta, min, max), lo, hi);
  },
};
