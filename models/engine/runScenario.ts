// A full Monte Carlo run of a scenario and its summary (what the CLI prints and the UI charts).
import { seedText, type RootSeed } from '../random/seedKey';
import type { Distribution } from '../random/Distribution';
import type { ModelSpec } from '../scenario/RuntimeModel';
import { bandMean, releaseAggregate, type AggregateState } from './Aggregate';
import type { Sampler } from './ParamSampler';
import { makeProvenance, type Provenance } from './Provenance';
import { makeJob, type BaseOptions } from './makeJob';
import { storeHistogram, storeQuantiles } from './QuantileStore';
import { outsideRange, type RangeViolation } from './outsideRange';
import type { EngineJob, Runner } from './Runner';
import { simulate, type AutoStop, type ConvergencePoint, type SimulateHooks } from './simulate';
import { wilson } from './wilson';

export type RunOptions = BaseOptions & {
  readonly autoStop?: AutoStop;
};

export type RunHooks = Pick<SimulateHooks, 'onProgress' | 'signal' | 'onCsv'>;

export type Interval = { readonly p: number; readonly low: number; readonly high: number };

export type Quantiles = {
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
};

export type OutcomeSummary = Interval & {
  readonly id: string;
  readonly label: string;
  /** Trials in which it happened at least once within the horizon. */
  readonly count: number;
  readonly perRound: readonly (Interval & { readonly round: number })[];
  /** Trials whose first occurrence was in round r (index r − 1). */
  readonly firstRoundCounts: readonly number[];
  readonly never: number;
  /** survival[r] = P(not yet happened by the end of round r); survival[0] = 1. */
  readonly survival: readonly number[];
  /** Median first-occurrence round among trials where it happened (null if never). */
  readonly medianFirstRound: number | null;
};

export type MetricSummary = {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  readonly quantiles: Quantiles;
  /** True when quantiles are exact; false: from the sketch (relative error ≤ 0.5%). */
  readonly exact: boolean;
  readonly histogram: readonly { readonly x0: number; readonly x1: number; readonly count: number }[];
  /** Per-round bands for fan charts. */
  readonly bands: readonly (Quantiles & { readonly round: number; readonly mean: number })[];
};

export type RunResult = {
  readonly kind: 'run';
  /** Where this result came from (scenario, values, seed, settings, app version, start time). */
  readonly provenance: Provenance;
  readonly scenario: { readonly id: string; readonly title: string; readonly hash: string };
  readonly runId: string;
  /** The root seed as given, and its canonical text. */
  readonly seed: RootSeed;
  readonly seedText: string;
  readonly sampler: Sampler;
  readonly plannedTrials: number;
  readonly trials: number;
  readonly stoppedEarly: boolean;
  readonly rounds: number;
  readonly roundLabel: string;
  readonly overrides: Readonly<Record<string, number>>;
  /** Overrides used outside their parameter's declared range (only with `allowOutsideRange`; else empty). */
  readonly outsideRange: readonly RangeViolation[];
  readonly params: readonly {
    readonly id: string;
    readonly label: string;
    readonly unit: string;
    readonly value: number;
    readonly overridden: boolean;
    readonly distribution: Distribution | null;
  }[];
  readonly outcomes: readonly OutcomeSummary[];
  readonly metrics: readonly MetricSummary[];
  readonly events: readonly (Interval & {
    readonly id: string;
    readonly label: string;
    readonly count: number;
  })[];
  /** Realised strategy profiles over all rounds, most frequent first. */
  readonly profiles: readonly {
    readonly index: number;
    readonly label: string;
    readonly strategies: readonly string[];
    readonly count: number;
    readonly share: number;
  }[];
  /** Rounds by the kind of equilibrium the nash actors played (none = no nash actor). */
  readonly equilibria: {
    readonly pure: number;
    readonly mixed: number;
    readonly none: number;
    readonly multiplePure: number;
    readonly rounds: number;
  };
  readonly convergence: readonly ConvergencePoint[];
};

const QS = [0.05, 0.25, 0.5, 0.75, 0.95];
const toQuantiles = (v: readonly number[]): Quantiles => ({
  p5: v[0] as number,
  p25: v[1] as number,
  p50: v[2] as number,
  p75: v[3] as number,
  p95: v[4] as number,
});

/** Strategy ids of a profile index (Gambit order). */
export const profileStrategies = (spec: ModelSpec, index: number): string[] => {
  const out: string[] = [];
  let rest = index;
  for (const a of spec.actors) {
    const c = a.strategies.length;
    out.push(a.strategies[rest % c]?.id ?? '?');
    rest = Math.floor(rest / c);
  }
  return out;
};

export const summariseOutcomes = (spec: ModelSpec, a: AggregateState, rounds: number): OutcomeSummary[] => {
  const O = spec.outcomes.length;
  const full = a.roundHits.length > 0;
  return spec.outcomes.map((o, k) => {
    const count = a.ever[k] as number;
    const perRound = full
      ? Array.from({ length: rounds }, (_, r) => ({
          round: r + 1,
          ...wilson(a.roundHits[r * O + k] as number, a.n),
        }))
      : [];
    const firstRoundCounts = full
      ? Array.from({ length: rounds }, (_, r) => a.firstRound[r * O + k] as number)
      : [];
    const survival = [1];
    let cum = 0;
    let median: number | null = null;
    for (let r = 0; r < firstRoundCounts.length; r++) {
      cum += firstRoundCounts[r] as number;
      survival.push(1 - cum / a.n);
      if (median === null && count > 0 && cum >= count / 2) median = r + 1;
    }
    return {
      id: o.id,
      label: o.label,
      count,
      ...wilson(count, a.n),
      perRound,
      firstRoundCounts,
      never: a.n - count,
      survival,
      medianFirstRound: median,
    };
  });
};

