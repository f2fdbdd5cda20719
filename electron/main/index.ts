// Electron main process: thin wiring of the tested modules in this folder to Electron's objects. Logic lives in the
// imported modules (tests/electron/ covers them under Node, without Electron).
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { MenuCommand, OpenResult } from '../../api/ParleyApi';
import { writeFilesAtomic } from '../../node/files/atomicWrite';
import { eventChannels } from '../ipc/contract';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  appSchemePrivileges,
  createAppProtocolHandler,
} from './appProtocol';
import { AutosaveStore } from './AutosaveStore';
import { CloseGuard, type CloseChoice } from './CloseGuard';
import { ExportSessions } from './ExportSessions';
import { dialogFilters, FileService } from './FileService';
import { createHandlers, registerIpcHandlers } from './ipcHandlers';
import { lazyClassHost } from './lazyClassHost';
import { buildMenuTemplate } from './menuTemplate';
import { RecentFiles } from './RecentFiles';
import { scenarioPathFromArgv } from './scenarioPathFromArgv';
import {
  DOCS_URL,
  denyNavigation,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWebview,
  denyWindowOpen,
  createSafeOpenExternal,
  isTrustedSender,
  originOf,
} from './security';
import { createMainWindow } from './windowOptions';

// Must happen before `ready`.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
app.enableSandbox();

const isDev = !app.isPackaged;
const devServerUrl = isDev ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const devOrigin = devServerUrl === undefined ? null : originOf(devServerUrl);
const trustedOrigins = devOrigin === null ? [APP_ORIGIN] : [APP_ORIGIN, devOrigin];

/** Only allow-listed https: URLs ever reach the system browser (the app's one call of shell.openExternal). */
const openExternalSafe = createSafeOpenExternal((url) => shell.openExternal(url));

