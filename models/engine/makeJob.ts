// Building an EngineJob from user-level options (validation, chunking, exact-vs-sketch decisions, run id).
import { INPUT_LIMITS } from '../text/inputLimits';
import { aggregateLimitProblem } from '../scenario/compile/checkLimits';
import { seedKey, seedText, type RootSeed } from '../random/seedKey';
import type { ModelSpec } from '../scenario/RuntimeModel';
import { resolveOverrides } from './ChunkExecutor';
import type { Sampler } from './ParamSampler';
import type { ProvenanceContext } from './Provenance';
import type { EngineJob, Overrides } from './Runner';

export type BaseOptions = {
  /** Root seed (recorded verbatim). Callers outside models/ pick a random one when the user gives none. */
  readonly seed: RootSeed;
  readonly trials: number;
  readonly sampler?: Sampler;
  /** Rounds per trial (default: the scenario's count). */
  readonly rounds?: number;
  /** Parameter overrides by id (what-ifs, sliders). */
  readonly overrides?: Overrides;
  /** Trials per chunk (default: chosen from the trial count only, so results never depend on the pool size). */
  readonly chunkSize?: number;
  /**
   * Accept overrides (and sweep or variant values) outside a parameter's declared range [min, max]; they are refused
   * otherwise. Results list the values used outside their range (`outsideRange`).
   */
  readonly allowOutsideRange?: boolean;
  /** What the result's provenance records that models/ cannot know (app version, start time, workers, file). */
  readonly context?: ProvenanceContext;
};

/** Values kept for exact quantiles before switching to the sketch (per kind of store, whole run). */
export const EXACT_VALUE_BUDGET = 2_000_000;

export const MAX_TRIALS = 100_000_000;

let jobCounter = 0;

export const defaultChunkSize = (trials: number): number =>
  Math.min(4096, Math.max(256, 256 * Math.ceil(trials / 32 / 256)));

const hex = (n: number): string => n.toString(16).padStart(8, '0');

/** A deterministic run id: a hash of the scenario hash, seed, sampler, trials, rounds and overrides. */
export const runIdOf = (
  spec: ModelSpec,
  o: BaseOptions & { readonly variants?: readonly Overrides[] },
): string => {
  const k = seedKey(
    JSON.stringify([
      spec.hash,
      seedText(o.seed),
      o.sampler ?? 'mc',
      o.trials,
      o.rounds ?? spec.rounds.count,
      o.overrides ?? {},
      o.variants ?? [],
    ]),
  );
  return `${hex(k.hi)}${hex(k.lo)}`;
};

export const validateBase = (spec: ModelSpec, o: BaseOptions): void => {
  if (!(Number.isInteger(o.trials) && o.trials >= 1 && o.trials <= MAX_TRIALS)) {
    throw new Error(`trials must be an integer from 1 to ${MAX_TRIALS}, got ${String(o.trials)}`);
  }
  if (
    typeof o.seed === 'number' ? !Number.isFinite(o.seed) : typeof o.seed !== 'string' || o.seed.length === 0
  ) {
    throw new Error('seed must be a finite number or a non-empty string');
  }
  if (o.sampler !== undefined && o.sampler !== 'mc' && o.sampler !== 'lhs') {
    throw new Error(`sampler must be "mc" or "lhs", got "${String(o.sampler)}"`);
  }
  const rounds = o.rounds ?? spec.rounds.count;
  if (!(Number.isInteger(rounds) && rounds >= 1 && rounds <= INPUT_LIMITS.rounds)) {
    throw new Error(`rounds must be an integer from 1 to ${INPUT_LIMITS.rounds}, got ${String(o.rounds)}`);
  }
  const over = aggregateLimitProblem(
    {
      outcomes: spec.outcomes.length,
      metrics: spec.metrics.length,
      profiles: spec.actors.reduce((p, a) => p * a.strategies.length, 1),
    },
    rounds,
  );
  if (over) throw new Error(over);
  if (o.chunkSize !== undefined && !(Number.isInteger(o.chunkSize) && o.chunkSize >= 1)) {
    throw new Error('chunkSize must be a positive integer');
  }
  resolveOverrides(spec, o.overrides ?? {}, o.allowOutsideRange ?? false);
};

export const makeJob = (
  spec: ModelSpec,
  o: BaseOptions,
  extra: {
    readonly variants?: readonly Overrides[];
    readonly detail?: 'full' | 'light';
    readonly pairedDifferences?: boolean;
    readonly vectors?: boolean;
    readonly csv?: boolean;
  } = {},
): EngineJob => {
  validateBase(spec, o);
  const rounds = o.rounds ?? spec.rounds.count;
  const base = o.overrides ?? {};
  const variants = (extra.variants ?? [{}]).map((v) => {
    resolveOverrides(spec, v, o.allowOutsideRange ?? false);
    return { ...base, ...v };
  });
  const M = spec.metrics.length;
  return {
    id: `job-${++jobCounter}-${runIdOf(spec, { ...o, variants })}`,
    spec,
    seed: o.seed,
    sampler: o.sampler ?? 'mc',
    trials: o.trials,
    rounds,
    chunkSize: o.chunkSize ?? defaultChunkSize(o.trials),
    variants,
    allowOutsideRange: o.allowOutsideRange ?? false,
    detail: extra.detail ?? 'full',
    exactTrial: o.trials * M <= EXACT_VALUE_BUDGET,
    exactBands: o.trials * M * rounds <= EXACT_VALUE_BUDGET,
    pairedDifferences: extra.pairedDifferences ?? false,
    vectors: extra.vectors ?? false,
    csv: extra.csv ?? false,
    runId: runIdOf(spec, o),
  };
};
