// Quantiles of a stream of numbers, mergeable: EXACT (every value kept, in trial order) while within the memory
// budget the run decided up front, else a DDSketch-style log-bucket histogram with relative accuracy
// ALPHA = 0.5% (a reported quantile q̂ satisfies |q̂ − q| ≤ 0.5%·|q| for the true sample quantile's value q;
// values with |x| < 1e-9 are counted as 0). Bucket counts simply add on merge, so the sketch is independent of
// merge order; exact stores concatenate in chunk order.

import { selectFloat64 } from '../random/sortFloat64';
import { log } from '../math/log';
import { pow } from '../math/pow';

export const ALPHA = 0.005;
const GAMMA = (1 + ALPHA) / (1 - ALPHA);
const LOG_GAMMA = log(GAMMA);
const MIN_INDEXABLE = 1e-9;

export type ExactStoreState = { readonly kind: 'exact'; values: Float64Array; n: number };
export type SketchStoreState = {
  readonly kind: 'sketch';
  n: number;
  zero: number;
  posOffset: number;
  pos: Float64Array;
  negOffset: number;
  neg: Float64Array;
};
export type QuantileStoreState = ExactStoreState | SketchStoreState;

// Exact stores' value arrays are reused, by length, once a run is done with them (releaseStore). Touching freshly
// allocated memory costs a page fault per 4 KiB — tens of µs on a virtual machine, i.e. several ns per value
// stored, more than the trial loop spends per value — and a run allocates its exact stores three times over (per
// chunk, the run's merged store, the copy its quantiles are selected in). Bounded to POOL_LIMIT values in all (the
// exact-value budget of a run, EXACT_VALUE_BUDGET in makeJob.ts), the oldest dropped first; arrays shorter than
// POOL_MIN (the smallest chunk: a chunk's stores are reused too) are left to the allocator. Contents are stale: a store reads only values[0, n).
const POOL_MIN = 256;
const POOL_LIMIT = 2_000_000;
const pool = new Map<number, Float64Array[]>();
/** The pooled arrays, oldest first (a Set: O(1) membership and removal, however many arrays a run gives back). */
const pooledOrder = new Set<Float64Array>();
let pooled = 0;

/** Take v out of the pool (v is in it). */
const unpool = (v: Float64Array): void => {
  const list = pool.get(v.length) as Float64Array[];
  // the newest of its length when taken, the oldest when evicted
  if (list[list.length - 1] === v) list.pop();
  else list.splice(list.indexOf(v), 1);
  pooledOrder.delete(v);
  pooled -= v.length;
};

/** A Float64Array of exactly `length` values (stale contents), from the pool when one is there. */
const takeValues = (length: number): Float64Array => {
  const list = pool.get(length);
  const v = list?.[list.length - 1];
  if (v) {
    unpool(v);
    return v;
  }
  return new Float64Array(length);
};

const giveValues = (v: Float64Array): void => {
  // (an array given twice would be handed to two stores: never pooled twice)
  if (v.length < POOL_MIN || v.length > POOL_LIMIT || pooledOrder.has(v)) return;
  while (pooled + v.length > POOL_LIMIT) unpool(pooledOrder.values().next().value as Float64Array);
  const list = pool.get(v.length);
  if (list) list.push(v);
  else pool.set(v.length, [v]);
  pooledOrder.add(v);
  pooled += v.length;
};

// A sketch side's count arrays are reused the same way, by exact length (so a reused array gives the store the same
// layout a fresh one would): a 24-round run makes R·M new sketches per chunk, each growing its arrays a few times,
// and then merges them — as fresh memory that cost more than counting the values. Zeroed when taken; bounded to
// SKETCH_POOL_LIMIT values in all (beyond it an array is left to the garbage collector).
const SKETCH_POOL_LIMIT = 1 << 20;
const sketchPool = new Map<number, Float64Array[]>();
let sketchPooled = 0;
/** The arrays in sketchPool (a pool of thousands of arrays: a scan of its lists per release cost more than it saved). */
const inSketchPool = new WeakSet<Float64Array>();

