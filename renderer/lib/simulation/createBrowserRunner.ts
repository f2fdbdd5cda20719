// The engine's Web Worker pool for the renderer: `new Worker(new URL('./engineWorker.ts', import.meta.url),
// { type: 'module' })`, bundled by Vite. A checked spec crosses as a Blob of its JSON text made by the check
// worker (specWire.ts). Falls back to the in-process runner where Worker does not exist.
import { createInProcessRunner } from '../../../models/engine/InProcessRunner';
import type { Runner } from '../../../models/engine/Runner';
import { createWorkerPool, type PoolWorker } from '../../../models/engine/WorkerPool';
import type { WorkerResponse } from '../../../models/engine/workerProtocol';
import { specJobMessage } from './specWire';

const spawn = (): PoolWorker => {
  const w = new Worker(new URL('./engineWorker.ts', import.meta.url), {
    type: 'module',
    name: 'parley-engine',
  });
  return {
    // a checked spec goes as a Blob of its JSON text (specWire.ts): the page never walks or copies a big spec
    post: (msg) => w.postMessage(specJobMessage(msg)),
    listen: (onMessage, onError) => {
      w.onmessage = (e: MessageEvent<WorkerResponse>) => onMessage(e.data);
      w.onerror = (e) => {
        e.preventDefault();
        onError(new Error(e.message || 'engine worker failed'));
      };
      w.onmessageerror = () => onError(new Error('engine worker sent an unreadable message'));
    },
    terminate: () => w.terminate(),
  };
};

/** Default pool size: the machine's logical cores, at least 1, at most 8. */
export const defaultWorkerCount = (): number =>
  Math.max(1, Math.min(8, typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2));

export const createBrowserRunner = (options: { readonly workers?: number } = {}): Runner =>
  typeof Worker === 'undefined'
    ? createInProcessRunner()
    : createWorkerPool(Math.max(1, options.workers ?? defaultWorkerCount()), spawn);
