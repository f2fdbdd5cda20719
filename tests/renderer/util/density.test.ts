import { describe, expect, it } from 'vitest';
import { asDistribution, densityCurve } from '../../../renderer/lib/util/density';
import type { Distribution } from '../../../models/random/Distribution';

const integral = (xs: number[], ys: number[]): number => {
  let s = 0;
  for (let i = 1; i < xs.length; i++) s += ((xs[i]! - xs[i - 1]!) * (ys[i]! + ys[i - 1]!)) / 2;
  return s;
};

describe('densityCurve', () => {
  it.each<Distribution>([
    { type: 'uniform', min: 2, max: 4 },
    { type: 'normal', mean: 0, sd: 1 },
    { type: 'triangular', min: 0, mode: 0.3, max: 1 },
    { type: 'pert', min: 0, mode: 0.3, max: 1 },
    { type: 'beta', alpha: 2, beta: 5 },
    { type: 'interval90', low: -1, high: 1 },
  ])('continuous densities integrate to about 1: %o', (d) => {
    const c = densityCurve(d);
    expect(c?.discrete).toBe(false);
    expect(integral(c!.xs, c!.ys)).toBeCloseTo(1, 1);
  });

  it('discrete ones are probability masses', () => {
    expect(densityCurve({ type: 'bernoulli', p: 0.25 })).toEqual({
      xs: [0, 1],
      ys: [0.75, 0.25],
      discrete: true,
    });
    expect(densityCurve({ type: 'discrete', values: [1, 2], weights: [1, 3] })?.ys).toEqual([0.25, 0.75]);
  });

  it('returns null while the fields are inconsistent (no preview, no crash)', () => {
    expect(densityCurve({ type: 'uniform', min: 3, max: 1 })).toBeNull();
    expect(densityCurve({ type: 'normal', mean: 0, sd: -1 })).toBeNull();
    expect(densityCurve({ type: 'triangular', min: 0, mode: 2, max: 1 })).toBeNull();
  });

  it('reads the "low to high" shorthand with the one parser validate uses', () => {
    expect(asDistribution('0.2 to 0.6')).toEqual({ type: 'interval90', low: 0.2, high: 0.6 });
    expect(asDistribution('nonsense')).toBeNull();
    expect(asDistribution('1.2.3 to 4')).toBeNull();
    expect(asDistribution('-1e-3 to .5')).toEqual({ type: 'interval90', low: -1e-3, high: 0.5 });
  });

  it("shows what is drawn: the distribution conditioned on the parameter's range", () => {
    // "0 to 2" (a normal) on the range 0.5..2: the preview starts at 0.5, ends at 2 and still integrates to 1
    const c = densityCurve({ type: 'interval90', low: 0, high: 2 }, 0.5, 2);
    expect(c?.xs[0]).toBe(0.5);
    expect(c?.xs.at(-1)).toBe(2);
    expect(integral(c!.xs, c!.ys)).toBeCloseTo(1, 2);
    // a window holding none of it: no preview
    expect(densityCurve({ type: 'uniform', min: 0, max: 1 }, 2, 3)).toBeNull();
  });

  it('the degenerate rule of validate and the sampler: a spread of 0 is a point mass', () => {
    expect(densityCurve({ type: 'uniform', min: 2, max: 2 })).toEqual({ xs: [2], ys: [1], discrete: true });
    expect(densityCurve({ type: 'triangular', min: 1, mode: 1, max: 1 })).toEqual({
      xs: [1],
      ys: [1],
      discrete: true,
    });
  });
});
