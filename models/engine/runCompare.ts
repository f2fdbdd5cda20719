// Baseline vs variant on the same trial seeds (common random numbers): paired differences per trial give the
// difference and its 95% interval (mean ± 1.96·sd/√n of the per-trial differences). Identical variants give
// exactly zero difference with a zero-width interval.
import type { ModelSpec } from '../scenario/RuntimeModel';
import type { PairedDifferences } from './Aggregate';
import { makeJob, type BaseOptions } from './makeJob';
import { makeProvenance, type Provenance } from './Provenance';
import type { Overrides, Runner } from './Runner';
import { summariseRun, type RunHooks, type RunResult } from './runScenario';
import { simulate } from './simulate';
import { Z_95 } from './wilson';

export type Difference = { readonly diff: number; readonly low: number; readonly high: number };

export type CompareResult = {
  readonly kind: 'compare';
  readonly provenance: Provenance;
  readonly variantOverrides: Overrides;
  readonly baseline: RunResult;
  readonly variant: RunResult;
  readonly outcomes: readonly (Difference & {
    readonly id: string;
    readonly label: string;
    readonly baseline: number;
    readonly variant: number;
  })[];
  readonly metrics: readonly (Difference & {
    readonly id: string;
    readonly label: string;
    readonly baseline: number;
    readonly variant: number;
  })[];
};

const pairedInterval = (mean: number, variance: number, n: number): Difference => {
  const half = n > 1 && variance > 0 ? Z_95 * Math.sqrt(variance / n) : 0;
  return { diff: mean, low: mean - half, high: mean + half };
};

export const outcomeDifferences = (p: PairedDifferences, k: number): Difference => {
  const n = p.n;
  const mean = (p.outcomeSum[k] as number) / n;
  const variance = n > 1 ? Math.max(0, ((p.outcomeSq[k] as number) - n * mean * mean) / (n - 1)) : 0;
  return pairedInterval(mean, variance, n);
};

export const runCompare = async (
  runner: Runner,
  spec: ModelSpec,
  options: BaseOptions & { readonly variant: Overrides },
  hooks: Omit<RunHooks, 'onCsv'> = {},
): Promise<CompareResult> => {
  const job = makeJob(spec, options, { variants: [{}, options.variant], pairedDifferences: true });
  const out = await simulate(runner, job, hooks);
  const pair = out.pairedDifferences?.[0] as PairedDifferences;
  const extra = { stoppedEarly: false, convergence: out.convergence };
  const provenance = makeProvenance(
    spec,
    { ...options, rounds: job.rounds },
    { kind: 'compare', variant: options.variant },
    options.context,
  );
  const baseline = summariseRun(spec, job, out.aggregates[0]!, extra, 0, provenance);
  const variant = summariseRun(spec, job, out.aggregates[1]!, { ...extra, convergence: [] }, 1, provenance);
  return {
    kind: 'compare',
    provenance,
    variantOverrides: options.variant,
    baseline,
    variant,
    outcomes: spec.outcomes.map((o, k) => ({
      id: o.id,
      label: o.label,
      baseline: baseline.outcomes[k]!.p,
      variant: variant.outcomes[k]!.p,
      ...outcomeDifferences(pair, k),
    })),
    metrics: spec.metrics.map((m, k) => {
      const mo = pair.metrics[k]!;
      return {
        id: m.id,
        label: m.label,
        baseline: baseline.metrics[k]!.mean,
        variant: variant.metrics[k]!.mean,
        ...pairedInterval(mo.mean, mo.n > 1 ? mo.m2 / (mo.n - 1) : 0, mo.n),
      };
    }),
  };
};
