// A Runner over a pool of message-passing workers (Node worker_threads or Web Workers: the host passes a factory).
// Tasks queue; an idle worker takes the next one. A job is sent to each worker once, then named by id. CSV pieces
// of a running chunk go to the task's sink; the worker is told 'next' once the sink has taken a piece. Cancel:
// queued tasks of an aborted signal are rejected at once; a running one is told 'cancel' (it stops at its next
// piece or finishes), and its result is discarded.
import {
  AbortError,
  type AbortSignalLike,
  type ChunkResult,
  type CsvPieceSink,
  type EngineJob,
  type Runner,
} from './Runner';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

/** The little a pool needs from a worker. */
export type PoolWorker = {
  post(msg: WorkerRequest): void;
  /** Register the response handler and a crash handler. */
  listen(onMessage: (msg: WorkerResponse) => void, onError: (err: Error) => void): void;
  terminate(): void | Promise<unknown>;
};

type Task = {
  readonly id: number;
  readonly job: EngineJob;
  readonly chunk: number;
  readonly resolve: (r: ChunkResult) => void;
  readonly reject: (e: Error) => void;
  readonly signal: AbortSignalLike | undefined;
  readonly onCsvPiece: CsvPieceSink | undefined;
};

type Slot = { worker: PoolWorker; busy: Task | null; jobs: Set<string> };

export const createWorkerPool = (size: number, spawn: () => PoolWorker): Runner => {
  if (!(Number.isInteger(size) && size >= 1))
    throw new Error(`workers must be a positive integer, got ${size}`);
  const queue: Task[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const start = (slot: Slot): void => {
    const task = queue.shift();
    if (!task) return;
    slot.busy = task;
    if (slot.jobs.has(task.job.id)) {
      slot.worker.post({ type: 'chunk-by-id', task: task.id, jobId: task.job.id, chunk: task.chunk });
    } else {
      slot.jobs.add(task.job.id);
      if (slot.jobs.size > 16) slot.jobs.delete(slot.jobs.values().next().value as string);
      slot.worker.post({ type: 'chunk', task: task.id, job: task.job, chunk: task.chunk });
    }
  };

  const make = (): Slot => {
    const slot: Slot = { worker: spawn(), busy: null, jobs: new Set() };
    slot.worker.listen(
      (msg) => {
        if (msg.type === 'csv') {
          const task = slot.busy;
          if (!task || task.id !== msg.task) return;
          const sink =
            task.signal?.aborted || !task.onCsvPiece ? Promise.resolve() : task.onCsvPiece(msg.piece);
          sink.then(
            () => {
              if (slot.busy === task)
                slot.worker.post({ type: task.signal?.aborted ? 'cancel' : 'next', task: task.id });
            },
            (err: unknown) => {
              task.reject(err instanceof Error ? err : new Error(String(err)));
              if (slot.busy === task) slot.worker.post({ type: 'cancel', task: task.id });
            },
          );
          return;
        }
        const task = slot.busy;
        slot.busy = null;
        if (task && task.id === msg.task) {
          if (msg.type === 'result') {
            if (task.signal?.aborted) task.reject(new AbortError());
            else task.resolve(msg.result);
          } else {
            const e = new Error(msg.message);
            e.name = msg.name;
            task.reject(e);
          }
        }
        if (!closed) start(slot);
      },
      (err) => {
        const task = slot.busy;
        slot.busy = null;
        task?.reject(new Error(`engine worker crashed: ${err.message}`));
        const i = slots.indexOf(slot);
        void slot.worker.terminate();
        if (!closed && i >= 0) {
          slots[i] = make();
          start(slots[i] as Slot);
        }
      },
    );
    return slot;
  };

  return {
    concurrency: size,
    runChunk: (job, chunk, signal, onCsvPiece) =>
      new Promise<ChunkResult>((resolve, reject) => {
        if (closed) return reject(new Error('the runner is closed'));
        if (signal?.aborted) return reject(new AbortError());
        // The abort listener is removed as soon as the task settles (it would otherwise keep every result alive).
        let onAbort: (() => void) | null = null;
        const settle = (): void => {
          if (onAbort) signal?.removeEventListener('abort', onAbort);
          onAbort = null;
        };
        const task: Task = {
          id: nextId++,
          job,
          chunk,
          resolve: (r) => {
            settle();
            resolve(r);
          },
          reject: (e) => {
            settle();
            reject(e);
          },
          signal,
          onCsvPiece,
        };
        if (signal) {
          onAbort = (): void => {
            const i = queue.indexOf(task);
            if (i >= 0) {
              queue.splice(i, 1);
              task.reject(new AbortError());
            }
          };
          signal.addEventListener('abort', onAbort);
        }
        queue.push(task);
        if (slots.length < size) slots.push(make());
        const idle = slots.find((s) => !s.busy);
        if (idle) start(idle);
      }),
    close: async () => {
      closed = true;
      for (const t of queue.splice(0)) t.reject(new AbortError('the runner was closed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
      slots.length = 0;
    },
  };
};
