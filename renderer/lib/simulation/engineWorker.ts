// Web Worker entry of the engine pool (bundled by Vite as a module worker). Never imports mathjs: it receives
// serialisable jobs (ModelSpec inside) and instantiateModel turns them into plain functions — code generation
// when the worker's policy allows `new Function`, closures otherwise (probed by models/formula). The protocol
// (chunks, streamed CSV pieces with backpressure) is models/engine/workerProtocol.ts; a job's spec may arrive as
// its JSON text in a Blob (specWire.ts), read asynchronously: requests are handled one after another, in order.
import { createWorkerHandler, type WorkerRequest } from '../../../models/engine/workerProtocol';
import { decodeSpecJobMessage, type SpecWireChunk } from './specWire';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest | SpecWireChunk>) => void) | null;
  postMessage(msg: unknown, transfer: Transferable[]): void;
};
const handle = createWorkerHandler((res, transfer) => scope.postMessage(res, transfer));
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (e) => {
  const msg = e.data;
  queue = queue.then(
    async () => {
      let req: WorkerRequest;
      try {
        req = await decodeSpecJobMessage(msg);
      } catch (err) {
        const x = err instanceof Error ? err : new Error(String(err));
        scope.postMessage({ type: 'error', task: msg.task, name: x.name, message: x.message }, []);
        return;
      }
      handle(req);
    },
    () => undefined,
  );
};
