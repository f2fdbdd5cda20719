// The app's SimulationPort over the engine (models/engine) and its Web Worker runner: runs, sweeps, comparisons,
// sensitivity, replays and the engine's CSV formats, shaped into the view types the charts draw.
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import type { Runner } from '../../../models/engine/Runner';
import { runScenario, summariseOutcomes, type RunResult } from '../../../models/engine/runScenario';
import { makeJob } from '../../../models/engine/makeJob';
import { simulate } from '../../../models/engine/simulate';
import { trialCsvHeader } from '../../../models/engine/ChunkExecutor';
import { runSweep, type SweepResult } from '../../../models/engine/runSweep';
import { runCompare, type CompareResult } from '../../../models/engine/runCompare';
import { compareCsv, sensitivityCsv } from '../../../models/engine/whatIfTables';
import { makeProvenance } from '../../../models/engine/Provenance';
import { runSensitivity, type SensitivityResult } from '../../../models/engine/runSensitivity';
import { replayTrial } from '../../../models/engine/replayTrial';
import { summaryCsv, sweepCsv } from '../../../models/engine/csvTables';
import { makeSidecar, sidecarText } from '../../../models/engine/sidecar';
import { version as appVersion } from '../../../package.json';
import type {
  CompareView,
  ReplayView,
  RunSettings,
  RunView,
  SimulationPort,
  SweepAxis,
  SweepView,
  TornadoView,
} from '../state/SimulationPort';
import { createBrowserRunner } from './createBrowserRunner';

const createRunnerFor = (workers: number): Runner => createBrowserRunner({ workers: Math.max(1, workers) });

/** A strategy profile by its strategies' labels in actor order ("Hold · Offer talks"); the engine's label uses ids. */
const profileLabel = (spec: ModelSpec | undefined, p: RunResult['profiles'][number]): string =>
  spec
    ? p.strategies.map((s, i) => spec.actors[i]?.strategies.find((x) => x.id === s)?.label ?? s).join(' · ')
    : p.label;

/** RunResult (engine) → RunView (charts). With the spec, profiles are named by strategy labels. */
export const toRunView = (
  r: RunResult,
  settings: RunSettings,
  elapsedMs: number,
  spec?: ModelSpec,
): RunView => ({
  settings,
  runId: r.runId,
  trials: r.trials,
  stoppedEarly: r.stoppedEarly,
  rounds: r.rounds,
  roundLabel: r.roundLabel,
  elapsedMs,
  outcomes: r.outcomes.map((o) => ({ id: o.id, label: o.label, p: o.p, low: o.low, high: o.high })),
  metrics: r.metrics.map((m) => ({
    id: m.id,
    label: m.label,
    unit: m.unit,
    mean: m.mean,
    sd: m.sd,
    min: m.min,
    max: m.max,
    quantiles: m.quantiles,
    histogram: m.histogram,
    bands: m.bands,
  })),
  survival: r.outcomes.map((o) => ({
    id: o.id,
    label: o.label,
    points: o.survival.map((survival, round) => ({ round, survival })),
    medianRound: o.medianFirstRound,
  })),
  profiles: r.profiles.map((p) => ({ label: profileLabel(spec, p), share: p.share })),
  ...(spec ? { profileActors: spec.actors.map((a) => a.name) } : {}),
  events: r.events.map((e) => ({ id: e.id, label: e.label, p: e.p, low: e.low, high: e.high })),
  equilibria: r.equilibria,
  convergence: r.convergence.flatMap((c) =>
    r.outcomes.map((o, k) => ({ trials: c.trials, series: o.label, p: c.outcomes[k] ?? NaN })),
  ),
  provenance: r.provenance,
});

/** from..to in `steps` evenly spaced values (rounded to 12 significant digits). */
export const axisValues = (a: SweepAxis): number[] => {
  const n = Math.max(2, Math.round(a.steps));
  return Array.from({ length: n }, (_, i) =>
    Number((a.from + ((a.to - a.from) * i) / (n - 1)).toPrecision(12)),
  );
};

export const toSweepView = (r: SweepResult, x: SweepAxis, y: SweepAxis | null): SweepView => ({
  provenance: r.provenance,
  x,
  y,
  rows: r.points.flatMap((pt) =>
    pt.outcomes.map((o) => ({
      x: pt.x,
      y: pt.y,
      outcome: o.id,
      outcomeLabel: o.label,
      p: o.p,
      low: o.low,
      high: o.high,
      n: pt.n,
    })),
  ),
});

