// The in-app recent files list, persisted as JSON in userData (written atomically), mirrored to the OS list
// (app.addRecentDocument: macOS Dock / Windows jump list). A corrupt or missing store starts an empty list.
import { basename } from 'node:path';
import { z } from 'zod';
import type { FileRef } from '../../api/ParleyApi';
import { writeFileAtomic, type AtomicFs } from '../../node/files/atomicWrite';

export type RecentFilesDeps = {
  readonly storePath: string;
  readonly fs: AtomicFs & { readFile(path: string, encoding: 'utf8'): Promise<string> };
  readonly randomId: () => string;
  /** app.addRecentDocument */
  readonly addRecentDocument?: (path: string) => void;
  /** app.clearRecentDocuments */
  readonly clearRecentDocuments?: () => void;
  /** Called after every change (the native Open Recent menu is rebuilt). */
  readonly onChange?: () => void;
  readonly max?: number;
};

const storeSchema = z.object({ version: z.literal(1), files: z.array(z.string().min(1).max(4096)) });

export class RecentFiles {
  private readonly deps: RecentFilesDeps;
  private paths: string[] = [];
  private writes: Promise<void> = Promise.resolve();

  constructor(deps: RecentFilesDeps) {
    this.deps = deps;
  }

  private get max(): number {
    return this.deps.max ?? 10;
  }

  /** Reads the store; anything unreadable yields an empty list (the list is a convenience, never a blocker). */
  async load(): Promise<void> {
    try {
      const parsed = storeSchema.safeParse(
        JSON.parse(await this.deps.fs.readFile(this.deps.storePath, 'utf8')),
      );
      this.paths = parsed.success ? [...new Set(parsed.data.files)].slice(0, this.max) : [];
    } catch {
      this.paths = [];
    }
  }

  list(): FileRef[] {
    return this.paths.map((path) => ({ path, name: basename(path) }));
  }

  has(path: string): boolean {
    return this.paths.includes(path);
  }

  /** Moves `path` to the top (deduplicated, capped) and persists. */
  async add(path: string): Promise<void> {
    this.paths = [path, ...this.paths.filter((p) => p !== path)].slice(0, this.max);
    this.deps.addRecentDocument?.(path);
    await this.persist();
  }

  async remove(path: string): Promise<void> {
    if (!this.has(path)) return;
    this.paths = this.paths.filter((p) => p !== path);
    await this.persist();
  }

  async clear(): Promise<void> {
    this.paths = [];
    this.deps.clearRecentDocuments?.();
    await this.persist();
  }

  /** Writes are serialised; a failed write is not fatal (the in-memory list stays right). */
  private persist(): Promise<void> {
    this.deps.onChange?.();
    const text = `${JSON.stringify({ version: 1, files: this.paths }, null, 2)}\n`;
    this.writes = this.writes
      .then(() => writeFileAtomic(this.deps.storePath, text, this.deps))
      .catch(() => undefined);
    return this.writes;
  }
}
