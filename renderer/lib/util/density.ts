// A density curve for the uncertainty editor's small preview (approximate where closed forms are awkward).
import type { Distribution } from '../../../models/random/Distribution';
import { Z95 } from '../../../models/random/quantileFunction';
import { lnBeta } from '../../../models/random/specialFunctions';

export type Curve = { readonly xs: number[]; readonly ys: number[]; readonly discrete: boolean };

const normalPdf = (x: number, m: number, s: number): number =>
  Math.exp(-0.5 * ((x - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));

const betaPdf = (u: number, a: number, b: number): number => {
  if (u <= 0 || u >= 1) return 0;
  return Math.exp((a - 1) * Math.log(u) + (b - 1) * Math.log(1 - u) - lnBeta(a, b));
};

/** Normalise "0.2 to 0.6" shorthand or a Distribution-like object to a Distribution (null if unusable). */
export const asDistribution = (u: unknown): Distribution | null => {
  if (typeof u === 'string') {
    const m = /^\s*(-?[\d.]+(?:e[+-]?\d+)?)\s+to\s+(-?[\d.]+(?:e[+-]?\d+)?)\s*$/i.exec(u);
    return m ? { type: 'interval90', low: Number(m[1]), high: Number(m[2]) } : null;
  }
  if (typeof u === 'object' && u !== null && typeof (u as { type?: unknown }).type === 'string') {
    return u as Distribution;
  }
  return null;
};

const grid = (lo: number, hi: number, n = 60): number[] =>
  Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));

/** Points of the density (or probability mass for discrete ones); null when the fields are not usable yet. */
export const densityCurve = (d: Distribution): Curve | null => {
  const fin = (...v: (number | undefined)[]) => v.every((x) => x === undefined || Number.isFinite(x));
  switch (d.type) {
    case 'fixed':
      return fin(d.value) ? { xs: [d.value], ys: [1], discrete: true } : null;
    case 'uniform': {
      if (!fin(d.min, d.max) || !(d.max > d.min)) return null;
      const xs = grid(d.min, d.max, 2);
      return { xs, ys: xs.map(() => 1 / (d.max - d.min)), discrete: false };
    }
    case 'normal': {
      if (!fin(d.mean, d.sd, d.min, d.max) || !(d.sd > 0)) return null;
      const lo = d.min ?? d.mean - 3.5 * d.sd;
      const hi = d.max ?? d.mean + 3.5 * d.sd;
      if (!(hi > lo)) return null;
      const xs = grid(lo, hi);
      return { xs, ys: xs.map((x) => normalPdf(x, d.mean, d.sd)), discrete: false };
    }
    case 'lognormal': {
      if (!fin(d.mu, d.sigma) || !(d.sigma > 0)) return null;
      const xs = grid(1e-9, Math.exp(d.mu + 3 * d.sigma));
      return {
        xs,
        ys: xs.map((x) => (x <= 0 ? 0 : normalPdf(Math.log(x), d.mu, d.sigma) / x)),
        discrete: false,
      };
    }
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      if (!fin(a, b, c) || !(b > a) || c < a || c > b) return null;
      const xs = grid(a, b);
      const ys = xs.map((x) =>
        x < c ? (2 * (x - a)) / ((b - a) * (c - a || 1)) : (2 * (b - x)) / ((b - a) * (b - c || 1)),
      );
      return { xs, ys, discrete: false };
    }
    case 'pert': {
      const { min: a, mode: c, max: b } = d;
      const l = d.lambda ?? 4;
      if (!fin(a, b, c, l) || !(b > a) || c < a || c > b) return null;
      const al = 1 + (l * (c - a)) / (b - a);
      const be = 1 + (l * (b - c)) / (b - a);
      const xs = grid(a, b);
      return { xs, ys: xs.map((x) => betaPdf((x - a) / (b - a), al, be) / (b - a)), discrete: false };
    }
    case 'beta': {
      const a = d.min ?? 0;
      const b = d.max ?? 1;
      if (!fin(d.alpha, d.beta, a, b) || !(d.alpha > 0 && d.beta > 0 && b > a)) return null;
      const xs = grid(a, b);
      return {
        xs,
        ys: xs.map((x) => betaPdf((x - a) / (b - a), d.alpha, d.beta) / (b - a)),
        discrete: false,
      };
    }
    case 'bernoulli':
      return fin(d.p) && d.p >= 0 && d.p <= 1 ? { xs: [0, 1], ys: [1 - d.p, d.p], discrete: true } : null;
    case 'discrete': {
      if (!Array.isArray(d.values) || d.values.length === 0 || !fin(...d.values)) return null;
      const w = d.weights && d.weights.length === d.values.length ? d.weights : d.values.map(() => 1);
      const sum = w.reduce((s, x) => s + x, 0);
      if (!(sum > 0)) return null;
      return { xs: [...d.values], ys: w.map((x) => x / sum), discrete: true };
    }
    case 'interval90': {
      const { low, high } = d;
      if (!fin(low, high) || !(high > low)) return null;
      if (low > 0) {
        const mu = (Math.log(low) + Math.log(high)) / 2;
        const sigma = (Math.log(high) - Math.log(low)) / (2 * Z95);
        return densityCurve({ type: 'lognormal', mu, sigma });
      }
      const mean = (low + high) / 2;
      return densityCurve({ type: 'normal', mean, sd: (high - low) / (2 * Z95) });
    }
    default:
      return null;
  }
};

/** Default fields when the user picks a distribution type for a parameter with this range and default. */
export const defaultDistribution = (
  type: string,
  p: { min: number; max: number; value: number },
): unknown => {
  const { min, max, value } = p;
  const span = max - min || 1;
  switch (type) {
    case 'fixed':
      return { type, value };
    case 'uniform':
      return { type, min, max };
    case 'normal':
      return { type, mean: value, sd: span / 6, min, max };
    case 'lognormal':
      return { type, mu: Math.log(Math.max(value, 1e-6)), sigma: 0.3 };
    case 'triangular':
    case 'pert':
      return { type, min, mode: value, max };
    case 'beta':
      return { type, alpha: 2, beta: 2, min, max };
    case 'bernoulli':
      return { type, p: 0.5 };
    case 'discrete':
      return { type, values: [min, value, max] };
    case 'interval90':
      return `${Number((min + span * 0.1).toPrecision(3))} to ${Number((max - span * 0.1).toPrecision(3))}`;
    default:
      return undefined;
  }
};
