// Integration test of electron/main/index.ts (the wiring), with 'electron' replaced by a recording fake: the real
// electron package is never loaded. Each test imports a fresh copy of the main process.
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventChannels, invokeChannels } from '../../electron/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import type { FakeElectron } from './fakeElectron';
import { makeTmpDir, trustedEvent } from './helpers';
import { PreventableEvent } from './fakeElectron';
import { isTeacher, TestClient } from '../node/class/classTestKit';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectronModule());

/** Lets pending promises and quick fs work run (used where the assertion is that something did NOT happen). */
const settle = (): Promise<void> => new Promise((ok) => setTimeout(ok, 50));

let savedArgv: string[];
beforeEach(() => {
  savedArgv = process.argv;
});
afterEach(() => {
  process.argv = savedArgv;
});

const startMain = async (argv: string[] = ['/opt/Parley/parley']) => {
  const dir = await makeTmpDir();
  const paths = { userData: join(dir, 'userData'), documents: join(dir, 'docs') };
  await fsp.mkdir(paths.userData);
  await fsp.mkdir(paths.documents);
  vi.resetModules();
  const fakeModule = await import('./fakeElectron');
  const electron: FakeElectron = fakeModule.createFakeElectron(paths);
  fakeModule.useFakeElectron(electron);
  process.argv = argv;
  await import('../../electron/main/index');
  return { dir, paths, electron };
};

const startAndOpenWindow = async (argv?: string[]) => {
  const started = await startMain(argv);
  started.electron.app.fireReady();
  const win = await vi.waitFor(() => {
    const w = started.electron.BrowserWindow.instances[0];
    if (w === undefined) throw new Error('no window yet');
    return w;
  });
  return { ...started, win };
};

const invoke = (electron: FakeElectron, channel: string, ...args: unknown[]) => {
  const handler = electron.ipcMain.handlers.get(channel);
  if (handler === undefined) throw new Error(`no handler for ${channel}`);
  return handler(trustedEvent, ...args);
};

