// Normal(mean, sd), optionally truncated to [min, max] (either end). Every window — the distribution's own and the
// parameter range — goes through truncatedStandardNormal, so a truncation far in a tail (min 40 sd out) samples
// correctly instead of collapsing to a bound or to Infinity. sd = 0 or min = max is the point mass.
import { exp } from '../../math/exp';
import type { Distribution } from '../Distribution';
import { normalLogPdf } from '../specialFunctions';
import { conditionPoint } from './conditionAtoms';
import {
  finiteFields,
  fmt,
  type Conditioned,
  type ConditionResult,
  type DistributionFamily,
} from './DistributionFamily';
import { standardNormalLogMass, truncatedStandardNormal } from './truncatedStandardNormal';

type NormalDistribution = Extract<Distribution, { type: 'normal' }>;

/**
 * N(mean, sd) restricted to its own bounds [own.lo, own.hi] and conditioned on the window [lo, hi]; cuts are
 * measured against the own-bounded distribution. Shared by the lognormal (on the log scale) through `map`.
 */
export const conditionNormal = (
  mean: number,
  sd: number,
  ownLo: number,
  ownHi: number,
  lo: number,
  hi: number,
): ConditionResult => {
  const L = Math.max(lo, ownLo);
  const H = Math.min(hi, ownHi);
  if (!(L <= H)) {
    return {
      ok: false,
      message: `its values lie in ${fmt(ownLo)} to ${fmt(ownHi)}, outside ${fmt(lo)} to ${fmt(hi)}: there is nothing to draw`,
    };
  }
  const std = (x: number): number => (x - mean) / sd;
  const a0 = std(ownLo);
  const b0 = std(ownHi);
  const a = std(L);
  const b = std(H);
  const logTotal = standardNormalLogMass(a0, b0);
  const cutBelow = L > ownLo ? exp(standardNormalLogMass(a0, a) - logTotal) : 0;
  const cutAbove = H < ownHi ? exp(standardNormalLogMass(b, b0) - logTotal) : 0;
  // a window narrower than the standardized rounding (or an sd so small it is infinitely many sd wide) is a point
  if (!(a < b) || a === Infinity || b === -Infinity) {
    const at = b === -Infinity ? H : L;
    const r = conditionPoint(at, lo, hi);
    return r.ok ? { ok: true, value: { ...r.value, cutBelow, cutAbove } } : r;
  }
  const w = truncatedStandardNormal(a, b);
  const value: Conditioned = {
    cutBelow,
    cutAbove,
    support: { lo: L, hi: H, loClosed: Number.isFinite(L), hiClosed: Number.isFinite(H), atoms: null },
    mean: mean + sd * w.mean,
    variance: sd * sd * w.variance,
    quantile: (u) => {
      const x = mean + sd * w.quantile(u);
      return x < L ? L : x > H ? H : x;
    },
    cdf: (x) => w.cdf(std(x)),
    pdf: (x) => (x < L || x > H ? 0 : exp(normalLogPdf(std(x)) - w.logMass) / sd),
    discrete: false,
  };
  return { ok: true, value };
};

export const Normal: DistributionFamily<NormalDistribution> = {
  type: 'normal',
  label: 'Normal',
  fields: [
    { key: 'mean', label: 'Mean', optional: false, kind: 'number' },
    { key: 'sd', label: 'Std. dev.', optional: false, kind: 'number' },
    { key: 'min', label: 'Truncate below', optional: true, kind: 'number' },
    { key: 'max', label: 'Truncate above', optional: true, kind: 'number' },
  ],
  problems(d) {
    const out: [string, string][] = [];
    if (!finiteFields(d, ['mean', 'sd', 'min', 'max'], out)) return out;
    if (d.sd < 0) out.push(['sd', 'must not be negative']);
    else if (!Number.isFinite(Math.abs(d.mean) + 40 * d.sd))
      out.push(['sd', 'is too large (values would overflow)']);
    if (d.min !== undefined && d.max !== undefined && d.max < d.min)
      out.push(['max', `must be at least min (${d.min})`]);
    else if (
      d.sd === 0 &&
      ((d.min !== undefined && d.mean < d.min) || (d.max !== undefined && d.mean > d.max))
    ) {
      out.push([
        'mean',
        'with sd 0 the distribution is the point at mean, which must lie between min and max',
      ]);
    }
    return out;
  },
  describe: (d) =>
    `normal (mean ${fmt(d.mean)}, sd ${fmt(d.sd)}${d.min !== undefined ? `, min ${fmt(d.min)}` : ''}${d.max !== undefined ? `, max ${fmt(d.max)}` : ''})`,
  condition(d, lo, hi) {
    const ownLo = d.min ?? -Infinity;
    const ownHi = d.max ?? Infinity;
    if (d.sd === 0) return conditionPoint(d.mean, lo, hi);
    if (ownLo === ownHi) return conditionPoint(ownLo, lo, hi);
    return conditionNormal(d.mean, d.sd, ownLo, ownHi, lo, hi);
  },
};
