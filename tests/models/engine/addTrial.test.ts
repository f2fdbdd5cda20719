import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addTrial,
  bandMean,
  mergeAggregate,
  newAggregate,
  releaseAggregate,
  type AggregateShape,
  type AggregateState,
  type Moments,
} from '../../../models/engine/Aggregate';
import {
  addValue,
  bucketIndexExact,
  mergeStore,
  newStore,
  releaseStore,
  type QuantileStoreState,
  type SketchStoreState,
} from '../../../models/engine/QuantileStore';
import type { TrialRecord } from '../../../models/engine/TrialSimulator';

// The plain per-value formulation of Aggregate.addTrial (as it was before the loops were specialised by shape and
// store kind), kept here as the oracle: every value through addValue, every count in one loop per round.
const addTrialReference = (a: AggregateState, s: AggregateShape, t: TrialRecord): void => {
  const R = t.rounds;
  const O = s.outcomes;
  const M = s.metrics;
  const full = s.detail === 'full';
  a.n++;
  for (let k = 0; k < O; k++) {
    let first = -1;
    for (let r = 0; r < R; r++) {
      if (t.outcomes[r * O + k]) {
        if (first < 0) first = r;
        if (full) a.roundHits[r * O + k] = (a.roundHits[r * O + k] as number) + 1;
        else break;
      }
    }
    if (first >= 0) {
      a.ever[k] = (a.ever[k] as number) + 1;
      if (full) a.firstRound[first * O + k] = (a.firstRound[first * O + k] as number) + 1;
    }
  }
  const last = (R - 1) * M;
  for (let k = 0; k < M; k++) {
    const x = t.metrics[last + k] as number;
    const m = a.moments[k] as Moments;
    const n = m.n + 1;
    m.n = n;
    const d = x - m.mean;
    const mean = m.mean + d / n;
    m.mean = mean;
    m.m2 += d * (x - mean);
    if (x < m.min) m.min = x;
    if (x > m.max) m.max = x;
    if (full) addValue(a.trialStores[k] as QuantileStoreState, x);
  }
  for (let e = 0; e < s.events; e++)
    if (t.eventFirstRound[e]) a.eventEver[e] = (a.eventEver[e] as number) + 1;
  if (!full) return;
  for (let r = 0; r < R; r++) {
    if (a.bandStores.length > 0) {
      for (let k = 0; k < M; k++) {
        addValue(a.bandStores[r * M + k] as QuantileStoreState, t.metrics[r * M + k] as number);
        a.bandSums[r * M + k] = (a.bandSums[r * M + k] as number) + (t.metrics[r * M + k] as number);
      }
    }
    a.profileCounts[r * s.profiles + (t.profiles[r] as number)]! += 1;
    a.eqCounts[r * 3 + (t.eqType[r] as number)]! += 1;
    if ((t.pureCount[r] as number) > 1) a.multiPure[r]! += 1;
  }
};

/** Every number of an aggregate as its bits (so −0 and 0, and any two NaNs, are told apart). */
const bitsOf = (x: number): string => {
  const b = new Float64Array([x]);
  return Array.from(new Uint8Array(b.buffer), (y) => y.toString(16).padStart(2, '0')).join('');
};
const arrayBits = (v: ArrayLike<number>): string[] => Array.from(v, bitsOf);
const storeBits = (s: QuantileStoreState): unknown =>
  s.kind === 'exact'
    ? { kind: s.kind, n: s.n, values: arrayBits(s.values.subarray(0, s.n)) }
    : {
        kind: s.kind,
        n: s.n,
        zero: s.zero,
        posOffset: s.posOffset,
        pos: arrayBits(s.pos),
        negOffset: s.negOffset,
        neg: arrayBits(s.neg),
      };
