// Found by the hostile pass (issue 10): at start-up the app compared the autosave with the scenario file it records
// by reading that path whole with fs.readFile — no file-type check or size cap on the read itself, and lenient
// UTF-8. A file that is not UTF-8 but whose replacement characters spell the unsaved text was taken for "already
// saved", and the unsaved work was not offered. The path is now read by the one bounded reader
// (node/files/readTextFile): regular files only, at most the autosave text's byte count, strict UTF-8.
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AutosaveStore } from '../../electron/main/AutosaveStore';
import { makeTmpDir, realFs, uuid } from '../electron/helpers';

const storeIn = (folder: string, readText?: (path: string, maxBytes: number) => Promise<string>) =>
  new AutosaveStore({
    filePath: join(folder, 'autosave.json'),
    fs: realFs,
    randomId: uuid,
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    setTimer: () => undefined,
    clearTimer: () => undefined,
    ...(readText ? { readText } : {}),
  });

const autosave = (folder: string, text: string, path: string) =>
  fsp.writeFile(
    join(folder, 'autosave.json'),
    JSON.stringify({ version: 1, text, path, savedAt: '2026-01-01T00:00:00.000Z' }),
  );

describe('restoring an autosave reads the recorded scenario with the bounded reader', () => {
  it('a file that is not UTF-8 is not taken for the unsaved text its replacement characters spell', async () => {
    const folder = await makeTmpDir();
    const scenario = join(folder, 'broken.parley.json');
    // F0 9F 98 is a cut 4-byte sequence: lenient decoding makes it one U+FFFD (3 bytes), so 4 bytes → "\uFFFDA"
    await fsp.writeFile(scenario, Buffer.from([0xf0, 0x9f, 0x98, 0x41]));
    await autosave(folder, '\uFFFDA', scenario);
    const store = storeIn(folder);
    await store.init();
    expect(store.restorable()?.text).toBe('\uFFFDA'); // offered: the file on disk is not this text
  });

  it('the recorded path is read with a cap of the autosave text size, and an identical file is not offered', async () => {
    const folder = await makeTmpDir();
    const scenario = join(folder, 's.parley.json');
    await fsp.writeFile(scenario, 'saved text é');
    await autosave(folder, 'saved text é', scenario);
    const reads: [string, number][] = [];
    const store = storeIn(folder, async (path, maxBytes) => {
      reads.push([path, maxBytes]);
      const { readTextFile } = await import('../../node/files/readTextFile');
      return readTextFile(path, { maxBytes });
    });
    await store.init();
    expect(store.restorable()).toBeNull();
    expect(reads).toContainEqual([scenario, Buffer.byteLength('saved text é')]);
  });
});
