// Web Worker entry of the engine pool (bundled by Vite as a module worker). Never imports mathjs: it receives
// serialisable jobs (ModelSpec inside) and instantiateModel turns them into plain functions — code generation
// when the worker's policy allows `new Function`, closures otherwise (probed by models/formula).
import {
  createWorkerHandler,
  transferablesOf,
  type WorkerRequest,
} from '../../../models/engine/workerProtocol';

const handle = createWorkerHandler();
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(msg: unknown, transfer: Transferable[]): void;
};
scope.onmessage = (e) => {
  const res = handle(e.data);
  scope.postMessage(res, res.type === 'result' ? transferablesOf(res.result) : []);
};
