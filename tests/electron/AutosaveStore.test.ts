import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AutosaveStore } from '../../electron/main/AutosaveStore';
import { INPUT_LIMITS } from '../../models/text/inputLimits';
import { fullDiskFs, makeTmpDir, realFs, uuid, type RealFs } from './helpers';

const makeStore = async (dir?: string, fs: RealFs = realFs) => {
  const folder = dir ?? (await makeTmpDir());
  const timers: { callback: () => void; ms: number }[] = [];
  const store = new AutosaveStore({
    filePath: join(folder, 'autosave.json'),
    fs,
    randomId: uuid,
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    setTimer: (callback, ms) => timers.push({ callback, ms }),
    clearTimer: () => timers.splice(0),
    intervalMs: 3000,
  });
  return { folder, store, timers, file: join(folder, 'autosave.json') };
};

describe('AutosaveStore', () => {
  it('writes the newest edit once per interval (throttled), atomically', async () => {
    const { store, timers, file } = await makeStore();
    await store.set({ text: 'v1', path: null });
    await store.set({ text: 'v2', path: null });
    expect(timers).toHaveLength(1);
    expect(timers[0]?.ms).toBe(3000);
    await expect(fsp.stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    timers[0]?.callback();
    await store.flush();
    expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toEqual({
      version: 1,
      text: 'v2',
      path: null,
      savedAt: '2026-01-02T03:04:05.000Z',
    });
  });

  it('flush writes immediately (window close, quit) and null deletes the autosave', async () => {
    const { store, file } = await makeStore();
    await store.set({ text: 'unsaved', path: '/a/b.parley.json' });
    await store.flush();
    expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toMatchObject({
      text: 'unsaved',
      path: '/a/b.parley.json',
    });
    await store.set(null);
    await expect(fsp.stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    await store.set(null); // deleting twice is fine
  });

  it('after a crash, the next start-up offers the autosave for restore', async () => {
    const first = await makeStore();
    await first.store.set({ text: 'work in progress', path: null });
    await first.store.flush();
    // ...the process dies here (no clean close)...
    const second = await makeStore(first.folder);
    await second.store.init();
    expect(second.store.restorable()).toEqual({
      text: 'work in progress',
      path: null,
      savedAt: '2026-01-02T03:04:05.000Z',
    });
    // the new session's autosaves do not change what is offered
    await second.store.set({ text: 'new session', path: null });
    await second.store.flush();
    expect(second.store.restorable()?.text).toBe('work in progress');
  });

  it('a clean session leaves nothing to restore', async () => {
    const first = await makeStore();
    await first.store.set({ text: 'x', path: null });
    await first.store.flush();
    await first.store.set(null); // saved or discarded
    const second = await makeStore(first.folder);
    await second.store.init();
    expect(second.store.restorable()).toBeNull();
  });

  it('does not offer an autosave identical to the saved file it belongs to', async () => {
    const { folder, store } = await makeStore();
    const doc = join(folder, 'm.parley.json');
    await fsp.writeFile(doc, 'same');
    await store.set({ text: 'same', path: doc });
    await store.flush();
    const next = await makeStore(folder);
    await next.store.init();
    expect(next.store.restorable()).toBeNull();
    await fsp.writeFile(doc, 'older on disk');
    const again = await makeStore(folder);
    await again.store.init();
    expect(again.store.restorable()?.text).toBe('same');
  });

  it('ignores a corrupt autosave file', async () => {
    const { folder } = await makeStore();
    await fsp.writeFile(join(folder, 'autosave.json'), '{"version":1,"text":');
    const next = await makeStore(folder);
    await next.store.init();
    expect(next.store.restorable()).toBeNull();
    await fsp.writeFile(join(folder, 'autosave.json'), '{"version":9}');
    const again = await makeStore(folder);
    await again.store.init();
    expect(again.store.restorable()).toBeNull();
  });

  // Issue 10 (class 2): the autosave was read whole with no size cap (a 1 GB file was read into memory).
  it('never reads an autosave larger than the declared limit (nor a folder or device)', async () => {
    const { folder } = await makeStore();
    const file = join(folder, 'autosave.json');
    const handle = await fsp.open(file, 'w');
    await handle.truncate(INPUT_LIMITS.autosaveFileBytes + 1); // sparse: no disk used
    await handle.close();
    const reads: string[] = [];
    const spy: RealFs = {
      ...realFs,
      readFile: (async (p: string, e: 'utf8') => {
        reads.push(p);
        return realFs.readFile(p, e);
      }) as RealFs['readFile'],
    };
    const next = await makeStore(folder, spy);
    await next.store.init();
    expect(reads).toEqual([]);
    expect(next.store.restorable()).toBeNull();
    expect(next.store.lastError).toMatch(/larger than the limit of 32000000 bytes/);
    await fsp.rm(file);
    await fsp.mkdir(file);
    const dirStore = await makeStore(folder, spy);
    await dirStore.store.init();
    expect(reads).toEqual([]);
  });

  it('a renderer crash makes the newest edit restorable in the reloaded window', async () => {
    const { store } = await makeStore();
    await store.init();
    await store.set({ text: 'typed just now', path: null });
    store.rendererCrashed();
    expect(store.restorable()?.text).toBe('typed just now');
  });

  it('a full disk never throws at the user; the previous autosave survives and the error is kept', async () => {
    const ok = await makeStore();
    await ok.store.set({ text: 'small', path: null });
    await ok.store.flush();
    const full = await makeStore(ok.folder, fullDiskFs(20));
    await full.store.set({ text: 'x'.repeat(1000), path: null });
    await full.store.flush();
    expect(full.store.lastError).toMatch(/ENOSPC/);
    expect(JSON.parse(await fsp.readFile(ok.file, 'utf8')).text).toBe('small');
    expect((await fsp.readdir(ok.folder)).sort()).toEqual(['autosave.json']);
  });
});

describe('AutosaveStore with a tampered autosave', () => {
  it('never reads a device or folder named as the document path', async () => {
    const { folder } = await makeStore();
    for (const path of ['/dev/zero', folder]) {
      await fsp.writeFile(
        join(folder, 'autosave.json'),
        JSON.stringify({ version: 1, text: 'x', path, savedAt: '2026-01-01T00:00:00.000Z' }),
      );
      const next = await makeStore(folder);
      await next.store.init(); // returns (does not hang on /dev/zero)
      expect(next.store.restorable()?.text).toBe('x');
    }
  });
});
