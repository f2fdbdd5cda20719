import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  newStore,
  orderStatistics,
  orderStatisticsBySelection,
  storeHistogram,
  storeQuantiles,
  type ExactStoreState,
} from '../../../models/engine/QuantileStore';

// storeQuantiles on an exact store as it was before the histogram method (successive quickselects in a copy), kept
// here as the oracle: the summary must print the same numbers, bit for bit.
const quantilesReference = (values: readonly number[], ps: readonly number[]): number[] => {
  const n = values.length;
  const c = values[0] as number;
  if (values.every((x) => Object.is(x, c))) {
    return ps.map((p) => {
      const h = (n - 1) * p;
      return c + (h - Math.floor(h)) * (c - c);
    });
  }
  const ranks = [
    ...new Set(
      ps.flatMap((p) => {
        const h = (n - 1) * p;
        return [Math.floor(h), Math.min(n - 1, Math.floor(h) + 1)];
      }),
    ),
  ].sort((x, y) => x - y);
  // the old selection, kept in QuantileStore as the general method
  const at = orderStatisticsBySelection(Float64Array.from(values), n, ranks);
  return ps.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    const a = at.get(lo) as number;
    const b = at.get(hi) as number;
    const f = h - lo;
    // finite order statistics whose difference overflows: (1 − f)·a + f·b (a + f·(b − a) is ±Infinity or NaN)
    if (Number.isFinite(a) && Number.isFinite(b) && !Number.isFinite(b - a)) return (1 - f) * a + f * b;
    return a + f * (b - a);
  });
};

const storeOf = (values: readonly number[]): ExactStoreState => {
  const s = newStore(true, values.length + 3) as ExactStoreState;
  s.values.set(values);
  s.values.fill(12345, values.length); // stale values beyond n are never read
  s.n = values.length;
  return s;
};

const bits = (xs: readonly number[]): string[] =>
  xs.map((x) => (Object.is(x, -0) ? '-0' : Number.isNaN(x) ? 'NaN' : String(x)));

const QS = [0.05, 0.25, 0.5, 0.75, 0.95];

// ties (a metric on a grid), signed zeros, NaN, infinities, outliers stretching the range, subnormals
const value = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 0.5, 1e300, -1e300, 5e-324, Infinity, -Infinity, NaN) },
  { weight: 1, arbitrary: fc.double() },
);

