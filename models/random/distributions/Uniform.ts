// Uniform on [min, max]; min = max is the point mass at min (the one degenerate rule, see Fixed.ts).
import type { Distribution } from '../Distribution';
import { conditionPoint } from './conditionAtoms';
import { finiteFields, fmt, type DistributionFamily } from './DistributionFamily';

type UniformDistribution = Extract<Distribution, { type: 'uniform' }>;

export const Uniform: DistributionFamily<UniformDistribution> = {
  type: 'uniform',
  label: 'Uniform',
  fields: [
    { key: 'min', label: 'Min', optional: false, kind: 'number' },
    { key: 'max', label: 'Max', optional: false, kind: 'number' },
  ],
  problems(d) {
    const out: [string, string][] = [];
    if (!finiteFields(d, ['min', 'max'], out)) return out;
    if (d.max < d.min) out.push(['max', `must be at least min (${d.min})`]);
    else if (!Number.isFinite(d.max - d.min)) out.push(['max', 'max − min is too large (beyond ±1.8e308)']);
    return out;
  },
  describe: (d) =>
    d.min === d.max ? `uniform (the point ${fmt(d.min)})` : `uniform (${fmt(d.min)} to ${fmt(d.max)})`,
  condition(d, lo, hi) {
    if (d.min === d.max) return conditionPoint(d.min, lo, hi);
    const span = d.max - d.min;
    const L = Math.max(lo, d.min);
    const H = Math.min(hi, d.max);
    if (!(L <= H)) {
      return {
        ok: false,
        message: `its values lie in ${fmt(d.min)} to ${fmt(d.max)}, outside ${fmt(lo)} to ${fmt(hi)}: there is nothing to draw`,
      };
    }
    const cutBelow = L > d.min ? (L - d.min) / span : 0;
    const cutAbove = H < d.max ? (d.max - H) / span : 0;
    if (L === H) {
      const r = conditionPoint(L, lo, hi);
      return r.ok ? { ok: true, value: { ...r.value, cutBelow, cutAbove } } : r;
    }
    const w = H - L;
    return {
      ok: true,
      value: {
        cutBelow,
        cutAbove,
        support: { lo: L, hi: H, loClosed: true, hiClosed: true, atoms: null },
        mean: L + w / 2,
        variance: (w * w) / 12,
        quantile: (u) => {
          const x = L + w * u;
          return x > H ? H : x;
        },
        cdf: (x) => (x <= L ? 0 : x >= H ? 1 : (x - L) / w),
        pdf: (x) => (x < L || x > H ? 0 : 1 / w),
        discrete: false,
      },
    };
  },
};
