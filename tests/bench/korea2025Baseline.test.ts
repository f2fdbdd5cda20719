// The bench's hand-written korea-2025 baseline (bench/baseline/) computes what the engine computes: its building
// blocks match references, its parameter draws match the engine's in distribution (Kolmogorov–Smirnov, Spearman),
// and its outcome, profile and equilibrium-kind frequencies match the engine's round by round, over one round and
// over the scenario's 24 (two-proportion z and chi-square homogeneity tests). Each check is a family of tests at
// family-wise α = 1e-3 (Bonferroni); seeds are fixed, so the verdicts are deterministic. The last block proves
// the tests have teeth: a baseline that starts in August (the old bench's mistake) or drops the rank correlation
// is rejected.
import { beforeAll, describe, expect, it } from 'vitest';
import { BetaQuantile } from '../../bench/baseline/BetaQuantile';
import {
  KOREA_PARAMS,
  runKoreaBaseline,
  type KoreaBaselineResult,
} from '../../bench/baseline/korea2025Baseline';
import { lemkeHowsonLabel0 } from '../../bench/baseline/lemkeHowsonLabel0';
import { normalQuantile } from '../../bench/baseline/normalQuantile';
import { Xoshiro128ss } from '../../bench/baseline/Xoshiro128ss';
import type { AggregateState } from '../../models/engine/Aggregate';
import { FloatGame } from '../../models/games/kernels/FloatGame';
import { LemkeHowsonWorkspace, lemkeHowsonFloat } from '../../models/games/kernels/lemkeHowsonFloat';
import { createInProcessRunner } from '../../models/engine/InProcessRunner';
import { makeJob } from '../../models/engine/makeJob';
import { simulate } from '../../models/engine/simulate';
import { inverseNormalCdf, inverseRegularizedBeta, lnBeta } from '../../models/random/specialFunctions';
import { loadBuiltin } from '../../models/scenario/builtins';
import {
  homogeneityP,
  kolmogorovSmirnovP,
  spearman,
  spearmanDifferenceP,
  twoProportionP,
} from './twoSampleTests';

const FAMILY_ALPHA = 1e-3;
const { spec } = loadBuiltin('korea-2025');

type EngineRun = { a: AggregateState; vectors: Float64Array | null; trials: number };

const engineRun = async (rounds: number, trials: number, vectors = false): Promise<EngineRun> => {
  const job = makeJob(spec, { seed: 20250701, trials, rounds }, { vectors });
  const out = await simulate(createInProcessRunner(), job);
  return { a: out.aggregates[0] as AggregateState, vectors: out.vectors, trials };
};

/** Every p-value of the round-by-round comparison (outcomes, profiles, equilibrium kinds, firsts, ever, event). */
const comparisonPValues = (e: EngineRun, b: KoreaBaselineResult): { name: string; p: number }[] => {
  const n1 = e.trials;
  const n2 = b.trials;
  const out: { name: string; p: number }[] = [];
  for (let r = 0; r < b.rounds; r++) {
    for (let k = 0; k < 3; k++) {
      out.push({
        name: `round ${r + 1} outcome ${k}`,
        p: twoProportionP(e.a.roundHits[r * 3 + k] as number, n1, b.roundHits[r * 3 + k] as number, n2),
      });
      out.push({
        name: `round ${r + 1} first occurrence of outcome ${k}`,
        p: twoProportionP(e.a.firstRound[r * 3 + k] as number, n1, b.firstRound[r * 3 + k] as number, n2),
      });
    }
    out.push({
      name: `round ${r + 1} profiles`,
      p: homogeneityP(
        e.a.profileCounts.subarray(r * 9, r * 9 + 9),
        b.profileCounts.subarray(r * 9, r * 9 + 9),
      ),
    });
    out.push({
      name: `round ${r + 1} several pure equilibria`,
      p: twoProportionP(e.a.multiPure[r] as number, n1, b.multiPure[r] as number, n2),
    });
  }
  for (let k = 0; k < 3; k++)
    out.push({
      name: `outcome ${k} ever`,
      p: twoProportionP(e.a.ever[k] as number, n1, b.ever[k] as number, n2),
    });
  out.push({ name: 'ceasefire', p: twoProportionP(e.a.eventEver[0] as number, n1, b.ceasefire, n2) });
  return out;
};