const aggregateBits = (a: AggregateState): unknown => ({
  n: a.n,
  ever: arrayBits(a.ever),
  roundHits: arrayBits(a.roundHits),
  firstRound: arrayBits(a.firstRound),
  moments: a.moments.map((m) => [m.n, m.mean, m.m2, m.min, m.max].map(bitsOf)),
  trialStores: a.trialStores.map(storeBits),
  bandStores: a.bandStores.map(storeBits),
  bandSums: arrayBits(a.bandSums),
  profileCounts: arrayBits(a.profileCounts),
  eqCounts: arrayBits(a.eqCounts),
  multiPure: arrayBits(a.multiPure),
  eventEver: arrayBits(a.eventEver),
});

// Metric values: repeats (a metric that stays put, the same value in another round), zeros of both signs, values
// inside the sketch's zero band, negatives, a wide range, neighbouring doubles.
const metricValue = fc.oneof(
  fc.constantFrom(0, -0, 0.4, 0.4000000000000001, 1, -3.5, 1e-12, -1e-12, 2e-9, 7e5, -1e30),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.double({ min: 0.5, max: 2, noNaN: true }),
);

const shapeArb = fc.record({
  rounds: fc.integer({ min: 1, max: 5 }),
  outcomes: fc.integer({ min: 0, max: 3 }),
  metrics: fc.integer({ min: 0, max: 3 }),
  profiles: fc.integer({ min: 1, max: 4 }),
  events: fc.integer({ min: 0, max: 2 }),
  detail: fc.constantFrom('full' as const, 'light' as const),
  exactTrial: fc.boolean(),
  exactBands: fc.boolean(),
});

const trialArb = (s: AggregateShape): fc.Arbitrary<TrialRecord> =>
  fc
    .record({
      outcomes: fc.array(fc.integer({ min: 0, max: 1 }), {
        minLength: s.rounds * s.outcomes,
        maxLength: s.rounds * s.outcomes,
      }),
      metrics: fc.array(metricValue, { minLength: s.rounds * s.metrics, maxLength: s.rounds * s.metrics }),
      profiles: fc.array(fc.integer({ min: 0, max: s.profiles - 1 }), {
        minLength: s.rounds,
        maxLength: s.rounds,
      }),
      eqType: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: s.rounds, maxLength: s.rounds }),
      pureCount: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: s.rounds, maxLength: s.rounds }),
      events: fc.array(fc.integer({ min: 0, max: s.rounds }), { minLength: s.events, maxLength: s.events }),
    })
    .map((x) => ({
      rounds: s.rounds,
      params: new Float64Array(0),
      choices: new Int32Array(0),
      profiles: Int32Array.from(x.profiles),
      eqType: Uint8Array.from(x.eqType),
      pureCount: Int32Array.from(x.pureCount),
      outcomes: Uint8Array.from(x.outcomes),
      metrics: Float64Array.from(x.metrics),
      eventFirstRound: Int32Array.from(x.events),
      chance: new Int32Array(0),
    }));

// exact bands imply exact trial values in a job (makeJob's budget); both kinds are tried anyway
const caseArb = shapeArb.chain((s) =>
  fc.tuple(
    fc.constant(s),
    fc.array(fc.array(trialArb(s), { maxLength: 12 }), { minLength: 1, maxLength: 3 }),
  ),
);