/** A zeroed Float64Array of exactly `length` counts, from the pool when one is there. */
const takeSketchArray = (length: number): Float64Array => {
  const v = sketchPool.get(length)?.pop();
  if (!v) return new Float64Array(length);
  inSketchPool.delete(v);
  sketchPooled -= length;
  v.fill(0);
  return v;
};

/** v is referenced by nothing else (a side array a store has just replaced or let go). */
const giveSketchArray = (v: Float64Array): void => {
  const length = v.length;
  if (length === 0 || sketchPooled + length > SKETCH_POOL_LIMIT) return;
  if (v.byteOffset !== 0 || v.byteLength !== v.buffer.byteLength) return;
  // (an array given twice would be handed to two stores: never pooled twice)
  if (inSketchPool.has(v)) return;
  inSketchPool.add(v);
  const list = sketchPool.get(length);
  if (list) list.push(v);
  else sketchPool.set(length, [v]);
  sketchPooled += length;
};

/**
 * The caller is done with s: an exact store's array goes back to the pool and s is left empty (n = 0, so any later
 * use sees no values rather than another store's). Only for stores nothing else references.
 */
export const releaseStore = (s: QuantileStoreState): void => {
  if (s.kind !== 'exact') {
    const { pos, neg } = s;
    s.pos = new Float64Array(0);
    s.neg = new Float64Array(0);
    s.n = s.zero = s.posOffset = s.negOffset = 0;
    giveSketchArray(pos);
    giveSketchArray(neg);
    return;
  }
  const v = s.values;
  s.values = new Float64Array(0);
  s.n = 0;
  // a view on a bigger buffer (compactStore's slice is a copy, never a view) is not pooled
  if (v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) giveValues(v);
};

export const newStore = (exact: boolean, capacity = 64): QuantileStoreState =>
  exact
    ? { kind: 'exact', values: takeValues(capacity), n: 0 }
    : {
        kind: 'sketch',
        n: 0,
        zero: 0,
        posOffset: 0,
        pos: new Float64Array(0),
        negOffset: 0,
        neg: new Float64Array(0),
      };

/** The sketch bucket of a > 0 by definition: ⌈log(a) / log γ⌉ (log: models/math/log, the same bits on every host). */
export const bucketIndexExact = (a: number): number => Math.ceil(log(a) / LOG_GAMMA);

