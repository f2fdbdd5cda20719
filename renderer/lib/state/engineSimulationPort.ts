// The app's SimulationPort over the engine (models/engine) and its Web Worker runner: runs, sweeps, comparisons,
// sensitivity, replays and the engine's CSV formats, shaped into the view types the charts draw.
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import type { Runner } from '../../../models/engine/Runner';
import { runScenario, summariseOutcomes, type RunResult } from '../../../models/engine/runScenario';
import { makeJob } from '../../../models/engine/makeJob';
import { simulate } from '../../../models/engine/simulate';
import { trialCsvHeader } from '../../../models/engine/ChunkExecutor';
import { CSV_FORMAT_VERSION } from '../../../models/engine/csv';
import type { RunSettings, RunView, SimulationPort } from './SimulationPort';
import { createRunnerFor } from './engineRunners';

const notYet = (what: string) => async (): Promise<never> => {
  throw new Error(`${what} is not available in this build yet.`);
};

/** RunResult (engine) → RunView (charts). */
export const toRunView = (r: RunResult, settings: RunSettings, elapsedMs: number): RunView => ({
  settings,
  trials: r.trials,
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
  profiles: r.profiles.map((p) => ({ label: p.label, share: p.share })),
  metadata: runMetadata(r),
});

/** The run's sidecar metadata (issue #5 §7). */
export const runMetadata = (r: RunResult): Record<string, unknown> => ({
  format_version: CSV_FORMAT_VERSION,
  app: 'parley',
  app_version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev',
  run_id: r.runId,
  scenario: r.scenario.id,
  scenario_title: r.scenario.title,
  scenario_hash: r.scenario.hash,
  seed: r.seed,
  sampler: r.sampler,
  trials: r.trials,
  planned_trials: r.plannedTrials,
  rounds: r.rounds,
  overrides: r.overrides,
  timestamp: new Date().toISOString(),
});

declare const __APP_VERSION__: string | undefined;

export const engineSimulationPort = (
  createRunner: (workers: number) => Runner = createRunnerFor,
): SimulationPort => {
  const runners = new Map<number, Runner>();
  const runnerFor = (workers: number): Runner => {
    const n = Math.max(1, Math.min(16, Math.round(workers) || 1));
    let r = runners.get(n);
    if (!r) {
      r = createRunner(n);
      runners.set(n, r);
    }
    return r;
  };
  const options = (s: RunSettings) => ({
    seed: s.seed,
    trials: s.trials,
    sampler: s.sampler,
    overrides: s.overrides,
  });
  const results = new WeakMap<RunView, RunResult>();

  return {
    run: async (spec, settings, hooks) => {
      const t0 = performance.now();
      const r = await runScenario(runnerFor(settings.workers), spec, options(settings), {
        onProgress: hooks.onProgress,
        signal: hooks.signal,
      });
      const view = toRunView(r, settings, performance.now() - t0);
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
      return {
        settings,
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
        // chunks are produced by the workers in trial order; a small queue gives backpressure
        const queue: string[] = [];
        let wake: (() => void) | null = null;
        let finished = false;
        let failure: unknown = null;
        const run = runScenario(runnerFor(settings.workers), spec, options(settings), {
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
    summaryCsv: notYet('The summary CSV'),
    sweepCsv: notYet('The sweep CSV'),
    metadataJson: async (_spec: ModelSpec, run: RunView) =>
      `${JSON.stringify(results.has(run) ? runMetadata(results.get(run)!) : run.metadata, null, 2)}\n`,
    replay: notYet('Replay'),
    sweep: notYet('Sweeps'),
    compare: notYet('Comparison'),
    sensitivity: notYet('Sensitivity'),
  };
};
