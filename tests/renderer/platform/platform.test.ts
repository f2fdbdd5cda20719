import { describe, expect, it, vi } from 'vitest';
import { INPUT_LIMITS } from '../../../models/text/inputLimits';
import type { ParleyApi } from '../../../api/ParleyApi';
import { createBrowserPlatform } from '../../../renderer/lib/platform/BrowserPlatform';
import {
  createElectronPlatform,
  MAX_CHUNK,
  splitChunk,
} from '../../../renderer/lib/platform/ElectronPlatform';
import { detectPlatform } from '../../../renderer/lib/platform/detectPlatform';
import { safeFileName } from '../../../renderer/lib/platform/Platform';

const memoryStorage = (): Storage => {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
};

const browser = () => {
  const downloads: { name: string; blob: Blob }[] = [];
  const guards: unknown[] = [];
  const storage = memoryStorage();
  const platform = createBrowserPlatform({
    storage,
    download: (blob, name) => downloads.push({ blob, name }),
    addUnloadGuard: (g) => guards.push(g),
    now: () => new Date('2026-01-02T03:04:05Z'),
  });
  return { platform, downloads, guards, storage };
};

async function* chunks(parts: (string | Uint8Array)[], failAt = -1) {
  for (let i = 0; i < parts.length; i++) {
    if (i === failAt) throw new Error('generator broke');
    yield parts[i] as string | Uint8Array;
  }
}

describe('BrowserPlatform', () => {
  it('saves as a download and remembers the file in recent files (reopenable)', async () => {
    const { platform, downloads } = browser();
    const r = await platform.saveScenario({
      path: null,
      text: '{"a":1}',
      saveAs: true,
      suggestedName: 'my/game.json',
    });
    expect(r).toEqual({ ok: true, path: 'my-game.json', name: 'my-game.json' });
    expect(downloads[0]?.name).toBe('my-game.json');
    expect(await downloads[0]?.blob.text()).toBe('{"a":1}');
    expect(await platform.recentFiles()).toEqual([{ path: 'my-game.json', name: 'my-game.json' }]);
    const again = await platform.openRecent('my-game.json');
    expect(again.ok && again.text).toBe('{"a":1}');
    expect((await platform.openRecent('nope.json')).ok).toBe(false);
  });

  it('streams an export into Blob parts and aborts cleanly when the source fails', async () => {
    const { platform, downloads } = browser();
    const ok = await platform.exportFile(
      'csv',
      'run.csv',
      chunks(['a,b\n', '1,2\n', new Uint8Array([51, 44, 52])]),
    );
    expect(ok.ok).toBe(true);
    expect(await downloads[0]?.blob.text()).toBe('a,b\n1,2\n3,4');
    expect(downloads[0]?.blob.type).toBe('text/csv');
    const bad = await platform.exportFile('csv', 'x.csv', chunks(['a', 'b'], 1));
    expect(bad).toEqual({ ok: false, canceled: false, error: 'Export failed: generator broke' });
    expect(downloads).toHaveLength(1);
  });

  it('autosaves to storage, offers the restore, and clears it', async () => {
    const { platform } = browser();
    expect(await platform.restorable()).toBeNull();
    await platform.autosave({ text: 'T', path: null });
    expect(await platform.restorable()).toEqual({
      text: 'T',
      path: null,
      savedAt: '2026-01-02T03:04:05.000Z',
    });
    await platform.autosave(null);
    expect(await platform.restorable()).toBeNull();
  });

  it('guards page unload only while dirty', async () => {
    const { platform, guards } = browser();
    await platform.setDirty(true);
    await platform.setDirty(false);
    expect(typeof guards[0]).toBe('function');
    expect(guards[1]).toBeNull();
  });

  it('reads a dropped file and refuses non-https external links', async () => {
    const { platform } = browser();
    const r = await platform.readDroppedFile(new File(['{"x":2}'], 'drop.parley.json'));
    expect(r).toEqual({ ok: true, path: 'drop.parley.json', name: 'drop.parley.json', text: '{"x":2}' });
    expect(await platform.openExternal('javascript:alert(1)')).toBe(false);
  });

  // Issue 10 (class 2): a file over the declared scenario size is refused before it is read.
  it('refuses a dropped file larger than a scenario can be, without reading it', async () => {
    const { platform } = browser();
    const huge = new File(['x'], 'huge.parley.json');
    Object.defineProperty(huge, 'size', { value: INPUT_LIMITS.scenarioFileBytes + 1 });
    Object.defineProperty(huge, 'text', { value: () => Promise.reject(new Error('read')) });
    const r = await platform.readDroppedFile(huge);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toBe(
      'Could not open huge.parley.json: the file is larger than a scenario can be (5000001 bytes; the limit is 5000000).',
    );
  });

  it('survives broken storage', async () => {
    const storage = memoryStorage();
    storage.setItem('parley.recent.v1', '{not json');
    const platform = createBrowserPlatform({
      storage,
      download: () => undefined,
      addUnloadGuard: () => undefined,
    });
    expect(await platform.recentFiles()).toEqual([]);
  });
});

describe('ElectronPlatform', () => {
  const fakeApi = () => {
    const sent: (string | Uint8Array)[] = [];
    const ends: boolean[] = [];
    const api = {
      platform: 'electron',
      exportBegin: vi.fn(async () => ({ ok: true as const, id: 'e1', path: '/x.csv' })),
      exportChunk: vi.fn(async (_id: string, c: string | Uint8Array) => {
        sent.push(c);
      }),
      exportEnd: vi.fn(async (_id: string, commit: boolean) => {
        ends.push(commit);
        return commit
          ? { ok: true as const, path: '/x.csv', name: 'x.csv' }
          : { ok: false as const, canceled: true, error: null };
      }),
      openScenario: vi.fn(),
    } as unknown as ParleyApi;
    return { api, sent, ends };
  };

  it('streams chunks no larger than 1 MiB and commits', async () => {
    const { api, sent, ends } = fakeApi();
    const p = createElectronPlatform(api);
    const big = new Uint8Array(MAX_CHUNK * 2 + 5);
    const r = await p.exportFile('png', 'x.png', chunks(['head', big]));
    expect(r.ok).toBe(true);
    expect(sent.map((c) => (typeof c === 'string' ? c.length : c.byteLength))).toEqual([
      4,
      MAX_CHUNK,
      MAX_CHUNK,
      5,
    ]);
    expect(ends).toEqual([true]);
  });

  it('rolls back (commit=false) when the chunk source fails', async () => {
    const { api, ends } = fakeApi();
    const r = await createElectronPlatform(api).exportFile('csv', 'x.csv', chunks(['a', 'b', 'c'], 2));
    expect(r.ok).toBe(false);
    expect(ends).toEqual([false]);
  });

  it('splits long strings without breaking surrogate pairs', () => {
    const s = `${'a'.repeat((MAX_CHUNK >> 2) - 1)}😀tail`;
    const parts = splitChunk(s) as string[];
    expect(parts.join('')).toBe(s);
    expect(parts[0]?.endsWith('a')).toBe(true);
  });

  it('detectPlatform picks Electron only when the preload API is there', () => {
    const { api } = fakeApi();
    expect(detectPlatform({ parley: api } as unknown as Window).kind).toBe('electron');
    expect(detectPlatform({} as unknown as Window).kind).toBe('browser');
  });

  it('makes safe file names', () => {
    expect(safeFileName('a/b\\c:d.json')).toBe('a-b-c-d.json');
    expect(safeFileName('..')).toBe('scenario.parley.json');
  });
});
