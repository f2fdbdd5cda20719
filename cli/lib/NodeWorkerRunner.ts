// The engine's Node worker_threads pool (CLI, bench). Workers never import mathjs: they receive serialisable jobs.
//
// How a worker runs TypeScript: the worker entry (engineWorker.ts and the models/ code it imports) is bundled once
// per process with esbuild (always present: tsx, which runs the CLI, is built on it) into one plain-JS script that
// the worker evaluates — no TypeScript loader thread per worker, ~4× faster start and far less memory. If esbuild
// cannot be loaded, each worker instead registers tsx's ESM API from a tiny eval'd bootstrap and imports the .ts
// entry (Node 20's `execArgv: ['--import', 'tsx']` does not apply tsx's hooks to a worker's entry module).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createWorkerPool } from '../../models/engine/WorkerPool';
import type { Runner } from '../../models/engine/Runner';
import type { WorkerResponse } from '../../models/engine/workerProtocol';

/** The one esbuild call we need (esbuild is loaded at run time: it is tsx's dependency, not ours). */
type EsbuildApi = {
  buildSync(options: Record<string, unknown>): { outputFiles?: { text: string }[] };
};

type WorkerSource = { readonly code: string; readonly kind: 'bundle' | 'tsx' };

let cached: WorkerSource | null = null;

const workerSource = (): WorkerSource => {
  if (cached) return cached;
  const entry = new URL('./engineWorker.ts', import.meta.url);
  try {
    const esbuild = createRequire(import.meta.url)('esbuild') as EsbuildApi;
    const out = esbuild.buildSync({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles?.[0]?.text;
    if (code) return (cached = { code, kind: 'bundle' });
  } catch {
    // fall through to the tsx bootstrap
  }
  const api = import.meta.resolve('tsx/esm/api');
  return (cached = {
    code: `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`,
    kind: 'tsx',
  });
};

export const createNodeRunner = (options: { readonly workers: number }): Runner => {
  const source = workerSource();
  return createWorkerPool(options.workers, () => {
    // A modest old-generation cap keeps each worker's garbage from piling up (results stream out per chunk).
    // execArgv: [] — never inherit flags such as --input-type=module that would change how the script is read.
    const w = new Worker(source.code, {
      eval: true,
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