export const toTornadoView = (spec: ModelSpec, r: SensitivityResult, target: string): TornadoView => {
  const outcome = r.base.outcomes.find((o) => o.id === target);
  const metric = r.base.metrics.find((m) => m.id === target);
  const label = outcome ? `P(${outcome.label})` : metric ? `mean ${metric.label}` : target;
  const unit = metric ? spec.metrics.find((m) => m.id === target)?.unit : '';
  const spearman = r.spearman.flatMap((x) => {
    const rho = (outcome ? x.outcomes : x.metrics).find((v) => v.id === target)?.rho;
    return rho === null || rho === undefined || !Number.isFinite(rho)
      ? []
      : [{ param: x.param, label: x.label, rho }];
  });
  return {
    provenance: r.provenance,
    spearman,
    globalTrials: r.globalTrials,
    target,
    targetLabel: unit ? `${label} (${unit})` : label,
    base: outcome?.p ?? metric?.mean ?? NaN,
    rows: r.tornado.map((b) => {
      const v = outcome ? b.outcomes.find((o) => o.id === target) : b.metrics.find((m) => m.id === target);
      return {
        param: b.param,
        label: b.label,
        low: v?.low ?? NaN,
        high: v?.high ?? NaN,
        lowValue: b.lowValue,
        highValue: b.highValue,
      };
    }),
  };
};