// bucketIndex(a) = bucketIndexExact(a) for every double a > 0 (exported for its tests), cheaper (hand-written: the sketch's hot path, up to
// one call per metric per round per trial). a = 2^e·m with m in [1, 2) from its bits; ln m = ln c + ln(1 + d) with c
// the centre of m's 1/256-wide cell (ln c tabulated with the same log) and d = (m − c)/c, |d| ≤ 2^-9, ln(1 + d) by
// its Taylor series to d⁴ (truncation < |d|⁵/5 < 1e-14). So y = (e·ln 2 + ln m)/ln γ is within 1e-9 of the exact
// quotient log(a)/log γ (itself within a few ulps of the true one; |y| < 75,000, so rounding errors are ~1e-11);
// when y is more than FAST_MARGIN = 1e-6 from an integer, both lie strictly between the same two integers and
// share their ceiling, else (about 2 values in a million) the exact formula decides. Not finite, subnormal or
// non-positive a: the exact formula. Equality on edge values (bucket boundaries γ^i and their neighbouring doubles,
// powers of two, the extremes) and random doubles of every exponent: tests/models/engine/QuantileStore.test.ts.
const CELLS = 256;
const cellLog = new Float64Array(CELLS);
const cellCentre = new Float64Array(CELLS);
const cellInverse = new Float64Array(CELLS);
for (let j = 0; j < CELLS; j++) {
  const c = 1 + (j + 0.5) / CELLS;
  cellCentre[j] = c;
  cellLog[j] = log(c);
  cellInverse[j] = 1 / c;
}
const LN2 = log(2);
const INV_LOG_GAMMA = 1 / LOG_GAMMA;
const FAST_MARGIN = 1e-6;
const idxBits = new Float64Array(1);
const idxWords = new Uint32Array(idxBits.buffer);
export const bucketIndex = (a: number): number => {
  idxBits[0] = a;
  const hi = idxWords[1] as number;
  const biased = hi >>> 20; // sign bit 0 for a > 0
  if (biased === 0 || biased >= 0x7ff) return bucketIndexExact(a);
  idxWords[1] = (hi & 0x000fffff) | 0x3ff00000;
  const m = idxBits[0] as number;
  const j = (hi >>> 12) & (CELLS - 1);
  const d = (m - (cellCentre[j] as number)) * (cellInverse[j] as number);
  const ln1pd = d * (1 - d * (0.5 - d * (1 / 3 - d * 0.25)));
  const y = ((biased - 1023) * LN2 + (cellLog[j] as number) + ln1pd) * INV_LOG_GAMMA;
  const f = Math.floor(y);
  const frac = y - f;
  // (Math.ceil, not f + 1: the same −0 for y in (−1, 0))
  if (frac > FAST_MARGIN && frac < 1 - FAST_MARGIN) return Math.ceil(y);
  return bucketIndexExact(a);
};
const bucketValue = (i: number): number => (2 * pow(GAMMA, i)) / (GAMMA + 1);

// A side's array grows to take bucket i outside [off, off + len) by at least half its length (at least 16) beyond i
// on that side: values that wander over a wide range of buckets cost O(log range) copies, not O(range / 16). (The
// layout — offset, length — is internal: quantiles and histograms read only the counts of bucket indices.)
const grownLo = (off: number, len: number, i: number): number => (i < off ? i - Math.max(16, len >> 1) : off);
const grownHi = (off: number, len: number, i: number): number =>
  i >= off + len ? i + 1 + Math.max(16, len >> 1) : off + len;

const addBucket = (s: SketchStoreState, side: 'pos' | 'neg', i: number, count: number): void => {
  const offKey = side === 'pos' ? 'posOffset' : 'negOffset';
  let arr = s[side];
  let off = s[offKey];
  if (arr.length === 0) {
    arr = takeSketchArray(64);
    off = i - 32;
  }
  if (i < off || i >= off + arr.length) {
    const lo = grownLo(off, arr.length, i);
    const hi = grownHi(off, arr.length, i);
    const grown = takeSketchArray(hi - lo);
    grown.set(arr, off - lo);
    giveSketchArray(arr);
    arr = grown;
    off = lo;
  }
  arr[i - off] = (arr[i - off] as number) + count;
  s[side] = arr;
  s[offKey] = off;
};

/**
 * Where x goes in a sketch, for callers on the hot path (see Aggregate.addTrial): sketchSide(x) is 1 (positive
 * buckets), −1 (negative) or 0 (|x| < 1e-9: the zero count); sketchBucket(x) the bucket on that side. Both are pure
 * functions of x, so a caller that sees the same value again (a metric that stays put from round to round) reuses
 * them; addToSketch and exactRoom take no float argument (a double passed to a call that is not inlined is boxed).
 */
export const sketchSide = (x: number): number => (x > MIN_INDEXABLE ? 1 : x < -MIN_INDEXABLE ? -1 : 0);
const BUCKET_CACHE = 4096; // 2^12: the hash's top 12 bits
const cachedValue = new Float64Array(BUCKET_CACHE).fill(NaN);
const cachedBucket = new Int32Array(BUCKET_CACHE);
const bits = new Float64Array(1);
const bitWords = new Uint32Array(bits.buffer);
export const sketchBucket = (x: number): number => {
  if (!(x > MIN_INDEXABLE || x < -MIN_INDEXABLE)) return 0;
  // values recur across trials (a state that moves on a grid of choices): the last value seen in each of
  // BUCKET_CACHE slots (by a hash of its bits) keeps its bucket, so most values skip the logarithm
  bits[0] = x;
  const h =
    Math.imul((bitWords[0] as number) ^ Math.imul(bitWords[1] as number, 0x85ebca6b), 0x9e3779b1) >>> 20;
  if (cachedValue[h] === x) return cachedBucket[h] as number;
  const b = x > 0 ? bucketIndex(x) : bucketIndex(-x);
  cachedValue[h] = x;
  cachedBucket[h] = b;
  return b;
};

