// Found by the hostile pass (issue 10, class 5): on a full disk, `run --out`, `--summary` and the sidecars failed
// with "ENOSPC: no space left on device, write" or "internal error: ENOSPC …" — no path, status 70 for --summary.
// Every CLI file write now ends with "cannot write PATH: the disk is full (ENOSPC)" and status 1; the old file stays.
import { describe, expect, it } from 'vitest';
import { writingFile } from '../../cli/lib/exportFiles';
import { CliError } from '../../cli/lib/Command';

const fsError = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: no space left on device, write`), { code, syscall: 'write' });

describe('file writes that fail', () => {
  it('a file-system error names the path and the reason in one line', async () => {
    const r = writingFile('out/t.csv', () => Promise.reject(fsError('ENOSPC')));
    await expect(r).rejects.toBeInstanceOf(CliError);
    await expect(r).rejects.toThrow(/^cannot write out\/t\.csv: the disk is full \(ENOSPC\)$/);
    await expect(writingFile('x.csv', () => Promise.reject(fsError('EROFS')))).rejects.toThrow(
      /^cannot write x\.csv: /,
    );
  });

  it('other errors pass through unchanged, and a success returns its value', async () => {
    const bug = new TypeError('a bug');
    await expect(writingFile('x.csv', () => Promise.reject(bug))).rejects.toBe(bug);
    // a code named like an Object.prototype member is not looked up on the prototype
    await expect(writingFile('x.csv', () => Promise.reject(fsError('constructor')))).rejects.toThrow(
      /^cannot write x\.csv: constructor$/,
    );
    expect(await writingFile('x.csv', async () => 7)).toBe(7);
  });
});
