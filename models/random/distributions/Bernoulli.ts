// Bernoulli: 1 with probability p, else 0.
import type { Distribution } from '../Distribution';
import { conditionAtoms } from './conditionAtoms';
import { finiteFields, fmt, type DistributionFamily } from './DistributionFamily';

type BernoulliDistribution = Extract<Distribution, { type: 'bernoulli' }>;

export const Bernoulli: DistributionFamily<BernoulliDistribution> = {
  type: 'bernoulli',
  label: 'Bernoulli',
  fields: [{ key: 'p', label: 'p', optional: false, kind: 'number' }],
  problems(d) {
    const out: [string, string][] = [];
    if (finiteFields(d, ['p'], out) && !(d.p >= 0 && d.p <= 1))
      out.push(['p', 'is a probability: must be between 0 and 1']);
    return out;
  },
  describe: (d) => `bernoulli (p ${fmt(d.p)})`,
  condition: (d, lo, hi) => conditionAtoms([0, 1], [1 - d.p, d.p], lo, hi),
};
