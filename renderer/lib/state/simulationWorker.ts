// Web Worker entry of the simulation runner: answers chunk requests of the engine's worker protocol, transferring
// result buffers instead of copying them. Never imports mathjs (jobs carry the compiled ModelSpec).
import {
  createWorkerHandler,
  transferablesOf,
  type WorkerRequest,
} from '../../../models/engine/workerProtocol';

const handle = createWorkerHandler();
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

scope.onmessage = (e) => {
  const response = handle(e.data);
  scope.postMessage(response, response.type === 'result' ? transferablesOf(response.result) : []);
};
