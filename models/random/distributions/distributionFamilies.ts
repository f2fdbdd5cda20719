// The registry of distribution families, and the few functions everything else calls: validate, describe, condition
// on a window (the range rule), and quantiles.
import type { Distribution } from '../Distribution';
import { Bernoulli } from './Bernoulli';
import { Beta } from './Beta';
import { Discrete } from './Discrete';
import type { ConditionResult, DistributionFamily } from './DistributionFamily';
import { Fixed } from './Fixed';
import { Interval90 } from './Interval90';
import { Lognormal } from './Lognormal';
import { Normal } from './Normal';
import { Pert } from './Pert';
import { Triangular } from './Triangular';
import { Uniform } from './Uniform';

/** Every family, by its `type`. */
export const DISTRIBUTION_FAMILIES = {
  fixed: Fixed,
  uniform: Uniform,
  normal: Normal,
  lognormal: Lognormal,
  triangular: Triangular,
  pert: Pert,
  beta: Beta,
  bernoulli: Bernoulli,
  discrete: Discrete,
  interval90: Interval90,
} as const satisfies {
  readonly [T in Distribution['type']]: DistributionFamily<Extract<Distribution, { type: T }>>;
};

export type DistributionType = keyof typeof DISTRIBUTION_FAMILIES;

/** The family of a distribution object, or undefined for an unknown type. */
export const familyOf = (d: { readonly type: unknown }): DistributionFamily | undefined =>
  typeof d.type === 'string' && Object.prototype.hasOwnProperty.call(DISTRIBUTION_FAMILIES, d.type)
    ? (DISTRIBUTION_FAMILIES[d.type as DistributionType] as unknown as DistributionFamily)
    : undefined;

/** Every problem with a distribution's own fields: [field ('' = the whole), message]. Empty = valid. */
export const distributionProblems = (d: Distribution): [string, string][] => {
  const f = familyOf(d);
  if (!f) return [['type', `unknown distribution type "${String((d as { type: unknown }).type)}"`]];
  return f.problems(d);
};

/** One line naming a distribution for messages, e.g. `normal (mean 1, sd 0.608)`. */
export const describeDistribution = (d: Distribution): string => familyOf(d)?.describe(d) ?? String(d.type);

/**
 * d conditioned on [lo, hi] (default: the whole line, i.e. d itself): the one place that decides whether d can be
 * sampled there. An invalid d gives its first problem.
 */
export const conditionDistribution = (d: Distribution, lo = -Infinity, hi = Infinity): ConditionResult => {
  const problems = distributionProblems(d);
  if (problems.length) {
    const [field, message] = problems[0] as [string, string];
    return { ok: false, message: field ? `${field} ${message}` : message };
  }
  return (familyOf(d) as DistributionFamily).condition(d, lo, hi);
};
