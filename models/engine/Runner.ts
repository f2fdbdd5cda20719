// The one Runner interface: executes chunks of an EngineJob somewhere (in process, Node worker_threads, Web
// Workers). The orchestration (ordering, merging, progress, auto-stop, cancel) lives in simulate.ts and is the same
// for every runner, so results are identical whatever the pool size.
import type { RootSeed } from '../random/seedKey';
import type { ModelSpec } from '../scenario/RuntimeModel';
import type { AggregateState, PairedDifferences } from './Aggregate';
import type { Sampler } from './ParamSampler';

export type Overrides = Readonly<Record<string, number>>;

export type EngineJob = {
  /** Unique per job (workers cache the instantiated model and samplers by it). */
  readonly id: string;
  readonly spec: ModelSpec;
  readonly seed: RootSeed;
  readonly sampler: Sampler;
  /** Planned trial count (Latin hypercube strata; the cap when auto-stopping). */
  readonly trials: number;
  readonly rounds: number;
  /** Trials per chunk (fixed for the job: it defines the merge tree, never the pool size). */
  readonly chunkSize: number;
  /** Parameter overrides per variant; every variant runs on the same trial seeds (common random numbers). */
  readonly variants: readonly Overrides[];
  /**
   * Overrides outside a parameter's declared range [min, max] are refused unless this is set (the caller asked
   * for it explicitly, e.g. `--allow-outside-range`); results then list them (`outsideRange`).
   */
  readonly allowOutsideRange: boolean;
  readonly detail: 'full' | 'light';
  readonly exactTrial: boolean;
  readonly exactBands: boolean;
  /** Paired differences of every variant against variant 0. */
  readonly pairedDifferences: boolean;
  /** Per-trial vectors of variant 0: parameters, outcome "ever" indicators, metric trial values. */
  readonly vectors: boolean;
  /** Per-trial CSV rows of variant 0 (no header), streamed in pieces through runChunk's onCsvPiece. */
  readonly csv: boolean;
  /** Deterministic id of the run (hash of scenario, seed, sampler, trials, rounds, overrides): CSV run_id. */
  readonly runId: string;
};

export type ChunkResult = {
  readonly chunk: number;
  readonly start: number;
  readonly end: number;
  readonly aggregates: AggregateState[];
  /** pairedDifferences[v - 1]: variant v − variant 0 (null unless job.pairedDifferences). */
  readonly pairedDifferences: PairedDifferences[] | null;
  /** Row-major (end − start) × (params + outcomes + metrics), null unless job.vectors. */
  readonly vectors: Float64Array | null;
};

/**
 * Receives one piece of a chunk's per-trial CSV (in order within the chunk). The runner does not produce the next
 * piece until the returned promise settles (backpressure); a rejection aborts the chunk.
 */
export type CsvPieceSink = (piece: Uint8Array) => Promise<void>;

export type Runner = {
  /** Number of chunks it can run at once. */
  readonly concurrency: number;
  /**
   * Run one chunk. Rejects with an AbortError when `signal` aborts before it finished. When the job has csv, its
   * rows go to `onCsvPiece` piece by piece, each awaited before the next is made (the result comes after the last).
   */
  runChunk(
    job: EngineJob,
    chunk: number,
    signal?: AbortSignalLike,
    onCsvPiece?: CsvPieceSink,
  ): Promise<ChunkResult>;
  /** Release workers. */
  close(): Promise<void>;
};

/** The part of the platform's AbortSignal the engine uses (models/ is platform-free; a DOM/Node AbortSignal fits). */
export type AbortSignalLike = {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
};

/** A minimal AbortController for models/ (no DOM types here). */
export class Cancellation implements AbortSignalLike {
  aborted = false;
  private readonly listeners = new Set<() => void>();
  addEventListener(_type: 'abort', listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'abort', listener: () => void): void {
    this.listeners.delete(listener);
  }
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    for (const l of [...this.listeners]) l();
  }
}

/** The error every runner and the orchestration reject with on cancel. */
export class AbortError extends Error {
  override readonly name = 'AbortError';
  constructor(message = 'the run was cancelled') {
    super(message);
  }
}