/** Count one value of side `side` and bucket `bucket` (from sketchSide/sketchBucket): what addValue does. */
export const addToSketch = (s: SketchStoreState, side: number, bucket: number): void => {
  s.n++;
  // a bucket inside the side's array is counted in place (no keyed property access); else addBucket grows it
  if (side > 0) {
    const arr = s.pos;
    const k = bucket - s.posOffset;
    if (k >= 0 && k < arr.length) arr[k] = (arr[k] as number) + 1;
    else addBucket(s, 'pos', bucket, 1);
  } else if (side < 0) {
    const arr = s.neg;
    const k = bucket - s.negOffset;
    if (k >= 0 && k < arr.length) arr[k] = (arr[k] as number) + 1;
    else addBucket(s, 'neg', bucket, 1);
  } else s.zero++;
};

/** The values array of an exact store with room for one more (grown as addValue grows it); then values[s.n++] = x. */
export const exactRoom = (s: ExactStoreState): Float64Array => {
  if (s.n === s.values.length) {
    const grown = new Float64Array(Math.max(64, s.values.length * 2));
    grown.set(s.values);
    s.values = grown;
  }
  return s.values;
};

export const addValue = (s: QuantileStoreState, x: number): void => {
  if (s.kind === 'exact') {
    exactRoom(s)[s.n++] = x;
    return;
  }
  s.n++;
  if (x > MIN_INDEXABLE) addBucket(s, 'pos', bucketIndex(x), 1);
  else if (x < -MIN_INDEXABLE) addBucket(s, 'neg', bucketIndex(-x), 1);
  else s.zero++;
};

/** Give an exact store room for `capacity` values in all (merges up to it then never grow it); a sketch: nothing. */
export const reserveStore = (s: QuantileStoreState, capacity: number): void => {
  if (s.kind !== 'exact' || s.values.length >= capacity) return;
  const grown = takeValues(capacity);
  const old = s.values;
  grown.set(old.subarray(0, s.n));
  s.values = grown;
  if (old.byteOffset === 0 && old.byteLength === old.buffer.byteLength) giveValues(old);
};

let mergedOffset = 0;
/**
 * One side of a sketch merge: b's counts (offset bOff) added into a's (offset aOff). The result (its offset left in
 * mergedOffset) is exactly what adding b's nonzero buckets one by one with addBucket, in ascending order, gives —
 * the same layout (its growth steps replayed on integers first, then one allocation) and the same counts — at a
 * fraction of the cost: merging a run's chunks adds every bucket of every band store of every chunk.
 */
const mergeSide = (arr: Float64Array, aOff: number, b: Float64Array, bOff: number): Float64Array => {
  let off = aOff;
  let len = arr.length;
  for (let k = 0; k < b.length; k++) {
    if (!b[k]) continue;
    const i = bOff + k;
    if (len === 0) {
      len = 64;
      off = i - 32;
    }
    if (i < off || i >= off + len) {
      const lo = grownLo(off, len, i);
      len = grownHi(off, len, i) - lo;
      off = lo;
    }
  }
  let out = arr;
  if (len !== arr.length) {
    out = takeSketchArray(len);
    if (arr.length > 0) out.set(arr, aOff - off);
    giveSketchArray(arr);
  }
  for (let k = 0; k < b.length; k++)
    if (b[k]) out[bOff + k - off] = (out[bOff + k - off] as number) + (b[k] as number);
  mergedOffset = off;
  return out;
};

