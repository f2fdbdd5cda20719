// Lognormal: ln X ~ Normal(mu, sigma), support (0, ∞); a window [lo, hi] is the normal window [ln lo, ln hi] (the
// far tails in log space, as for the normal). sigma = 0 is the point mass at e^mu.
import { exp } from '../../math/exp';
import { log } from '../../math/log';
import type { Distribution } from '../Distribution';
import { normalLogPdf } from '../specialFunctions';
import { conditionPoint } from './conditionAtoms';
import { finiteFields, fmt, type ConditionResult, type DistributionFamily } from './DistributionFamily';
import { conditionNormal } from './Normal';
import { standardNormalLogMass, truncatedStandardNormal } from './truncatedStandardNormal';

type LognormalDistribution = Extract<Distribution, { type: 'lognormal' }>;

/** Lognormal(mu, sigma > 0) conditioned on [lo, hi]. */
export const conditionLognormal = (mu: number, sigma: number, lo: number, hi: number): ConditionResult => {
  if (!(hi > 0)) {
    return {
      ok: false,
      message: `${fmt(lo)} to ${fmt(hi)} is at or below 0, where a lognormal has no mass: there is nothing to draw`,
    };
  }
  const L = lo > 0 ? lo : 0;
  const logLo = lo > 0 ? log(lo) : -Infinity;
  const logHi = log(hi);
  const inner = conditionNormal(mu, sigma, -Infinity, Infinity, logLo, logHi);
  if (!inner.ok) return inner;
  const n = inner.value;
  if (n.support.atoms) return conditionPoint(exp(n.support.lo), lo, hi);
  const a = (logLo - mu) / sigma;
  const b = (logHi - mu) / sigma;
  const w = truncatedStandardNormal(a, b);
  // E[X^k | window] = e^{kμ + k²σ²/2} P(a − kσ ≤ Z ≤ b − kσ) / P(a ≤ Z ≤ b)
  const moment = (k: number): number =>
    exp(
      k * mu + 0.5 * k * k * sigma * sigma + standardNormalLogMass(a - k * sigma, b - k * sigma) - w.logMass,
    );
  const m1 = moment(1);
  return {
    ok: true,
    value: {
      cutBelow: n.cutBelow,
      cutAbove: n.cutAbove,
      support: { lo: L, hi, loClosed: L > 0, hiClosed: Number.isFinite(hi), atoms: null },
      mean: m1,
      variance: Math.max(0, moment(2) - m1 * m1),
      quantile: (u) => {
        const x = exp(n.quantile(u));
        return x < L ? L : x > hi ? hi : x;
      },
      cdf: (x) => (x <= 0 ? 0 : n.cdf(log(x))),
      pdf: (x) => (x <= L || x > hi ? 0 : exp(normalLogPdf((log(x) - mu) / sigma) - w.logMass) / (x * sigma)),
      discrete: false,
    },
  };
};

export const Lognormal: DistributionFamily<LognormalDistribution> = {
  type: 'lognormal',
  label: 'Lognormal',
  fields: [
    { key: 'mu', label: 'μ (log mean)', optional: false, kind: 'number' },
    { key: 'sigma', label: 'σ (log sd)', optional: false, kind: 'number' },
  ],
  problems(d) {
    const out: [string, string][] = [];
    if (!finiteFields(d, ['mu', 'sigma'], out)) return out;
    if (d.sigma < 0) out.push(['sigma', 'must not be negative']);
    if (Math.abs(d.mu) > 700)
      out.push(['mu', 'must be between −700 and 700 (e^mu must be a representable number)']);
    else if (d.sigma > 100) out.push(['sigma', 'must be at most 100']);
    return out;
  },
  describe: (d) => `lognormal (mu ${fmt(d.mu)}, sigma ${fmt(d.sigma)})`,
  condition(d, lo, hi) {
    if (d.sigma === 0) return conditionPoint(exp(d.mu), lo, hi);
    return conditionLognormal(d.mu, d.sigma, lo, hi);
  },
};
