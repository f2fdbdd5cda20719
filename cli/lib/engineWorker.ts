// Node worker_threads entry of the engine pool (bundled with the CLI: scripts/cliBundle.cjs). Never imports mathjs: it receives
// serialisable jobs and calls instantiateModel.
import { parentPort } from 'node:worker_threads';
import { createWorkerHandler, transferablesOf, type WorkerRequest } from '../../models/engine/workerProtocol';

const handle = createWorkerHandler();
parentPort?.on('message', (req: WorkerRequest) => {
  const res = handle(req);
  parentPort?.postMessage(res, res.type === 'result' ? transferablesOf(res.result) : []);
});