const rejected = (ps: { name: string; p: number }[]): string[] =>
  ps.filter((x) => x.p < FAMILY_ALPHA / ps.length).map((x) => `${x.name}: p = ${x.p.toExponential(2)}`);

describe('bench baseline building blocks', () => {
  it('xoshiro128** emits the reference sequence (C reference, state 1, 2, 3, 4)', () => {
    const g = new Xoshiro128ss(0);
    g.setState(1, 2, 3, 4);
    const got = Array.from({ length: 8 }, () => g.nextUint32());
    expect(got).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849]);
  });

  it('per-trial seeding gives distinct, uniform-looking streams', () => {
    const g = new Xoshiro128ss(42);
    const firsts = new Set<number>();
    let sum = 0;
    for (let t = 0; t < 20000; t++) {
      g.seedTrial(t);
      const u = g.nextUniform();
      firsts.add(u);
      sum += u;
    }
    expect(firsts.size).toBeGreaterThan(19990);
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
  });

  it("Acklam's inverse normal is within 1.15e-9 (relative) of AS 241", () => {
    let worst = 0;
    for (let k = 1; k < 100000; k++) {
      for (const p of [k / 100000, k / 1e10, 1 - k / 1e10]) {
        const ref = inverseNormalCdf(p);
        if (Math.abs(ref) < 1e-3) continue;
        worst = Math.max(worst, Math.abs(normalQuantile(p) - ref) / Math.abs(ref));
      }
    }
    expect(worst).toBeLessThan(1.15e-9);
  });

  it("the beta quantile table is within 1e-7 of its exact inversion, which matches the engine's to 1e-8", () => {
    for (const [a, b] of [
      [2, 8],
      [3.5, 2.5],
    ] as const) {
      const q = new BetaQuantile(a, b);
      expect(q.maxTableError()).toBeLessThan(1e-7);
      const lnB = lnBeta(a, b);
      for (let k = 1; k < 2000; k++) {
        for (const u of [k / 2000, k / 2e7, 1 - k / 2e7]) {
          expect(Math.abs(q.exact(u) - inverseRegularizedBeta(u, a, b, lnB))).toBeLessThan(1e-8);
        }
      }
    }
  });

  it("Lemke–Howson from label 0 finds the engine's equilibrium on random 3×3 games", () => {
    let s = 12345;
    const rand = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 10 - 5;
    let mixedOnly = 0;
    for (let g = 0; g < 300; g++) {
      const a = Float64Array.from({ length: 9 }, rand);
      const b = Float64Array.from({ length: 9 }, rand);
      const fg = new FloatGame([3, 3]);
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) {
          fg.payoffs[(i + 3 * j) * 2] = a[i * 3 + j] as number;
          fg.payoffs[(i + 3 * j) * 2 + 1] = b[i * 3 + j] as number;
        }
      const mix = new Float64Array(6);
      const x = new Float64Array(3);
      const y = new Float64Array(3);
      expect(lemkeHowsonFloat(fg, mix, new LemkeHowsonWorkspace(3, 3))).toBe(true);
      expect(lemkeHowsonLabel0(3, 3, a, b, x, y)).toBe(true);
      for (let i = 0; i < 3; i++) {
        expect(x[i]).toBeCloseTo(mix[i] as number, 9);
        expect(y[i]).toBeCloseTo(mix[3 + i] as number, 9);
      }
      if (x.every((v) => v < 1) && y.every((v) => v < 1)) mixedOnly++;
    }
    expect(mixedOnly).toBeGreaterThan(20);
  });
});

