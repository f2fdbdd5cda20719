// Never lose work: the renderer sends its unsaved document every few seconds (window.parley.autosave); this store
// writes it (atomically, throttled) to userData, flushes on close and quit, and deletes it after a save or a discard.
// An autosave found at start-up means the last session ended without saving (crash, kill, power loss):
// restorable() returns it so the UI can offer to restore it.
import { z } from 'zod';
import type { Restorable } from '../../api/ParleyApi';
import { INPUT_LIMITS } from '../../models/text/inputLimits';
import { writeFileAtomic, type AtomicFs } from '../../node/files/atomicWrite';
import { readTextFile } from '../../node/files/readTextFile';

export type AutosaveEntry = { readonly text: string; readonly path: string | null };

export type AutosaveDeps = {
  /** userData/autosave.json */
  readonly filePath: string;
  readonly fs: Omit<AtomicFs, 'stat'> & {
    stat(path: string): Promise<{ readonly mode: number; readonly size: number; isFile(): boolean }>;
  };
  /** The one bounded text reader (node/files/readTextFile: regular files only, size cap checked on the open file,
   * strict UTF-8); injectable for tests. */
  readonly readText?: (path: string, maxBytes: number) => Promise<string>;
  readonly randomId: () => string;
  readonly now: () => Date;
  readonly setTimer: (callback: () => void, ms: number) => unknown;
  readonly clearTimer: (timer: unknown) => void;
  /** Minimum time between two writes (default 2000 ms). */
  readonly intervalMs?: number;
};

const fileSchema = z.object({
  version: z.literal(1),
  text: z.string(),
  path: z.string().nullable(),
  savedAt: z.string(),
});

export class AutosaveStore {
  private readonly deps: AutosaveDeps;
  private recovered: Restorable | null = null;
  /** undefined: nothing to write; null: delete; entry: write. */
  private pending: AutosaveEntry | null | undefined = undefined;
  private timer: unknown = null;
  private chain: Promise<void> = Promise.resolve();
  private lastWriteError: string | null = null;
  private latest: Restorable | null = null;

  constructor(deps: AutosaveDeps) {
    this.deps = deps;
  }

  /** Call once at start-up, before the renderer can autosave: remembers what the last session left behind. An
   * autosave identical to the file it belongs to (saved, then the app died before clearing) is not offered. */
  async init(): Promise<void> {
    const { fs, filePath } = this.deps;
    let text: string;
    try {
      // Never read a huge (or a special) file whole: the autosave holds at most one scenario's text.
      const info = await fs.stat(filePath);
      if (!info.isFile()) return;
      if (info.size > INPUT_LIMITS.autosaveFileBytes) {
        this.lastWriteError = `the autosave ${filePath} is larger than the limit of ${INPUT_LIMITS.autosaveFileBytes} bytes; it was not read`;
        return;
      }
      text = await this.readText(filePath, INPUT_LIMITS.autosaveFileBytes);
    } catch {
      return;
    }
    let parsed: z.infer<typeof fileSchema>;
    try {
      const result = fileSchema.safeParse(JSON.parse(text));
      if (!result.success) return;
      parsed = result.data;
    } catch {
      return;
    }
    if (parsed.path !== null && (await this.sameAsFile(parsed.path, parsed.text))) return;
    this.recovered = { text: parsed.text, path: parsed.path, savedAt: parsed.savedAt };
  }

  private readText(path: string, maxBytes: number): Promise<string> {
    return (this.deps.readText ?? ((p, max) => readTextFile(p, { maxBytes: max })))(path, maxBytes);
  }

  /** True when `path` is a regular file holding exactly `text`, read by the bounded reader (never a device, a folder
   * or more bytes than `text` has, whatever a tampered autosave names or the file becomes after a stat; a file that
   * is not valid UTF-8 is never "the same", though its replacement characters could spell `text`). */
  private async sameAsFile(path: string, text: string): Promise<boolean> {
    try {
      const info = await this.deps.fs.stat(path);
      if (!info.isFile() || info.size !== Buffer.byteLength(text)) return false;
      return (await this.readText(path, Buffer.byteLength(text))) === text;
    } catch {
      return false;
    }
  }

  /** The autosave the previous session left (null if it ended cleanly). */
  restorable(): Restorable | null {
    return this.recovered;
  }

  /** The renderer process crashed: its newest unsaved document becomes restorable in the reloaded window. */
  rendererCrashed(): void {
    if (this.latest !== null) this.recovered = this.latest;
  }

  /** The last write error (e.g. disk full), for logs; autosave failures never interrupt the user. */
  get lastError(): string | null {
    return this.lastWriteError;
  }

  /** Records the newest unsaved document; written at most once per interval. `null` deletes the autosave now. */
  set(entry: AutosaveEntry | null): Promise<void> {
    this.pending = entry;
    this.latest = entry === null ? null : { ...entry, savedAt: this.deps.now().toISOString() };
    if (entry === null) return this.flush();
    if (this.timer === null) {
      this.timer = this.deps.setTimer(() => {
        this.timer = null;
        void this.flush();
      }, this.deps.intervalMs ?? 2000);
    }
    return Promise.resolve();
  }

  /** Writes (or deletes) the pending entry now: on window close, on quit, and when the timer fires. */
  flush(): Promise<void> {
    if (this.timer !== null) {
      this.deps.clearTimer(this.timer);
      this.timer = null;
    }
    const entry = this.pending;
    this.pending = undefined;
    if (entry === undefined) return this.chain;
    this.chain = this.chain.then(() => this.write(entry));
    return this.chain;
  }

  private async write(entry: AutosaveEntry | null): Promise<void> {
    const { fs, filePath } = this.deps;
    try {
      if (entry === null) {
        await fs.unlink(filePath).catch((error: unknown) => {
          if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
        });
      } else {
        const body = {
          version: 1,
          text: entry.text,
          path: entry.path,
          savedAt: this.deps.now().toISOString(),
        };
        await writeFileAtomic(filePath, JSON.stringify(body), this.deps);
      }
      this.lastWriteError = null;
    } catch (error) {
      this.lastWriteError = error instanceof Error ? error.message : String(error);
    }
  }
}
