// The fused rounds' oracle for tests (fusedRounds.test.ts, fusedRoundsHostile.test.ts): the same trials through the
// fused rounds (models/engine/fusedRounds.ts) and through the general round with per-formula closures (`fused:
// false`, closure back end), compared bit for bit — trial records, the environment after the trial, or the error.
import { expect } from 'vitest';
import { ChunkExecutor } from '../../../models/engine/ChunkExecutor';
import { makeJob } from '../../../models/engine/makeJob';
import { TrialSimulator, type TrialRecord } from '../../../models/engine/TrialSimulator';
import { seedKey } from '../../../models/random/seedKey';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';

/** The exact bits of every number (−0, NaN payloads and all). */
const bits = (a: Float64Array): bigint[] => Array.from(new BigUint64Array(Float64Array.from(a).buffer));

/** A trial's record and environment, every number by its bits. */
export const snapshot = (r: TrialRecord, env: Float64Array): Record<string, unknown> => ({
  params: bits(r.params),
  choices: Array.from(r.choices),
  profiles: Array.from(r.profiles),
  eqType: Array.from(r.eqType),
  pureCount: Array.from(r.pureCount),
  outcomes: Array.from(r.outcomes),
  metrics: bits(r.metrics),
  eventFirstRound: Array.from(r.eventFirstRound),
  env: bits(env),
});

const trialOf = (sim: TrialSimulator, seed: string, t: number, v: Float64Array): Record<string, unknown> => {
  try {
    return snapshot(sim.run(seedKey(seed), t, v), sim.environment);
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
};

/**
 * Run `trials` trials of spec (parameters drawn by `sampler`) through the fused rounds and through the general
 * round; expect the same results. Returns the fused simulator's stop counters (by STOP_* code), how many trials
 * ended in an error, the rounds played and the rounds with several pure equilibria.
 */
export const compareFusedTrials = (
  spec: ModelSpec,
  seed: string,
  trials: number,
  sampler: 'mc' | 'lhs' = 'mc',
): { stops: Int32Array; errors: number; rounds: number; tied: number } => {
  const fast = new TrialSimulator(instantiateModel(spec));
  expect(fast.usesFusedRounds).toBe(true);
  const slow = new TrialSimulator(instantiateModel(spec, { backend: 'closure' }), { fused: false });
  expect(slow.usesFusedRounds).toBe(false);
  const ex = new ChunkExecutor(makeJob(spec, { seed, trials, sampler }));
  let errors = 0;
  let tied = 0;
  for (let t = 0; t < trials; t++) {
    const v = Float64Array.from(ex.paramValues(t, 0));
    const a = trialOf(fast, seed, t, v);
    const b = trialOf(slow, seed, t, v);
    expect(a, `trial ${t + 1}`).toEqual(b);
    if ('error' in b) errors++;
    else tied += (b.pureCount as number[]).filter((k) => k > 1).length;
  }
  return { stops: fast.fusedStops, errors, rounds: trials * fast.rounds, tied };
};
