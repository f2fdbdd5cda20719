// Reading a user's text file for the CLI: regular files only, bounded size, strict UTF-8, one-line errors.
import { open, stat } from 'node:fs/promises';
import { CliError } from './Command';

/** Thrown by readTextFile when the path cannot be opened (so callers can tell "no such file" apart). */
export class UnreadableFileError extends CliError {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Read a user's text file safely: only regular files (not directories, FIFOs or /dev/zero, which would hang),
 * at most `maxBytes`, strict UTF-8 (invalid bytes are reported with their offset instead of becoming "�").
 * Every failure is a one-line CliError naming `shown`.
 */
export const readTextFile = async (path: string, shown: string, maxBytes: number): Promise<string> => {
  let handle;
  try {
    // stat first: opening a FIFO for reading would block until someone writes to it.
    const pre = await stat(path);
    if (pre.isDirectory()) throw new UnreadableFileError(`cannot read ${shown}: it is a directory`, 'EISDIR');
    if (!pre.isFile()) throw new UnreadableFileError(`cannot read ${shown}: not a regular file`, 'ENOTFILE');
    handle = await open(path, 'r');
  } catch (err) {
    if (err instanceof UnreadableFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : (code ?? String(err));
    throw new UnreadableFileError(`cannot read ${shown}: ${why}`, code);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new CliError(`cannot read ${shown}: it is a directory`);
    if (!info.isFile()) throw new CliError(`cannot read ${shown}: not a regular file`);
    if (info.size > maxBytes) {
      throw new CliError(`${shown}: file is too large (${info.size} bytes; the limit is ${maxBytes})`);
    }
    const buf = Buffer.alloc(info.size);
    let got = 0;
    while (got < info.size) {
      const { bytesRead } = await handle.read(buf, got, info.size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    const bytes = buf.subarray(0, got);
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      const line = bytes.subarray(0, at).reduce((n, b) => n + (b === 10 ? 1 : 0), 1);
      throw new CliError(
        `${shown}: line ${line}: the file is not valid UTF-8 text (invalid byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at}); save it as UTF-8`,
      );
    }
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  } finally {
    await handle.close();
  }
};

/** Offset of the first byte that breaks UTF-8 (binary search with the strict decoder). */
const firstInvalidUtf8 = (bytes: Uint8Array): number => {
  const dec = new TextDecoder('utf-8', { fatal: true });
  const ok = (n: number): boolean => {
    try {
      dec.decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};
