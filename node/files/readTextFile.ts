// Reading a user's text file safely, the one implementation shared by the CLI and the desktop app: regular files
// only (never a directory, a FIFO or /dev/zero, which would hang or never end), a size cap checked before reading,
// strict UTF-8 (an invalid byte is reported with its line and offset instead of silently becoming "�"; a BOM is
// dropped). Every failure is a TextFileError with a one-line message.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { errorCode } from './atomicWrite';

export class TextFileError extends Error {
  override readonly name = 'TextFileError';
  constructor(
    /** One line naming the file: "cannot read x.json: no such file", "x.json: line 2: the file is not valid UTF-8…". */
    message: string,
    /** The part after the file's name: "no such file", "file is too large (…)", "line 2: …". */
    readonly reason: string,
    /** errno code when the file system refused (ENOENT, EACCES, EISDIR, …); ENOTFILE, EFBIG, EILSEQ for ours. */
    readonly code: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export type ReadTextFileOptions = {
  /** Largest file accepted, in bytes. */
  readonly maxBytes: number;
  /** How the file is named in messages (default: the path). */
  readonly shown?: string;
};

const openReason = (code: string | undefined, error: unknown): string =>
  code === 'ENOENT'
    ? 'no such file'
    : code === 'EISDIR'
      ? 'it is a directory'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : (code ?? String(error));

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

/** Read a user's text file (see the file's header for the guarantees). Throws TextFileError. */
export const readTextFile = async (path: string, options: ReadTextFileOptions): Promise<string> => {
  const shown = options.shown ?? path;
  const cannot = (reason: string, code: string | undefined, cause?: unknown): TextFileError =>
    new TextFileError(
      `cannot read ${shown}: ${reason}`,
      reason,
      code,
      cause === undefined ? undefined : { cause },
    );
  const refuse = (reason: string, code: string): TextFileError =>
    new TextFileError(`${shown}: ${reason}`, reason, code);

  let handle: FileHandle;
  try {
    // stat first: opening a FIFO for reading would block until someone writes to it.
    const pre = await stat(path);
    if (pre.isDirectory()) throw cannot('it is a directory', 'EISDIR');
    if (!pre.isFile()) throw cannot('not a regular file', 'ENOTFILE');
    handle = await open(path, 'r');
  } catch (error) {
    if (error instanceof TextFileError) throw error;
    const code = errorCode(error);
    throw cannot(openReason(code, error), code, error);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw cannot('it is a directory', 'EISDIR');
    if (!info.isFile()) throw cannot('not a regular file', 'ENOTFILE');
    if (info.size > options.maxBytes) {
      throw refuse(`file is too large (${info.size} bytes; the limit is ${options.maxBytes})`, 'EFBIG');
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
      throw refuse(
        `line ${line}: the file is not valid UTF-8 text (invalid byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at}); save it as UTF-8`,
        'EILSEQ',
      );
    }
  } catch (error) {
    if (error instanceof TextFileError) throw error;
    const code = errorCode(error);
    throw cannot(code ?? String(error), code, error);
  } finally {
    await handle.close();
  }
};
