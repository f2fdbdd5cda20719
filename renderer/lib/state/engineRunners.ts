// The Runner the UI uses: the engine's worker pool over Web Workers (module workers, bundled by Vite; the CSP allows
// worker-src 'self'). Falls back to the in-process runner where Worker is unavailable (tests, very old hosts).
import type { Runner } from '../../../models/engine/Runner';
import { createWorkerPool, type PoolWorker } from '../../../models/engine/WorkerPool';
import { createInProcessRunner } from '../../../models/engine/InProcessRunner';
import type { WorkerResponse } from '../../../models/engine/workerProtocol';

const spawnWebWorker = (): PoolWorker => {
  const w = new Worker(new URL('./simulationWorker.ts', import.meta.url), {
    type: 'module',
    name: 'parley-engine',
  });
  return {
    post: (msg) => w.postMessage(msg),
    listen: (onMessage, onError) => {
      w.onmessage = (e: MessageEvent<WorkerResponse>) => onMessage(e.data);
      w.onerror = (e) => {
        e.preventDefault();
        onError(new Error(`A simulation worker failed: ${e.message || 'unknown error'}`));
      };
      w.onmessageerror = () => onError(new Error('A simulation worker sent an unreadable message.'));
    },
    terminate: () => w.terminate(),
  };
};

export const createRunnerFor = (workers: number): Runner =>
  typeof Worker === 'undefined'
    ? createInProcessRunner()
    : createWorkerPool(Math.max(1, workers), spawnWebWorker);
