// Discrete: one of `values` with probability proportional to `weights` (equal weights when absent).
import type { Distribution } from '../Distribution';
import { conditionAtoms } from './conditionAtoms';
import { fmt, type DistributionFamily } from './DistributionFamily';

type DiscreteDistribution = Extract<Distribution, { type: 'discrete' }>;

export const Discrete: DistributionFamily<DiscreteDistribution> = {
  type: 'discrete',
  label: 'Discrete',
  fields: [
    { key: 'values', label: 'Values', optional: false, kind: 'numbers' },
    { key: 'weights', label: 'Weights (equal if empty)', optional: true, kind: 'numbers' },
  ],
  problems(d) {
    const out: [string, string][] = [];
    if (!Array.isArray(d.values) || d.values.length === 0) out.push(['values', 'needs at least one value']);
    else if (!d.values.every(Number.isFinite)) out.push(['values', 'must all be finite numbers']);
    if (d.weights !== undefined) {
      if (!Array.isArray(d.weights) || d.weights.length !== (d.values?.length ?? 0)) {
        out.push([
          'weights',
          `needs one weight per value (${d.values?.length ?? 0}), got ${d.weights?.length ?? 0}`,
        ]);
      } else if (!d.weights.every((w) => Number.isFinite(w) && w >= 0)) {
        out.push(['weights', 'must be finite numbers, none negative']);
      } else {
        const total = d.weights.reduce((s, w) => s + w, 0);
        if (!(total > 0)) out.push(['weights', 'must not all be 0']);
        else if (!Number.isFinite(total)) out.push(['weights', 'their sum is too large (beyond ±1.8e308)']);
      }
    }
    return out;
  },
  describe: (d) =>
    `discrete (${d.values.length <= 5 ? d.values.map(fmt).join(', ') : `${d.values.length} values from ${fmt(Math.min(...d.values))} to ${fmt(Math.max(...d.values))}`})`,
  condition: (d, lo, hi) => conditionAtoms(d.values, d.weights ?? null, lo, hi),
};
