import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AtomicFileWriter,
  describeFsError,
  tempPathFor,
  writeFileAtomic,
  type AtomicFs,
} from '../../../node/files/atomicWrite';
import {
  crashBeforeRenameFs,
  fsError,
  fullDiskFs,
  listDir,
  makeTmpDir,
  realFs,
  uuid,
} from '../../electron/helpers';

describe('writeFileAtomic', () => {
  it('creates a new file and leaves no temporary file behind', async () => {
    const dir = await makeTmpDir();
    const target = join(dir, 'model.parley.json');
    await writeFileAtomic(target, '{"v":1}', { fs: realFs, randomId: uuid });
    expect(await fsp.readFile(target, 'utf8')).toBe('{"v":1}');
    expect(await listDir(dir)).toEqual(['model.parley.json']);
  });

  it('replaces an existing file and keeps its permission bits', async () => {
    const dir = await makeTmpDir();
    const target = join(dir, 'model.parley.json');
    await fsp.writeFile(target, 'old', { mode: 0o600 });
    await fsp.chmod(target, 0o600);
    await writeFileAtomic(target, new TextEncoder().encode('new'), { fs: realFs, randomId: uuid });
    expect(await fsp.readFile(target, 'utf8')).toBe('new');
    if (process.platform !== 'win32') expect((await fsp.stat(target)).mode & 0o777).toBe(0o600);
    expect(await listDir(dir)).toEqual(['model.parley.json']);
  });

  it('writes the temporary file in the target folder (rename never crosses devices)', () => {
    expect(tempPathFor('/a/b/model.parley.json', 'x1')).toBe(join('/a/b', '.model.parley.json.x1.tmp'));
  });

  it('a crash between write and rename leaves the old file intact (the new data sits in the temp file)', async () => {
    const dir = await makeTmpDir();
    const target = join(dir, 'model.parley.json');
    await fsp.writeFile(target, 'old version');
    const fs = crashBeforeRenameFs();
    void writeFileAtomic(target, 'new version', { fs, randomId: () => 'crash' });
    await fs.renameCalled; // the process "dies" here: rename never happens
    expect(await fsp.readFile(target, 'utf8')).toBe('old version');
    const temp = tempPathFor(target, 'crash');
    expect(await fsp.readFile(temp, 'utf8')).toBe('new version'); // written and fsynced before the rename
    expect(await listDir(dir)).toEqual(['.model.parley.json.crash.tmp', 'model.parley.json']);
  });

  it('a full disk (ENOSPC) is reported, the old file is intact and the temp file is removed', async () => {
    const dir = await makeTmpDir();
    const target = join(dir, 'model.parley.json');
    await fsp.writeFile(target, 'old version');
    const error = await writeFileAtomic(target, 'x'.repeat(10_000), {
      fs: fullDiskFs(100),
      randomId: uuid,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(await fsp.readFile(target, 'utf8')).toBe('old version');
    expect(await listDir(dir)).toEqual(['model.parley.json']);
  });

  it('a failed rename removes the temp file and rethrows', async () => {
    const dir = await makeTmpDir();
    const target = join(dir, 'model.parley.json');
    await fsp.writeFile(target, 'old');
    const fs = {
      ...realFs,
      rename: async () => {
        throw fsError('EACCES');
      },
    } as unknown as typeof realFs;
    await expect(writeFileAtomic(target, 'new', { fs, randomId: uuid })).rejects.toMatchObject({
      code: 'EACCES',
    });
    expect(await fsp.readFile(target, 'utf8')).toBe('old');
    expect(await listDir(dir)).toEqual(['model.parley.json']);
  });

  it('fails cleanly when the folder does not exist', async () => {
    const dir = await makeTmpDir();
    await expect(
      writeFileAtomic(join(dir, 'missing', 'model.parley.json'), 'x', { fs: realFs, randomId: uuid }),
    ).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('AtomicFileWriter (streamed)', () => {
  it('appends chunks in order into a temporary file and renames it over the target on commit, then syncs the folder', async () => {
    const dir = await makeTmpDir();
    const target = join(dir, 'trials.csv');
    await fsp.writeFile(target, 'previous export');
    const calls: string[] = [];
    const fs: AtomicFs = {
      ...realFs,
      open: async (path, flags, mode) => {
        calls.push(`open ${path === dir ? 'dir' : 'temp'} ${flags}`);
        const h = await realFs.open(path, flags, mode);
        return {
          writeFile: (d) => h.writeFile(d),
          sync: async () => {
            calls.push(`sync ${path === dir ? 'dir' : 'temp'}`);
            await h.sync();
          },
          close: () => h.close(),
        };
      },
      rename: async (from, to) => {
        calls.push('rename');
        await realFs.rename(from, to);
      },
    };
    const added: string[] = [];
    const removed: string[] = [];
    const tracker = { add: (p: string) => added.push(p), delete: (p: string) => removed.push(p) };
    const w = await AtomicFileWriter.open(target, { fs, randomId: () => 'id1', tracker });
    await w.write('a,b\r\n');
    await w.write(new TextEncoder().encode('1,2\r\n'));
    expect(await fsp.readFile(target, 'utf8')).toBe('previous export'); // untouched until commit
    await w.commit();
    expect(await fsp.readFile(target, 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(calls).toEqual(['open temp wx', 'sync temp', 'rename', 'open dir r', 'sync dir']);
    expect(added).toEqual([tempPathFor(target, 'id1')]);
    expect(removed).toEqual(added);
    expect(await listDir(dir)).toEqual(['trials.csv']);
    await expect(w.write('late')).rejects.toThrow(/already closed/);
  });

  it('abort removes the temporary file and leaves the target untouched', async () => {
    const dir = await makeTmpDir();
    const target = join(dir, 'trials.csv');
    await fsp.writeFile(target, 'previous export');
    const w = await AtomicFileWriter.open(target, { fs: realFs, randomId: uuid });
    await w.write('half a file');
    await w.abort();
    await w.abort(); // twice is harmless
    expect(await fsp.readFile(target, 'utf8')).toBe('previous export');
    expect(await listDir(dir)).toEqual(['trials.csv']);
  });
});

describe('describeFsError', () => {
  it('names the action, the path and the reason, without a stack trace', () => {
    expect(describeFsError('save', '/home/a/m.parley.json', fsError('ENOSPC'))).toBe(
      'Could not save /home/a/m.parley.json: the disk is full (ENOSPC).',
    );
    expect(describeFsError('open', '/x', fsError('EACCES'))).toBe(
      'Could not open /x: permission denied (EACCES).',
    );
    expect(describeFsError('open', '/x', new Error('boom\n    at stack'))).toBe('Could not open /x: boom.');
  });
});

describe('writeFileAtomic through symbolic links and permission bits', () => {
  const posix = process.platform !== 'win32';

  it.runIf(posix)('writes the target of a symbolic link atomically and keeps the link', async () => {
    const dir = await makeTmpDir();
    await fsp.mkdir(join(dir, 'real'));
    const real = join(dir, 'real', 'results.csv');
    await fsp.writeFile(real, 'old');
    const link = join(dir, 'link.csv');
    await fsp.symlink(join('real', 'results.csv'), link); // relative link
    await writeFileAtomic(link, 'new', { fs: realFs, randomId: uuid });
    expect((await fsp.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fsp.readlink(link)).toBe(join('real', 'results.csv'));
    expect(await fsp.readFile(real, 'utf8')).toBe('new');
    expect(await listDir(dir)).toEqual(['link.csv', 'real']);
    expect(await listDir(join(dir, 'real'))).toEqual(['results.csv']);
  });

  it.runIf(posix)('follows a chain of links, and a dangling link creates its target', async () => {
    const dir = await makeTmpDir();
    await fsp.symlink(join(dir, 'b'), join(dir, 'a'));
    await fsp.symlink(join(dir, 'c'), join(dir, 'b'));
    const w = await AtomicFileWriter.open(join(dir, 'a'), { fs: realFs, randomId: uuid });
    expect(w.destination).toBe(join(dir, 'c'));
    await w.write('x');
    await w.commit();
    expect(await fsp.readFile(join(dir, 'c'), 'utf8')).toBe('x');
    expect((await fsp.lstat(join(dir, 'a'))).isSymbolicLink()).toBe(true);
    expect((await fsp.lstat(join(dir, 'b'))).isSymbolicLink()).toBe(true);
  });

  it.runIf(posix)('a symbolic-link loop fails with ELOOP and writes nothing', async () => {
    const dir = await makeTmpDir();
    await fsp.symlink(join(dir, 'b'), join(dir, 'a'));
    await fsp.symlink(join(dir, 'a'), join(dir, 'b'));
    await expect(writeFileAtomic(join(dir, 'a'), 'x', { fs: realFs, randomId: uuid })).rejects.toMatchObject({
      code: 'ELOOP',
    });
    expect(await listDir(dir)).toEqual(['a', 'b']);
  });

  it.runIf(posix)('a replaced file keeps exactly its mode, even bits the umask would clear', async () => {
    const dir = await makeTmpDir();
    const target = join(dir, 'shared.csv');
    await fsp.writeFile(target, 'old');
    await fsp.chmod(target, 0o666); // the umask (022 here, 077 on some hosts) would make a fresh file 0644/0600
    await writeFileAtomic(target, 'new', { fs: realFs, randomId: uuid });
    expect((await fsp.stat(target)).mode & 0o777).toBe(0o666);
    await fsp.chmod(target, 0o600);
    await writeFileAtomic(target, 'newer', { fs: realFs, randomId: uuid });
    expect((await fsp.stat(target)).mode & 0o777).toBe(0o600);
  });

  it('a new file is created 0666 and left to the umask (not a fixed 0644)', async () => {
    const dir = await makeTmpDir();
    const modes: (number | undefined)[] = [];
    const chmods: number[] = [];
    const fs: AtomicFs = {
      ...realFs,
      open: async (path, flags, mode) => {
        if (flags === 'wx') modes.push(mode);
        return realFs.open(path, flags, mode);
      },
      chmod: async (path, mode) => {
        chmods.push(mode);
        await realFs.chmod(path, mode);
      },
    };
    const target = join(dir, 'new.csv');
    await writeFileAtomic(target, 'x', { fs, randomId: uuid });
    expect(modes).toEqual([0o666]);
    expect(chmods).toEqual([]);
    const umask = process.umask();
    if (posix) expect((await fsp.stat(target)).mode & 0o777).toBe(0o666 & ~umask);
  });
});
