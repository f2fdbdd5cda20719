// Streaming, mergeable aggregation of trials. One AggregateState per chunk (trials in order), merged in chunk
// order: the result depends only on the (fixed) chunk partition, never on the number of workers.
import {
  addToSketch,
  compactStore,
  exactRoom,
  mergeStore,
  newStore,
  releaseStore,
  reserveStore,
  sketchBucket,
  sketchSide,
  type ExactStoreState,
  type QuantileStoreState,
  type SketchStoreState,
} from './QuantileStore';
import type { TrialRecord } from './TrialSimulator';

export type AggregateShape = {
  readonly rounds: number;
  readonly outcomes: number;
  readonly metrics: number;
  readonly profiles: number;
  readonly events: number;
  /** 'full': everything; 'light': outcome counts and metric moments only (sweeps). */
  readonly detail: 'full' | 'light';
  /** Keep every trial value of each metric (exact quantiles) — else a sketch. */
  readonly exactTrial: boolean;
  /** Keep every per-round value (exact bands) — else a sketch. */
  readonly exactBands: boolean;
};

export type Moments = { n: number; mean: number; m2: number; min: number; max: number };

export type AggregateState = {
  n: number;
  /** Trials in which outcome k happened in some round. */
  ever: Float64Array;
  /** roundHits[r * O + k]: trials with outcome k in round r. */
  roundHits: Float64Array;
  /** firstRound[r * O + k]: trials whose first occurrence of k is round r+1 (r < R); never = n − ever. */
  firstRound: Float64Array;
  /** Trial values (last round) per metric. */
  moments: Moments[];
  trialStores: QuantileStoreState[];
  /** bandStores[r * M + k]; bandMoments likewise (mean per round). */
  bandStores: QuantileStoreState[];
  bandSums: Float64Array;
  /** profileCounts[r * P + p]. */
  profileCounts: Float64Array;
  /** eqCounts[r * 3 + type] (none, pure, mixed); multiPure[r]: rounds with several pure equilibria. */
  eqCounts: Float64Array;
  multiPure: Float64Array;
  /** Trials in which event e fired. */
  eventEver: Float64Array;
};

const newMoments = (): Moments => ({ n: 0, mean: 0, m2: 0, min: Infinity, max: -Infinity });

/**
 * A new, empty aggregate. `trials`: how many trials it will hold (a chunk's length), so exact stores are allocated
 * once at their final size (no growth, no copy when compacted for transfer).
 */
export const newAggregate = (s: AggregateShape, trials = 64): AggregateState => {
  const full = s.detail === 'full';
  const R = s.rounds;
  return {
    n: 0,
    ever: new Float64Array(s.outcomes),
    roundHits: new Float64Array(full ? R * s.outcomes : 0),
    firstRound: new Float64Array(full ? R * s.outcomes : 0),
    moments: Array.from({ length: s.metrics }, newMoments),
    trialStores: full ? Array.from({ length: s.metrics }, () => newStore(s.exactTrial, trials)) : [],
    // One round: the band of round 1 is the trial values themselves (no second copy).
    bandStores:
      full && R > 1 ? Array.from({ length: R * s.metrics }, () => newStore(s.exactBands, trials)) : [],
    bandSums: new Float64Array(full && R > 1 ? R * s.metrics : 0),
    profileCounts: new Float64Array(full ? R * s.profiles : 0),
    eqCounts: new Float64Array(full ? R * 3 : 0),
    multiPure: new Float64Array(full ? R : 0),
    eventEver: new Float64Array(s.events),
  };
};

// Per metric: the last value put in a sketch, its side and its bucket (pure functions of the value: see
// QuantileStore.sketchSide). Values reach the stores without a call taking a float (no boxing in the trial loop).
let lastValue = new Float64Array(0);
let lastSide = new Int32Array(0);
let lastBucket = new Int32Array(0);

/** Add metric k's value x to a sketch (a metric often keeps its value from one round to the next: its bucket, a logarithm, is reused). */
const addSketchValue = (store: SketchStoreState, k: number, metrics: Float64Array, at: number): void => {
  const x = metrics[at] as number;
  if (x !== lastValue[k]) {
    lastValue[k] = x;
    lastSide[k] = sketchSide(x);
    lastBucket[k] = sketchBucket(x);
  }
  addToSketch(store, lastSide[k] as number, lastBucket[k] as number);
};

/**
 * Add one finished trial. Hand-written hot loop (once per trial; with R rounds and M metrics it feeds R·M band
 * stores, the largest cost of the engine outside the rounds at 24 rounds): the shape's choices (full or light,
 * exact or sketch bands) are taken once per trial rather than once per value, and each kind of store has its own
 * loop, so every property load in a loop sees one object shape. The counts, moments and store contents are
 * exactly those of the plain per-value formulation (tests/models/engine/addTrial.test.ts).
 */