/** Merge `b` into `a` (a comes first in trial order). Both must be of the same kind. */
export const mergeStore = (a: QuantileStoreState, b: QuantileStoreState): void => {
  if (a.kind === 'exact' && b.kind === 'exact') {
    if (a.n + b.n > a.values.length) {
      const grown = new Float64Array(Math.max(a.n + b.n, a.values.length * 2));
      grown.set(a.values.subarray(0, a.n));
      a.values = grown;
    }
    a.values.set(b.values.subarray(0, b.n), a.n);
    a.n += b.n;
    return;
  }
  if (a.kind === 'sketch' && b.kind === 'sketch') {
    a.n += b.n;
    a.zero += b.zero;
    a.pos = mergeSide(a.pos, a.posOffset, b.pos, b.posOffset);
    a.posOffset = mergedOffset;
    a.neg = mergeSide(a.neg, a.negOffset, b.neg, b.negOffset);
    a.negOffset = mergedOffset;
    return;
  }
  throw new Error('cannot merge an exact quantile store with a sketch');
};

/** Trim an exact store to its used length (before sending it across threads). */
export const compactStore = (s: QuantileStoreState): QuantileStoreState =>
  s.kind === 'exact' && s.n < s.values.length ? { kind: 'exact', values: s.values.slice(0, s.n), n: s.n } : s;

/**
 * Order statistics ranks (ascending, distinct) of values[0, n) by successive quickselects (expected O(n) each) in a
 * pooled copy: the general method (any values, NaN included; of equal values, the one a quickselect leaves at the
 * rank — −0 or 0).
 */
export const orderStatisticsBySelection = (
  values: Float64Array,
  n: number,
  ranks: readonly number[],
): Map<number, number> => {
  const v = takeValues(n);
  v.set(values.subarray(0, n));
  const at = new Map<number, number>();
  let from = 0;
  let last = -2;
  for (const r of ranks) {
    if (r === last + 1) {
      // everything after the last selected rank is ≥ it: the next order statistic is their minimum (one pass)
      let k = r;
      for (let i = r + 1; i < n; i++) if ((v[i] as number) < (v[k] as number)) k = i;
      const x = v[k] as number;
      v[k] = v[r] as number;
      v[r] = x;
      at.set(r, x);
    } else at.set(r, selectFloat64(v, r, from, n - 1));
    last = r;
    from = r + 1 < n ? r + 1 : r;
  }
  giveValues(v);
  return at;
};

// Scratch of orderStatistics: bucket counts, and the values of the buckets holding a wanted rank.
const HISTOGRAM_BUCKETS = 2048;
const histogram = new Int32Array(HISTOGRAM_BUCKETS + 1);
let members = new Float64Array(0);

/**
 * The same order statistics as orderStatisticsBySelection, in about two passes instead of a quickselect per rank
 * (hand-written: a run's summary selects five quantiles of every exact store, up to 2M values, and that was a cost
 * per trial of the same order as aggregating it). One pass finds the range and counts the values per bucket of a
 * linear map of the value (monotone), so each wanted rank's bucket and its rank inside it are known; a second pass
 * collects those few buckets' values, where a quickselect finds the ranks. Order statistics are values, so any
 * correct method gives the same numbers, except that of equal values of different bits the rank may hold either:
 * null (the caller selects as before) when the values hold a NaN, or both −0 and 0, or a range that overflows, or
 * when a bucket holds more than an eighth of them and they are not all one number. Both exported for their tests
 * (tests/models/engine/orderStatistics.test.ts).
 */
