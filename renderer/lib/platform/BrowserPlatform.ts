// Platform for the plain web build (`npm run web`): a file input to open, downloads to save and export,
// localStorage for recent files, IndexedDB for autosave (autosaveStore.ts; localStorage where there is none). No
// paths exist in a browser: a file is identified by its name.
import { INPUT_LIMITS } from '../../../models/text/inputLimits';
import {
  defaultAutosaveWorker,
  indexedDbAutosaveStore,
  storageAutosaveStore,
  workerAutosaveStore,
  type AutosaveStore,
} from './autosaveStore';
import { browserClassSessions } from './browserClassSessions';
import { canceled, failure, safeFileName, type FileRef, type OpenResult, type Platform } from './Platform';

const RECENT_KEY = 'parley.recent.v1';
const MAX_RECENT = 8;
/** Recent entries keep their text so they can be reopened; very large files are listed but not kept. */
const MAX_RECENT_TEXT = 512 * 1024;

type RecentEntry = { path: string; name: string; text: string | null };

export type BrowserDeps = {
  readonly document: Document;
  readonly storage: Storage | null;
  /** The autosave entry's store: IndexedDB where the browser has it, else `storage`. */
  readonly autosaveStore: AutosaveStore;
  readonly now: () => Date;
  /** Trigger a download of `blob` as `name` (injected so tests can capture it). */
  readonly download: (blob: Blob, name: string) => void;
  readonly addUnloadGuard: (guard: ((e: BeforeUnloadEvent) => void) | null) => void;
  /** fetch, for the class-session endpoint of `npm run web` (injected so tests can answer it). */
  readonly fetch: typeof fetch;
};

const MIME: Record<string, string> = {
  csv: 'text/csv',
  json: 'application/json',
  scenario: 'application/json',
  png: 'image/png',
  svg: 'image/svg+xml',
  nfg: 'text/plain',
};

const readJson = <T>(storage: Storage | null, key: string, fallback: T): T => {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
};

const writeJson = (storage: Storage | null, key: string, value: unknown): void => {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // quota exceeded or storage disabled: recent files and autosave are best effort in a browser
  }
};

const defaultDownload =
  (doc: Document) =>
  (blob: Blob, name: string): void => {
    const url = URL.createObjectURL(blob);
    const a = doc.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    a.style.display = 'none';
    doc.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  };

