// A complete main-process service graph (real fs in a temp folder, fake dialogs and timers) for handler tests.
import { join } from 'node:path';
import { vi } from 'vitest';
import { AutosaveStore } from '../../electron/main/AutosaveStore';
import { CloseGuard, type CloseChoice } from '../../electron/main/CloseGuard';
import { ExportSessions } from '../../electron/main/ExportSessions';
import { FileService } from '../../electron/main/FileService';
import { createHandlers, registerIpcHandlers, type IpcMainLike } from '../../electron/main/ipcHandlers';
import { RecentFiles } from '../../electron/main/RecentFiles';
import { createSafeOpenExternal, isTrustedSender, type IpcEventLike } from '../../electron/main/security';
import type { ClassStartRequest, ClassStartResult, ExportKind } from '../../api/ParleyApi';
import { makeTmpDir, realFs, uuid, type RealFs } from './helpers';

export type Harness = Awaited<ReturnType<typeof makeHarness>>;

export const CLASS_STARTED: ClassStartResult = {
  ok: true,
  session: {
    sessionId: 'class-0123456789ab',
    title: 'Chicken',
    serverUrl: 'ws://127.0.0.1:5179/ws',
    teacherToken: 'T'.repeat(43),
    joinUrl: 'http://127.0.0.1:5179/join#ACDEF',
    joinCode: 'ACDEF',
    qr: 'data:image/svg+xml;base64,',
    lan: false,
    resumed: false,
    csvPath: '/docs/Parley class sessions/class-0123456789ab.csv',
  },
};

export const makeHarness = async (options: { fs?: RealFs } = {}) => {
  const dir = await makeTmpDir();
  const userData = join(dir, 'userData');
  const docs = join(dir, 'docs');
  await realFs.mkdir(userData);
  await realFs.mkdir(docs);
  const fs = options.fs ?? realFs;
  const dialogs = {
    nextOpen: null as string | null,
    nextSave: null as string | null,
    nextConfirm: false,
    chooseOpen: vi.fn(async (_defaultDir: string) => dialogs.nextOpen),
    chooseSave: vi.fn(async (_defaultPath: string, _kind: ExportKind) => dialogs.nextSave),
    confirmOverwrite: vi.fn(async (_path: string) => dialogs.nextConfirm),
  };
  const addRecentDocument = vi.fn();
  const recent = new RecentFiles({
    storePath: join(userData, 'recent-files.json'),
    fs,
    randomId: uuid,
    addRecentDocument,
  });
  const timers: (() => void)[] = [];
  const autosave = new AutosaveStore({
    filePath: join(userData, 'autosave.json'),
    fs,
    randomId: uuid,
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    setTimer: (callback) => timers.push(callback),
    clearTimer: () => timers.splice(0),
  });
  const files = new FileService({ fs, randomId: uuid, dialogs, recent, defaultDir: docs });
  const exports = new ExportSessions({
    fs,
    randomId: uuid,
    chooseTarget: (k, n) => files.chooseExportTarget(k, n),
  });
  const closeChoice = { next: 'cancel' as CloseChoice };
  const guardDeps = {
    ask: vi.fn(async () => closeChoice.next),
    requestSave: vi.fn(),
    close: vi.fn(),
    discardAutosave: vi.fn(() => autosave.set(null)),
  };
  const closeGuard = new CloseGuard(guardDeps);
  const shellOpen = vi.fn(async (_url: string) => undefined);
  // the class host's own behaviour is tested in tests/node/class/ClassHost.test.ts; here: what reaches it
  const classHost = {
    start: vi.fn(async (_request: ClassStartRequest) => CLASS_STARTED),
    resumable: vi.fn(async () => null),
    resume: vi.fn(async (_sessionId: string) => CLASS_STARTED),
    stop: vi.fn(async () => undefined),
  };
  const handlers = createHandlers({
    versions: { app: '0.1.0', electron: '45.5.0', chrome: '1', node: '22', v8: '1' },
    files,
    recent,
    exports,
    autosave,
    closeGuard,
    openExternalSafe: createSafeOpenExternal(shellOpen),
    classHost,
  });
  const listeners = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain: IpcMainLike = { handle: (channel, listener) => void listeners.set(channel, listener) };
  registerIpcHandlers(ipcMain, handlers, (event) => isTrustedSender(event, ['app://parley']));
  const invoke = (channel: string, event: IpcEventLike, ...args: unknown[]): Promise<unknown> => {
    const listener = listeners.get(channel);
    if (listener === undefined) throw new Error(`no handler for ${channel}`);
    return listener(event, ...args);
  };
  return {
    dir,
    userData,
    docs,
    dialogs,
    recent,
    autosave,
    timers,
    files,
    exports,
    closeGuard,
    closeChoice,
    guardDeps,
    shellOpen,
    classHost,
    addRecentDocument,
    handlers,
    listeners,
    invoke,
  };
};