export const orderStatistics = (
  values: Float64Array,
  n: number,
  ranks: readonly number[],
): Map<number, number> | null => {
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  let negativeZeros = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (x < min) min = x;
    if (x > max) max = x;
    if (x === 0) {
      zeros++;
      if (1 / x < 0) negativeZeros++;
    } else if (x !== x) return null;
  }
  if (negativeZeros > 0 && negativeZeros < zeros) return null;
  const width = max - min;
  if (!(width > 0 && width < Infinity)) return null;
  const B = HISTOGRAM_BUCKETS;
  const scale = B / width;
  const count = histogram;
  count.fill(0);
  // bucket of x: floor((x − min)·scale) clamped to B − 1 (monotone in x)
  for (let i = 0; i < n; i++) {
    const f = ((values[i] as number) - min) * scale;
    const b = f < B ? f | 0 : B - 1;
    count[b] = (count[b] as number) + 1;
  }
  // each wanted rank's bucket, and the number of values in lower buckets (count[] becomes those starts)
  const wanted: number[] = [];
  const below: number[] = [];
  let start = 0;
  let k = 0;
  for (let b = 0; b < B && k < ranks.length; b++) {
    const c = count[b] as number;
    while (k < ranks.length && (ranks[k] as number) < start + c) {
      if (wanted[wanted.length - 1] !== b) {
        wanted.push(b);
        below.push(start);
      }
      k++;
    }
    start += c;
  }
  // offsets of the wanted buckets in `members`; count[b] = −1 − (their index) marks a wanted bucket. A bucket
  // holding many values (ties: a metric that often takes the same value) is not copied: if its values are all one
  // number, that number is every order statistic in it
  const PILE = (n >> 3) + 1024;
  let total = 0;
  const offsets: number[] = [];
  const lows: number[] = [];
  const highs: number[] = [];
  for (let w = 0; w < wanted.length; w++) {
    const b = wanted[w] as number;
    const c = count[b] as number;
    offsets.push(c > PILE ? -1 : total);
    if (c <= PILE) total += c;
    lows.push(Infinity);
    highs.push(-Infinity);
    count[b] = -1 - w;
  }
  // (the copy is bounded to a quarter of the values, so the scratch stays small beside the store)
  if (total > (n >> 2) + 4096) return null;
  if (members.length < total) members = new Float64Array(Math.max(total, 2 * members.length));
  const m = members;
  const fill = offsets.slice();
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    const f = (x - min) * scale;
    const b = f < B ? f | 0 : B - 1;
    const c = count[b] as number;
    if (c < 0) {
      const w = -1 - c;
      const at = fill[w] as number;
      if (at >= 0) {
        m[at] = x;
        fill[w] = at + 1;
      } else {
        if (x < (lows[w] as number)) lows[w] = x;
        if (x > (highs[w] as number)) highs[w] = x;
      }
    }
  }
  const at = new Map<number, number>();
  for (const r of ranks) {
    // r's bucket: the last wanted bucket starting at or below r
    let w = wanted.length - 1;
    while ((below[w] as number) > r) w--;
    const lo = offsets[w] as number;
    if (lo < 0) {
      // a pile of values not all equal: the general method
      if (lows[w] !== highs[w]) return null;
      at.set(r, lows[w] as number);
      continue;
    }
    const hi = (fill[w] as number) - 1;
    at.set(r, selectFloat64(m, lo + r - (below[w] as number), lo, hi));
  }
  return at;
};

/**
 * a + f·(b − a) for order statistics a ≤ b and f in [0, 1] (type 7's interpolation). When b − a overflows (finite
 * a and b of opposite signs, b − a > 1.8e308) it is (1 − f)·a + f·b instead, which stays in [a, b]: the plain form
 * gives ±Infinity, or NaN at f = 0, for quantiles of finite values.
 */
const interpolate = (a: number, b: number, f: number): number => {
  const d = b - a;
  return d - d === 0 || a - a !== 0 || b - b !== 0 ? a + f * d : (1 - f) * a + f * b;
};

/**
 * Quantiles at probabilities `ps` (ascending). Exact: linear interpolation between order statistics
 * (type 7, as numpy/R default). Sketch: the bucket value at rank round(q·(n−1)).
 */
