// Crash-safe file writes: write a temporary file in the target's folder, fsync it, close it, rename it over the target
// (atomic on POSIX and NTFS), then fsync the folder where the OS supports it. A crash or a full disk at any point
// leaves either the old file or the new one, never a half-written mix. The file system is injected for tests.
import { basename, dirname, join } from 'node:path';

export type FileHandleLike = {
  /** Writes from the current position (successive calls append). */
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
};

export type AtomicFs = {
  open(path: string, flags: string, mode?: number): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ readonly mode: number }>;
};

export type AtomicDeps = {
  readonly fs: AtomicFs;
  /** Random suffix for temporary names (crypto.randomUUID in the app). */
  readonly randomId: () => string;
};

/** The temporary file used for `target`: hidden, in the same folder (so the rename never crosses devices). */
export const tempPathFor = (target: string, id: string): string =>
  join(dirname(target), `.${basename(target)}.${id}.tmp`);

/** fsync a folder so the rename itself is durable; not supported on Windows (ignored there and on any error). */
export const syncDirectory = async (fs: AtomicFs, dir: string): Promise<void> => {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // EISDIR/EPERM on Windows, EINVAL on some network file systems: the rename is still atomic.
  }
};

/** Keeps the target's permission bits (a 0600 file stays 0600); new files get 0644 (minus the umask). */
const modeOf = async (fs: AtomicFs, target: string): Promise<number> => {
  try {
    return (await fs.stat(target)).mode & 0o777;
  } catch {
    return 0o644;
  }
};

/** Atomically replaces `target` with `data`. On failure the temp file is removed, the old file is untouched, and the
 * original error is rethrown (describe it with describeFsError). */
export const writeFileAtomic = async (
  target: string,
  data: string | Uint8Array,
  deps: AtomicDeps,
): Promise<void> => {
  const { fs } = deps;
  const temp = tempPathFor(target, deps.randomId());
  const handle = await fs.open(temp, 'wx', await modeOf(fs, target));
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(fs, dirname(target));
};

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the disk is read-only',
  ENOENT: 'the file or folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EBUSY: 'the file is in use',
  EMFILE: 'too many files are open',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'an input/output error occurred',
  EEXIST: 'the file already exists',
};

/** "Could not save /a/b.parley.json: the disk is full (ENOSPC)." — for the user, no stack trace. */
export const describeFsError = (action: string, path: string, error: unknown): string => {
  const code =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
      ? error.code
      : undefined;
  const reason =
    (code !== undefined ? FS_REASONS[code] : undefined) ??
    (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return `Could not ${action} ${path}: ${reason}${code !== undefined ? ` (${code})` : ''}.`;
};
