import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTextFile, TextFileError } from '../../../node/files/readTextFile';
import { makeTmpDir } from '../../electron/helpers';

const failure = async (path: string, maxBytes = 1000, shown?: string): Promise<TextFileError> => {
  const error = await readTextFile(path, { maxBytes, ...(shown ? { shown } : {}) }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TextFileError);
  return error as TextFileError;
};

describe('readTextFile', () => {
  it('reads UTF-8 text and drops a byte-order mark', async () => {
    const dir = await makeTmpDir();
    const path = join(dir, 'a.json');
    await fsp.writeFile(path, Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('{"é":1}')]));
    expect(await readTextFile(path, { maxBytes: 100 })).toBe('{"é":1}');
  });

  it('names the file, the reason and the code of every refusal', async () => {
    const dir = await makeTmpDir();
    const missing = await failure(join(dir, 'nope.json'), 1000, 'nope.json');
    expect([missing.message, missing.reason, missing.code]).toEqual([
      'cannot read nope.json: no such file',
      'no such file',
      'ENOENT',
    ]);
    expect((missing.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect((await failure(dir)).code).toBe('EISDIR');
    if (process.platform !== 'win32') {
      const dev = await failure('/dev/zero');
      expect([dev.reason, dev.code]).toEqual(['not a regular file', 'ENOTFILE']);
    }
    const big = join(dir, 'big.json');
    await fsp.writeFile(big, 'x'.repeat(2000));
    const tooBig = await failure(big, 1000, 'big.json');
    expect([tooBig.message, tooBig.code]).toEqual([
      'big.json: file is too large (2000 bytes; the limit is 1000)',
      'EFBIG',
    ]);
    const bad = join(dir, 'bad.json');
    await fsp.writeFile(bad, Buffer.from([0x7b, 0x0a, 0xff, 0x7d]));
    const badUtf8 = await failure(bad, 1000, 'bad.json');
    expect([badUtf8.message, badUtf8.code]).toEqual([
      'bad.json: line 2: the file is not valid UTF-8 text (invalid byte 0xff at offset 2); save it as UTF-8',
      'EILSEQ',
    ]);
  });
});
