// Sensitivity of outcomes and metrics to parameters.
//  - Tornado (one at a time): one parameter is fixed at its LOW then HIGH value — the 5th/95th percentiles of its
//    distribution when it has one (source "distribution"), else its slider range [min, max] (source "range") —
//    while every other parameter keeps its uncertainty (drawn, or the user's fixed value): the output's
//    expectation conditional on that parameter. The base is the plain run, the same number `run` and compare's
//    baseline give at the same seed and trials. All variants share the trial seeds (common random numbers), so what
//    remains random (other parameters, events, mixed strategies) is identical across bars.
//  - Global: Spearman rank correlation, over a run with every uncertain parameter sampled, between each uncertain
//    parameter and each outcome's "happened within the horizon" indicator and each metric's trial value.
import { distributionQuantile } from '../random/quantileFunction';
import type { ModelSpec } from '../scenario/RuntimeModel';
import { makeProvenance, type Provenance } from './Provenance';
import { makeJob, type BaseOptions } from './makeJob';
import type { Overrides, Runner } from './Runner';
import type { RunHooks } from './runScenario';
import { simulate } from './simulate';
import { spearman } from './spearman';
import { wilson } from './wilson';

export type TornadoBar = {
  readonly param: string;
  readonly label: string;
  readonly source: 'distribution' | 'range';
  readonly lowValue: number;
  readonly highValue: number;
  /** Per outcome: probability (within the horizon) at the low and high value. */
  readonly outcomes: readonly { readonly id: string; readonly low: number; readonly high: number }[];
  /** Per metric: mean trial value at the low and high value. */
  readonly metrics: readonly { readonly id: string; readonly low: number; readonly high: number }[];
};

export type SensitivityResult = {
  readonly kind: 'sensitivity';
  readonly provenance: Provenance;
  readonly scenario: { readonly id: string; readonly title: string; readonly hash: string };
  readonly seed: string | number;
  readonly trials: number;
  readonly rounds: number;
  /** The base: the run at the user's values, every other parameter drawn (= `run` at the same seed and trials). */
  readonly base: {
    readonly outcomes: readonly {
      readonly id: string;
      readonly label: string;
      readonly p: number;
      readonly low: number;
      readonly high: number;
    }[];
    readonly metrics: readonly { readonly id: string; readonly label: string; readonly mean: number }[];
  };
  /** Sorted by the widest outcome swing (first outcome), widest first. */
  readonly tornado: readonly TornadoBar[];
  readonly spearman: readonly {
    readonly param: string;
    readonly label: string;
    readonly outcomes: readonly { readonly id: string; readonly rho: number | null }[];
    readonly metrics: readonly { readonly id: string; readonly rho: number | null }[];
  }[];
  /** Trials used for the rank correlations (capped). */
  readonly globalTrials: number;
};

export const MAX_GLOBAL_TRIALS = 200_000;

