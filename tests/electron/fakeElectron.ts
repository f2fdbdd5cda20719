// A stand-in for the `electron` module, used with vi.mock('electron', …) so the REAL electron package is never
// loaded. It records what electron/main/index.ts wires up and lets a test drive app, window and IPC events.
import { vi } from 'vitest';

type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export class PreventableEvent {
  defaultPrevented = false;
  constructor(readonly url?: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends Emitter {
  readonly sent: [string, unknown][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly reload = vi.fn();
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export const createFakeElectron = (paths: { userData: string; documents: string }) => {
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((ok) => (resolveReady = ok));
  let ready = false;

  const app = Object.assign(new Emitter(), {
    name: 'Parley',
    isPackaged: true,
    whenReady: () => readyPromise,
    isReady: () => ready,
    getPath: (name: 'userData' | 'documents') => paths[name],
    getVersion: () => '0.1.0',
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    addRecentDocument: vi.fn(),
    clearRecentDocuments: vi.fn(),
    setAppUserModelId: vi.fn(),
    fireReady: () => {
      ready = true;
      resolveReady();
    },
  });

  class BrowserWindow extends Emitter {
    static readonly instances: BrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(async (_url: string) => undefined);
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      BrowserWindow.instances.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    close(): void {
      const event = new PreventableEvent();
      this.emit('close', event);
      if (event.defaultPrevented) return;
      this.destroyed = true;
      this.emit('closed');
      if (BrowserWindow.instances.every((w) => w.destroyed)) app.emit('window-all-closed');
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    isMinimized(): boolean {
      return false;
    }
  }

  const ipcMain = {
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    handle(channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>): void {
      if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      this.handlers.set(channel, listener);
    },
  };

  return {
    app,
    BrowserWindow,
    ipcMain,
    protocol: { registerSchemesAsPrivileged: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
        protocol: { handle: vi.fn() },
      },
    },
    dialog: {
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
      showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
      showMessageBox: vi.fn(async () => ({ response: 2 })),
    },
    shell: { openExternal: vi.fn(async () => undefined) },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn((_key: string, _api: unknown) => undefined) },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  };
};

export type FakeElectron = ReturnType<typeof createFakeElectron>;

const KEY = Symbol.for('parley.test.fakeElectron');
type Holder = { [KEY]?: FakeElectron };

/** Sets the instance the mocked 'electron' module delegates to (kept on globalThis: vi.resetModules gives each test
 * a fresh copy of this module, while vitest caches the mock factory's result). */
export const useFakeElectron = (electron: FakeElectron): void => {
  (globalThis as Holder)[KEY] = electron;
};

/** The mocked module: every export is looked up on the current fake at access time. */
export const fakeElectronModule = (): Record<string, unknown> =>
  new Proxy(
    {},
    {
      get: (_target, property) => {
        const electron = (globalThis as Holder)[KEY];
        if (electron === undefined) throw new Error('call useFakeElectron before importing the main process');
        return (electron as Record<string | symbol, unknown>)[property];
      },
      has: (_target, property) => property in ((globalThis as Holder)[KEY] ?? {}),
    },
  );
