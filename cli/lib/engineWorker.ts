// Node worker_threads entry of the engine pool (bundled with the CLI: scripts/cliBundle.cjs). Never imports mathjs:
// it receives serialisable jobs and calls instantiateModel; the protocol (chunks, streamed CSV pieces) is
// models/engine's.
import { parentPort } from 'node:worker_threads';
import { createWorkerHandler, type WorkerRequest } from '../../models/engine/workerProtocol';

const handle = createWorkerHandler((res, transfer) => parentPort?.postMessage(res, transfer));
parentPort?.on('message', (req: WorkerRequest) => handle(req));
