// Orchestration shared by every Runner: submits chunks (a bounded window ahead), merges results strictly in chunk
// order (so the floating-point merge tree never depends on the pool size), streams CSV chunks in order, reports
// progress, records the convergence trace, auto-stops at a chunk boundary, and cancels through an AbortSignal.
import {
  mergeAggregate,
  mergePairedDifferences,
  releaseAggregate,
  reserveAggregate,
  type AggregateState,
  type PairedDifferences,
} from './Aggregate';
import { wilson } from './wilson';
import { CSV_PIECE_BYTES } from './ChunkExecutor';
import { CsvSequencer } from './CsvSequencer';
import {
  AbortError,
  Cancellation,
  type AbortSignalLike,
  type ChunkResult,
  type EngineJob,
  type Runner,
} from './Runner';

export type AutoStop = {
  /** Stop once every reported probability's 95% interval half-width is below this (e.g. 0.005). */
  readonly halfWidth: number;
  /** Never stop before this many trials (default 1000). */
  readonly minTrials?: number;
};

export type SimulateHooks = {
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignalLike;
  /**
   * The per-trial CSV rows (job.csv), in trial order, as UTF-8 pieces of about 256 KiB; each is awaited before
   * more is made (backpressure), so an export of any size runs in bounded memory.
   */
  readonly onCsv?: (piece: Uint8Array) => void | Promise<void>;
  readonly autoStop?: AutoStop;
};

export type ConvergencePoint = {
  readonly trials: number;
  /** P(outcome ever) per outcome, variant 0. */
  readonly outcomes: readonly number[];
  /** Mean trial value per metric, variant 0. */
  readonly metrics: readonly number[];
};

export type SimulateOutput = {
  readonly trials: number;
  readonly stoppedEarly: boolean;
  readonly aggregates: AggregateState[];
  readonly pairedDifferences: PairedDifferences[] | null;
  readonly vectors: Float64Array | null;
  readonly convergence: ConvergencePoint[];
};

const MAX_TRACE_POINTS = 200;

/** CSV held for chunks ahead of the one being written (bytes): 32 pieces of 256 KiB. */
export const CSV_AHEAD_BYTES = 32 * CSV_PIECE_BYTES;

const precise = (a: AggregateState, halfWidth: number): boolean => {
  if (a.n === 0) return false;
  for (let k = 0; k < a.ever.length; k++) {
    const w = wilson(a.ever[k] as number, a.n);
    if ((w.high - w.low) / 2 >= halfWidth) return false;
  }
  for (let k = 0; k < a.roundHits.length; k++) {
    const w = wilson(a.roundHits[k] as number, a.n);
    if ((w.high - w.low) / 2 >= halfWidth) return false;
  }
  return true;
};

export const chunkCount = (job: EngineJob): number => Math.ceil(job.trials / job.chunkSize);

export const simulate = async (
  runner: Runner,
  job: EngineJob,
  hooks: SimulateHooks = {},
): Promise<SimulateOutput> => {
  const total = chunkCount(job);
  const inner = new Cancellation();
  const onOuterAbort = (): void => inner.abort();
  hooks.signal?.addEventListener('abort', onOuterAbort);
  const window = Math.max(2, runner.concurrency * 2);
  const pending = new Map<number, Promise<ChunkResult>>();
  const every = Math.max(1, Math.ceil(total / MAX_TRACE_POINTS));
  const convergence: ConvergencePoint[] = [];
  let merged: ChunkResult | null = null;
  let aggregates: AggregateState[] = [];
  let differences: PairedDifferences[] | null = null;
  const vectorParts: Float64Array[] = [];
  let nextSubmit = 0;
  let nextMerge = 0;
  let stoppedEarly = false;
  const onCsv = hooks.onCsv;
  const csv = job.csv && onCsv ? new CsvSequencer(onCsv, CSV_AHEAD_BYTES) : null;
  try {
    while (nextMerge < total) {
      if (hooks.signal?.aborted) throw new AbortError();
      while (nextSubmit < total && nextSubmit - nextMerge < window) {
        const p = runner.runChunk(job, nextSubmit, inner, csv?.sinkFor(nextSubmit));
        p.catch(() => undefined);
        pending.set(nextSubmit, p);
        nextSubmit++;
      }
      const result = await (pending.get(nextMerge) as Promise<ChunkResult>);
      pending.delete(nextMerge);
      if (hooks.signal?.aborted) throw new AbortError();
      if (!merged) {
        merged = result;
        aggregates = result.aggregates;
        if (total > 1) for (const a of aggregates) reserveAggregate(a, job.trials);
        differences = result.pairedDifferences;
      } else {
        result.aggregates.forEach((a, v) => {
          mergeAggregate(aggregates[v] as AggregateState, a);
          // the chunk's arrays are copied into the run's: reused by the next chunks (no fresh memory per chunk)
          releaseAggregate(a);
        });
        if (differences && result.pairedDifferences)
          result.pairedDifferences.forEach((p, v) =>
            mergePairedDifferences((differences as PairedDifferences[])[v] as PairedDifferences, p),
          );
      }
      if (result.vectors) vectorParts.push(result.vectors);
      nextMerge++;
      const a0 = aggregates[0] as AggregateState;
      if (nextMerge % every === 0 || nextMerge === total) {
        convergence.push({
          trials: a0.n,
          outcomes: Array.from(a0.ever, (x) => x / a0.n),
          metrics: a0.moments.map((m) => m.mean),
        });
      }
      hooks.onProgress?.(a0.n, job.trials);
      const stop = hooks.autoStop;
      if (
        stop &&
        nextMerge < total &&
        a0.n >= (stop.minTrials ?? 1000) &&
        aggregates.every((a) => precise(a, stop.halfWidth))
      ) {
        stoppedEarly = true;
        const last = convergence[convergence.length - 1];
        if (!last || last.trials !== a0.n) {
          convergence.push({
            trials: a0.n,
            outcomes: Array.from(a0.ever, (x) => x / a0.n),
            metrics: a0.moments.map((m) => m.mean),
          });
        }
        break;
      }
      // Only now may the next chunk's rows be written: had the run stopped here, they would be rows of trials that
      // the results do not count (the CSV must hold exactly the trials run, whatever the number of workers).
      await csv?.finish(nextMerge - 1);
    }
  } finally {
    hooks.signal?.removeEventListener('abort', onOuterAbort);
    csv?.close();
    inner.abort();
  }
  let vectors: Float64Array | null = null;
  if (vectorParts.length) {
    vectors = new Float64Array(vectorParts.reduce((s, v) => s + v.length, 0));
    let off = 0;
    for (const v of vectorParts) {
      vectors.set(v, off);
      off += v.length;
    }
  }
  return {
    trials: (aggregates[0] as AggregateState).n,
    stoppedEarly,
    aggregates,
    pairedDifferences: differences,
    vectors,
    convergence,
  };
};
