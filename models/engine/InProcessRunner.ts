// The in-process Runner (tests, small runs): executes chunks on the calling thread, yielding between chunks.
import { ChunkExecutor } from './ChunkExecutor';
import {
  AbortError,
  type AbortSignalLike,
  type ChunkResult,
  type CsvPieceSink,
  type EngineJob,
  type Runner,
} from './Runner';

/** Keeps the executors of the most recent jobs (they hold the instantiated model and the samplers). */
export class ExecutorCache {
  private readonly map = new Map<string, ChunkExecutor>();
  constructor(private readonly limit = 8) {}

  get(job: EngineJob): ChunkExecutor {
    let e = this.map.get(job.id);
    if (!e) {
      e = new ChunkExecutor(job);
      this.map.set(job.id, e);
      if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as string);
    }
    return e;
  }

  /** An executor for a job whose spec was sent earlier (workers receive the spec once per job). */
  has(id: string): boolean {
    return this.map.has(id);
  }
}

export const createInProcessRunner = (): Runner => {
  const cache = new ExecutorCache();
  // One chunk at a time: a chunk waiting for its CSV piece to be written must not share the executor's buffers
  // with the next chunk.
  let queue: Promise<unknown> = Promise.resolve();
  const runOne = async (
    job: EngineJob,
    chunk: number,
    signal?: AbortSignalLike,
    onCsvPiece?: CsvPieceSink,
  ): Promise<ChunkResult> => {
    await Promise.resolve();
    if (signal?.aborted) throw new AbortError();
    const pieces = cache.get(job).runPieces(chunk);
    for (;;) {
      const next = pieces.next();
      if (next.done) return next.value;
      if (onCsvPiece) await onCsvPiece(next.value);
      if (signal?.aborted) throw new AbortError();
    }
  };
  return {
    concurrency: 1,
    runChunk: (job, chunk, signal, onCsvPiece) => {
      const result = queue.then(() => runOne(job, chunk, signal, onCsvPiece));
      queue = result.catch(() => undefined);
      return result;
    },
    close: async () => {},
  };
};
