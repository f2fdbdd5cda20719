// Web Worker entry of the engine pool (bundled by Vite as a module worker). Never imports mathjs: it receives
// serialisable jobs (ModelSpec inside) and instantiateModel turns them into plain functions — code generation
// when the worker's policy allows `new Function`, closures otherwise (probed by models/formula). The protocol
// (chunks, streamed CSV pieces with backpressure) is models/engine/workerProtocol.ts.
import { createWorkerHandler, type WorkerRequest } from '../../../models/engine/workerProtocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(msg: unknown, transfer: Transferable[]): void;
};
const handle = createWorkerHandler((res, transfer) => scope.postMessage(res, transfer));
scope.onmessage = (e) => handle(e.data);