describe('main process wiring (fake electron)', () => {
  it('before ready: registers app:// as privileged, enables the sandbox, takes the single-instance lock', async () => {
    const { electron } = await startMain();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });

  it('on ready: denies permissions, serves app:// with the CSP, opens one hardened window on app://parley', async () => {
    const { electron, win } = await startAndOpenWindow();
    const ses = electron.session.defaultSession;
    const callback = vi.fn();
    const requestHandler = ses.setPermissionRequestHandler.mock.calls[0]?.[0] as (...a: unknown[]) => void;
    requestHandler({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect((ses.setPermissionCheckHandler.mock.calls[0]?.[0] as () => boolean)()).toBe(false);
    expect(ses.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const serve = ses.protocol.handle.mock.calls[0]?.[1] as (r: {
      url: string;
      method: string;
    }) => Promise<Response>;
    const missing = await serve({ url: 'app://parley/%2e%2e/%2e%2e/etc/passwd', method: 'GET' });
    expect(missing.status).toBe(404);

    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect(win.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(String((win.options['webPreferences'] as { preload: string }).preload)).toMatch(
      /preload[\\/]index\.cjs$/,
    );
    expect(win.loadURL).toHaveBeenCalledWith('app://parley/index.html');
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(Object.values(invokeChannels).sort());
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
  });

  it('every web contents refuses navigation, new windows and webviews', async () => {
    const { win } = await startAndOpenWindow();
    const contents = win.webContents;
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      expect(contents.count(event), event).toBeGreaterThan(0);
      const e = new PreventableEvent('https://evil.example/');
      contents.emit(event, e, 'https://evil.example/');
      expect(e.defaultPrevented, event).toBe(true);
    }
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('IPC from another origin is refused', async () => {
    const { electron } = await startAndOpenWindow();
    const handler = electron.ipcMain.handlers.get(invokeChannels.versions);
    await expect(handler?.({ senderFrame: { url: 'https://evil.example/', parent: null } })).rejects.toThrow(
      /not the Parley window/,
    );
    await expect(invoke(electron, invokeChannels.versions)).resolves.toMatchObject({ app: '0.1.0' });
  });

  it('closing a dirty window asks; Save sends the save command and closes once the save succeeded', async () => {
    const { electron, win, paths } = await startAndOpenWindow();
    await invoke(electron, invokeChannels.setDirty, true);
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 }); // Save
    win.close();
    await settle();
    expect(electron.dialog.showMessageBox).toHaveBeenCalledOnce();
    expect(win.destroyed).toBe(false);
    expect(win.webContents.sent).toContainEqual([eventChannels.menuCommand, 'save']);
    const target = join(paths.documents, 'kept.parley.json');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const result = await invoke(electron, invokeChannels.saveScenario, {
      path: null,
      text: '{"saved":true}',
      saveAs: false,
      suggestedName: 'kept.parley.json',
    });
    expect(result).toMatchObject({ ok: true, path: target });
    await vi.waitFor(() => expect(win.destroyed).toBe(true));
    expect(await fsp.readFile(target, 'utf8')).toBe('{"saved":true}');
    expect(electron.app.quit).toHaveBeenCalled(); // window-all-closed on Linux
  });

  it("closing a dirty window: Cancel keeps it open, Don't Save closes and discards the autosave", async () => {
    const { electron, win, paths } = await startAndOpenWindow();
    await invoke(electron, invokeChannels.setDirty, true);
    await invoke(electron, invokeChannels.autosave, { text: 'draft', path: null });
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 2 }); // Cancel
    win.close();
    await settle();
    expect(win.destroyed).toBe(false);
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 }); // Don't Save
    win.close();
    await vi.waitFor(() => expect(win.destroyed).toBe(true));
    await expect(fsp.stat(join(paths.userData, 'autosave.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a file on the command line is opened and delivered once the renderer has loaded', async () => {
    const dir = await makeTmpDir();
    const file = join(dir, 'cli.parley.json');
    await fsp.writeFile(file, '{"from":"argv"}');
    const { win } = await startAndOpenWindow(['/opt/Parley/parley', '--no-sandbox', file]);
    expect(win.webContents.sent).toEqual([]);
    win.webContents.emit('did-finish-load');
    await vi.waitFor(() =>
      expect(win.webContents.sent).toContainEqual([
        eventChannels.openFile,
        { ok: true, path: file, name: 'cli.parley.json', text: '{"from":"argv"}' },
      ]),
    );
  });

  it('a second instance forwards its file to the running window, which can then save it without a dialog', async () => {
    const { electron, win, paths } = await startAndOpenWindow();
    win.webContents.emit('did-finish-load');
    const file = join(paths.documents, 'second.parley.json');
    await fsp.writeFile(file, 'v1');
    electron.app.emit(
      'second-instance',
      {},
      ['/opt/Parley/parley', '--allow-file-access-from-files', 'second.parley.json'],
      paths.documents,
    );
    expect(win.focus).toHaveBeenCalled();
    await vi.waitFor(() =>
      expect(win.webContents.sent).toContainEqual([
        eventChannels.openFile,
        expect.objectContaining({ ok: true, path: file }),
      ]),
    );
    await invoke(electron, invokeChannels.saveScenario, {
      path: file,
      text: 'v2',
      saveAs: false,
      suggestedName: 'x.json',
    });
    expect(electron.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(await fsp.readFile(file, 'utf8')).toBe('v2');
  });

  it('quit flushes the pending autosave first', async () => {
    const { electron, paths } = await startAndOpenWindow();
    await invoke(electron, invokeChannels.autosave, { text: 'unsaved at quit', path: null });
    const event = new PreventableEvent();
    electron.app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    const saved = JSON.parse(await fsp.readFile(join(paths.userData, 'autosave.json'), 'utf8')) as {
      text: string;
    };
    expect(saved.text).toBe('unsaved at quit');
    const second = new PreventableEvent();
    electron.app.emit('before-quit', second);
    expect(second.defaultPrevented).toBe(false);
  });

  it('starts a class session from the window on the scenario text; quit stops the server and keeps the journal', async () => {
    const { electron, paths } = await startAndOpenWindow();
    const text = await fsp.readFile(
      join(import.meta.dirname, '../../models/library/chicken.parley.json'),
      'utf8',
    );
    const result = (await invoke(electron, invokeChannels.startClassSession, {
      scenario: { text, name: 'chicken.parley.json' },
      params: { crash: -20 },
      rounds: 2,
      matching: 'fixed',
      lan: false,
      maxStudents: 30,
    })) as {
      ok: true;
      session: { sessionId: string; serverUrl: string; teacherToken: string; csvPath: string };
    };
    expect(result.ok).toBe(true);
    const { sessionId, serverUrl, teacherToken, csvPath } = result.session;
    expect(serverUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(csvPath).toBe(join(paths.documents, 'Parley class sessions', `${sessionId}.csv`));
    const journal = join(paths.userData, 'class-sessions', `${sessionId}.jsonl`);
    expect((await fsp.stat(journal)).isFile()).toBe(true);
    // the window (app://parley) may open the session's WebSocket as its teacher
    const teacher = await TestClient.connect(serverUrl, { origin: 'app://parley' });
    teacher.send({ type: 'teacher', token: teacherToken });
    await teacher.waitFor(isTeacher);
    const closed = teacher.closed;
    electron.app.emit('before-quit', new PreventableEvent());
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    await closed;
    await expect(TestClient.connect(serverUrl)).rejects.toThrow(/ECONNREFUSED/);
    expect((await fsp.stat(journal)).isFile()).toBe(true);
    await expect(invoke(electron, invokeChannels.resumableClassSession)).resolves.toMatchObject({
      sessionId,
      live: false,
    });
  });

  it('a renderer crash reloads the window and offers the newest edit for restore', async () => {
    const { electron, win } = await startAndOpenWindow();
    await invoke(electron, invokeChannels.autosave, { text: 'typed before the crash', path: null });
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(win.webContents.reload).toHaveBeenCalled();
    await expect(invoke(electron, invokeChannels.restorable)).resolves.toMatchObject({
      text: 'typed before the crash',
    });
  });
});
