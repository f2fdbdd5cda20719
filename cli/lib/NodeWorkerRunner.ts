// The engine's Node worker_threads pool (CLI, bench). Workers never import mathjs: they receive serialisable jobs.
//
// A worker runs plain JavaScript: the worker entry (engineWorker.ts and the models/ code it imports) is part of the
// CLI's prebuilt bundle (scripts/cliBundle.cjs; `--import tsx` does not reach workers on Node 20). Inside the
// bundle the entry sits next to this code; when the CLI runs from source (tsx, vitest, the bench) the bundle is
// checked for freshness and rebuilt if a source file changed, so workers always run the current code.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createWorkerPool } from '../../models/engine/WorkerPool';
import type { Runner } from '../../models/engine/Runner';
import type { WorkerResponse } from '../../models/engine/workerProtocol';

let cached: URL | null = null;

/** The worker entry of the current CLI bundle. */
const workerUrl = (): URL => {
  if (cached) return cached;
  if (!import.meta.url.endsWith('.ts')) return (cached = new URL('./engineWorker.mjs', import.meta.url));
  const bundle = createRequire(import.meta.url)('../../scripts/cliBundle.cjs') as {
    ensureCliBundle: () => string;
  };
  return (cached = pathToFileURL(join(bundle.ensureCliBundle(), 'engineWorker.mjs')));
};

export const createNodeRunner = (options: { readonly workers: number }): Runner => {
  const url = workerUrl();
  return createWorkerPool(options.workers, () => {
    // A modest old-generation cap keeps each worker's garbage from piling up (results stream out per chunk).
    // execArgv: [] — never inherit flags such as --import tsx or --input-type=module.
    const w = new Worker(url, {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 },
    });
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
