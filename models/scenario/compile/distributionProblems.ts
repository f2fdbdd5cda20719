// A parameter's uncertainty: the "low to high" shorthand, and each distribution's own consistency checks (the one
// place these rules live).
import type { Distribution } from '../../random/Distribution';
import { INTERVAL_SHORTHAND, type Scenario } from '../scenarioSchema';

/** A distribution as written in a scenario file (the object form). */
export type ScenarioDistribution = Exclude<
  NonNullable<NonNullable<Scenario['parameters']>[string]['uncertainty']>,
  string
>;

/** Check a distribution's own consistency; returns messages keyed by field ('' = the whole). */
export const distributionProblems = (d: ScenarioDistribution | Distribution): [string, string][] => {
  const out: [string, string][] = [];
  const order = (lo: string, hi: string, a: number, b: number, strict = true): void => {
    if (strict ? !(a < b) : !(a <= b))
      out.push([hi, `must be ${strict ? 'greater than' : 'at least'} ${lo} (${a})`]);
  };
  switch (d.type) {
    case 'fixed':
      break;
    case 'uniform':
      order('min', 'max', d.min, d.max);
      break;
    case 'normal':
      if (d.sd < 0) out.push(['sd', 'must not be negative']);
      if (d.min !== undefined && d.max !== undefined) order('min', 'max', d.min, d.max);
      break;
    case 'lognormal':
      if (d.sigma < 0) out.push(['sigma', 'must not be negative']);
      break;
    case 'triangular':
    case 'pert':
      order('min', 'max', d.min, d.max);
      if (d.mode < d.min || d.mode > d.max)
        out.push(['mode', `must lie between min and max (${d.min} to ${d.max})`]);
      if (d.type === 'pert' && d.lambda !== undefined && !(d.lambda > 0))
        out.push(['lambda', 'must be positive']);
      break;
    case 'beta':
      if (!(d.alpha > 0)) out.push(['alpha', 'must be positive']);
      if (!(d.beta > 0)) out.push(['beta', 'must be positive']);
      if (d.min !== undefined || d.max !== undefined) order('min', 'max', d.min ?? 0, d.max ?? 1);
      break;
    case 'bernoulli':
      if (!(d.p >= 0 && d.p <= 1)) out.push(['p', 'is a probability: must be between 0 and 1']);
      break;
    case 'discrete':
      if (d.weights !== undefined) {
        if (d.weights.length !== d.values.length) {
          out.push(['weights', `needs one weight per value (${d.values.length}), got ${d.weights.length}`]);
        }
        if (d.weights.some((w) => !(w >= 0))) out.push(['weights', 'must not be negative']);
        else if (!(d.weights.reduce((s, w) => s + w, 0) > 0)) out.push(['weights', 'must not all be 0']);
      }
      break;
    case 'interval90':
      order('low', 'high', d.low, d.high);
      break;
  }
  return out;
};

/** "0.2 to 0.6" → interval90; objects pass through; any other text → null. */
export const toDistribution = (u: string | ScenarioDistribution): Distribution | null => {
  if (typeof u !== 'string') return u as Distribution;
  const m = INTERVAL_SHORTHAND.exec(u);
  return m ? { type: 'interval90', low: Number(m[1]), high: Number(m[2]) } : null;
};
