// Runs scenario checks in a Web Worker, one at a time: a newer check cancels the running one (the worker is
// terminated and a fresh one started on the next check), so an edit never waits for the check of older text, and
// the superseded promise rejects with CheckSuperseded (callers drop it: a newer edit wins). Without Worker support
// (unit tests, Node) it checks inline through `inline`. A worker keeps the text of its last request, so an edit
// crosses as a delta (textDelta.ts), not as a copy of the whole text.
import type { CheckRequest, CheckResponse } from './check.worker';
import type { CheckWire } from './checkScenarioText';
import { textOrDelta } from '../util/textDelta';

export type CheckWorkerLike = {
  postMessage(m: CheckRequest): void;
  onmessage: ((e: MessageEvent<CheckResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
};

/** The rejection of a check that a newer one replaced. */
export class CheckSuperseded extends Error {
  constructor() {
    super('superseded by a newer check');
    this.name = 'CheckSuperseded';
  }
}

export const defaultCheckWorker = (): CheckWorkerLike | null => {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' }) as CheckWorkerLike;
  } catch {
    return null;
  }
};

export type WorkerChecker = {
  check(text: string, fileName: string): Promise<CheckWire>;
  /** Stop the running check, if any (its promise rejects with CheckSuperseded). */
  cancel(): void;
  /** Workers started so far (1 + the number of cancellations of a running check). */
  readonly started: number;
};

export const createWorkerChecker = (
  makeWorker: () => CheckWorkerLike | null,
  inline: (text: string, fileName: string) => Promise<CheckWire>,
): WorkerChecker => {
  let worker: CheckWorkerLike | null = null;
  /** The text the current worker holds (its last request), or null. */
  let held: string | null = null;
  let noWorker = false;
  let started = 0;
  let seq = 0;
  let running: { id: number; ok: (r: CheckWire) => void; fail: (e: Error) => void } | null = null;

  const spawn = (): CheckWorkerLike | null => {
    const w = makeWorker();
    if (!w) return null;
    held = null;
    started += 1;
    w.onmessage = (e) => {
      if (running && e.data.id === running.id) {
        const r = running;
        running = null;
        r.ok(e.data.result);
      }
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      const r = running;
      running = null;
      w.terminate();
      if (worker === w) worker = null;
      r?.ok({
        ok: false,
        issues: [{ path: '', message: `The check stopped: ${e.message || 'worker error'}` }],
      });
    };
    return w;
  };

  const cancel = (): void => {
    if (!running) return;
    // the running check's text is stale: stop its work, not only its answer
    running.fail(new CheckSuperseded());
    running = null;
    worker?.terminate();
    worker = null;
  };

  return {
    get started() {
      return started;
    },
    cancel,
    check(text, fileName) {
      cancel();
      if (!worker && !noWorker) {
        worker = spawn();
        noWorker = worker === null;
      }
      if (!worker) return inline(text, fileName);
      const id = ++seq;
      const w = worker;
      return new Promise<CheckWire>((ok, fail) => {
        running = { id, ok, fail };
        w.postMessage({ id, fileName, ...textOrDelta(held, text) });
        held = text;
      });
    },
  };
};
