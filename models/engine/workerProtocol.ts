// Messages between a runner's pool and its workers (Node worker_threads or Web Workers), and the worker-side
// handler. A job (with its serialisable ModelSpec) is sent to a worker once; later chunks name it by id.
import { ExecutorCache } from './InProcessRunner';
import type { ChunkResult, EngineJob } from './Runner';

export type WorkerRequest =
  | { readonly type: 'chunk'; readonly task: number; readonly job: EngineJob; readonly chunk: number }
  | { readonly type: 'chunk-by-id'; readonly task: number; readonly jobId: string; readonly chunk: number };

export type WorkerResponse =
  | { readonly type: 'result'; readonly task: number; readonly result: ChunkResult }
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

/** The worker side: returns a function answering one request. */
export const createWorkerHandler = (): ((req: WorkerRequest) => WorkerResponse) => {
  const cache = new ExecutorCache();
  const jobs = new Map<string, EngineJob>();
  return (req) => {
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
      return { type: 'result', task: req.task, result: cache.get(job).run(req.chunk) };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      return { type: 'error', task: req.task, name: e.name, message: e.message };
    }
  };
};
