// Streamed exports (CSV of a million rows, PNG, SVG, JSON): begin opens a temporary file next to the chosen target,
// chunks (each ≤ 1 MiB, validated by the IPC contract) are appended in order, end commits by fsync + atomic rename —
// or removes the temporary file. A large export never travels in one IPC message and never leaves a half file.
import { basename } from 'node:path';
import type { ExportBegin, ExportKind, SaveResult } from '../../api/ParleyApi';
import { AtomicFileWriter, describeFsError, type AtomicFs } from '../../node/files/atomicWrite';

/** Thrown by `chooseTarget` when the chosen file must not be replaced (it is a scenario Parley opened or saved): the
 * export is refused with this message and nothing is written. */
export class ExportTargetRefused extends Error {}

export type ExportDeps = {
  readonly fs: AtomicFs;
  readonly randomId: () => string;
  /** Native save dialog for this kind of export; null when canceled; throws ExportTargetRefused for a file an export
   * must not replace. */
  readonly chooseTarget: (kind: ExportKind, suggestedName: string) => Promise<string | null>;
  /** At most this many exports open at once (default 4). */
  readonly maxOpen?: number;
};

type Session = {
  readonly target: string;
  readonly writer: AtomicFileWriter;
  queue: Promise<void>;
  bytes: number;
  error: string | null;
};

export class ExportSessions {
  private readonly deps: ExportDeps;
  private readonly sessions = new Map<string, Session>();

  constructor(deps: ExportDeps) {
    this.deps = deps;
  }

  get openCount(): number {
    return this.sessions.size;
  }

  async begin(request: { readonly kind: ExportKind; readonly suggestedName: string }): Promise<ExportBegin> {
    if (this.sessions.size >= (this.deps.maxOpen ?? 4)) {
      return { ok: false, canceled: false, error: 'Too many exports are in progress; finish one first.' };
    }
    let target: string | null;
    try {
      target = await this.deps.chooseTarget(request.kind, request.suggestedName);
    } catch (error) {
      if (error instanceof ExportTargetRefused) return { ok: false, canceled: false, error: error.message };
      throw error;
    }
    if (target === null) return { ok: false, canceled: true, error: null };
    const id = this.deps.randomId();
    let writer: AtomicFileWriter;
    try {
      writer = await AtomicFileWriter.open(target, this.deps);
    } catch (error) {
      return { ok: false, canceled: false, error: describeFsError('export to', target, error) };
    }
    this.sessions.set(id, { target, writer, queue: Promise.resolve(), bytes: 0, error: null });
    return { ok: true, id, path: target };
  }

  /** Appends one chunk (in call order). Rejects when the export is unknown or has failed (e.g. the disk is full);
   * the renderer then calls end(id, false) and shows end's error. */
  async chunk(id: string, chunk: string | Uint8Array): Promise<void> {
    const session = this.sessions.get(id);
    if (session === undefined) throw new Error(`Unknown export ${id}.`);
    if (session.error !== null) throw new Error(session.error);
    const write = session.queue.then(async () => {
      if (session.error !== null) throw new Error(session.error);
      try {
        await session.writer.write(chunk);
        session.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      } catch (error) {
        session.error = describeFsError('export to', session.target, error);
        throw new Error(session.error, { cause: error });
      }
    });
    session.queue = write.catch(() => undefined);
    await write;
  }

  /** commit: fsync, close, rename into place. Otherwise (or after a failure) the temporary file is removed. */
  async end(id: string, commit: boolean): Promise<SaveResult> {
    const session = this.sessions.get(id);
    if (session === undefined) return { ok: false, canceled: false, error: `Unknown export ${id}.` };
    this.sessions.delete(id);
    await session.queue;
    if (!commit || session.error !== null) {
      await session.writer.abort();
      return commit
        ? { ok: false, canceled: false, error: session.error }
        : { ok: false, canceled: true, error: null };
    }
    try {
      await session.writer.commit();
    } catch (error) {
      return { ok: false, canceled: false, error: describeFsError('export to', session.target, error) };
    }
    return { ok: true, path: session.target, name: basename(session.target) };
  }

  /** Abandons every open export (window closed, renderer reloaded): temporary files are removed. */
  async abortAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.end(id, false)));
  }
}
