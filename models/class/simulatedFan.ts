// The simulated fan chart beside the class's trajectory: the engine's per-round metric bands for the session's
// scenario, parameter values (overrides on the scenario's uncertainty, as in the app) and seed.
import { createInProcessRunner } from '../engine/InProcessRunner';
import { runScenario, type Quantiles } from '../engine/runScenario';
import type { ModelSpec } from '../scenario/RuntimeModel';
import type { ClassConfig } from './sessionEvents';

export type SimulatedFan = {
  readonly trials: number;
  readonly metrics: readonly {
    readonly id: string;
    readonly bands: readonly (Quantiles & { readonly round: number; readonly mean: number })[];
  }[];
};

/** Trials of the fan chart (the engine runs them in process: about 0.1 s for korea-2025). */
export const FAN_TRIALS = 2000;

/** Null for scenarios without metrics or with a single round (nothing to draw). */
export const simulatedFan = async (
  spec: ModelSpec,
  config: ClassConfig,
  trials = FAN_TRIALS,
): Promise<SimulatedFan | null> => {
  if (spec.rounds.count < 2 || spec.metrics.length === 0) return null;
  const run = await runScenario(createInProcessRunner(), spec, {
    seed: config.seed,
    trials,
    rounds: config.rounds,
    overrides: config.params,
  });
  return { trials: run.trials, metrics: run.metrics.map((m) => ({ id: m.id, bands: m.bands })) };
};
