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

// Conditioning costs far more than a draw (window masses, moments, the median; a beta's quantile table is built on
// its first draw): about 0.4 ms per parameter, paid by every run, estimate, sweep point and worker job. The results
// are pure functions of (d, min, max) — their quantile functions hold no state beyond that lazily built table,
// which is itself a pure function of d — so the last CACHE_LIMIT valid ones are kept, keyed by value (a spec
// cloned into a worker hits as well). Same functions, same draws.
const CACHE_LIMIT = 64;
const cache = new Map<string, ConditionResult>();

/** The cache key: d's JSON with −0 told apart from 0 (a draw may be a bound), then the bounds likewise. */
const keyOf = (d: Distribution, min: number, max: number): string => {
  const num = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));
  return `${JSON.stringify(d, (_k, v: unknown) => (Object.is(v, -0) ? '-0' : v))}|${num(min)}|${num(max)}`;
};

/** What a parameter with range [min, max] and uncertainty d draws from: d conditioned on [min, max]. */
export const parameterDistribution = (d: Distribution, min: number, max: number): ConditionResult => {
  const key = keyOf(d, min, max);
  const hit = cache.get(key);
  if (hit) return hit;
  const r = conditionDistribution(d, min, max);
  if (r.ok) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, r);
  }
  return r;
};

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