describe('the korea-2025 baseline computes what the engine computes', () => {
  let one: EngineRun;
  let full: EngineRun;
  beforeAll(async () => {
    one = await engineRun(1, 200_000, true);
    full = await engineRun(24, 60_000);
  }, 120_000);

  it('draws the same parameters: marginals (Kolmogorov–Smirnov) and the rank correlation', () => {
    expect(spec.params.map((p) => p.id)).toEqual([...KOREA_PARAMS]);
    const n = 40_000;
    const b = runKoreaBaseline({ trials: n, rounds: 1, seed: 7, keepParams: true }).params as Float64Array;
    const P = spec.params.length;
    const width = P + spec.outcomes.length + spec.metrics.length;
    const engineColumn = (j: number): Float64Array =>
      Float64Array.from({ length: n }, (_, t) => one.vectors![t * width + j] as number);
    const baseColumn = (j: number): Float64Array =>
      Float64Array.from({ length: n }, (_, t) => b[t * P + j] as number);
    const ps: { name: string; p: number }[] = [];
    spec.params.forEach((p, j) => {
      if (p.distribution) ps.push({ name: p.id, p: kolmogorovSmirnovP(engineColumn(j), baseColumn(j)) });
      else expect(baseColumn(j).every((v) => v === p.value)).toBe(true);
    });
    const rs = KOREA_PARAMS.indexOf('russiaSupport');
    const tt = KOREA_PARAMS.indexOf('techTransfer');
    const re = spearman(engineColumn(rs), engineColumn(tt));
    const rb = spearman(baseColumn(rs), baseColumn(tt));
    ps.push({ name: 'spearman', p: spearmanDifferenceP(re, n, rb, n) });
    expect(ps).toHaveLength(10);
    expect(rejected(ps)).toEqual([]);
    expect(Math.abs(rb - 0.5)).toBeLessThan(0.02);
  });

  it('one round (July, no drills): outcome, profile and equilibrium frequencies agree', () => {
    const b = runKoreaBaseline({ trials: 200_000, rounds: 1, seed: 11 });
    const ps = comparisonPValues(one, b);
    expect(rejected(ps)).toEqual([]);
    // July's game always has a pure equilibrium (so does every round of this scenario)
    expect(one.a.eqCounts[2]).toBe(0);
    expect(b.eqCounts[2]).toBe(0);
    // provocation in July is rare (it is common in August, a drill month)
    expect(b.roundHits[1]! / b.trials).toBeLessThan(0.05);
  });

  it('24 rounds: per-round outcome, profile and equilibrium frequencies agree', () => {
    const b = runKoreaBaseline({ trials: 60_000, rounds: 24, seed: 13 });
    const ps = comparisonPValues(full, b);
    expect(ps.length).toBe(24 * 8 + 4);
    expect(rejected(ps)).toEqual([]);
    for (let r = 0; r < 24; r++) expect(b.eqCounts[r * 3 + 2]).toBe(full.a.eqCounts[r * 3 + 2]);
  });

  it('the tests have teeth: an August start or a missing rank correlation is rejected', () => {
    const august = runKoreaBaseline({ trials: 200_000, rounds: 1, seed: 11, startMonth: 8 });
    expect(rejected(comparisonPValues(one, august)).length).toBeGreaterThan(0);
    const shifted = runKoreaBaseline({ trials: 60_000, rounds: 24, seed: 13, startMonth: 8 });
    expect(rejected(comparisonPValues(full, shifted)).length).toBeGreaterThan(0);
    const n = 40_000;
    const P = spec.params.length;
    const width = P + spec.outcomes.length + spec.metrics.length;
    const b = runKoreaBaseline({ trials: n, rounds: 1, seed: 7, rho: 0, keepParams: true })
      .params as Float64Array;
    const col = (v: Float64Array, w: number, j: number): Float64Array =>
      Float64Array.from({ length: n }, (_, t) => v[t * w + j] as number);
    const re = spearman(col(one.vectors!, width, 0), col(one.vectors!, width, 9));
    const rb = spearman(col(b, P, 0), col(b, P, 9));
    expect(spearmanDifferenceP(re, n, rb, n)).toBeLessThan(FAMILY_ALPHA / 10);
  });
});
