// Inverse-CDF sampling for every Distribution: each maps a uniform u in (0, 1) to a value, monotonically, so plain
// Monte Carlo, Latin hypercube and Iman–Conover all sample through the same function. The mathematics lives in the
// family modules (models/random/distributions/); this is their entry point for samplers.
import type { Distribution } from './Distribution';
import type { QuantileFn } from './distributions/DistributionFamily';
import { conditionDistribution, distributionProblems } from './distributions/distributionFamilies';

export type { QuantileFn };
export { Z95 } from './distributions/Interval90';

/** A plain-language problem with a distribution (its first), or null when it is valid. */
export const distributionProblem = (d: Distribution): string | null => {
  const p = distributionProblems(d)[0];
  return p ? (p[0] ? `${d.type} ${p[0]} ${p[1]}` : p[1]) : null;
};

/**
 * The quantile function of d conditioned on [lo, hi] (default: d itself), constants precomputed. Throws an Error
 * with a plain message when d is invalid or the window holds none of it.
 */
export const quantileFunction = (d: Distribution, lo = -Infinity, hi = Infinity): QuantileFn => {
  const r = conditionDistribution(d, lo, hi);
  if (!r.ok) throw new Error(r.message);
  return r.value.quantile;
};

/** The p-quantile of a distribution (e.g. p = 0.05 and 0.95 for a tornado's low/high). */
export const distributionQuantile = (d: Distribution, p: number, lo = -Infinity, hi = Infinity): number =>
  quantileFunction(d, lo, hi)(p);