export const summariseRun = (
  spec: ModelSpec,
  job: EngineJob,
  a: AggregateState,
  extra: { readonly stoppedEarly: boolean; readonly convergence: readonly ConvergencePoint[] },
  variant = 0,
  provenance?: Provenance,
): RunResult => {
  const rounds = job.rounds;
  const M = spec.metrics.length;
  const overrides = job.variants[variant] ?? {};
  const P = spec.actors.reduce((p, x) => p * x.strategies.length, 1);
  const metrics: MetricSummary[] = spec.metrics.map((m, k) => {
    const mo = a.moments[k]!;
    const store = a.trialStores[k];
    const q = store ? storeQuantiles(store, QS) : QS.map(() => NaN);
    return {
      id: m.id,
      label: m.label,
      unit: m.unit,
      n: mo.n,
      mean: mo.mean,
      sd: mo.n > 1 ? Math.sqrt(mo.m2 / (mo.n - 1)) : 0,
      min: mo.min,
      max: mo.max,
      quantiles: toQuantiles(q),
      exact: store ? store.kind === 'exact' : false,
      histogram: store ? storeHistogram(store, mo.min, mo.max, 30) : [],
      bands: a.bandStores.length
        ? Array.from({ length: rounds }, (_, r) => ({
            round: r + 1,
            mean: bandMean(a, r * M + k),
            ...toQuantiles(storeQuantiles(a.bandStores[r * M + k]!, QS)),
          }))
        : rounds === 1 && store
          ? [{ round: 1, mean: mo.mean, ...toQuantiles(q) }]
          : [],
    };
  });
  const profileTotals = new Float64Array(P);
  for (let r = 0; r < a.profileCounts.length / P; r++) {
    for (let p = 0; p < P; p++)
      profileTotals[p] = (profileTotals[p] as number) + (a.profileCounts[r * P + p] as number);
  }
  const totalRounds = a.n * rounds;
  const profiles = Array.from(profileTotals, (count, index) => ({ index, count }))
    .filter((x) => x.count > 0)
    .sort((x, y) => y.count - x.count || x.index - y.index)
    .map(({ index, count }) => {
      const strategies = profileStrategies(spec, index);
      return {
        index,
        strategies,
        label: spec.actors.map((x, i) => `${x.id}:${strategies[i]}`).join(' '),
        count,
        share: count / totalRounds,
      };
    });
  let pure = 0;
  let mixed = 0;
  let none = 0;
  let multiplePure = 0;
  for (let r = 0; r < a.eqCounts.length / 3; r++) {
    none += a.eqCounts[r * 3] as number;
    pure += a.eqCounts[r * 3 + 1] as number;
    mixed += a.eqCounts[r * 3 + 2] as number;
    multiplePure += a.multiPure[r] as number;
  }
  return {
    kind: 'run',
    provenance:
      provenance ??
      makeProvenance(
        spec,
        { seed: job.seed, trials: job.trials, sampler: job.sampler, rounds, overrides },
        { kind: 'run', trialsRun: a.n, stoppedEarly: extra.stoppedEarly },
        undefined,
      ),
    scenario: { id: spec.id, title: spec.title, hash: spec.hash },
    runId: job.runId,
    seed: job.seed,
    seedText: seedText(job.seed),
    sampler: job.sampler,
    plannedTrials: job.trials,
    trials: a.n,
    stoppedEarly: extra.stoppedEarly,
    rounds,
    roundLabel: spec.rounds.label,
    overrides,
    outsideRange: outsideRange(spec, overrides),
    params: spec.params.map((p) => ({
      id: p.id,
      label: p.label,
      unit: p.unit,
      value: overrides[p.id] ?? p.value,
      overridden: p.id in overrides,
      distribution: p.id in overrides ? null : p.distribution,
    })),
    outcomes: summariseOutcomes(spec, a, rounds),
    metrics,
    events: spec.events.map((e, k) => ({
      id: e.id,
      label: e.label,
      count: a.eventEver[k] as number,
      ...wilson(a.eventEver[k] as number, a.n),
    })),
    profiles,
    equilibria: { pure, mixed, none, multiplePure, rounds: totalRounds },
    convergence: extra.convergence,
  };
};

/** Run a scenario `trials` times (or until autoStop) and summarise. */
export const runScenario = async (
  runner: Runner,
  spec: ModelSpec,
  options: RunOptions,
  hooks: RunHooks = {},
): Promise<RunResult> => {
  const job = makeJob(spec, options, { csv: Boolean(hooks.onCsv) });
  const out = await simulate(runner, job, { ...hooks, autoStop: options.autoStop });
  const a = out.aggregates[0]!;
  const provenance = makeProvenance(
    spec,
    { ...options, rounds: job.rounds, stopEarly: options.autoStop ?? null },
    { kind: 'run', trialsRun: a.n, stoppedEarly: out.stoppedEarly },
    options.context,
  );
  const result = summariseRun(spec, job, a, out, 0, provenance);
  // the summary holds numbers only: the run's exact stores are reused by the next run (QuantileStore's pool)
  releaseAggregate(a);
  return result;
};
