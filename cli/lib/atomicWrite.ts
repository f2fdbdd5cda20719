// Atomic file output: write to a temporary file in the same folder, fsync, then rename over the target. A
// cancelled or killed run therefore never leaves a half-written file in place of a previous export (at worst a
// stray `.<name>.<pid>.tmp` next to it, removed on normal exit and on SIGINT/SIGTERM).
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const live = new Set<string>();
let hooked = false;
const cleanup = (): void => {
  for (const p of live) {
    try {
      unlinkSync(p);
    } catch {
      // already gone
    }
  }
  live.clear();
};
const hook = (): void => {
  if (hooked) return;
  hooked = true;
  process.once('exit', cleanup);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      cleanup();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
};

export class AtomicFileWriter {
  private constructor(
    readonly target: string,
    readonly temp: string,
    private handle: FileHandle | null,
  ) {}

  static async open(target: string): Promise<AtomicFileWriter> {
    hook();
    const temp = join(
      dirname(target),
      `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    const handle = await open(temp, 'wx', 0o644);
    live.add(temp);
    return new AtomicFileWriter(target, temp, handle);
  }

  async write(text: string | Uint8Array): Promise<void> {
    if (!this.handle) throw new Error('file already closed');
    await this.handle.write(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  }

  /** fsync, close and rename over the target. */
  async commit(): Promise<void> {
    const h = this.handle;
    if (!h) throw new Error('file already closed');
    this.handle = null;
    await h.sync();
    await h.close();
    await rename(this.temp, this.target);
    live.delete(this.temp);
  }

  /** Close and delete the temporary file; the target is untouched. */
  async abort(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    await h?.close().catch(() => undefined);
    await unlink(this.temp).catch(() => undefined);
    live.delete(this.temp);
  }
}

/** Write a whole file atomically. */
export const atomicWriteFile = async (target: string, text: string): Promise<void> => {
  const w = await AtomicFileWriter.open(target);
  try {
    await w.write(text);
    await w.commit();
  } catch (err) {
    await w.abort();
    throw err;
  }
};