export const engineSimulationPort = (
  createRunner: (workers: number) => Runner = createRunnerFor,
): SimulationPort => {
  // one pool per worker count in use; at most two kept (e.g. the live estimate's and a full run's), the least
  // recently used one closed when a third size is asked for
  const runners = new Map<number, Runner>();
  const runnerFor = (workers: number): Runner => {
    const n = Math.max(1, Math.min(16, Math.round(workers) || 1));
    let r = runners.get(n);
    if (r) runners.delete(n);
    else {
      r = createRunner(n);
      if (runners.size >= 2) {
        const [oldest, pool] = runners.entries().next().value as [number, Runner];
        runners.delete(oldest);
        void pool.close();
      }
    }
    runners.set(n, r);
    return r;
  };
  const options = (s: RunSettings) => ({
    seed: s.seed,
    trials: s.trials,
    sampler: s.sampler,
    overrides: s.overrides,
    context: { appVersion, startedAt: new Date().toISOString(), workers: s.workers },
  });
  /** A full run's options: auto-stop included (the per-trial CSV re-run stops at the same chunk: deterministic). */
  const runOptions = (s: RunSettings) => ({
    ...options(s),
    ...(s.autoStop ? { autoStop: { halfWidth: s.autoStop } } : {}),
  });
  const results = new WeakMap<RunView, RunResult>();
  const sweeps = new WeakMap<SweepView, SweepResult>();
  const compares = new WeakMap<CompareView, CompareResult>();
  const sensitivities = new WeakMap<TornadoView, SensitivityResult>();
  const hooksOf = (h: { onProgress?: (d: number, t: number) => void; signal?: AbortSignal }) => ({
    onProgress: h.onProgress,
    signal: h.signal,
  });

  return {
    run: async (spec, settings, hooks) => {
      const t0 = performance.now();
      const r = await runScenario(runnerFor(settings.workers), spec, runOptions(settings), {
        onProgress: hooks.onProgress,
        signal: hooks.signal,
      });
      const view = toRunView(r, settings, performance.now() - t0, spec);
      results.set(view, r);
      return view;
    },
    estimate: async (spec, settings, hooks) => {
      const t0 = performance.now();
      const job = makeJob(spec, options(settings), { detail: 'light' });
      const out = await simulate(runnerFor(settings.workers), job, {
        onProgress: hooks.onProgress,
        signal: hooks.signal,
      });
      const a = out.aggregates[0];
      if (!a) throw new Error('The estimate produced no result.');
      const o = options(settings);
      return {
        settings,
        provenance: makeProvenance(
          spec,
          { ...o, rounds: job.rounds },
          { kind: 'estimate', trialsRun: out.trials },
          o.context,
        ),
        trials: out.trials,
        elapsedMs: performance.now() - t0,
        outcomes: summariseOutcomes(spec, a, job.rounds).map((o) => ({
          id: o.id,
          label: o.label,
          p: o.p,
          low: o.low,
          high: o.high,
        })),
      };
    },
    perTrialCsv: (spec, settings, hooks) => ({
      async *[Symbol.asyncIterator]() {
        yield trialCsvHeader(spec);
        // UTF-8 pieces (~256 KiB) come from the workers in trial order; a small queue gives backpressure
        const queue: Uint8Array[] = [];
        let wake: (() => void) | null = null;
        let finished = false;
        let failure: unknown = null;
        const run = runScenario(runnerFor(settings.workers), spec, runOptions(settings), {
          onProgress: hooks.onProgress,
          signal: hooks.signal,
          onCsv: async (text) => {
            queue.push(text);
            wake?.();
            while (queue.length > 4) await new Promise((r) => setTimeout(r, 5));
          },
        }).then(
          () => {
            finished = true;
            wake?.();
          },
          (e: unknown) => {
            failure = e;
            finished = true;
            wake?.();
          },
        );
        while (true) {
          const next = queue.shift();
          if (next !== undefined) {
            yield next;
            continue;
          }
          if (finished) break;
          await new Promise<void>((r) => (wake = r));
          wake = null;
        }
        await run;
        if (failure) throw failure;
      },
    }),
    summaryCsv: async (_spec, run) => {
      const r = results.get(run);
      if (!r) throw new Error('This run has no summary to export: run it again.');
      return summaryCsv(r);
    },
    sweepCsv: async (_spec, sweep) => {
      const r = sweeps.get(sweep);
      if (!r) throw new Error('This sweep has no table to export: run it again.');
      return sweepCsv(r);
    },
    compareCsv: async (_spec, view) => {
      const r = compares.get(view);
      if (!r) throw new Error('This comparison has no table to export: run it again.');
      return compareCsv(r);
    },
    sensitivityCsv: async (_spec, view) => {
      const r = sensitivities.get(view);
      if (!r) throw new Error('This sensitivity analysis has no table to export: run it again.');
      return sensitivityCsv(r);
    },
    metadataJson: async (_spec, run) =>
      sidecarText(makeSidecar(run.provenance, 'trials', results.get(run)?.runId ?? null)),
    replay: async (spec, settings, trial): Promise<ReplayView> => {
      // one trial: cheap enough for the UI thread (no worker round trip)
      const r = replayTrial(spec, options(settings), trial);
      const provenance = r.provenance;
      // the engine names outcomes and events by id: the UI shows their labels
      const outcomeLabel = new Map(spec.outcomes.map((o) => [o.id, o.label] as const));
      const eventLabel = new Map(spec.events.map((e) => [e.id, e.label] as const));
      return {
        provenance,
        trial,
        seed: settings.seed,
        params: r.params.map((p) => ({ label: p.label, value: p.value, unit: p.unit })),
        rounds: r.rounds.map((round) => ({
          round: round.round,
          choices: round.choices.map((c) => ({ actor: c.actorName, strategy: c.strategyLabel })),
          chance: round.chance.map((c) => ({ move: c.moveLabel, outcome: c.outcomeLabel })),
          outcomes: round.outcomes.map((id) => outcomeLabel.get(id) ?? id),
          events: round.events.map((id) => eventLabel.get(id) ?? id),
          state: round.state.map((v) => ({ label: v.label, value: v.value })),
          metrics: round.metrics.map((v) => ({ label: v.label, value: v.value })),
        })),
      };
    },
    sweep: async (spec, settings, x, y, hooks) => {
      const r = await runSweep(
        runnerFor(settings.workers),
        spec,
        {
          ...options(settings),
          x: { param: x.param, values: axisValues(x) },
          y: y ? { param: y.param, values: axisValues(y) } : null,
        },
        hooksOf(hooks),
      );
      const view = toSweepView(r, x, y);
      sweeps.set(view, r);
      return view;
    },
    compare: async (spec, settings, variant, hooks): Promise<CompareView> => {
      const r = await runCompare(
        runnerFor(settings.workers),
        spec,
        { ...options(settings), variant },
        hooksOf(hooks),
      );
      const view: CompareView = {
        provenance: r.provenance,
        rows: r.outcomes.map((o, k) => {
          const b = r.baseline.outcomes[k];
          const v = r.variant.outcomes[k];
          return {
            id: o.id,
            label: o.label,
            baseline: {
              label: o.label,
              p: o.baseline,
              low: b?.low ?? o.baseline,
              high: b?.high ?? o.baseline,
            },
            variant: { label: o.label, p: o.variant, low: v?.low ?? o.variant, high: v?.high ?? o.variant },
            diff: o.diff,
            low: o.low,
            high: o.high,
          };
        }),
        metrics: r.metrics.map((m) => ({
          id: m.id,
          label: m.label,
          unit: spec.metrics.find((x) => x.id === m.id)?.unit ?? '',
          baseline: m.baseline,
          variant: m.variant,
          diff: m.diff,
          low: m.low,
          high: m.high,
        })),
      };
      compares.set(view, r);
      return view;
    },
    sensitivity: async (spec, settings, target, hooks) => {
      const r = await runSensitivity(
        runnerFor(settings.workers),
        spec,
        { ...options(settings), target },
        hooksOf(hooks),
      );
      const view = toTornadoView(spec, r, target);
      sensitivities.set(view, r);
      return view;
    },
  };
};
