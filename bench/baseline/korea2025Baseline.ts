// A HAND-WRITTEN plain-JavaScript baseline of the korea-2025 scenario (models/scenarios/korea-2025.parley.json),
// the measuring stick for the engine in `npm run bench`. Every formula of the scenario is HARD-CODED below (that
// is the point: what careful hand-written code does for this one model), and nothing is imported from models/
// (lint forbids it): its own PRNG (xoshiro128**, seeded per trial by hashing), its own samplers (Acklam's
// inverse normal, its own beta-quantile table, the triangular closed form) and its own rank correlation (a
// Gaussian copula with Pearson r = 2 sin(πρ/6), which gives Spearman ρ exactly: the statistical strength of the
// engine's Iman–Conover at the same target). tests/bench/korea2025Baseline.test.ts proves it agrees with the
// engine on outcome and profile frequencies round by round (two-sample tests).
//
// What one trial does, in the engine's order (models/scenario/RuntimeModel.ts, models/engine/TrialSimulator.ts):
//   draw the ten parameters; russia = clamp(russiaSupport, 0, 1), tension = 0.4; then per round r (month
//   ((startMonth − 1 + r − 1) mod 12) + 1, July first): drills = (March or August) × drillScale; the 3×3 game;
//   every pure equilibrium (tolerance 1e-12 × max(1, max |payoff|)); the payoff-dominant one (largest payoff sum,
//   ties to the lowest profile index, player 0 = North Korea fastest); none → Lemke–Howson from label 0 and
//   choices drawn from it; outcomes and metrics recorded; the once-only ceasefire event (probability
//   ceasefireHazard); state updates (simultaneous, clamped to [0, 1]).
// Aggregates (the same information the engine's run summary carries): per-round outcome counts, first-occurrence
// rounds, "ever" counts, per-round profile counts, equilibrium kinds, the event count, per-round metric sums and
// per-round metric quantiles from 1,024-bin histograms on [0, 1] (every korea metric lies in [0, 1]: clamped
// state, drills = 0 or drillScale); the trial metric values (last round) with mean, sd, min, max.
import { BetaQuantile } from './BetaQuantile';
import { lemkeHowsonLabel0 } from './lemkeHowsonLabel0';
import { normalQuantile } from './normalQuantile';
import { Xoshiro128ss } from './Xoshiro128ss';

/** Parameter ids in the scenario's order (the layout of `params` when kept). */
export const KOREA_PARAMS = [
  'russiaSupport',
  'ceasefireHazard',
  'russiaDecay',
  'drillScale',
  'offerValue',
  'credibility',
  'doctrineCost',
  'deterrenceValue',
  'sanctionsBite',
  'techTransfer',
] as const;
export const KOREA_OUTCOMES = ['talks', 'provocation', 'crisis'] as const;
export const KOREA_METRICS = ['tension', 'russiaSupport', 'drills'] as const;

/** Histogram bins per (round, metric) on [0, 1]. */
export const METRIC_BINS = 1024;

export type KoreaBaselineOptions = {
  readonly trials: number;
  /** Rounds (months) per trial; the scenario has 24. */
  readonly rounds: number;
  /** Any 32-bit integer. */
  readonly seed: number;
  /** Calendar month of round 1 (the scenario: 7, July). */
  readonly startMonth?: number;
  /** Spearman rank correlation of russiaSupport and techTransfer (the scenario: 0.5). */
  readonly rho?: number;
  /** Keep every trial's parameter values (trials × 10, scenario order) — for tests. */
  readonly keepParams?: boolean;
};

export type KoreaBaselineResult = {
  readonly trials: number;
  readonly rounds: number;
  /** roundHits[r * 3 + k]: trials with outcome k in round r + 1. */
  readonly roundHits: Float64Array;
  /** firstRound[r * 3 + k]: trials whose first occurrence of outcome k is round r + 1. */
  readonly firstRound: Float64Array;
  readonly ever: Float64Array;
  /** profileCounts[r * 9 + p], p = northKorea + 3 × southKorea (engage/hold/provoke; offer/statusQuo/pressure). */
  readonly profileCounts: Float64Array;
  /** eqCounts[r * 3 + kind]: kind 0 none, 1 pure, 2 mixed (Lemke–Howson fallback). */
  readonly eqCounts: Float64Array;
  /** Rounds with several pure equilibria, per round. */
  readonly multiPure: Float64Array;
  /** Trials in which the ceasefire fired. */
  readonly ceasefire: number;
  /** bandMeans[r * 3 + k] and bandQuantiles[(r * 3 + k) * 5 + q] (p5, p25, p50, p75, p95). */
  readonly bandMeans: Float64Array;
  readonly bandQuantiles: Float64Array;
  /** Trial values (last round) per metric. */
  readonly metrics: readonly {
    readonly mean: number;
    readonly sd: number;
    readonly min: number;
    readonly max: number;
  }[];
  readonly params: Float64Array | null;
};

