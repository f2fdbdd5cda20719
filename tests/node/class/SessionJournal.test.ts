import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  JournalError,
  readJournal,
  SessionJournal,
  type JournalHeader,
} from '../../../node/class/SessionJournal';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'parley-journal-'));
  dirs.push(d);
  return d;
};
const header: JournalHeader = {
  journal: 'parley.class-journal/1',
  config: {
    sessionId: 'class-test',
    scenario: { id: 'chicken', title: 'Chicken', hash: '0123456789abcdef' },
    params: {},
    seed: 's',
    rounds: 3,
    matching: 'random',
    maxStudents: 10,
    createdAt: 1,
  },
  joinCode: 'ACDEF',
  teacherToken: 'T'.repeat(43),
  source: 'builtin:chicken',
};

describe('SessionJournal', () => {
  it('writes a 0600 file, a header then one event per line, and reads them back', () => {
    const path = join(tmp(), 'j.jsonl');
    const j = SessionJournal.create(path, header);
    j.appendEvent({ e: 'join', student: 0, name: 'Ann', auth: 'h', at: 2 });
    j.appendEvent({ e: 'open', round: 1, at: 3 });
    j.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    const r = readJournal(path);
    expect(r.header).toEqual(header);
    expect(r.events).toEqual([
      { e: 'join', student: 0, name: 'Ann', auth: 'h', at: 2 },
      { e: 'open', round: 1, at: 3 },
    ]);
    expect(r.tornTail).toBe(false);
    // appending after reopening continues the same file
    const k = SessionJournal.append(path);
    k.appendEvent({ e: 'reveal', round: 1, at: 4 });
    k.close();
    expect(readJournal(path).events).toHaveLength(3);
  });

  it('refuses to overwrite an existing file when creating', () => {
    const path = join(tmp(), 'j.jsonl');
    writeFileSync(path, 'precious');
    expect(() => SessionJournal.create(path, header)).toThrow(JournalError);
    expect(readFileSync(path, 'utf8')).toBe('precious');
  });

  it('drops a torn last line (a write cut by a kill) and truncates the file to the last complete line', () => {
    const path = join(tmp(), 'j.jsonl');
    SessionJournal.create(path, header).close();
    appendFileSync(path, `${JSON.stringify({ e: 'open', round: 1, at: 3 })}\n{"e":"choose","stud`);
    const r = readJournal(path);
    expect(r.tornTail).toBe(true);
    expect(r.events).toEqual([{ e: 'open', round: 1, at: 3 }]);
    expect(readFileSync(path, 'utf8').endsWith('\n')).toBe(true);
    expect(readJournal(path).tornTail).toBe(false);
  });

  it('refuses a corrupt line in the middle, naming the file and line, and changes nothing', () => {
    const path = join(tmp(), 'j.jsonl');
    SessionJournal.create(path, header).close();
    appendFileSync(path, 'garbage\n{"e":"open","round":1,"at":3}\n');
    const before = readFileSync(path, 'utf8');
    expect(() => readJournal(path)).toThrow(/j\.jsonl:2: not a JSON line/);
    appendFileSync(path, '{"e":"explode"}\n');
    expect(() => readJournal(path)).toThrow(JournalError);
    expect(readFileSync(path, 'utf8').startsWith(before)).toBe(true);
    writeFileSync(path, '{"journal":"other"}\n');
    expect(() => readJournal(path)).toThrow(/:1: not a parley.class-journal\/1 header/);
  });
});
