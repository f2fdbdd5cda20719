// A class session's journal is read back to resume it (`class --journal FILE`, and the web page's Resume, which reads
// every journal in the session folder). What is not a journal must be refused before it is read: a named pipe used
// to block the whole process in readFileSync (no timeout, no Ctrl+C handler ran), and the size cap was checked only
// after the whole file was in memory (/dev/zero or a 4 GB file was read first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_JOURNAL_BYTES, readJournal } from '../../node/class/SessionJournal';
import { parleyBin, repoRoot } from '../cli/cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'parley-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenario = resolve(repoRoot, 'tests/fixtures/scenarios/minimal.parley.json');

describe.runIf(process.platform !== 'win32')('class journals that are not journals', () => {
  it('class --journal on a named pipe: one line, exit 1, in bounded time (it used to block forever)', () => {
    const fifo = join(dir, 'pipe.jsonl');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = spawnSync(
      process.execPath,
      [parleyBin, 'class', scenario, '--no-pages', '--journal', 'pipe.jsonl'],
      { cwd: dir, encoding: 'utf8', timeout: 20_000, env: { ...process.env, PARLEY_DEBUG: '' } },
    );
    expect(r.signal).toBe(null); // not killed by the timeout
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `parley class: ${fifo}: the journal is not a regular file`,
    ]);
  }, 30_000);

  it('readJournal refuses a file over the cap from its size, before reading it (a sparse file)', () => {
    const big = join(dir, 'big.jsonl');
    writeFileSync(big, '');
    truncateSync(big, MAX_JOURNAL_BYTES + 1);
    expect(() => readJournal(big)).toThrow(`${big}: the journal is larger than ${MAX_JOURNAL_BYTES} bytes`);
    expect(() => readJournal(dir)).toThrow(`${dir}: the journal is not a regular file`);
    expect(() => readJournal(join(dir, 'none.jsonl'))).toThrow(/cannot read the journal \(ENOENT\)/);
  });
});
