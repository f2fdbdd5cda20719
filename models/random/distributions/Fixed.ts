// A fixed value: the point mass. The degenerate rule, applied by every family: a distribution whose spread is 0
// (uniform/triangular/PERT/beta with min = max, normal with sd = 0 or min = max, lognormal with sigma = 0, "x to x")
// is the point mass at that value, accepted and sampled exactly as this one.
import type { Distribution } from '../Distribution';
import { conditionPoint } from './conditionAtoms';
import { finiteFields, fmt, type DistributionFamily } from './DistributionFamily';

type FixedDistribution = Extract<Distribution, { type: 'fixed' }>;

export const Fixed: DistributionFamily<FixedDistribution> = {
  type: 'fixed',
  label: 'Fixed',
  fields: [{ key: 'value', label: 'Value', optional: false, kind: 'number' }],
  problems(d) {
    const out: [string, string][] = [];
    finiteFields(d, ['value'], out);
    return out;
  },
  describe: (d) => `fixed (${fmt(d.value)})`,
  condition: (d, lo, hi) => conditionPoint(d.value, lo, hi),
};