export const addTrial = (a: AggregateState, s: AggregateShape, t: TrialRecord): void => {
  const M = s.metrics;
  if (lastValue.length < M) {
    lastValue = new Float64Array(M).fill(NaN);
    lastSide = new Int32Array(M);
    lastBucket = new Int32Array(M);
  }
  const R = t.rounds;
  const O = s.outcomes;
  const full = s.detail === 'full';
  const outcomes = t.outcomes;
  const ever = a.ever;
  a.n++;
  if (full) {
    const roundHits = a.roundHits;
    const firstRound = a.firstRound;
    for (let k = 0; k < O; k++) {
      let first = -1;
      for (let r = 0, i = k; r < R; r++, i += O) {
        if (outcomes[i]) {
          if (first < 0) first = r;
          roundHits[i] = (roundHits[i] as number) + 1;
        }
      }
      if (first >= 0) {
        ever[k] = (ever[k] as number) + 1;
        const f = first * O + k;
        firstRound[f] = (firstRound[f] as number) + 1;
      }
    }
  } else {
    for (let k = 0; k < O; k++) {
      for (let r = 0, i = k; r < R; r++, i += O) {
        if (outcomes[i]) {
          ever[k] = (ever[k] as number) + 1;
          break;
        }
      }
    }
  }
  const metrics = t.metrics;
  const last = (R - 1) * M;
  const moments = a.moments;
  for (let k = 0; k < M; k++) {
    const x = metrics[last + k] as number;
    const m = moments[k] as Moments;
    const n = m.n + 1;
    m.n = n;
    const d = x - m.mean;
    let mean = m.mean + d / n;
    if (mean - mean !== 0) mean = overflowMean(m.mean, x, 1 / n);
    m.mean = mean;
    m.m2 += d * (x - mean);
    if (x < m.min) m.min = x;
    if (x > m.max) m.max = x;
  }
  const firstEvent = t.eventFirstRound;
  const eventEver = a.eventEver;
  for (let e = 0; e < s.events; e++) if (firstEvent[e]) eventEver[e] = (eventEver[e] as number) + 1;
  if (!full) return;
  const trialStores = a.trialStores;
  if (s.exactTrial) {
    for (let k = 0; k < M; k++) {
      const store = trialStores[k] as ExactStoreState;
      exactRoom(store)[store.n++] = metrics[last + k] as number;
    }
  } else {
    for (let k = 0; k < M; k++) addSketchValue(trialStores[k] as SketchStoreState, k, metrics, last + k);
  }
  const bandStores = a.bandStores;
  if (bandStores.length > 0) {
    const bandSums = a.bandSums;
    const RM = R * M;
    for (let i = 0; i < RM; i++) bandSums[i] = (bandSums[i] as number) + (metrics[i] as number);
    if (s.exactBands) {
      for (let i = 0; i < RM; i++) {
        const store = bandStores[i] as ExactStoreState;
        exactRoom(store)[store.n++] = metrics[i] as number;
      }
    } else {
      for (let r = 0, i = 0; r < R; r++)
        for (let k = 0; k < M; k++, i++) addSketchValue(bandStores[i] as SketchStoreState, k, metrics, i);
    }
  }
  const P = s.profiles;
  const profiles = t.profiles;
  const eqType = t.eqType;
  const pureCount = t.pureCount;
  const profileCounts = a.profileCounts;
  const eqCounts = a.eqCounts;
  const multiPure = a.multiPure;
  for (let r = 0; r < R; r++) {
    const p = r * P + (profiles[r] as number);
    profileCounts[p] = (profileCounts[p] as number) + 1;
    const e = r * 3 + (eqType[r] as number);
    eqCounts[e] = (eqCounts[e] as number) + 1;
    if ((pureCount[r] as number) > 1) multiPure[r] = (multiPure[r] as number) + 1;
  }
};

const addInto = (a: Float64Array, b: Float64Array): void => {
  for (let k = 0; k < a.length; k++) a[k] = (a[k] as number) + (b[k] as number);
};

/**
 * mean + w·(x − mean) when that overflows although mean and x are finite (x − mean beyond ±1.8e308: metric values
 * near ±1e308 of both signs), computed on halves so that it stays finite: (mean/2 + w·(x/2 − mean/2))·2. Otherwise
 * (a non-finite input) the plain form. Only ever called where the plain form was not finite, so every other mean
 * keeps its bits. Variance then overflows honestly (M2 = Infinity: the sd is printed as Infinity, never NaN).
 */
const overflowMean = (mean: number, x: number, w: number): number => {
  if (mean - mean !== 0 || x - x !== 0) return mean + w * (x - mean);
  const h = mean * 0.5;
  return (h + w * (x * 0.5 - h)) * 2;
};

/**
 * Band k's mean (bandSums[k] / n); when that sum overflowed although every value is finite (values near ±1e308, or
 * above ~1e308 / trials), the mean of the band's exact store by Welford's update with overflowMean, in store order
 * (NaN for a sketch: its values are gone).
 */
