// The engine's Node worker_threads pool (CLI, bench). Workers run TypeScript through tsx and never import mathjs.
// Node 20's `execArgv: ['--import', 'tsx']` does not apply tsx's hooks to a worker's entry module ("Unknown file
// extension .ts"), so each worker starts from a tiny eval'd bootstrap that registers tsx's ESM API first and then
// imports engineWorker.ts.
import { Worker } from 'node:worker_threads';
import { createWorkerPool } from '../../models/engine/WorkerPool';
import type { Runner } from '../../models/engine/Runner';
import type { WorkerResponse } from '../../models/engine/workerProtocol';

const bootstrap = (): string => {
  const api = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./engineWorker.ts', import.meta.url).href;
  return `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
};

export const createNodeRunner = (options: { readonly workers: number }): Runner => {
  const source = bootstrap();
  return createWorkerPool(options.workers, () => {
    const w = new Worker(source, { eval: true });
    return {
      post: (msg) => w.postMessage(msg),
      listen: (onMessage, onError) => {
        w.on('message', (m: WorkerResponse) => onMessage(m));
        w.on('error', (e) => onError(e));
        w.on('exit', (code) => {
          if (code !== 0 && code !== 1) onError(new Error(`exit code ${code}`));
        });
      },
      terminate: () => w.terminate(),
    };
  });
};