const Z95 = 1.6448536269514722; // Φ⁻¹(0.95): "low to high" is a 90% interval
const QS = [0.05, 0.25, 0.5, 0.75, 0.95];

/** A "low to high" 90% interval with 0 < low: lognormal; returns [mu, sigma] of the log. */
const lognormal90 = (low: number, high: number): [number, number] => [
  (Math.log(low) + Math.log(high)) / 2,
  (Math.log(high) - Math.log(low)) / (2 * Z95),
];

/** Triangular(min, mode, max) quantile (closed form). */
const triangular = (u: number, min: number, mode: number, max: number): number => {
  const f = (mode - min) / (max - min);
  return u < f
    ? min + Math.sqrt(u * (max - min) * (mode - min))
    : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
};

// The scenario's distributions (their tables are built once per process, like any precomputed constant).
const RUSSIA_SUPPORT = new BetaQuantile(
  1 + (4 * (0.8 - 0.55)) / (0.95 - 0.55),
  1 + (4 * (0.95 - 0.8)) / (0.95 - 0.55),
  0.55,
  0.95,
); // PERT(0.55, 0.8, 0.95)
const CREDIBILITY = new BetaQuantile(2, 8); // beta(2, 8)
const [MU_DECAY, SD_DECAY] = lognormal90(0.02, 0.1);
const [MU_DOCTRINE, SD_DOCTRINE] = lognormal90(0.8, 1.8);
const [MU_DETERRENCE, SD_DETERRENCE] = lognormal90(1, 2.2);
const [MU_SANCTIONS, SD_SANCTIONS] = lognormal90(1.8, 3.2);
const [MU_TECH, SD_TECH] = lognormal90(0.5, 1.6);
const DRILL_SCALE = 1; // fixed

