// Crash-safe file writes, the one implementation shared by the CLI and the desktop app: follow symbolic links to the
// real target, write a temporary file in its folder (hidden, exclusive create; a replaced file's exact permission
// bits, a new file 0666 minus the umask), fsync it, close it, rename it over the
// target (atomic on POSIX and NTFS), then fsync the folder where the OS supports it. A crash, a kill or a full disk
// at any point leaves either the old file or the new one, never a half-written mix (at worst a stray temporary file
// next to it). Whole files (writeFileAtomic) and streamed exports (AtomicFileWriter: chunks appended in order, then
// commit or abort) take the same path. The file system is injected so tests can simulate full disks and crashes.
//
// Why not write-file-atomic (npm): 7.x (the last for Node 20) does not fsync the folder after the rename, cannot
// stream chunks into the temporary file (a million-row CSV export), and cannot take an injected file system for fault-injection tests.
import { basename, dirname, join, resolve } from 'node:path';
import { FS_REASONS } from './fsReasons';

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
  lstat(path: string): Promise<{ isSymbolicLink(): boolean }>;
  readlink(path: string): Promise<string>;
  chmod(path: string, mode: number): Promise<void>;
};

/** Told of every temporary file while it exists (the CLI removes leftovers on exit and on SIGINT/SIGTERM). */
export type TempFileTracker = {
  add(path: string): void;
  delete(path: string): void;
};