describe('addTrial: the specialised loops give exactly the per-value formulation', () => {
  it('property: every count, moment and store (bits, layout) after chunks of trials, merged in order', () => {
    fc.assert(
      fc.property(caseArb, ([shape, chunks]) => {
        const run = (add: typeof addTrial): unknown => {
          const parts = chunks.map((trials) => {
            const a = newAggregate(shape, 4);
            for (const t of trials) add(a, shape, t);
            return a;
          });
          const merged = parts[0] as AggregateState;
          for (const p of parts.slice(1)) {
            mergeAggregate(merged, p);
            releaseAggregate(p);
          }
          const bits = aggregateBits(merged);
          releaseAggregate(merged);
          return bits;
        };
        expect(run(addTrial)).toEqual(run(addTrialReference));
      }),
      { numRuns: 400 },
    );
  });

  it('one metric moving through rounds while another stays put (the per-metric bucket reuse)', () => {
    const shape: AggregateShape = {
      rounds: 6,
      outcomes: 1,
      metrics: 2,
      profiles: 1,
      events: 0,
      detail: 'full',
      exactTrial: false,
      exactBands: false,
    };
    const trial = (values: number[]): TrialRecord => ({
      rounds: 6,
      params: new Float64Array(0),
      choices: new Int32Array(0),
      profiles: new Int32Array(6),
      eqType: new Uint8Array(6),
      pureCount: new Int32Array(6),
      outcomes: Uint8Array.from([0, 1, 0, 1, 1, 0]),
      metrics: Float64Array.from(values),
      eventFirstRound: new Int32Array(0),
      chance: new Int32Array(0),
    });
    const trials = [
      trial([1, 5, 2, 5, 3, 5, 4, 5, -0, 5, 0, 5]),
      trial([5, 1, 5, 2, 5, 3, 5, 4, 5, -7, 5, 1e-10]),
    ];
    const a = newAggregate(shape, 4);
    const b = newAggregate(shape, 4);
    for (const t of trials) {
      addTrial(a, shape, t);
      addTrialReference(b, shape, t);
    }
    expect(aggregateBits(a)).toEqual(aggregateBits(b));
    expect((a.bandStores[9] as SketchStoreState).neg.some((c) => c === 1)).toBe(true);
  });
});

// A test-local sketch with the layout rules of QuantileStore (first array 64 long, centred; growth by at least half
// the length, at least 16, beyond the new bucket), without any reuse of arrays: the oracle for the pool.
type PlainSketch = {
  n: number;
  zero: number;
  sides: Record<'pos' | 'neg', { off: number; counts: number[] }>;
};
const plainAdd = (p: PlainSketch, side: 'pos' | 'neg', i: number): void => {
  const s = p.sides[side];
  if (s.counts.length === 0) {
    s.counts = new Array<number>(64).fill(0);
    s.off = i - 32;
  }
  const len = s.counts.length;
  if (i < s.off || i >= s.off + len) {
    const lo = i < s.off ? i - Math.max(16, len >> 1) : s.off;
    const hi = i >= s.off + len ? i + 1 + Math.max(16, len >> 1) : s.off + len;
    const grown = new Array<number>(hi - lo).fill(0);
    s.counts.forEach((c, k) => (grown[s.off - lo + k] = c));
    s.counts = grown;
    s.off = lo;
  }
  s.counts[i - s.off]! += 1;
};

