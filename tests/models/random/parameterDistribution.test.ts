import { describe, expect, it } from 'vitest';
import { parameterDistribution } from '../../../models/random/parameterDistribution';
import { conditionDistribution } from '../../../models/random/distributions/distributionFamilies';
import type { Distribution } from '../../../models/random/Distribution';

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('parameterDistribution (conditioning kept for reuse)', () => {
  const pert: Distribution = { type: 'pert', min: 0.55, mode: 0.8, max: 0.95 };

  it('an equal distribution and range (another object, as a spec cloned into a worker) reuse the result', () => {
    const a = value(parameterDistribution(pert, 0, 1));
    const b = value(parameterDistribution({ ...pert }, 0, 1));
    expect(b).toBe(a);
    // another range is another distribution
    const c = value(parameterDistribution(pert, 0.6, 1));
    expect(c).not.toBe(a);
    expect(c.quantile(0.001)).toBeGreaterThanOrEqual(0.6);
  });

  it('draws exactly what conditioning afresh gives', () => {
    const ds: [Distribution, number, number][] = [
      [pert, 0, 1],
      [{ type: 'beta', alpha: 2, beta: 8 }, 0, 1],
      [{ type: 'interval90', low: 0.02, high: 0.1 }, 0, 0.5],
      [{ type: 'normal', mean: 1.2, sd: 0.005 }, 0, 1],
      [{ type: 'triangular', min: 0.5, mode: 1, max: 2 }, 0, 5],
    ];
    for (const [d, lo, hi] of ds) {
      const cached = value(parameterDistribution(d, lo, hi));
      const again = value(parameterDistribution(d, lo, hi));
      const fresh = value(conditionDistribution(d, lo, hi));
      for (const u of [1e-9, 0.001, 0.1, 0.3333, 0.5, 0.77, 0.999, 1 - 1e-9]) {
        expect(again.quantile(u)).toBe(fresh.quantile(u));
        expect(cached.quantile(u)).toBe(fresh.quantile(u));
      }
    }
  });

  it('tells −0 from 0 (a draw can be a bound) and does not keep invalid results', () => {
    const d: Distribution = { type: 'uniform', min: -1, max: 0 };
    const zero = value(parameterDistribution(d, -1, 0));
    const negZero = value(parameterDistribution(d, -1, -0));
    expect(negZero).not.toBe(zero);
    expect(
      Object.is(negZero.quantile(1 - 1e-17), value(conditionDistribution(d, -1, -0)).quantile(1 - 1e-17)),
    ).toBe(true);
    const bad: Distribution = { type: 'normal', mean: 0, sd: 1 };
    expect(parameterDistribution(bad, 5, 4).ok).toBe(false);
  });
});