describe('exact quantiles by histogram: the same numbers as successive quickselects', () => {
  it('property: any values (ties, ±0, NaN, ±∞, outliers), the summary probabilities and others', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 3000 }),
        fc.oneof(
          fc.constant(QS),
          fc
            .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 7 })
            .map((p) => p.sort((a, b) => a - b)),
        ),
        (values, ps) => {
          expect(bits(storeQuantiles(storeOf(values), ps))).toEqual(bits(quantilesReference(values, ps)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('large continuous and tied columns (many values per bucket, the scratch grows)', () => {
    let s = 1;
    const u = (): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return (s + 0.5) / 2 ** 32;
    };
    const columns = [
      Array.from({ length: 200_000 }, () => Math.exp(4 * u())),
      Array.from({ length: 30_000 }, () => Math.round(u() * 27) / 27),
      Array.from({ length: 50_000 }, (_, i) => (i % 1000 === 0 ? 1e6 : u())),
      Array.from({ length: 20_000 }, () => (u() < 0.5 ? -0 : -u())),
      Array.from({ length: 20_000 }, () => (u() < 0.5 ? 0 : u())),
      // most values one number (a state that rarely moves), the rest spread: the pile is read, not copied
      Array.from({ length: 10_000 }, () => (u() < 0.8 ? 0.25 : u())),
      Array.from({ length: 10_000 }, () => (u() < 0.97 ? 3 : u() < 0.5 ? 2 : 7)),
      // most values within one bucket but not equal: the general method
      Array.from({ length: 10_000 }, () => (u() < 0.8 ? 0.25 + u() * 1e-9 : u())),
    ];
    for (const c of columns) {
      expect(bits(storeQuantiles(storeOf(c), QS))).toEqual(bits(quantilesReference(c, QS)));
    }
  });

  it('constant columns (the shortcut) and nearly constant ones: zeros of either sign, NaN, one value apart', () => {
    const cases = [
      [-0],
      [0, 0, 0],
      [-0, -0, -0, -0],
      [0, -0, 0],
      [-0, 0, -0],
      [NaN, NaN, NaN],
      [NaN, NaN, 1],
      [3, 3, 3, 3, 3],
      [3, 3, 3, 3, 3.0000000000000004],
      [1, 1, NaN],
      [-0, -0, -0, 0],
    ];
    for (const c of cases) {
      for (const ps of [QS, [0, 1], [0.5]]) {
        expect(bits(storeQuantiles(storeOf(c), ps)), JSON.stringify(c)).toEqual(
          bits(quantilesReference(c, ps)),
        );
      }
    }
  });

  it('the histogram method takes the continuous columns, and leaves NaN and mixed zeros to selection', () => {
    const ramp = Array.from({ length: 5000 }, (_, i) => Math.sqrt(i));
    const ranks = [249, 250, 2499, 2500, 4749, 4750];
    const fast = orderStatistics(Float64Array.from(ramp), ramp.length, ranks);
    expect(fast).not.toBeNull();
    expect([...(fast as Map<number, number>)]).toEqual([
      ...orderStatisticsBySelection(Float64Array.from(ramp), ramp.length, ranks),
    ]);
    expect(orderStatistics(Float64Array.from([...ramp, NaN]), ramp.length + 1, ranks)).toBeNull();
    expect(orderStatistics(Float64Array.from([...ramp, -0]), ramp.length + 1, ranks)).toBeNull();
    expect(orderStatistics(Float64Array.from([...ramp, -0, 1]), ramp.length + 2, ranks)).toBeNull();
    expect(orderStatistics(Float64Array.from([...ramp, Infinity]), ramp.length + 1, ranks)).toBeNull();
    // a pile of one number is answered; a pile of different numbers is left to selection
    const pile = Array.from({ length: 5000 }, (_, i) => (i % 5 === 0 ? 1000 + i : 7));
    expect([...(orderStatistics(Float64Array.from(pile), 5000, ranks) as Map<number, number>)]).toEqual([
      ...orderStatisticsBySelection(Float64Array.from(pile), 5000, ranks),
    ]);
    const near = Array.from({ length: 5000 }, (_, i) => (i % 5 === 0 ? 1000 + i : 7 + i * 1e-12));
    expect(orderStatistics(Float64Array.from(near), 5000, ranks)).toBeNull();
  });
});

// storeHistogram on an exact store as it was before its loop was written inline (a call per value), the oracle
const histogramReference = (values: readonly number[], min: number, max: number, bins: number): number[] => {
  const width = (max - min) / bins;
  const counts = new Float64Array(bins);
  for (const x of values) {
    const k = Math.min(bins - 1, Math.max(0, Math.floor((x - min) / width)));
    counts[k] = (counts[k] as number) + 1;
  }
  return Array.from(counts);
};

describe('storeHistogram on exact stores: the inline loop bins every value as before', () => {
  it('property: any finite values (±0, the ends of the range, values outside it), any bin count', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1, -1)),
          {
            minLength: 1,
            maxLength: 500,
          },
        ),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        (values, bins, narrow) => {
          let min = Math.min(...values);
          let max = Math.max(...values);
          // a range narrower than the values: bins clamp at both ends
          if (narrow) [min, max] = [min / 2 + max / 4, max / 2 + min / 4];
          if (!(max > min) || !Number.isFinite(max - min)) return;
          const got = storeHistogram(storeOf(values), min, max, bins);
          expect(got.map((b) => b.count)).toEqual(histogramReference(values, min, max, bins));
        },
      ),
      { numRuns: 400 },
    );
  });
});