export const createBrowserPlatform = (partial: Partial<BrowserDeps> = {}): Platform => {
  const doc = partial.document ?? document;
  const storage = partial.storage !== undefined ? partial.storage : safeLocalStorage();
  const legacy = storageAutosaveStore(storage);
  const deps: BrowserDeps = {
    document: doc,
    storage,
    autosaveStore: partial.autosaveStore ?? indexedDbStore() ?? legacy,
    now: partial.now ?? (() => new Date()),
    download: partial.download ?? defaultDownload(doc),
    fetch: partial.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    addUnloadGuard:
      partial.addUnloadGuard ??
      (() => {
        let current: ((e: BeforeUnloadEvent) => void) | null = null;
        return (guard) => {
          if (current) window.removeEventListener('beforeunload', current);
          current = guard;
          if (guard) window.addEventListener('beforeunload', guard);
        };
      })(),
  };
  let legacyCleared = false;

  const remember = (name: string, text: string): void => {
    const list = readJson<RecentEntry[]>(storage, RECENT_KEY, []).filter((e) => e.path !== name);
    list.unshift({ path: name, name, text: text.length <= MAX_RECENT_TEXT ? text : null });
    writeJson(storage, RECENT_KEY, list.slice(0, MAX_RECENT));
  };

  const readFile = async (file: File): Promise<OpenResult> => {
    // A declared limit (models/text/inputLimits.ts), checked before reading: a huge file would freeze the page.
    if (file.size > INPUT_LIMITS.scenarioFileBytes) {
      return failure(
        `Could not open ${file.name}: the file is larger than a scenario can be (${file.size} bytes; the limit is ${INPUT_LIMITS.scenarioFileBytes}).`,
      );
    }
    try {
      const text = await file.text();
      remember(file.name, text);
      return { ok: true, path: file.name, name: file.name, text };
    } catch (e) {
      return failure(`Could not read ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return {
    kind: 'browser',
    versions: async () => ({ app: '0.1.0', browser: globalThis.navigator?.userAgent ?? 'unknown' }),
    openScenario: () =>
      new Promise<OpenResult>((resolve) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.accept = '.json,.parley.json,application/json';
        input.style.display = 'none';
        input.dataset.testid = 'file-input';
        let settled = false;
        const done = (r: OpenResult): void => {
          if (settled) return;
          settled = true;
          input.remove();
          resolve(r);
        };
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          if (!file) done(canceled());
          else void readFile(file).then(done);
        });
        input.addEventListener('cancel', () => done(canceled()));
        doc.body.appendChild(input);
        input.click();
      }),
    openRecent: async (path) => {
      const entry = readJson<RecentEntry[]>(storage, RECENT_KEY, []).find((e) => e.path === path);
      if (!entry) return failure(`"${path}" is no longer in the recent files.`);
      if (entry.text === null)
        return failure(`"${path}" was too large to keep in the browser: open it again.`);
      remember(entry.name, entry.text);
      return { ok: true, path: entry.path, name: entry.name, text: entry.text };
    },
    readDroppedFile: readFile,
    saveScenario: async (request) => {
      const name = safeFileName(request.path && !request.saveAs ? request.path : request.suggestedName);
      deps.download(new Blob([request.text], { type: 'application/json' }), name);
      remember(name, request.text);
      return { ok: true, path: name, name };
    },
    recentFiles: async () =>
      readJson<RecentEntry[]>(storage, RECENT_KEY, []).map((e): FileRef => ({ path: e.path, name: e.name })),
    exportFile: async (kind, suggestedName, chunks) => {
      const parts: BlobPart[] = [];
      try {
        for await (const chunk of chunks)
          parts.push(typeof chunk === 'string' ? chunk : new Uint8Array(chunk));
      } catch (e) {
        return failure(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      const name = safeFileName(suggestedName, `export.${kind}`);
      deps.download(new Blob(parts, { type: MIME[kind] ?? 'application/octet-stream' }), name);
      return { ok: true, path: name, name };
    },
    autosave: async (entry) => {
      const store = deps.autosaveStore;
      if (!entry) {
        await store.clear();
        if (store !== legacy) await legacy.clear();
        return;
      }
      // what could not be restored is not stored (an older entry stays, as when storage is full)
      if (entry.text.length > INPUT_LIMITS.scenarioTextChars) return;
      await store.put({ text: entry.text, path: entry.path, savedAt: deps.now().toISOString() });
      if (store !== legacy && !legacyCleared) {
        legacyCleared = true;
        await legacy.clear(); // an older version's entry must not come back after a newer one
      }
    },
    restorable: async () =>
      restorableOf(await deps.autosaveStore.get()) ??
      (deps.autosaveStore !== legacy ? restorableOf(await legacy.get()) : null),
    setDirty: async (dirty) => {
      deps.addUnloadGuard(
        dirty
          ? (e: BeforeUnloadEvent) => {
              e.preventDefault();
            }
          : null,
      );
    },
    openExternal: async (url) => {
      if (!/^https:\/\//i.test(url)) return false;
      window.open(url, '_blank', 'noopener,noreferrer');
      return true;
    },
    onMenuCommand: () => () => undefined,
    onOpenFile: () => () => undefined,
    classSessions: browserClassSessions(deps.fetch, () =>
      /(?:^|;\s*)parley-class-api=1(?:;|$)/.test(safeCookie(deps.document)),
    ),
  };
};

/** A stored autosave entry as the restore offer, or null (malformed, or larger than a scenario text may be). */
const restorableOf = (v: unknown): { text: string; path: string | null; savedAt: string } | null => {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as { text?: unknown; path?: unknown; savedAt?: unknown };
  if (typeof r.text !== 'string' || r.text.length > INPUT_LIMITS.scenarioTextChars) return null;
  return {
    text: r.text,
    path: typeof r.path === 'string' ? r.path : null,
    savedAt: typeof r.savedAt === 'string' ? r.savedAt : '',
  };
};

const indexedDbStore = (): AutosaveStore | null => {
  try {
    return globalThis.indexedDB
      ? workerAutosaveStore(defaultAutosaveWorker, indexedDbAutosaveStore(globalThis.indexedDB))
      : null;
  } catch {
    return null; // IndexedDB disabled (some private modes throw on access)
  }
};

const safeCookie = (doc: Document): string => {
  try {
    return doc.cookie;
  } catch {
    return ''; // sandboxed or opaque origins throw
  }
};

const safeLocalStorage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};