export const storeQuantiles = (s: QuantileStoreState, ps: readonly number[]): number[] => {
  if (s.n === 0) return ps.map(() => NaN);
  if (s.kind === 'exact') {
    // A constant column (common: a state metric in round 1) needs no selection: every order statistic is the
    // value. (Same interpolation formula below, so the result is the same number, signed zeros included.)
    const vals = s.values;
    const c = vals[0] as number;
    let constant = true;
    // (Object.is(x, c), written out: a call per value cost more than the selection it saves)
    const cInverse = 1 / c;
    for (let i = 1; i < s.n; i++) {
      const x = vals[i] as number;
      if (x === c ? c === 0 && 1 / x !== cInverse : !(x !== x && c !== c)) {
        constant = false;
        break;
      }
    }
    if (constant) {
      return ps.map((p) => {
        const h = (s.n - 1) * p;
        return c + (h - Math.floor(h)) * (c - c);
      });
    }
    const ranks = [
      ...new Set(
        ps.flatMap((p) => {
          const h = (s.n - 1) * p;
          return [Math.floor(h), Math.min(s.n - 1, Math.floor(h) + 1)];
        }),
      ),
    ].sort((x, y) => x - y);
    const at = orderStatistics(vals, s.n, ranks) ?? orderStatisticsBySelection(vals, s.n, ranks);
    return ps.map((p) => {
      const h = (s.n - 1) * p;
      const lo = Math.floor(h);
      const hi = Math.min(s.n - 1, lo + 1);
      return interpolate(at.get(lo) as number, at.get(hi) as number, h - lo);
    });
  }
  return ps.map((p) => {
    const rank = Math.round(p * (s.n - 1));
    let seen = 0;
    for (let k = s.neg.length - 1; k >= 0; k--) {
      seen += s.neg[k] as number;
      if (seen > rank) return -bucketValue(s.negOffset + k);
    }
    seen += s.zero;
    if (seen > rank) return 0;
    for (let k = 0; k < s.pos.length; k++) {
      seen += s.pos[k] as number;
      if (seen > rank) return bucketValue(s.posOffset + k);
    }
    return bucketValue(s.posOffset + s.pos.length - 1);
  });
};

/** Counts in `bins` equal-width bins over [min, max]. Exact stores count values; sketches count bucket centres. */
export const storeHistogram = (
  s: QuantileStoreState,
  min: number,
  max: number,
  bins: number,
): { x0: number; x1: number; count: number }[] => {
  if (s.n === 0 || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max === min) return [{ x0: min, x1: max, count: s.n }];
  const width = (max - min) / bins;
  const counts = new Float64Array(bins);
  const put = (x: number, c: number): void => {
    const k = Math.min(bins - 1, Math.max(0, Math.floor((x - min) / width)));
    counts[k] = (counts[k] as number) + c;
  };
  if (s.kind === 'exact') {
    // put(x, 1) for every value, inline (a run's summary bins every trial value of every metric: a call per value
    // cost as much per trial as aggregating it); the same bin arithmetic
    const v = s.values;
    const last = bins - 1;
    for (let k = 0; k < s.n; k++) {
      const b = Math.floor(((v[k] as number) - min) / width);
      const j = b > 0 ? (b < last ? b : last) : b < 0 ? 0 : b;
      counts[j] = (counts[j] as number) + 1;
    }
  } else {
    for (let k = 0; k < s.neg.length; k++)
      if (s.neg[k]) put(-bucketValue(s.negOffset + k), s.neg[k] as number);
    if (s.zero) put(0, s.zero);
    for (let k = 0; k < s.pos.length; k++)
      if (s.pos[k]) put(bucketValue(s.posOffset + k), s.pos[k] as number);
  }
  return Array.from(counts, (count, k) => ({
    x0: min + k * width,
    x1: k === bins - 1 ? max : min + (k + 1) * width,
    count,
  }));
};