describe('sketch arrays reused after a release come back zeroed, with the layout fresh arrays give', () => {
  it('property: stores filled after others were released (and merged) equal a sketch that reuses nothing', () => {
    const value = fc.oneof(metricValue, fc.double({ min: -50, max: 50, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { maxLength: 80 }), { minLength: 1, maxLength: 5 }),
        fc.array(value, { maxLength: 80 }),
        (dirty, xs) => {
          // pollute the pool: sketches with counts, merged into each other, then released
          const olds = dirty.map((d) => {
            const s = newStore(false);
            for (const x of d) addValue(s, x);
            return s;
          });
          for (const o of olds.slice(1)) mergeStore(olds[0] as QuantileStoreState, o);
          for (const o of olds) releaseStore(o);
          const s = newStore(false) as SketchStoreState;
          const plain: PlainSketch = {
            n: 0,
            zero: 0,
            sides: { pos: { off: 0, counts: [] }, neg: { off: 0, counts: [] } },
          };
          for (const x of xs) {
            addValue(s, x);
            plain.n++;
            if (x > 1e-9) plainAdd(plain, 'pos', bucketIndexExact(x));
            else if (x < -1e-9) plainAdd(plain, 'neg', bucketIndexExact(-x));
            else plain.zero++;
          }
          expect({ n: s.n, zero: s.zero }).toEqual({ n: plain.n, zero: plain.zero });
          expect([s.posOffset, Array.from(s.pos)]).toEqual(
            plain.sides.pos.counts.length ? [plain.sides.pos.off, plain.sides.pos.counts] : [0, []],
          );
          expect([s.negOffset, Array.from(s.neg)]).toEqual(
            plain.sides.neg.counts.length ? [plain.sides.neg.off, plain.sides.neg.counts] : [0, []],
          );
          releaseStore(s);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a released store is left empty, and releasing it twice pools nothing twice', () => {
    const a = newStore(false) as SketchStoreState;
    for (const x of [1, 2, 3, -4, 0]) addValue(a, x);
    releaseStore(a);
    expect([a.n, a.zero, a.pos.length, a.neg.length]).toEqual([0, 0, 0, 0]);
    releaseStore(a);
    const b = newStore(false) as SketchStoreState;
    const c = newStore(false) as SketchStoreState;
    addValue(b, 1);
    addValue(c, 1);
    expect(b.pos).not.toBe(c.pos);
    expect(Array.from(b.pos).reduce((x, y) => x + y, 0)).toBe(1);
    expect(Array.from(c.pos).reduce((x, y) => x + y, 0)).toBe(1);
  });
});

describe('metric moments of finite values near ±1e308', () => {
  const shape: AggregateShape = {
    rounds: 1,
    outcomes: 0,
    metrics: 1,
    profiles: 1,
    events: 0,
    detail: 'light',
    exactTrial: true,
    exactBands: true,
  };
  const trial = (x: number): TrialRecord => ({
    rounds: 1,
    params: new Float64Array(0),
    choices: new Int32Array(0),
    profiles: new Int32Array(1),
    eqType: new Uint8Array(1),
    pureCount: new Int32Array(1),
    outcomes: new Uint8Array(0),
    metrics: Float64Array.from([x]),
    eventFirstRound: new Int32Array(0),
    chance: new Int32Array(0),
  });
  const xs = Array.from({ length: 40 }, (_, k) => (k % 3 === 0 ? 1e308 : -1.5e308));

  it('keep a finite mean (one aggregate, and chunks merged), and an sd that overflows to Infinity, never NaN', () => {
    const exact = xs.reduce((s, x) => s + x / xs.length, 0);
    const one = newAggregate(shape, 4);
    for (const x of xs) addTrial(one, shape, trial(x));
    const chunks = [0, 7, 8, 25, 40].slice(1).map((end, c, ends) => {
      const a = newAggregate(shape, 4);
      for (const x of xs.slice(c === 0 ? 0 : ends[c - 1], end)) addTrial(a, shape, trial(x));
      return a;
    });
    const merged = chunks[0] as AggregateState;
    for (const c of chunks.slice(1)) mergeAggregate(merged, c);
    for (const a of [one, merged]) {
      const m = a.moments[0] as Moments;
      expect(m.n).toBe(xs.length);
      expect(Math.abs(m.mean - exact)).toBeLessThan(1e-12 * 1.5e308);
      expect(m.m2).toBe(Infinity);
      expect([m.min, m.max]).toEqual([-1.5e308, 1e308]);
    }
  });
});

describe('band means of finite values whose sum overflows', () => {
  it('are the mean of the exact band store, not ±Infinity or NaN', () => {
    const shape: AggregateShape = {
      rounds: 2,
      outcomes: 0,
      metrics: 1,
      profiles: 1,
      events: 0,
      detail: 'full',
      exactTrial: true,
      exactBands: true,
    };
    const a = newAggregate(shape, 4);
    for (let t = 0; t < 30; t++) {
      addTrial(a, shape, {
        rounds: 2,
        params: new Float64Array(0),
        choices: new Int32Array(0),
        profiles: new Int32Array(2),
        eqType: new Uint8Array(2),
        pureCount: new Int32Array(2),
        outcomes: new Uint8Array(0),
        // round 1: always -1e308 (the sum overflows to -Infinity); round 2: 1e308 then -1e308 (to Infinity)
        metrics: Float64Array.from([-1e308, t < 15 ? 1e308 : -1e308]),
        eventFirstRound: new Int32Array(0),
        chance: new Int32Array(0),
      });
    }
    expect(bandMean(a, 0)).toBe(-1e308);
    expect(Math.abs(bandMean(a, 1))).toBeLessThan(1e-12 * 1e308);
  });
});
