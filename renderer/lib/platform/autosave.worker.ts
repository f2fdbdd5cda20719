// Writes the web page's autosave entry to IndexedDB off the page's main thread: IndexedDB serialises (and, for a
// big value, wraps and compresses) what it stores synchronously on the calling thread, ~180 ms for a 5 MB scenario
// on a loaded machine; here the page pays only the copy of the text into this worker.
import { indexedDbAutosaveStore, type AutosaveRecord } from './autosaveStore';

export type AutosaveRequest =
  | { readonly id: number; readonly op: 'put'; readonly value: AutosaveRecord }
  | { readonly id: number; readonly op: 'clear' };
export type AutosaveResponse = { readonly id: number };

const scope = globalThis as unknown as {
  indexedDB: IDBFactory;
  onmessage: ((e: MessageEvent<AutosaveRequest>) => void) | null;
  postMessage: (m: AutosaveResponse) => void;
};
const store = indexedDbAutosaveStore(scope.indexedDB);

scope.onmessage = (e) => {
  const req = e.data;
  void (req.op === 'put' ? store.put(req.value) : store.clear()).then(() =>
    scope.postMessage({ id: req.id }),
  );
};
