// The main-process side of window.parley: one handler per request channel of electron/ipc/contract.ts. Every
// handler is registered through registerIpcHandlers, which refuses untrusted senders (not the top frame of
// app://parley) and malformed payloads (zod) before the handler runs.
import type {
  ClassStartRequest,
  ClassStartResult,
  ResumableClassSession,
  Versions,
} from '../../api/ParleyApi';
import {
  describeIssues,
  invokeChannels,
  invokeNames,
  requestSchemas,
  type InvokeArgs,
  type InvokeName,
  type InvokeResult,
} from '../ipc/contract';
import type { AutosaveStore } from './AutosaveStore';
import type { CloseGuard } from './CloseGuard';
import type { ExportSessions } from './ExportSessions';
import type { FileService } from './FileService';
import type { RecentFiles } from './RecentFiles';
import { isAllowedExternalUrl, type IpcEventLike } from './security';

export type HandlerTable = {
  readonly [K in InvokeName]: (...args: InvokeArgs<K>) => Promise<InvokeResult<K>>;
};

/** The app's class session (node/class/ClassHost, loaded on first use: see electron/main/lazyClassHost.ts). */
export type ClassHostPort = {
  start(request: ClassStartRequest): Promise<ClassStartResult>;
  resumable(): Promise<ResumableClassSession | null>;
  resume(sessionId: string): Promise<ClassStartResult>;
  stop(): Promise<void>;
};

export type HandlerDeps = {
  readonly versions: Versions;
  readonly files: FileService;
  readonly recent: RecentFiles;
  readonly exports: ExportSessions;
  readonly autosave: AutosaveStore;
  readonly closeGuard: CloseGuard;
  /** Opens an allow-listed https: URL in the system browser; false when refused (createSafeOpenExternal). */
  readonly openExternalSafe: (url: string) => boolean;
  readonly classHost: ClassHostPort;
};

export const createHandlers = (deps: HandlerDeps): HandlerTable => ({
  versions: async () => deps.versions,
  openScenario: () => deps.files.openScenario(),
  openRecent: (path) => deps.files.openRecent(path),
  saveScenario: async (request) => {
    const result = await deps.files.saveScenario(request);
    await deps.closeGuard.saveFinished(result.ok);
    return result;
  },
  recentFiles: async () => deps.recent.list(),
  exportBegin: (request) => deps.exports.begin(request),
  exportChunk: (id, chunk) => deps.exports.chunk(id, chunk),
  exportEnd: (id, commit) => deps.exports.end(id, commit),
  autosave: (entry) => deps.autosave.set(entry),
  restorable: async () => deps.autosave.restorable(),
  setDirty: async (dirty) => deps.closeGuard.setDirty(dirty),
  openExternal: async (url) => isAllowedExternalUrl(url) && deps.openExternalSafe(url),
  startClassSession: (request) => deps.classHost.start(request),
  resumableClassSession: () => deps.classHost.resumable(),
  resumeClassSession: (sessionId) => deps.classHost.resume(sessionId),
  stopClassSession: () => deps.classHost.stop(),
});

export type IpcMainLike = {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
};

/** Refusals are thrown (the renderer's promise rejects); they indicate a bug or an attack, never user error. */
export class IpcRefusal extends Error {
  override readonly name = 'IpcRefusal';
}

/** The guarded listener for one channel (exported for tests). */
export const guardedListener =
  <K extends InvokeName>(name: K, handlers: HandlerTable, isTrusted: (event: IpcEventLike) => boolean) =>
  async (event: IpcEventLike, ...args: unknown[]): Promise<unknown> => {
    if (!isTrusted(event)) throw new IpcRefusal(`Refused ${name}: the sender is not the Parley window.`);
    const parsed = requestSchemas[name].safeParse(args);
    if (!parsed.success) throw new IpcRefusal(`Refused ${name}: ${describeIssues(name, parsed.error)}`);
    const handler = handlers[name] as (...a: unknown[]) => Promise<unknown>;
    return handler(...(parsed.data as unknown[]));
  };

export const registerIpcHandlers = (
  ipcMain: IpcMainLike,
  handlers: HandlerTable,
  isTrusted: (event: IpcEventLike) => boolean,
): void => {
  for (const name of invokeNames)
    ipcMain.handle(invokeChannels[name], guardedListener(name, handlers, isTrusted));
};