export type AtomicDeps = {
  readonly fs: AtomicFs;
  /** Random suffix for temporary names (crypto.randomUUID in the app and the CLI). */
  readonly randomId: () => string;
  readonly tracker?: TempFileTracker;
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

/** Symbolic links followed when resolving a target, as Linux's MAXSYMLINKS (then ELOOP). */
const MAX_SYMLINKS = 40;

/**
 * The file a write to `target` must replace: symbolic links are followed (also a dangling one, whose target is
 * created), so saving through a link writes its target and keeps the link. Relative links resolve against the
 * link's folder. More than 40 links in a chain fail with ELOOP.
 */
export const resolveWriteTarget = async (fs: AtomicFs, target: string): Promise<string> => {
  let path = resolve(target);
  for (let hops = 0; hops <= MAX_SYMLINKS; hops++) {
    let isLink: boolean;
    try {
      isLink = (await fs.lstat(path)).isSymbolicLink();
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return path;
      throw error;
    }
    if (!isLink) return path;
    path = resolve(dirname(path), await fs.readlink(path));
  }
  throw Object.assign(new Error(`ELOOP: too many symbolic links, ${target}`), { code: 'ELOOP' });
};

/** File-type bits of a stat mode (S_IFMT), and those of a regular file (S_IFREG) and a folder (S_IFDIR). */
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/**
 * The permission bits of the file being replaced (a 0600 file stays 0600, a 0644 one stays 0644 whatever the
 * umask), or null for a new file (created 0666 minus the umask, like any other program's new file). Only a regular
 * file is ever replaced: renaming over a device (`--out /dev/null` run as root turned /dev/null into a plain file),
 * a named pipe or a socket would destroy it, so these fail with ENOTFILE, and a folder with EISDIR, before anything
 * is written.
 */
const existingMode = async (fs: AtomicFs, target: string): Promise<number | null> => {
  let mode: number;
  try {
    mode = (await fs.stat(target)).mode;
  } catch {
    return null;
  }
  const type = mode & S_IFMT;
  if (type === S_IFDIR)
    throw Object.assign(new Error(`EISDIR: illegal operation on a directory, ${target}`), { code: 'EISDIR' });
  if (type !== 0 && type !== S_IFREG)
    throw Object.assign(new Error(`ENOTFILE: not a regular file, ${target}`), { code: 'ENOTFILE' });
  return mode & 0o7777;
};

/**
 * A file being written atomically: open() creates the temporary file, write() appends (in call order), commit()
 * fsyncs, closes and renames it over the target, abort() removes it and leaves the target untouched. Errors are the
 * file system's own (describe them with describeFsError).
 */
export class AtomicFileWriter {
  #handle: FileHandleLike | null;
  /** flush() (or abort) has closed the handle. */
  #flushed = false;
  /** commit() or abort() has run: the temporary file is renamed or removed. */
  #done = false;

  private constructor(
    /** The path asked for (maybe a symbolic link). */
    readonly target: string,
    /** The file actually replaced: `target` with symbolic links resolved (resolveWriteTarget). */
    readonly destination: string,
    readonly temp: string,
    handle: FileHandleLike,
    private readonly deps: AtomicDeps,
  ) {
    this.#handle = handle;
  }

  static async open(target: string, deps: AtomicDeps): Promise<AtomicFileWriter> {
    const { fs } = deps;
    const destination = await resolveWriteTarget(fs, target);
    const mode = await existingMode(fs, destination);
    const temp = tempPathFor(destination, deps.randomId());
    const handle = await fs.open(temp, 'wx', mode ?? 0o666);
    deps.tracker?.add(temp);
    const writer = new AtomicFileWriter(target, destination, temp, handle, deps);
    if (mode !== null) {
      // open() applied the umask; a replaced file keeps exactly its old bits
      try {
        await fs.chmod(temp, mode);
      } catch (error) {
        await writer.abort();
        throw error;
      }
    }
    return writer;
  }

  async write(data: string | Uint8Array): Promise<void> {
    if (!this.#handle) throw new Error(`${this.target}: the file is already closed`);
    await this.#handle.writeFile(data);
  }

  /** fsync and close the temporary file (the first half of commit; the target is untouched). On failure the
   * temporary file is removed and the error rethrown. */
  async flush(): Promise<void> {
    const handle = this.#handle;
    if (!handle) throw new Error(`${this.target}: the file is already closed`);
    this.#handle = null;
    this.#flushed = true;
    try {
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      this.#done = true;
      await this.#removeTemp();
      throw error;
    }
  }

  /** fsync, close (unless flush() did), rename over the target, fsync the folder. On failure the temporary file is
   * removed and the error rethrown; the target is untouched. */
  async commit(): Promise<void> {
    if (!this.#flushed) await this.flush();
    else if (this.#done) throw new Error(`${this.target}: the file is already closed`);
    this.#done = true;
    const { fs } = this.deps;
    try {
      await fs.rename(this.temp, this.destination);
    } catch (error) {
      await this.#removeTemp();
      throw error;
    }
    this.deps.tracker?.delete(this.temp);
    await syncDirectory(fs, dirname(this.destination));
  }

  /** Close and delete the temporary file; the target is untouched. Never throws. */
  async abort(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    this.#flushed = true;
    this.#done = true;
    await handle?.close().catch(() => undefined);
    await this.#removeTemp();
  }

  async #removeTemp(): Promise<void> {
    await this.deps.fs.unlink(this.temp).catch(() => undefined);
    this.deps.tracker?.delete(this.temp);
  }
}

/** Atomically replaces `target` with `data`. On failure the temporary file is removed, the old file is untouched,
 * and the original error is rethrown (describe it with describeFsError). */
export const writeFileAtomic = async (
  target: string,
  data: string | Uint8Array,
  deps: AtomicDeps,
): Promise<void> => {
  const writer = await AtomicFileWriter.open(target, deps);
  try {
    await writer.write(data);
  } catch (error) {
    await writer.abort();
    throw error;
  }
  await writer.commit();
};

/**
 * A commit of several files (an export and its sidecar) that failed. `path` is the file asked for (its target) that
 * was not written; `committed` lists the targets already renamed into place before the failure (empty when nothing
 * changed on disk). `code` is the file system's errno code, `cause` its error.
 */
export class AtomicCommitError extends Error {
  readonly code: string | undefined;

  constructor(
    readonly path: string,
    readonly committed: readonly string[],
    override readonly cause: unknown,
  ) {
    super(`${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'AtomicCommitError';
    this.code = errorCode(cause);
  }
}

/**
 * Commits files that belong together (a CSV export and its `.json` sidecar) as nearly at once as the file system
 * allows: every temporary file is written, fsynced and closed before any is renamed, so a full disk or an I/O error
 * leaves every old file in place (all temporary files removed). Only a failure of a later rename (rare: a rename
 * needs no space) can leave the earlier files committed; the error then lists them (AtomicCommitError.committed).
 * Every failure is an AtomicCommitError naming the file that failed.
 */
export const commitAtomicFiles = async (writers: readonly AtomicFileWriter[]): Promise<void> => {
  for (const writer of writers) {
    try {
      await writer.flush();
    } catch (error) {
      await Promise.all(writers.map((w) => w.abort()));
      throw new AtomicCommitError(writer.target, [], error);
    }
  }
  const committed: string[] = [];
  for (const [i, writer] of writers.entries()) {
    try {
      await writer.commit();
    } catch (error) {
      await Promise.all(writers.slice(i + 1).map((w) => w.abort()));
      throw new AtomicCommitError(writer.target, committed, error);
    }
    committed.push(writer.target);
  }
};

/** One file of a writeFilesAtomic commit: its path and its whole content. */
export type AtomicFileContent = { readonly target: string; readonly data: string | Uint8Array };

/**
 * Atomically replaces every `target` with its `data`, committed together (commitAtomicFiles): all are written and
 * fsynced before any is renamed. On failure before the renames every old file is untouched. Throws
 * AtomicCommitError naming the file that failed.
 */
export const writeFilesAtomic = async (
  files: readonly AtomicFileContent[],
  deps: AtomicDeps,
): Promise<void> => {
  const writers: AtomicFileWriter[] = [];
  for (const { target, data } of files) {
    try {
      const writer = await AtomicFileWriter.open(target, deps);
      writers.push(writer);
      await writer.write(data);
    } catch (error) {
      await Promise.all(writers.map((w) => w.abort()));
      throw new AtomicCommitError(target, [], error);
    }
  }
  await commitAtomicFiles(writers);
};

/** The errno code of a file-system error, if it has one. */
export const errorCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

/** "Could not save /a/b.parley.json: the disk is full (ENOSPC)." — for the user, no stack trace. */
export const describeFsError = (action: string, path: string, error: unknown): string => {
  const code = errorCode(error);
  const reason =
    (code !== undefined ? FS_REASONS[code] : undefined) ??
    (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return `Could not ${action} ${path}: ${reason}${code !== undefined ? ` (${code})` : ''}.`;
};
