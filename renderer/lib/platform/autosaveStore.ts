// Where the web page keeps its one autosave entry. IndexedDB where the browser has it, written by a worker
// (autosave.worker.ts): localStorage's setItem of a 5 MB scenario blocked the page for ~500 ms on every autosave
// (JSON-escaping the text, then a synchronous write), and even IndexedDB's put serialises on the calling thread. localStorage
// stays as the fallback (no IndexedDB: tests, private modes) and is read once to migrate an entry saved there by
// an older version.
import { textOrDelta, type TextDelta } from '../util/textDelta';

export type AutosaveRecord = {
  readonly text: string;
  readonly path: string | null;
  readonly savedAt: string;
};

/** One stored value; every method settles (storage problems are swallowed: autosave is best effort). */
export type AutosaveStore = {
  get(): Promise<unknown>;
  put(value: AutosaveRecord): Promise<void>;
  clear(): Promise<void>;
};

/** The localStorage key of the autosave entry (the fallback store and older versions). */
export const LEGACY_AUTOSAVE_KEY = 'parley.autosave.v1';
const DB_NAME = 'parley';
const STORE = 'autosave';
const KEY = 'current';

const settle = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((ok, fail) => {
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error ?? new Error('IndexedDB request failed'));
  });

/** The store in IndexedDB (database "parley", object store "autosave", key "current"). */
export const indexedDbAutosaveStore = (idb: IDBFactory): AutosaveStore => {
  let db: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> =>
    (db ??= new Promise<IDBDatabase>((ok, fail) => {
      const req = idb.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
      };
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error ?? new Error('IndexedDB could not be opened'));
    }).catch((e: unknown) => {
      db = null;
      throw e;
    }));
  /** Runs `fn` in a transaction and resolves once it has committed (readwrite transactions run in order). */
  const tx = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const t = (await open()).transaction(STORE, mode);
    const result = settle(fn(t.objectStore(STORE)));
    await new Promise<void>((ok, fail) => {
      t.oncomplete = () => ok();
      t.onabort = t.onerror = () => fail(t.error ?? new Error('IndexedDB transaction failed'));
    });
    return result;
  };
  return {
    get: () => tx('readonly', (s) => s.get(KEY)).catch(() => null),
    put: (value) =>
      tx('readwrite', (s) => s.put(value, KEY)).then(
        () => undefined,
        () => undefined,
      ),
    clear: () =>
      tx('readwrite', (s) => s.delete(KEY)).then(
        () => undefined,
        () => undefined,
      ),
  };
};

/** The store in localStorage under LEGACY_AUTOSAVE_KEY (synchronous: the fallback only). */
export const storageAutosaveStore = (storage: Storage | null): AutosaveStore => ({
  get: async () => {
    try {
      const raw = storage?.getItem(LEGACY_AUTOSAVE_KEY);
      return raw ? (JSON.parse(raw) as unknown) : null;
    } catch {
      return null;
    }
  },
  put: async (value) => {
    try {
      storage?.setItem(LEGACY_AUTOSAVE_KEY, JSON.stringify(value));
    } catch {
      // quota exceeded or storage disabled: autosave is best effort in a browser
    }
  },
  clear: async () => {
    try {
      storage?.removeItem(LEGACY_AUTOSAVE_KEY);
    } catch {
      // storage disabled
    }
  },
});

/** A request to the autosave worker: a put carries the text whole or as a delta against the previous put's. */
export type AutosaveRequest =
  | ({ readonly id: number; readonly op: 'put'; readonly path: string | null; readonly savedAt: string } & (
      { readonly text: string } | { readonly delta: TextDelta }
    ))
  | { readonly id: number; readonly op: 'clear' };

/** The little the page needs from the autosave worker (autosave.worker.ts). */
export type AutosaveWorkerLike = {
  postMessage(m: AutosaveRequest): void;
  onmessage: ((e: MessageEvent<{ id: number }>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
};

/**
 * IndexedDB written by a worker (autosave.worker.ts: the page only copies the text into it) and read by the page
 * (at start-up, once). Writes run in order; if the worker fails, writes go to `direct` from then on.
 */
export const workerAutosaveStore = (
  makeWorker: () => AutosaveWorkerLike | null,
  direct: AutosaveStore,
): AutosaveStore => {
  let worker: AutosaveWorkerLike | null | undefined;
  let seq = 0;
  const waiting = new Map<number, () => void>();
  /** The text the worker holds (its last put), or null. */
  let held: string | null = null;
  const send = (
    m: { op: 'put'; value: AutosaveRecord } | { op: 'clear' },
    fallback: () => Promise<void>,
  ): Promise<void> => {
    if (worker === undefined) {
      try {
        worker = makeWorker();
      } catch {
        worker = null;
      }
      if (worker) {
        worker.onmessage = (e) => {
          waiting.get(e.data.id)?.();
          waiting.delete(e.data.id);
        };
        worker.onerror = (e) => {
          e.preventDefault?.();
          worker = null;
          held = null;
          for (const done of waiting.values()) done();
          waiting.clear();
        };
      }
    }
    const w = worker;
    if (!w) return fallback();
    const id = ++seq;
    return new Promise<void>((ok) => {
      waiting.set(id, ok);
      if (m.op === 'clear') w.postMessage({ id, op: 'clear' });
      else {
        const { text, path, savedAt } = m.value;
        w.postMessage({ id, op: 'put', path, savedAt, ...textOrDelta(held, text) });
        held = text;
      }
    });
  };
  return {
    get: () => direct.get(),
    put: (value) => send({ op: 'put', value }, () => direct.put(value)),
    clear: () => send({ op: 'clear' }, () => direct.clear()),
  };
};

/** The autosave worker of the web build, or null where Worker is missing. */
export const defaultAutosaveWorker = (): AutosaveWorkerLike | null =>
  typeof Worker === 'undefined'
    ? null
    : (new Worker(new URL('./autosave.worker.ts', import.meta.url), {
        type: 'module',
        name: 'parley-autosave',
      }) as unknown as AutosaveWorkerLike);