/** Run `trials` trials of korea-2025 for `rounds` months. */
export const runKoreaBaseline = (o: KoreaBaselineOptions): KoreaBaselineResult => {
  const { trials, rounds: R } = o;
  const startMonth = o.startMonth ?? 7;
  const rho = o.rho ?? 0.5;
  // Gaussian copula: Pearson r of the normal scores that gives Spearman rho.
  const r = 2 * Math.sin((Math.PI * rho) / 6);
  const rc = Math.sqrt(1 - r * r);
  const drillMonth = new Uint8Array(R);
  for (let k = 0; k < R; k++) {
    const month = ((startMonth - 1 + k) % 12) + 1;
    drillMonth[k] = month === 3 || month === 8 ? 1 : 0;
  }
  const roundHits = new Float64Array(R * 3);
  const firstRound = new Float64Array(R * 3);
  const ever = new Float64Array(3);
  const profileCounts = new Float64Array(R * 9);
  const eqCounts = new Float64Array(R * 3);
  const multiPure = new Float64Array(R);
  const bandSums = new Float64Array(R * 3);
  const hist = new Uint32Array(R * 3 * METRIC_BINS);
  const trialSum = new Float64Array(3);
  const trialSq = new Float64Array(3);
  const trialMin = new Float64Array(3).fill(Infinity);
  const trialMax = new Float64Array(3).fill(-Infinity);
  const params = o.keepParams ? new Float64Array(trials * 10) : null;
  let ceasefires = 0;
  const A = new Float64Array(9); // North Korea's payoffs, [d * 3 + s]
  const B = new Float64Array(9); // South Korea's
  const mixN = new Float64Array(3);
  const mixS = new Float64Array(3);
  const rng = new Xoshiro128ss(o.seed);
  const last = new Float64Array(3);

  for (let t = 0; t < trials; t++) {
    rng.seedTrial(t);
    // --- parameters (scenario order); russiaSupport and techTransfer share a Gaussian copula
    const uR = rng.nextUniform();
    const russiaSupport = RUSSIA_SUPPORT.quantile(uR);
    const ceasefireHazard = triangular(rng.nextUniform(), 0.003, 0.01, 0.03);
    const russiaDecay = Math.exp(MU_DECAY + SD_DECAY * normalQuantile(rng.nextUniform()));
    const drillScale = DRILL_SCALE;
    const offerValue = triangular(rng.nextUniform(), 0.5, 1, 2);
    const credibility = CREDIBILITY.quantile(rng.nextUniform());
    const doctrineCost = Math.exp(MU_DOCTRINE + SD_DOCTRINE * normalQuantile(rng.nextUniform()));
    const deterrenceValue = Math.exp(MU_DETERRENCE + SD_DETERRENCE * normalQuantile(rng.nextUniform()));
    const sanctionsBite = Math.exp(MU_SANCTIONS + SD_SANCTIONS * normalQuantile(rng.nextUniform()));
    const zTech = r * normalQuantile(uR) + rc * normalQuantile(rng.nextUniform());
    const techTransfer = Math.exp(MU_TECH + SD_TECH * zTech);
    if (params) {
      const p = t * 10;
      params[p] = russiaSupport;
      params[p + 1] = ceasefireHazard;
      params[p + 2] = russiaDecay;
      params[p + 3] = drillScale;
      params[p + 4] = offerValue;
      params[p + 5] = credibility;
      params[p + 6] = doctrineCost;
      params[p + 7] = deterrenceValue;
      params[p + 8] = sanctionsBite;
      params[p + 9] = techTransfer;
    }
    // --- state
    let russia = russiaSupport < 0 ? 0 : russiaSupport > 1 ? 1 : russiaSupport;
    let tension = 0.4;
    let ceasefire = 0;
    let seen = 0; // bit k: outcome k has happened in this trial
    const hazard = ceasefireHazard < 0 ? 0 : ceasefireHazard > 1 ? 1 : ceasefireHazard;
    for (let k = 0; k < R; k++) {
      // derived
      const drills = drillMonth[k] ? drillScale : 0;
      const russianBenefit = russia * (1 + techTransfer);
      const sanctionsPain = sanctionsBite * (1 - russia);
      // the 3×3 game: North Korea d ∈ {engage, hold, provoke}, South Korea s ∈ {offer, statusQuo, pressure}
      const engageOffer =
        0.5 * russianBenefit +
        offerValue * credibility * (1 - russia) -
        doctrineCost -
        0.5 * drills -
        1.5 * tension;
      const engageOther = 0.5 * russianBenefit - sanctionsPain - doctrineCost - 0.5 * drills - 1.5 * tension;
      const hold = russianBenefit - sanctionsPain;
      const provokeBase = russianBenefit - sanctionsPain - (0.6 + sanctionsPain);
      A[0] = engageOffer;
      A[1] = engageOther;
      A[2] = engageOther;
      A[3] = hold;
      A[4] = hold;
      A[5] = hold;
      A[6] = provokeBase + deterrenceValue * (0.4 + 0.6 * drills);
      A[7] = A[6] as number;
      A[8] = provokeBase + deterrenceValue * (0.4 + 0.6 * drills + 0.4);
      B[0] = 3;
      B[1] = 1;
      B[2] = -0.5;
      B[3] = 0.2;
      B[4] = 0;
      B[5] = -0.3;
      B[6] = -2;
      B[7] = -1.5;
      B[8] = -(1 - 0.3 * tension);
      // every pure equilibrium, payoff-dominant selection
      let big = 1;
      for (let c = 0; c < 9; c++) {
        const x = Math.abs(A[c] as number);
        const y = Math.abs(B[c] as number);
        if (x > big) big = x;
        if (y > big) big = y;
      }
      const tol = 1e-12 * big;
      let count = 0;
      let chosen = -1;
      let bestScore = -Infinity;
      for (let s = 0; s < 3; s++) {
        const colMax = Math.max(A[s] as number, A[3 + s] as number, A[6 + s] as number);
        for (let d = 0; d < 3; d++) {
          const c = d * 3 + s;
          const rowMax = Math.max(B[d * 3] as number, B[d * 3 + 1] as number, B[d * 3 + 2] as number);
          if (colMax > (A[c] as number) + tol || rowMax > (B[c] as number) + tol) continue;
          count++;
          const score = (A[c] as number) + (B[c] as number);
          if (score > bestScore + tol) {
            bestScore = score;
            chosen = c;
          }
        }
      }
      let d: number;
      let s: number;
      if (count > 0) {
        d = (chosen / 3) | 0;
        s = chosen - 3 * d;
        add(eqCounts, k * 3 + 1, 1);
        if (count > 1) add(multiPure, k, 1);
      } else {
        // no pure equilibrium (never in korea-2025 at any parameter values, but the engine's rule is kept)
        add(eqCounts, k * 3 + 2, 1);
        if (!lemkeHowsonLabel0(3, 3, A, B, mixN, mixS)) throw new Error('baseline: Lemke–Howson failed');
        d = pick(mixN, rng.nextUniform());
        s = pick(mixS, rng.nextUniform());
      }
      add(profileCounts, k * 9 + d + 3 * s, 1);
      const engage = d === 0 ? 1 : 0;
      const provoke = d === 2 ? 1 : 0;
      const offer = s === 0 ? 1 : 0;
      const pressure = s === 2 ? 1 : 0;
      // outcomes
      if (engage & offer) {
        add(roundHits, k * 3, 1);
        if (!(seen & 1)) add(firstRound, k * 3, 1);
        seen |= 1;
      }
      if (provoke) {
        add(roundHits, k * 3 + 1, 1);
        if (!(seen & 2)) add(firstRound, k * 3 + 1, 1);
        seen |= 2;
        if (pressure && tension > 0.6) {
          add(roundHits, k * 3 + 2, 1);
          if (!(seen & 4)) add(firstRound, k * 3 + 2, 1);
          seen |= 4;
        }
      }
      // metrics: tension, russia, drills
      last[0] = tension;
      last[1] = russia;
      last[2] = drills;
      for (let m = 0; m < 3; m++) {
        const v = last[m] as number;
        add(bandSums, k * 3 + m, v);
        const bin = v <= 0 ? 0 : v >= 1 ? METRIC_BINS - 1 : (v * METRIC_BINS) | 0;
        const h = (k * 3 + m) * METRIC_BINS + bin;
        hist[h] = (hist[h] as number) + 1;
      }
      // the ceasefire event (once)
      if (!ceasefire && rng.nextUniform() < hazard) {
        ceasefire = 1;
        ceasefires++;
      }
      // state updates (simultaneous, clamped)
      const russiaNext = ceasefire ? russia * (1 - russiaDecay) : russia;
      const tensionNext =
        0.7 * tension + 0.35 * provoke + 0.15 * pressure + 0.1 * drills - 0.3 * engage * offer;
      russia = russiaNext < 0 ? 0 : russiaNext > 1 ? 1 : russiaNext;
      tension = tensionNext < 0 ? 0 : tensionNext > 1 ? 1 : tensionNext;
    }
    add(ever, 0, seen & 1);
    add(ever, 1, (seen >> 1) & 1);
    add(ever, 2, (seen >> 2) & 1);
    for (let m = 0; m < 3; m++) {
      const v = last[m] as number;
      add(trialSum, m, v);
      add(trialSq, m, v * v);
      if (v < (trialMin[m] as number)) trialMin[m] = v;
      if (v > (trialMax[m] as number)) trialMax[m] = v;
    }
  }
  // summaries
  const bandMeans = new Float64Array(R * 3);
  const bandQuantiles = new Float64Array(R * 3 * 5);
  for (let c = 0; c < R * 3; c++) {
    bandMeans[c] = (bandSums[c] as number) / trials;
    let acc = 0;
    let q = 0;
    for (let b = 0; b < METRIC_BINS && q < 5; b++) {
      acc += hist[c * METRIC_BINS + b] as number;
      while (q < 5 && acc >= (QS[q] as number) * trials) bandQuantiles[c * 5 + q++] = (b + 0.5) / METRIC_BINS;
    }
  }
  const metrics = [0, 1, 2].map((m) => {
    const mean = (trialSum[m] as number) / trials;
    const variance = trials > 1 ? ((trialSq[m] as number) - trials * mean * mean) / (trials - 1) : 0;
    return {
      mean,
      sd: Math.sqrt(Math.max(0, variance)),
      min: trialMin[m] as number,
      max: trialMax[m] as number,
    };
  });
  return {
    trials,
    rounds: R,
    roundHits,
    firstRound,
    ever,
    profileCounts,
    eqCounts,
    multiPure,
    ceasefire: ceasefires,
    bandMeans,
    bandQuantiles,
    metrics,
    params,
  };
};

/** a[i] += v (typed arrays; inlined by the JIT). */
const add = (a: Float64Array, i: number, v: number): void => {
  a[i] = (a[i] as number) + v;
};

/** Index drawn from a mixed strategy with the uniform u (never a strategy of probability 0). */
const pick = (mix: Float64Array, u: number): number => {
  let i = 0;
  let acc = mix[0] as number;
  while (i < mix.length - 1 && u >= acc) acc += mix[++i] as number;
  while (i > 0 && (mix[i] as number) === 0) i--;
  return i;
};
