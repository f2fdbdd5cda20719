// Platform over the Electron preload's window.parley (the only module that touches it besides detectPlatform).
import type { ParleyApi } from '../../../api/ParleyApi';
import { failure, type Platform } from './Platform';

/** Largest chunk sent in one IPC message (the contract allows ≤ 1 MiB). */
export const MAX_CHUNK = 1 << 20;

/** Split a chunk into IPC-sized pieces (strings by UTF-16 length / 4 so the UTF-8 bytes stay ≤ 1 MiB). */
export const splitChunk = (chunk: string | Uint8Array): (string | Uint8Array)[] => {
  if (typeof chunk === 'string') {
    const max = MAX_CHUNK >> 2;
    if (chunk.length <= max) return [chunk];
    const out: string[] = [];
    let i = 0;
    while (i < chunk.length) {
      let end = Math.min(i + max, chunk.length);
      const c = chunk.charCodeAt(end - 1);
      if (end < chunk.length && c >= 0xd800 && c <= 0xdbff) end -= 1; // never split a surrogate pair
      out.push(chunk.slice(i, end));
      i = end;
    }
    return out;
  }
  if (chunk.byteLength <= MAX_CHUNK) return [chunk];
  const out: Uint8Array[] = [];
  for (let i = 0; i < chunk.byteLength; i += MAX_CHUNK) out.push(chunk.subarray(i, i + MAX_CHUNK));
  return out;
};

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export const createElectronPlatform = (api: ParleyApi): Platform => ({
  kind: 'electron',
  versions: async () => ({ ...(await api.versions()) }),
  openScenario: () => api.openScenario(),
  openRecent: (path) => api.openRecent(path),
  readDroppedFile: async (file) => {
    try {
      return { ok: true, path: '', name: file.name, text: await file.text() };
    } catch (e) {
      return failure(`Could not read ${file.name}: ${message(e)}`);
    }
  },
  saveScenario: (request) => api.saveScenario(request),
  recentFiles: () => api.recentFiles(),
  exportFile: async (kind, suggestedName, chunks) => {
    const begin = await api.exportBegin({ kind, suggestedName });
    if (!begin.ok) return begin;
    try {
      for await (const chunk of chunks) {
        for (const piece of splitChunk(chunk)) await api.exportChunk(begin.id, piece);
      }
    } catch (e) {
      await api.exportEnd(begin.id, false).catch(() => undefined);
      return failure(`Export failed: ${message(e)}`);
    }
    return api.exportEnd(begin.id, true);
  },
  autosave: (entry) => api.autosave(entry),
  restorable: () => api.restorable(),
  setDirty: (dirty) => api.setDirty(dirty),
  openExternal: (url) => api.openExternal(url),
  onMenuCommand: (listener) => api.onMenuCommand(listener),
  onOpenFile: (listener) => api.onOpenFile(listener),
  classSessions: {
    available: async () => true,
    start: (request) => api.startClassSession(request),
    resumable: () => api.resumableClassSession(),
    resume: (sessionId) => api.resumeClassSession(sessionId),
    stop: () => api.stopClassSession(),
  },
});
