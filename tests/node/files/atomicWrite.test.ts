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
