// THE RANGE RULE. A parameter's declared range [min, max] bounds every value it takes: its slider, `--set`, sweep
// grids, compare variants and its uncertainty draws. The draws come from the declared distribution CONDITIONED on
// [min, max] (truncated: exact inverse CDF of the conditional distribution, never a clamp), so "0 to 2" on a range
// 0.5 to 2 keeps its shape inside the range. Validation warns when the range cuts off more than RANGE_CUT_WARNING
// of the distribution (the sampled distribution is then visibly not the declared one) and refuses a range that
// holds none of it. The domain checks see the range AND the distribution's central 1 − 2·DECLARED_TAIL (see
// declaredInterval): a range may bound the draws, but it may not be the only thing that keeps a formula defined
// where the declared distribution says the value can be.
import type { Distribution } from './Distribution';
import type { ConditionResult } from './distributions/DistributionFamily';
import { conditionDistribution } from './distributions/distributionFamilies';

/** Validation warns when a parameter's range cuts off more than this share of its distribution. */
export const RANGE_CUT_WARNING = 0.01;

/** Mass left out in each tail of the interval a distribution "declares" its values lie in (1 in 20,000). */
export const DECLARED_TAIL = 5e-5;

/** What a parameter with range [min, max] and uncertainty d draws from: d conditioned on [min, max]. */
export const parameterDistribution = (d: Distribution, min: number, max: number): ConditionResult =>
  conditionDistribution(d, min, max);

/**
 * The values a file declares possible for a parameter: the hull of its range [min, max] and its distribution's
 * central interval [Q(DECLARED_TAIL), Q(1 − DECLARED_TAIL)] (a valid d assumed; an invalid one adds nothing).
 */
export const declaredInterval = (d: Distribution | null, min: number, max: number): [number, number] => {
  if (!d) return [min, max];
  const r = conditionDistribution(d);
  if (!r.ok) return [min, max];
  const q = r.value.quantile;
  return [Math.min(min, q(DECLARED_TAIL)), Math.max(max, q(1 - DECLARED_TAIL))];
};
