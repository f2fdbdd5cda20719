// Messages between a runner's pool and its workers (Node worker_threads or Web Workers), and the worker side. A job
// (with its serialisable ModelSpec) is sent to a worker once; later chunks name it by id. A chunk of a job with CSV
// streams its rows as 'csv' pieces: the worker sends one piece, then waits for 'next' before making the next one
// (backpressure: a worker never holds more than one piece), and sends the chunk's 'result' after the last; 'cancel'
// abandons the chunk (the worker answers with an AbortError and is free again).
import { ExecutorCache } from './InProcessRunner';
import type { ChunkResult, EngineJob } from './Runner';

export type WorkerRequest =
  | { readonly type: 'chunk'; readonly task: number; readonly job: EngineJob; readonly chunk: number }
  | { readonly type: 'chunk-by-id'; readonly task: number; readonly jobId: string; readonly chunk: number }
  | { readonly type: 'next'; readonly task: number }
  | { readonly type: 'cancel'; readonly task: number };

export type WorkerResponse =
  | { readonly type: 'result'; readonly task: number; readonly result: ChunkResult }
  | { readonly type: 'csv'; readonly task: number; readonly piece: Uint8Array }
  | { readonly type: 'error'; readonly task: number; readonly name: string; readonly message: string };

/** ArrayBuffers of a chunk result that can be transferred instead of copied. */
export const transferablesOf = (r: ChunkResult): ArrayBuffer[] => {
  const out = new Set<ArrayBuffer>();
  const add = (a: { buffer: ArrayBufferLike } | null): void => {
    if (a && a.buffer instanceof ArrayBuffer && a.buffer.byteLength > 0) out.add(a.buffer);
  };
  for (const agg of r.aggregates) {
    for (const s of [...agg.trialStores, ...agg.bandStores]) {
      if (s.kind === 'exact') add(s.values);
      else {
        add(s.pos);
        add(s.neg);
      }
    }
    add(agg.ever);
    add(agg.roundHits);
    add(agg.firstRound);
    add(agg.bandSums);
    add(agg.profileCounts);
    add(agg.eqCounts);
    add(agg.multiPure);
    add(agg.eventEver);
  }
  add(r.vectors);
  return [...out];
};

/** How the worker side answers: a response and the buffers to transfer with it. */
export type WorkerPost = (res: WorkerResponse, transfer: ArrayBuffer[]) => void;

/** The worker side: returns the handler of every request (one chunk at a time, as the pool sends them). */
export const createWorkerHandler = (post: WorkerPost): ((req: WorkerRequest) => void) => {
  const cache = new ExecutorCache();
  const jobs = new Map<string, EngineJob>();
  let current: { task: number; pieces: Generator<Uint8Array, ChunkResult, undefined> } | null = null;

  const fail = (task: number, err: unknown): void => {
    current = null;
    const e = err instanceof Error ? err : new Error(String(err));
    post({ type: 'error', task, name: e.name, message: e.message }, []);
  };

  /** Advance the current chunk to its next piece (then wait for 'next') or to its result. */
  const step = (): void => {
    const c = current;
    if (!c) return;
    try {
      const next = c.pieces.next();
      if (next.done) {
        current = null;
        post({ type: 'result', task: c.task, result: next.value }, transferablesOf(next.value));
      } else {
        // UTF-8 bytes in their own buffer: transferred, not copied (and the host writes them as they are).
        const piece = next.value;
        post({ type: 'csv', task: c.task, piece }, [piece.buffer as ArrayBuffer]);
      }
    } catch (err) {
      fail(c.task, err);
    }
  };

  return (req) => {
    if (req.type === 'next') {
      if (current?.task === req.task) step();
      return;
    }
    if (req.type === 'cancel') {
      if (current?.task === req.task) {
        const e = new Error('the chunk was cancelled');
        e.name = 'AbortError';
        fail(req.task, e);
      }
      return;
    }
    try {
      let job: EngineJob | undefined;
      if (req.type === 'chunk') {
        job = req.job;
        jobs.set(job.id, job);
        if (jobs.size > 16) jobs.delete(jobs.keys().next().value as string);
      } else {
        job = jobs.get(req.jobId);
        if (!job) throw new Error(`worker does not know job ${req.jobId}`);
      }
      current = { task: req.task, pieces: cache.get(job).runPieces(req.chunk) };
    } catch (err) {
      fail(req.task, err);
      return;
    }
    step();
  };
};