const start = (): void => {
  const userData = app.getPath('userData');
  let win: BrowserWindow | null = null;
  let quitting = false;
  let flushedForQuit = false;
  let rendererReady = false;
  const pendingFiles: OpenResult[] = [];

  const send = (channel: string, payload: unknown): void => {
    if (win !== null && !win.isDestroyed()) win.webContents.send(channel, payload);
  };
  const sendCommand = (command: MenuCommand): void => send(eventChannels.menuCommand, command);
  const deliverFile = (result: OpenResult): void => {
    if (rendererReady) send(eventChannels.openFile, result);
    else pendingFiles.push(result);
  };

  const refreshMenu = (): void => {
    if (!app.isReady()) return; // built once `ready` fires
    const template = buildMenuTemplate({
      platform: process.platform,
      appName: app.name,
      isDev,
      recent: recent.list(),
      send: sendCommand,
      openRecent: (path) => void files.openRecent(path).then(deliverFile),
      clearRecent: () => void recent.clear(),
      openDocs: () => openExternalSafe(DOCS_URL),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const recent = new RecentFiles({
    storePath: join(userData, 'recent-files.json'),
    fs: fsp,
    randomId: randomUUID,
    addRecentDocument: (path) => app.addRecentDocument(path),
    clearRecentDocuments: () => app.clearRecentDocuments(),
    onChange: () => refreshMenu(),
  });
  const autosave = new AutosaveStore({
    filePath: join(userData, 'autosave.json'),
    fs: fsp,
    randomId: randomUUID,
    now: () => new Date(),
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  });
  const files = new FileService({
    fs: fsp,
    randomId: randomUUID,
    recent,
    defaultDir: app.getPath('documents'),
    dialogs: {
      chooseOpen: async (defaultPath) => {
        const options = {
          title: 'Open scenario',
          defaultPath,
          properties: ['openFile' as const],
          filters: [...dialogFilters('scenario'), { name: 'All files', extensions: ['*'] }],
        };
        const result =
          win === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(win, options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      chooseSave: async (defaultPath, kind) => {
        const options = {
          defaultPath,
          filters: dialogFilters(kind),
          properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
        };
        const result =
          win === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(win, options);
        return result.canceled || result.filePath === undefined || result.filePath === ''
          ? null
          : result.filePath;
      },
      confirmOverwrite: async (path) => {
        const options = {
          type: 'warning' as const,
          buttons: ['Replace', 'Cancel'],
          defaultId: 1,
          cancelId: 1,
          message: `“${basename(path)}” already exists. Do you want to replace it?`,
          detail: `A file with the same name already exists in ${dirname(path)}. Replacing it overwrites its contents.`,
        };
        const { response } =
          win === null ? await dialog.showMessageBox(options) : await dialog.showMessageBox(win, options);
        return response === 0;
      },
    },
  });
  const exportSessions = new ExportSessions({
    fs: fsp,
    randomId: randomUUID,
    chooseTarget: (kind, suggestedName) => files.chooseExportTarget(kind, suggestedName),
  });
  const askToSave = async (): Promise<CloseChoice> => {
    if (win === null) return 'discard';
    const { response } = await dialog.showMessageBox(win, {
      type: 'warning',
      buttons: ['Save', "Don't Save", 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
      message: 'Do you want to save the changes to this scenario?',
      detail: "Your changes will be lost if you don't save them.",
    });
    return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel';
  };
  const closeGuard = new CloseGuard({
    ask: askToSave,
    requestSave: () => sendCommand('save'),
    close: () => win?.close(),
    discardAutosave: () => autosave.set(null),
    onCancel: () => {
      quitting = false;
      flushedForQuit = false;
    },
  });

  // Class play: one session at a time, its server started here on the scenario text the window sends (compiled
  // again here), the journal in the app's data folder, session.csv in Documents/Parley class sessions.
  const classHost = lazyClassHost(async () => {
    const { ClassHost } = await import('../../node/class/ClassHost');
    return new ClassHost({
      dataDir: join(userData, 'class-sessions'),
      outDir: join(app.getPath('documents'), 'Parley class sessions'),
      staticDir: join(import.meta.dirname, '../renderer'),
      writeFilesAtomic: (files) => writeFilesAtomic(files, { fs: fsp, randomId: randomUUID }),
      allowedOrigins: trustedOrigins,
      appVersion: app.getVersion(),
      log: (line) => console.warn(`parley class: ${line}`),
    });
  });

  // Stores load at once (userData is known before `ready`); file opens wait for them.
  const storesLoaded = Promise.all([recent.load(), autosave.init()]);

  const openPath = async (path: string): Promise<void> => {
    await storesLoaded;
    files.grant(path);
    deliverFile(await files.openPath(path));
  };

  registerIpcHandlers(
    ipcMain,
    createHandlers({
      versions: {
        app: app.getVersion(),
        electron: process.versions.electron ?? '',
        chrome: process.versions.chrome ?? '',
        node: process.versions.node,
        v8: process.versions.v8,
      },
      files,
      recent,
      exports: exportSessions,
      autosave,
      closeGuard,
      openExternalSafe,
      classHost,
    }),
    (event) => isTrustedSender(event, trustedOrigins),
  );

  // Every web contents (the window, and anything it might try to create) is locked down.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', denyNavigation(openExternalSafe));
    contents.on('will-frame-navigate', denyNavigation(openExternalSafe));
    contents.on('will-redirect', denyNavigation(openExternalSafe));
    contents.on('will-attach-webview', denyWebview);
    contents.setWindowOpenHandler(denyWindowOpen(openExternalSafe));
  });

  const createWindow = async (): Promise<void> => {
    closeGuard.reset();
    rendererReady = false;
    const window = createMainWindow(BrowserWindow, join(import.meta.dirname, '../preload/index.cjs'), {
      devTools: isDev,
    });
    win = window;
    window.on('close', (event) => {
      if (closeGuard.onCloseRequested()) {
        event.preventDefault();
        return;
      }
      void autosave.flush();
      void exportSessions.abortAll();
    });
    window.on('closed', () => {
      if (win === window) win = null;
    });
    window.once('ready-to-show', () => window.show());
    window.webContents.on('did-finish-load', () => {
      rendererReady = true;
      for (const file of pendingFiles.splice(0)) send(eventChannels.openFile, file);
    });
    window.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit') return;
      autosave.rendererCrashed();
      void exportSessions.abortAll();
      rendererReady = false;
      if (!window.isDestroyed()) window.webContents.reload();
    });
    await window.loadURL(devServerUrl ?? APP_ENTRY_URL);
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (win !== null) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    const path = scenarioPathFromArgv(argv, { platform: process.platform, cwd: workingDirectory });
    if (path !== null) void openPath(path);
  });
  // macOS: double-click in Finder / drop on the Dock icon (may arrive before `ready`).
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void openPath(path);
  });
  app.on('before-quit', (event) => {
    quitting = true;
    if (flushedForQuit) return;
    event.preventDefault();
    flushedForQuit = true;
    // the class server stops with the app; its journal stays (File → Resume Class Session… after a restart)
    void Promise.allSettled([autosave.flush(), classHost.stop()]).finally(() => app.quit());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' || quitting) app.quit();
  });
  app.on('activate', () => {
    if (win === null && app.isReady()) void createWindow();
  });

  app
    .whenReady()
    .then(async () => {
      if (process.platform === 'win32') app.setAppUserModelId('org.parley.app');
      const ses = session.defaultSession;
      ses.setPermissionRequestHandler(denyPermissionRequest);
      ses.setPermissionCheckHandler(denyPermissionCheck);
      ses.setDevicePermissionHandler(denyPermissionCheck);
      ses.protocol.handle(
        APP_SCHEME,
        createAppProtocolHandler(join(import.meta.dirname, '../renderer'), fsp.readFile, fsp.realpath),
      );
      await storesLoaded;
      refreshMenu();
      const initial = scenarioPathFromArgv(process.argv, { platform: process.platform, cwd: process.cwd() });
      if (initial !== null) void openPath(initial);
      await createWindow();
    })
    .catch((error: unknown) => {
      console.error(error);
      app.quit();
    });
};

// One Parley at a time: a second launch forwards its file to this window (see 'second-instance').
if (app.requestSingleInstanceLock()) start();
else app.quit();
