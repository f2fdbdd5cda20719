import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { RecentFiles } from '../../electron/main/RecentFiles';
import { makeTmpDir, realFs, uuid } from './helpers';

const make = async (folder?: string) => {
  const dir = folder ?? (await makeTmpDir());
  const addRecentDocument = vi.fn();
  const clearRecentDocuments = vi.fn();
  const onChange = vi.fn();
  const recent = new RecentFiles({
    storePath: join(dir, 'recent-files.json'),
    fs: realFs,
    randomId: uuid,
    addRecentDocument,
    clearRecentDocuments,
    onChange,
    max: 3,
  });
  await recent.load();
  return { dir, recent, addRecentDocument, clearRecentDocuments, onChange };
};

describe('RecentFiles', () => {
  it('keeps the newest first, deduplicated, capped, and mirrors to the OS list', async () => {
    const { recent, addRecentDocument, onChange } = await make();
    for (const p of [
      '/a/1.parley.json',
      '/a/2.parley.json',
      '/a/1.parley.json',
      '/a/3.parley.json',
      '/a/4.parley.json',
    ]) {
      await recent.add(p);
    }
    expect(recent.list()).toEqual([
      { path: '/a/4.parley.json', name: '4.parley.json' },
      { path: '/a/3.parley.json', name: '3.parley.json' },
      { path: '/a/1.parley.json', name: '1.parley.json' },
    ]);
    expect(addRecentDocument).toHaveBeenCalledTimes(5);
    expect(onChange).toHaveBeenCalled();
  });

  it('persists across restarts in userData', async () => {
    const first = await make();
    await first.recent.add('/x/a.parley.json');
    await first.recent.add('/x/b.parley.json');
    const second = await make(first.dir);
    expect(second.recent.list().map((f) => f.path)).toEqual(['/x/b.parley.json', '/x/a.parley.json']);
    expect(second.recent.has('/x/a.parley.json')).toBe(true);
    await second.recent.remove('/x/a.parley.json');
    const third = await make(first.dir);
    expect(third.recent.list().map((f) => f.path)).toEqual(['/x/b.parley.json']);
  });

  it('starts empty on a missing or corrupt store', async () => {
    const { dir } = await make();
    await fsp.writeFile(join(dir, 'recent-files.json'), 'not json');
    expect((await make(dir)).recent.list()).toEqual([]);
    await fsp.writeFile(join(dir, 'recent-files.json'), '{"version":1,"files":[3]}');
    expect((await make(dir)).recent.list()).toEqual([]);
  });

  it('clear empties both lists', async () => {
    const { dir, recent, clearRecentDocuments } = await make();
    await recent.add('/x/a.parley.json');
    await recent.clear();
    expect(recent.list()).toEqual([]);
    expect(clearRecentDocuments).toHaveBeenCalledOnce();
    expect((await make(dir)).recent.list()).toEqual([]);
  });

  it('a file that disappeared is dropped from the list when reopened', async () => {
    const { makeHarness } = await import('./harness');
    const h = await makeHarness();
    const path = join(h.docs, 'gone.parley.json');
    await h.recent.add(path);
    const result = await h.files.openRecent(path);
    expect(result).toMatchObject({
      ok: false,
      canceled: false,
      error: expect.stringMatching(/does not exist/),
    });
    expect(h.recent.has(path)).toBe(false);
  });
});
