// "low to high": a 90% interval, low and high the 5th and 95th percentiles — a lognormal when 0 < low, a normal
// otherwise ("0 to 2" is a normal over the whole line: its range truncates it). low = high is the point mass.
import { log } from '../../math/log';
import type { Distribution } from '../Distribution';
import { conditionPoint } from './conditionAtoms';
import { finiteFields, fmt, type DistributionFamily } from './DistributionFamily';
import { conditionLognormal } from './Lognormal';
import { conditionNormal } from './Normal';

type Interval90Distribution = Extract<Distribution, { type: 'interval90' }>;

/** z such that Φ(z) = 0.95. */
export const Z95 = 1.6448536269514722;

/** The normal or lognormal a "low to high" interval stands for (low < high). */
export const interval90Shape = (
  d: Interval90Distribution,
):
  | { readonly kind: 'lognormal'; readonly mu: number; readonly sigma: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number } =>
  d.low > 0
    ? {
        kind: 'lognormal',
        mu: (log(d.low) + log(d.high)) / 2,
        sigma: (log(d.high) - log(d.low)) / (2 * Z95),
      }
    : { kind: 'normal', mean: (d.low + d.high) / 2, sd: (d.high - d.low) / (2 * Z95) };

export const Interval90: DistributionFamily<Interval90Distribution> = {
  type: 'interval90',
  label: '90% interval “low to high”',
  fields: [
    { key: 'low', label: 'Low (5%)', optional: false, kind: 'number' },
    { key: 'high', label: 'High (95%)', optional: false, kind: 'number' },
  ],
  problems(d) {
    const out: [string, string][] = [];
    if (!finiteFields(d, ['low', 'high'], out)) return out;
    if (d.high < d.low) out.push(['high', `must be at least low (${d.low})`]);
    else if (!Number.isFinite(Math.abs(d.low) + 40 * (d.high - d.low)))
      out.push(['high', 'high − low is too large']);
    return out;
  },
  describe(d) {
    if (d.low === d.high) return `"${d.low} to ${d.high}" (the point ${fmt(d.low)})`;
    const s = interval90Shape(d);
    return s.kind === 'lognormal'
      ? `"${d.low} to ${d.high}" (90% interval: lognormal, mu ${fmt(s.mu)}, sigma ${fmt(s.sigma)})`
      : `"${d.low} to ${d.high}" (90% interval: normal, mean ${fmt(s.mean)}, sd ${fmt(s.sd)})`;
  },
  condition(d, lo, hi) {
    if (d.low === d.high) return conditionPoint(d.low, lo, hi);
    const s = interval90Shape(d);
    return s.kind === 'lognormal'
      ? conditionLognormal(s.mu, s.sigma, lo, hi)
      : conditionNormal(s.mean, s.sd, -Infinity, Infinity, lo, hi);
  },
};
