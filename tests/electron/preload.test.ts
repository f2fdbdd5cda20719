import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { eventChannels, invokeChannels, invokeNames } from '../../electron/ipc/contract';
import { createParleyApi, type IpcRendererLike } from '../../electron/preload/createParleyApi';

const fakeIpc = () => {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
    }),
  } satisfies IpcRendererLike;
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'SECRET-IPC-EVENT' }, payload);
  };
  return { ipc, emit, listeners };
};

describe('window.parley (preload)', () => {
  it('exposes exactly the ParleyApi members: named functions and the platform tag, nothing else', () => {
    const api = createParleyApi(fakeIpc().ipc);
    expect(Object.keys(api).sort()).toEqual(
      [...invokeNames, 'onMenuCommand', 'onOpenFile', 'platform'].sort(),
    );
    expect(api.platform).toBe('electron');
    for (const [key, value] of Object.entries(api)) {
      if (key !== 'platform') expect(typeof value, key).toBe('function');
    }
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('invoke');
  });

  it('each function invokes its own fixed channel with its arguments', async () => {
    const { ipc } = fakeIpc();
    const api = createParleyApi(ipc);
    const request = { path: null, text: '{}', saveAs: false, suggestedName: 'a.parley.json' };
    await api.versions();
    await api.saveScenario(request);
    await api.exportChunk('id', 'a,b\n');
    await api.exportEnd('id', true);
    await api.setDirty(true);
    await api.openExternal('https://github.com/');
    const classRequest = {
      scenario: { text: '{}', name: 'a.parley.json' },
      params: {},
      rounds: null,
      matching: 'random' as const,
      lan: false,
      maxStudents: 200,
    };
    await api.startClassSession(classRequest);
    await api.resumableClassSession();
    await api.resumeClassSession('class-1');
    await api.stopClassSession();
    expect(ipc.invoke.mock.calls).toEqual([
      [invokeChannels.versions],
      [invokeChannels.saveScenario, request],
      [invokeChannels.exportChunk, 'id', 'a,b\n'],
      [invokeChannels.exportEnd, 'id', true],
      [invokeChannels.setDirty, true],
      [invokeChannels.openExternal, 'https://github.com/'],
      [invokeChannels.startClassSession, classRequest],
      [invokeChannels.resumableClassSession],
      [invokeChannels.resumeClassSession, 'class-1'],
      [invokeChannels.stopClassSession],
    ]);
  });

  it('listeners receive only validated payloads, never the IPC event, and can unsubscribe', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const api = createParleyApi(ipc);
    const commands: unknown[] = [];
    const files: unknown[] = [];
    const off = api.onMenuCommand((...args) => commands.push(args));
    api.onOpenFile((...args) => files.push(args));
    emit(eventChannels.menuCommand, 'save');
    emit(eventChannels.menuCommand, 'rm -rf'); // not a MenuCommand: dropped
    emit(eventChannels.openFile, { ok: true, path: '/a.parley.json', name: 'a.parley.json', text: '{}' });
    emit(eventChannels.openFile, { ok: true, path: 3 });
    expect(commands).toEqual([['save']]);
    expect(files).toEqual([[{ ok: true, path: '/a.parley.json', name: 'a.parley.json', text: '{}' }]]);
    off();
    expect(listeners.get(eventChannels.menuCommand)?.size).toBe(0);
    emit(eventChannels.menuCommand, 'open');
    expect(commands).toHaveLength(1);
  });

  it('the preload entry exposes only createParleyApi(ipcRenderer) under "parley"', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../../electron/preload/index.ts'), 'utf8');
    const code = source.replace(/\/\/.*$/gm, '');
    expect(code.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(code).toMatch(/exposeInMainWorld\('parley', createParleyApi\(ipcRenderer\)\)/);
    expect(code).not.toMatch(/ipcRenderer\.(send|invoke|on)\b/);
  });
});