export const bandMean = (a: AggregateState, k: number): number => {
  const mean = (a.bandSums[k] as number) / a.n;
  const store = a.bandStores[k];
  if (mean - mean === 0 || !store || store.kind !== 'exact') return mean;
  const v = store.values;
  let m = 0;
  for (let i = 0; i < store.n; i++) {
    const x = v[i] as number;
    const next = m + (x - m) / (i + 1);
    m = next - next === 0 ? next : overflowMean(m, x, 1 / (i + 1));
  }
  return m;
};

/** Merge o (later trials) into m: Chan et al.'s parallel update of count, mean and M2, plus min and max. */
const mergeMoments = (m: Moments, o: Moments): void => {
  if (o.n === 0) return;
  if (m.n === 0) {
    Object.assign(m, o);
    return;
  }
  const n = m.n + o.n;
  const d = o.mean - m.mean;
  const mean = m.mean + (d * o.n) / n;
  m.mean = mean - mean === 0 ? mean : overflowMean(m.mean, o.mean, o.n / n);
  m.m2 += o.m2 + (d * d * m.n * o.n) / n;
  m.n = n;
  m.min = Math.min(m.min, o.min);
  m.max = Math.max(m.max, o.max);
};

/**
 * Room in a's exact stores for `trials` trials in all (the run's merged aggregate: its stores bounded by the run's
 * exact-value budget): later merges copy each chunk once instead of regrowing by doubling.
 */
export const reserveAggregate = (a: AggregateState, trials: number): void => {
  for (const s of a.trialStores) reserveStore(s, trials);
  for (const s of a.bandStores) reserveStore(s, trials);
};

/**
 * The caller is done with a (merged into another, or summarised): its exact stores' arrays go back for reuse
 * (QuantileStore.releaseStore) and a's stores are left empty. Only for aggregates nothing else references.
 */
export const releaseAggregate = (a: AggregateState): void => {
  for (const s of a.trialStores) releaseStore(s);
  for (const s of a.bandStores) releaseStore(s);
};

/** Merge b (later trials) into a. Chan et al.'s parallel update for the moments. */
export const mergeAggregate = (a: AggregateState, b: AggregateState): void => {
  a.n += b.n;
  addInto(a.ever, b.ever);
  addInto(a.roundHits, b.roundHits);
  addInto(a.firstRound, b.firstRound);
  a.moments.forEach((m, k) => mergeMoments(m, b.moments[k] as Moments));
  a.trialStores.forEach((s, k) => mergeStore(s, b.trialStores[k] as QuantileStoreState));
  a.bandStores.forEach((s, k) => mergeStore(s, b.bandStores[k] as QuantileStoreState));
  addInto(a.bandSums, b.bandSums);
  addInto(a.profileCounts, b.profileCounts);
  addInto(a.eqCounts, b.eqCounts);
  addInto(a.multiPure, b.multiPure);
  addInto(a.eventEver, b.eventEver);
};

/** Trim exact stores before transfer. */
export const compactAggregate = (a: AggregateState): AggregateState => ({
  ...a,
  trialStores: a.trialStores.map(compactStore),
  bandStores: a.bandStores.map(compactStore),
});

/** Paired differences (variant − baseline) per trial: outcome "ever" indicators and metric trial values. */
export type PairedDifferences = {
  n: number;
  outcomeSum: Float64Array;
  outcomeSq: Float64Array;
  metrics: Moments[];
};

export const newPairedDifferences = (outcomes: number, metrics: number): PairedDifferences => ({
  n: 0,
  outcomeSum: new Float64Array(outcomes),
  outcomeSq: new Float64Array(outcomes),
  metrics: Array.from({ length: metrics }, newMoments),
});

export const addPairedDifference = (
  p: PairedDifferences,
  base: Float64Array,
  variant: Float64Array,
  outcomes: number,
): void => {
  p.n++;
  for (let k = 0; k < outcomes; k++) {
    const d = (variant[k] as number) - (base[k] as number);
    p.outcomeSum[k] = (p.outcomeSum[k] as number) + d;
    p.outcomeSq[k] = (p.outcomeSq[k] as number) + d * d;
  }
  p.metrics.forEach((m, k) => {
    const x = (variant[outcomes + k] as number) - (base[outcomes + k] as number);
    m.n++;
    const d = x - m.mean;
    const mean = m.mean + d / m.n;
    m.mean = mean - mean === 0 ? mean : overflowMean(m.mean, x, 1 / m.n);
    m.m2 += d * (x - m.mean);
    if (x < m.min) m.min = x;
    if (x > m.max) m.max = x;
  });
};

export const mergePairedDifferences = (a: PairedDifferences, b: PairedDifferences): void => {
  a.n += b.n;
  addInto(a.outcomeSum, b.outcomeSum);
  addInto(a.outcomeSq, b.outcomeSq);
  a.metrics.forEach((m, k) => mergeMoments(m, b.metrics[k] as Moments));
};