export const runSensitivity = async (
  runner: Runner,
  spec: ModelSpec,
  options: BaseOptions & { readonly params?: readonly string[]; readonly target?: string },
  hooks: Omit<RunHooks, 'onCsv'> = {},
): Promise<SensitivityResult> => {
  const chosen = options.params ?? spec.params.map((p) => p.id);
  for (const id of chosen)
    if (!spec.params.some((p) => p.id === id)) throw new Error(`sensitivity: unknown parameter "${id}"`);
  // The base is the run itself (the user's values fixed, every other parameter drawn from its uncertainty), so at
  // the same seed and trials it is the same number as `run` and compare's baseline. Each bar fixes ONE more
  // parameter at its low or high value, the others still drawn, on the same trial seeds (common random numbers).
  const user = options.overrides ?? {};
  const bars = spec.params
    .filter((p) => chosen.includes(p.id) && !(p.id in user))
    .map((p) => {
      const d = p.distribution;
      const source: 'distribution' | 'range' = d && d.type !== 'fixed' ? 'distribution' : 'range';
      const lowValue = source === 'distribution' && d ? distributionQuantile(d, 0.05) : p.min;
      const highValue = source === 'distribution' && d ? distributionQuantile(d, 0.95) : p.max;
      return { p, source, lowValue, highValue };
    })
    .filter((b) => b.lowValue !== b.highValue);
  const variants: Overrides[] = [{ ...user }];
  for (const b of bars) {
    variants.push({ ...user, [b.p.id]: b.lowValue }, { ...user, [b.p.id]: b.highValue });
  }
  const total = options.trials;
  const globalTrials = Math.min(total, MAX_GLOBAL_TRIALS);
  let doneA = 0;
  let doneB = 0;
  const progress = (): void => hooks.onProgress?.(doneA + doneB, total + globalTrials);
  const tornadoJob = makeJob(spec, { ...options, overrides: {} }, { variants, detail: 'light' });
  const tornado = await simulate(runner, tornadoJob, {
    signal: hooks.signal,
    onProgress: (d) => {
      doneA = d;
      progress();
    },
  });
  const globalJob = makeJob(spec, { ...options, trials: globalTrials }, { detail: 'light', vectors: true });
  const global = await simulate(runner, globalJob, {
    signal: hooks.signal,
    onProgress: (d) => {
      doneB = d;
      progress();
    },
  });
  const O = spec.outcomes.length;
  const M = spec.metrics.length;
  const prob = (v: number, k: number): number => {
    const a = tornado.aggregates[v]!;
    return (a.ever[k] as number) / a.n;
  };
  const mean = (v: number, k: number): number => tornado.aggregates[v]!.moments[k]!.mean;
  const tornadoBars: TornadoBar[] = bars.map((b, i) => ({
    param: b.p.id,
    label: b.p.label,
    source: b.source,
    lowValue: b.lowValue,
    highValue: b.highValue,
    outcomes: spec.outcomes.map((o, k) => ({ id: o.id, low: prob(1 + 2 * i, k), high: prob(2 + 2 * i, k) })),
    metrics: spec.metrics.map((m, k) => ({ id: m.id, low: mean(1 + 2 * i, k), high: mean(2 + 2 * i, k) })),
  }));
  const swing = (b: TornadoBar): number =>
    b.outcomes.length
      ? Math.abs(b.outcomes[0]!.high - b.outcomes[0]!.low)
      : Math.abs((b.metrics[0]?.high ?? 0) - (b.metrics[0]?.low ?? 0));
  tornadoBars.sort((a, b) => swing(b) - swing(a) || a.param.localeCompare(b.param));
  const P = spec.params.length;
  const width = P + O + M;
  const vec = global.vectors ?? new Float64Array(0);
  const n = vec.length / width;
  const column = (c: number): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = vec[i * width + c] as number;
    return out;
  };
  const uncertain = spec.params
    .map((p, j) => ({ p, j }))
    .filter(
      ({ p }) =>
        p.distribution && p.distribution.type !== 'fixed' && !(p.id in user) && chosen.includes(p.id),
    );
  const targets = Array.from({ length: O + M }, (_, k) => column(P + k));
  const base = tornado.aggregates[0]!;
  return {
    kind: 'sensitivity',
    provenance: makeProvenance(
      spec,
      { ...options, rounds: tornadoJob.rounds },
      { kind: 'sensitivity', target: options.target ?? null, params: options.params ?? null },
      options.context,
    ),
    scenario: { id: spec.id, title: spec.title, hash: spec.hash },
    seed: options.seed,
    trials: tornado.trials,
    rounds: tornadoJob.rounds,
    base: {
      outcomes: spec.outcomes.map((o, k) => ({
        id: o.id,
        label: o.label,
        ...wilson(base.ever[k] as number, base.n),
      })),
      metrics: spec.metrics.map((m, k) => ({ id: m.id, label: m.label, mean: base.moments[k]!.mean })),
    },
    tornado: tornadoBars,
    spearman: uncertain.map(({ p, j }) => {
      const x = column(j);
      return {
        param: p.id,
        label: p.label,
        outcomes: spec.outcomes.map((o, k) => ({ id: o.id, rho: spearman(x, targets[k]!) })),
        metrics: spec.metrics.map((m, k) => ({ id: m.id, rho: spearman(x, targets[O + k]!) })),
      };
    }),
    globalTrials: n,
  };
};
