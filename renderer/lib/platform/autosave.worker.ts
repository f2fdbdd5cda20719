// Writes the web page's autosave entry to IndexedDB off the page's main thread: IndexedDB serialises (and, for a
// big value, wraps and compresses) what it stores synchronously on the calling thread, ~180 ms for a 5 MB scenario
// on a loaded machine. Here the page pays only the copy of the text into this worker, and after the first autosave
// not even that: the worker keeps the last text and gets each new one as a delta (textDelta.ts).
import { indexedDbAutosaveStore, type AutosaveRequest } from './autosaveStore';
import { applyTextDelta } from '../util/textDelta';

export type AutosaveResponse = { readonly id: number };

const scope = globalThis as unknown as {
  indexedDB: IDBFactory;
  onmessage: ((e: MessageEvent<AutosaveRequest>) => void) | null;
  postMessage: (m: AutosaveResponse) => void;
};
const store = indexedDbAutosaveStore(scope.indexedDB);
/** The text of the last put (a later put may arrive as a delta against it). */
let last: string | null = null;

scope.onmessage = (e) => {
  const req = e.data;
  if (req.op === 'clear') {
    void store.clear().then(() => scope.postMessage({ id: req.id }));
    return;
  }
  const text = 'text' in req ? req.text : last === null ? null : applyTextDelta(last, req.delta);
  if (text === null) return scope.postMessage({ id: req.id }); // cannot happen: the page sends the text first
  last = text;
  void store
    .put({ text, path: req.path, savedAt: req.savedAt })
    .then(() => scope.postMessage({ id: req.id }));
};
