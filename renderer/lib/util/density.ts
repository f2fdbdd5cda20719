// A density curve for the uncertainty editor's small preview, from the distribution families themselves
// (models/random/distributions: the same validation, shorthand parser, support and pdf as validate and the sampler),
// conditioned on the parameter's range as its draws are (the range rule).
import type { Distribution } from '../../../models/random/Distribution';
import {
  conditionDistribution,
  distributionProblems,
} from '../../../models/random/distributions/distributionFamilies';
import { toDistribution } from '../../../models/random/distributions/toDistribution';

export type Curve = { readonly xs: number[]; readonly ys: number[]; readonly discrete: boolean };

/** Normalise "0.2 to 0.6" shorthand or a Distribution-like object to a Distribution (null if unusable). */
export const asDistribution = (u: unknown): Distribution | null => toDistribution(u);

const grid = (lo: number, hi: number, n = 60): number[] =>
  Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));

/**
 * Points of the density (or probability mass for discrete ones) of d conditioned on [lo, hi] (default: d itself);
 * null when the fields are not valid yet or the window holds none of d. Infinite ends are cut at the 0.1% and
 * 99.9% quantiles.
 */
export const densityCurve = (d: Distribution, lo = -Infinity, hi = Infinity): Curve | null => {
  if (distributionProblems(d).length) return null;
  const r = conditionDistribution(d, lo, hi);
  if (!r.ok) return null;
  const c = r.value;
  if (c.discrete || c.support.atoms) {
    const xs = [...(c.support.atoms ?? [c.quantile(0.5)])];
    return { xs, ys: xs.map((x) => c.pdf(x)), discrete: true };
  }
  const a = Number.isFinite(c.support.lo) ? c.support.lo : c.quantile(0.001);
  const b = Number.isFinite(c.support.hi) ? c.support.hi : c.quantile(0.999);
  if (!(b > a)) return { xs: [a], ys: [1], discrete: true };
  const xs = grid(a, b);
  return { xs, ys: xs.map((x) => c.pdf(x)), discrete: false };
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
