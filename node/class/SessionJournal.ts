// The append-only journal of a class session: JSON lines, the first a header (configuration, join code, teacher
// token, scenario source), then one SessionEvent per line, written as they happen.
//
// Durability (fsync policy): every line is written with a synchronous write(2) on an O_APPEND descriptor before the
// event is acknowledged or broadcast, so a crash or SIGKILL of the process loses nothing acknowledged (the data is in
// the kernel). fdatasync runs in the background after writes (at most one in flight, coalescing the lines written
// meanwhile) and synchronously on Reveal, End and close: an operating-system crash or power cut can lose at most the
// lines written since the last completed fdatasync (one disk flush, a few milliseconds), never a revealed round.
//
// Reading: a last line without its newline (a write torn by a kill) is dropped and the file truncated to the last
// complete line; any other unreadable line refuses the journal with its line number (nothing is overwritten).
// The file is created with mode 0600: it holds the teacher token (student tokens only as SHA-256 hashes).
import {
  closeSync,
  fdatasync,
  fdatasyncSync,
  ftruncateSync,
  fstatSync,
  openSync,
  readSync,
  statSync,
  writeSync,
  existsSync,
} from 'node:fs';
import { z } from 'zod';
import { classConfigSchema, sessionEventSchema, type SessionEvent } from '../../models/class/sessionEvents';

export const JOURNAL_FORMAT = 'parley.class-journal/1';

export const journalHeaderSchema = z.strictObject({
  journal: z.literal(JOURNAL_FORMAT),
  config: classConfigSchema,
  joinCode: z.string().min(1).max(16),
  teacherToken: z.string().min(16).max(128),
  /** Where the scenario came from ("builtin:<id>" or its path), for the person resuming. */
  source: z.string().max(4096),
});
export type JournalHeader = z.infer<typeof journalHeaderSchema>;

/** A journal that cannot be read; the message names the file and line. */
export class JournalError extends Error {
  override readonly name = 'JournalError';
}

/** Largest journal read (bytes): 200 students × 1000 rounds of choices fit well below. */
export const MAX_JOURNAL_BYTES = 512 * 1024 * 1024;

export type JournalContents = {
  readonly header: JournalHeader;
  readonly events: SessionEvent[];
  readonly tornTail: boolean;
};

/**
 * The bytes of the journal at `path`, checked before they are read: a regular file (a named pipe would block the
 * process forever, /dev/zero would never end) of at most MAX_JOURNAL_BYTES: the size is checked before reading,
 * and at most that many bytes plus one are ever read (a file that grows past it meanwhile is refused too).
 */
const readJournalBytes = (path: string): Buffer => {
  const cannot = (err: unknown): JournalError =>
    new JournalError(
      `${path}: cannot read the journal (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  let info;
  try {
    info = statSync(path);
  } catch (err) {
    throw cannot(err);
  }
  // stat before open: opening a named pipe for reading blocks until a writer comes
  if (!info.isFile()) throw new JournalError(`${path}: the journal is not a regular file`);
  if (info.size > MAX_JOURNAL_BYTES) throw tooLarge(path);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw cannot(err);
  }
  try {
    if (fstatSync(fd).size > MAX_JOURNAL_BYTES) throw tooLarge(path);
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, MAX_JOURNAL_BYTES + 1 - total));
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      parts.push(chunk.subarray(0, got));
      total += got;
      if (total > MAX_JOURNAL_BYTES) throw tooLarge(path); // it grew while being read
    }
    return Buffer.concat(parts, total);
  } catch (err) {
    throw err instanceof JournalError ? err : cannot(err);
  } finally {
    closeSync(fd);
  }
};

const tooLarge = (path: string): JournalError =>
  new JournalError(`${path}: the journal is larger than ${MAX_JOURNAL_BYTES} bytes`);

/** Read a journal (see the file comment for the torn-tail rule). Truncates a torn tail in place. */
export const readJournal = (path: string): JournalContents => {
  const buf = readJournalBytes(path);
  const lastNewline = buf.lastIndexOf(0x0a);
  const complete = lastNewline + 1;
  const tornTail = complete < buf.length;
  const text = buf.subarray(0, complete).toString('utf8');
  const lines = text.split('\n');
  lines.pop();
  if (lines.length === 0) throw new JournalError(`${path}: the journal is empty (no header line)`);
  const parse = (line: string, k: number): unknown => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw new JournalError(`${path}:${k + 1}: not a JSON line`);
    }
  };
  const head = journalHeaderSchema.safeParse(parse(lines[0] as string, 0));
  if (!head.success) {
    throw new JournalError(
      `${path}:1: not a ${JOURNAL_FORMAT} header (${head.error.issues[0]?.message ?? 'invalid'})`,
    );
  }
  const events = lines.slice(1).map((line, k) => {
    const e = sessionEventSchema.safeParse(parse(line, k + 1));
    if (!e.success)
      throw new JournalError(
        `${path}:${k + 2}: not a session event (${e.error.issues[0]?.message ?? 'invalid'})`,
      );
    return e.data;
  });
  if (tornTail) {
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, complete);
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  return { header: head.data, events, tornTail };
};

export class SessionJournal {
  private fd: number | null;
  private syncing = false;
  private dirty = false;

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Create a new journal (refuses to overwrite an existing file) and write its header durably. */
  static create(path: string, header: JournalHeader): SessionJournal {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (err) {
      throw new JournalError(
        `${path}: cannot create the journal (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
      );
    }
    const j = new SessionJournal(path, fd);
    j.writeLine(journalHeaderSchema.parse(header));
    j.syncNow();
    return j;
  }

  /** Reopen an existing journal for appending (after readJournal). */
  static append(path: string): SessionJournal {
    if (!existsSync(path)) throw new JournalError(`${path}: no such journal`);
    return new SessionJournal(path, openSync(path, 'a', 0o600));
  }

  private writeLine(value: unknown): void {
    if (this.fd === null) throw new JournalError(`${this.path}: the journal is closed`);
    const buf = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    this.dirty = true;
  }

  /** Append one event (synchronous write(2); background fdatasync). Throws JournalError when the disk refuses. */
  appendEvent(e: SessionEvent): void {
    try {
      this.writeLine(e);
    } catch (err) {
      if (err instanceof JournalError) throw err;
      throw new JournalError(
        `${this.path}: cannot append to the journal (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
      );
    }
    this.syncSoon();
  }

  private syncSoon(): void {
    if (this.syncing || this.fd === null) return;
    this.syncing = true;
    this.dirty = false;
    fdatasync(this.fd, () => {
      this.syncing = false;
      if (this.dirty) this.syncSoon();
    });
  }

  /** fdatasync now (Reveal, End, close). */
  syncNow(): void {
    if (this.fd === null) return;
    fdatasyncSync(this.fd);
    this.dirty = false;
  }

  close(): void {
    if (this.fd === null) return;
    try {
      this.syncNow();
    } finally {
      closeSync(this.fd);
      this.fd = null;
    }
  }
}
