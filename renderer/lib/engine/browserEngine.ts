// A small facade over the engine for the UI: one Web Worker pool, runs/sweeps/comparisons/sensitivity with
// progress and cancel (AbortSignal), replays in the calling thread. Results are identical whatever the pool size.
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import type { BaseOptions } from '../../../models/engine/makeJob';
import { replayTrial, type TrialReplay } from '../../../models/engine/replayTrial';
import type { Overrides, Runner } from '../../../models/engine/Runner';
import { runCompare, type CompareResult } from '../../../models/engine/runCompare';
import { runScenario, type RunOptions, type RunResult } from '../../../models/engine/runScenario';
import { runSensitivity, type SensitivityResult } from '../../../models/engine/runSensitivity';
import { runSweep, type SweepOptions, type SweepResult } from '../../../models/engine/runSweep';
import { createBrowserRunner } from './createBrowserRunner';

export type EngineHooks = {
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
};

export type BrowserEngine = {
  readonly runner: Runner;
  run(
    spec: ModelSpec,
    options: RunOptions,
    hooks?: EngineHooks & { readonly onCsv?: (text: string) => void | Promise<void> },
  ): Promise<RunResult>;
  sweep(spec: ModelSpec, options: SweepOptions, hooks?: EngineHooks): Promise<SweepResult>;
  compare(
    spec: ModelSpec,
    options: BaseOptions & { readonly variant: Overrides },
    hooks?: EngineHooks,
  ): Promise<CompareResult>;
  sensitivity(
    spec: ModelSpec,
    options: BaseOptions & { readonly params?: readonly string[] },
    hooks?: EngineHooks,
  ): Promise<SensitivityResult>;
  /** Trial `trial` (0-based) of the run with these options, round by round. */
  replay(spec: ModelSpec, options: BaseOptions, trial: number): TrialReplay;
  close(): Promise<void>;
};

/** A random root seed for runs the user did not seed (models/ never picks one itself). */
export const randomSeed = (): number => {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0] as number;
};

export const createBrowserEngine = (options: { readonly workers?: number } = {}): BrowserEngine => {
  const runner = createBrowserRunner(options);
  return {
    runner,
    run: (spec, o, hooks = {}) => runScenario(runner, spec, o, hooks),
    sweep: (spec, o, hooks = {}) => runSweep(runner, spec, o, hooks),
    compare: (spec, o, hooks = {}) => runCompare(runner, spec, o, hooks),
    sensitivity: (spec, o, hooks = {}) => runSensitivity(runner, spec, o, hooks),
    replay: (spec, o, trial) => replayTrial(spec, o, trial),
    close: () => runner.close(),
  };
};
