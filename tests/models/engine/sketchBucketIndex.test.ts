import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALPHA, bucketIndex, bucketIndexExact } from '../../../models/engine/QuantileStore';

// bucketIndex (exponent bits, a 256-cell table and a short series, the exact formula near bucket boundaries) must give
// bit for bit the bucket of the definition ⌈log(a)/log γ⌉ for every double a > 0: the sketches' counts, hence the
// reported quantiles, depend on it.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const fromWords = (hi: number, lo: number): number => {
  u32[1] = hi >>> 0;
  u32[0] = lo >>> 0;
  return f64[0] as number;
};
/** The double `steps` ulps above (steps > 0) or below x > 0. */
const ulpsAway = (x: number, steps: number): number => {
  f64[0] = x;
  const v = BigInt(u32[1] as number) * 2n ** 32n + BigInt(u32[0] as number) + BigInt(steps);
  return fromWords(Number(v >> 32n), Number(v & 0xffffffffn));
};

const same = (a: number): void => {
  const fast = bucketIndex(a);
  const exact = bucketIndexExact(a);
  if (!Object.is(fast, exact)) expect({ a, fast }).toEqual({ a, fast: exact });
};

describe('sketch bucket index: the fast path equals ⌈log(a)/log γ⌉ on every double', () => {
  it('at every bucket boundary γ^i of the double range and the 8 doubles either side', () => {
    const gamma = (1 + ALPHA) / (1 - ALPHA);
    const lo = bucketIndexExact(Number.MIN_VALUE);
    const hi = bucketIndexExact(Number.MAX_VALUE);
    expect(hi - lo).toBeGreaterThan(140_000);
    let checked = 0;
    for (let i = lo; i <= hi; i++) {
      const b = Math.pow(gamma, i);
      if (!(b > 0 && b < Infinity)) continue;
      for (let s = -8; s <= 8; s++) {
        const a = ulpsAway(b, s);
        if (a > 0 && a < Infinity) {
          same(a);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(2_000_000);
  });

  it('at powers of two, cell edges of the table, the sketch threshold 1e-9 and the extremes', () => {
    const edges = [
      Number.MIN_VALUE,
      2.2250738585072014e-308,
      Number.MAX_VALUE,
      1e-9,
      1,
      2,
      0.5,
      1.5,
      Infinity,
    ];
    for (let e = -1074; e <= 1023; e++) edges.push(Math.pow(2, e));
    for (let e = -60; e <= 60; e++)
      for (let j = 0; j <= 256; j++)
        edges.push(Math.pow(2, e) * (1 + j / 256), Math.pow(2, e) * (1 + (j + 0.5) / 256));
    for (const x of edges)
      for (let s = -3; s <= 3; s++) {
        const a = s === 0 || x === Infinity ? x : ulpsAway(x, s);
        if (a > 0) same(a);
      }
    expect(bucketIndex(Infinity)).toBe(Infinity);
  });

  it('on a million random doubles of every exponent (bits drawn uniformly)', () => {
    let state = 0x9e3779b9;
    const next = (): number => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state >>> 0;
    };
    for (let k = 0; k < 1_000_000; k++) {
      const a = fromWords(next() & 0x7fffffff, next());
      if (a > 0 && a < Infinity) same(a);
    }
  });

  it('property: any positive double, and values near 1 (where a metric usually lies)', () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), (a) => {
        expect(bucketIndex(a)).toBe(bucketIndexExact(a));
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1e6, noNaN: true }), (a) => {
        expect(bucketIndex(a)).toBe(bucketIndexExact(a));
      }),
      { numRuns: 20_000 },
    );
  });
});
