// Found by the hostile pass (issue 10, class 5): an export's CSV was committed (renamed into place) before its
// `.json` sidecar was even written, so a sidecar write that failed (full disk, I/O error) left the NEW CSV next to
// the OLD sidecar, whose provenance (seed, scenario hash) then described another table. The pair is now committed
// together: both temporary files are written and fsynced before either is renamed. Faults are injected through the
// AtomicFs of node/files/atomicWrite.
import * as fsp from 'node:fs/promises';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { commitExport, writeExport } from '../../cli/lib/exportFiles';
import { CliError } from '../../cli/lib/Command';
import type { Provenance } from '../../models/engine/Provenance';
import { AtomicFileWriter, type AtomicDeps, type AtomicFs } from '../../node/files/atomicWrite';
import { cli, repoRoot } from '../cli/cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'parley-pair-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const csvPath = join(dir, 't.csv');
const jsonPath = join(dir, 't.json');

type Fault = { readonly op: 'write' | 'sync' | 'rename'; readonly when: (path: string) => boolean };
const fsError = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: injected`), { code });

/** The real file system, with one fault, recording writes, syncs and renames in order. */
const faultyDeps = (fault: Fault | null, log: string[] = []): AtomicDeps => {
  let n = 0;
  const fs: AtomicFs = {
    ...fsp,
    open: async (path, flags, mode) => {
      const h = await fsp.open(path, flags, mode);
      return {
        writeFile: async (data) => {
          if (fault?.op === 'write' && fault.when(path)) throw fsError('ENOSPC');
          log.push(`write ${path}`);
          await h.writeFile(data);
        },
        sync: async () => {
          if (fault?.op === 'sync' && fault.when(path)) throw fsError('EIO');
          log.push(`sync ${path}`);
          await h.sync();
        },
        close: () => h.close(),
      };
    },
    rename: async (from, to) => {
      if (fault?.op === 'rename' && fault.when(to)) throw fsError('EIO');
      log.push(`rename ${to}`);
      await fsp.rename(from, to);
    },
  };
  return { fs, randomId: () => `id${n++}` };
};

// Only what makeSidecar reads from a provenance matters here; a real one comes from a run (below).
let provenance: Provenance;

beforeEach(() => {
  writeFileSync(csvPath, 'old csv');
  writeFileSync(jsonPath, 'old sidecar');
});

const temps = (): string[] => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

describe('an export and its sidecar are committed as a pair', () => {
  it('gets a real provenance from a run', async () => {
    const scenario = join(repoRoot, 'tests/fixtures/scenarios/minimal.parley.json');
    const r = await cli(['run', scenario, '--trials', '20', '--workers', '0', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    provenance = (JSON.parse(r.out) as { provenance: Provenance }).provenance;
    expect(provenance).toBeTruthy();
  });

  it('both temporary files are written and fsynced before either is renamed', async () => {
    const log: string[] = [];
    await writeExport(csvPath, 'new csv', provenance, 'summary', null, faultyDeps(null, log));
    const renames = log.filter((l) => l.startsWith('rename'));
    expect(renames).toEqual([`rename ${csvPath}`, `rename ${jsonPath}`]);
    const firstRename = log.indexOf(renames[0] as string);
    // the temporary files' fsyncs (the folder is fsynced after each rename)
    const tempSyncs = log.flatMap((l, i) => (/^sync .*\.tmp$/.test(l) ? [i] : []));
    expect(tempSyncs.length).toBe(2);
    expect(tempSyncs.every((i) => i < firstRename)).toBe(true);
    expect(readFileSync(csvPath, 'utf8')).toBe('new csv');
    expect(JSON.parse(readFileSync(jsonPath, 'utf8'))).toMatchObject({ table: 'summary' });
  });

  it.each([
    ['the sidecar write fails (full disk)', { op: 'write', when: (p: string) => p.includes('.t.json.') }],
    ['the sidecar fsync fails (I/O error)', { op: 'sync', when: (p: string) => p.includes('.t.json.') }],
    ['the CSV fsync fails', { op: 'sync', when: (p: string) => p.includes('.t.csv.') }],
    ['the CSV rename fails', { op: 'rename', when: (p: string) => p === csvPath }],
  ] as const)('%s: the old CSV and the old sidecar both stay, no temporary file', async (_, fault) => {
    const r = writeExport(csvPath, 'new csv', provenance, 'summary', null, faultyDeps(fault));
    await expect(r).rejects.toBeInstanceOf(CliError);
    await expect(r).rejects.toThrow(/^cannot write \S+t\.(csv|json): [^\n]+\((ENOSPC|EIO)\)$/);
    expect(readFileSync(csvPath, 'utf8')).toBe('old csv');
    expect(readFileSync(jsonPath, 'utf8')).toBe('old sidecar');
    expect(temps()).toEqual([]);
  });

  it('only the second rename failing: one line naming the sidecar and saying the CSV was replaced', async () => {
    const r = writeExport(
      csvPath,
      'new csv',
      provenance,
      'summary',
      null,
      faultyDeps({ op: 'rename', when: (p) => p === jsonPath }),
    );
    await expect(r).rejects.toThrow(
      `cannot write ${jsonPath}: an input/output error occurred (EIO) (${csvPath} was replaced; ${jsonPath} is the old file)`,
    );
    expect(temps()).toEqual([]);
  });

  it('a streamed CSV (run --out) is committed with its sidecar the same way', async () => {
    const deps = faultyDeps({ op: 'write', when: (p) => p.includes('.t.json.') });
    const writer = await AtomicFileWriter.open(csvPath, deps);
    await writer.write('new csv');
    await expect(commitExport(writer, provenance, 'trials', null, deps)).rejects.toThrow(
      /^cannot write \S+t\.json: the disk is full \(ENOSPC\)$/,
    );
    expect(readFileSync(csvPath, 'utf8')).toBe('old csv');
    expect(readFileSync(jsonPath, 'utf8')).toBe('old sidecar');
    expect(temps()).toEqual([]);

    const ok = await AtomicFileWriter.open(csvPath, faultyDeps(null));
    await ok.write('new csv');
    await commitExport(ok, provenance, 'trials', null, faultyDeps(null));
    expect(readFileSync(csvPath, 'utf8')).toBe('new csv');
    expect(JSON.parse(readFileSync(jsonPath, 'utf8'))).toMatchObject({ table: 'trials' });
  });
});
