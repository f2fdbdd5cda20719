// The preload entry with 'electron' replaced by a recording fake (the real package is never loaded).
import { describe, expect, it, vi } from 'vitest';
import { invokeNames } from '../../electron/ipc/contract';
import { createFakeElectron, useFakeElectron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectronModule());

describe('electron/preload/index.ts', () => {
  it('exposes one object, window.parley, made of named functions only', async () => {
    const electron = createFakeElectron({ userData: '/nowhere', documents: '/nowhere' });
    useFakeElectron(electron);
    await import('../../electron/preload/index');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, object];
    expect(key).toBe('parley');
    expect(Object.keys(api).sort()).toEqual(
      [...invokeNames, 'onMenuCommand', 'onOpenFile', 'platform'].sort(),
    );
    expect(Object.values(api).filter((v) => typeof v !== 'function')).toEqual(['electron']);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
  });
});
