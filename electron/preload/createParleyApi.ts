// Builds window.parley from an ipcRenderer-like object (injected, so it is tested without Electron). Only named
// functions: no ipcRenderer, no generic send/invoke(channel), and listeners receive the validated payload only
// (never the IPC event, which would expose `sender`).
import type { MenuCommand, OpenResult, ParleyApi } from '../../api/ParleyApi';
import { eventChannels, eventSchemas, invokeChannels } from '../ipc/contract';

export type IpcRendererLike = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
};

export const createParleyApi = (ipc: IpcRendererLike): ParleyApi => {
  const call = <T>(channel: string, ...args: unknown[]): Promise<T> =>
    ipc.invoke(channel, ...args) as Promise<T>;
  const subscribe = <T>(
    channel: string,
    parse: (payload: unknown) => T | undefined,
    listener: (value: T) => void,
  ) => {
    const wrapped = (_event: unknown, payload: unknown): void => {
      const value = parse(payload);
      if (value !== undefined) listener(value);
    };
    ipc.on(channel, wrapped);
    return (): void => {
      ipc.removeListener(channel, wrapped);
    };
  };
  const parseMenuCommand = (payload: unknown): MenuCommand | undefined => {
    const result = eventSchemas.menuCommand.safeParse(payload);
    return result.success ? result.data : undefined;
  };
  const parseOpenFile = (payload: unknown): OpenResult | undefined => {
    const result = eventSchemas.openFile.safeParse(payload);
    return result.success ? result.data : undefined;
  };

  return {
    platform: 'electron',
    versions: () => call(invokeChannels.versions),
    openScenario: () => call(invokeChannels.openScenario),
    openRecent: (path) => call(invokeChannels.openRecent, path),
    saveScenario: (request) => call(invokeChannels.saveScenario, request),
    recentFiles: () => call(invokeChannels.recentFiles),
    exportBegin: (request) => call(invokeChannels.exportBegin, request),
    exportChunk: (id, chunk) => call(invokeChannels.exportChunk, id, chunk),
    exportEnd: (id, commit) => call(invokeChannels.exportEnd, id, commit),
    autosave: (entry) => call(invokeChannels.autosave, entry),
    restorable: () => call(invokeChannels.restorable),
    setDirty: (dirty) => call(invokeChannels.setDirty, dirty),
    openExternal: (url) => call(invokeChannels.openExternal, url),
    startClassSession: (request) => call(invokeChannels.startClassSession, request),
    resumableClassSession: () => call(invokeChannels.resumableClassSession),
    resumeClassSession: (sessionId) => call(invokeChannels.resumeClassSession, sessionId),
    stopClassSession: () => call(invokeChannels.stopClassSession),
    onMenuCommand: (listener) => subscribe(eventChannels.menuCommand, parseMenuCommand, listener),
    onOpenFile: (listener) => subscribe(eventChannels.openFile, parseOpenFile, listener),
  };
};
