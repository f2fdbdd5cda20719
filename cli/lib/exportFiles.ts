// Where the CLI writes an export and its sidecar: `--out FILE.csv` (sidecar FILE.json), or `--out DIR/` (an
// existing folder, or any path ending in a separator) for the default name `<scenario>-<table>-<seed>.csv` +
// `.json` — the same name the app suggests. Both files are written atomically.
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ModelSpec } from '../../models/scenario/RuntimeModel';
import type { Provenance, ProvenanceContext } from '../../models/engine/Provenance';
import { exportBaseName, makeSidecar, sidecarText, type ExportTable } from '../../models/engine/sidecar';
import type { RootSeed } from '../../models/random/seedKey';
import {
  AtomicCommitError,
  AtomicFileWriter,
  commitAtomicFiles,
  type AtomicDeps,
  errorCode,
  writeFilesAtomic,
} from '../../node/files/atomicWrite';
import { FS_REASONS } from '../../node/files/fsReasons';
import { CliError } from './Command';
import { cliFileDeps } from './cliFileDeps';
import { refuseInputOverwrite } from './refuseInputOverwrite';
import { APP_VERSION } from './appVersion';
import { sidecarPath, type EngineCliOptions } from './engineOptions';

const isFolder = (arg: string, path: string): boolean => {
  if (/[\\/]$/.test(arg)) {
    try {
      mkdirSync(path, { recursive: true });
    } catch (err) {
      // EEXIST: a file of that name is in the way (`--out results.csv/`); said as ENOTDIR, one line, exit 1
      const code = errorCode(err) === 'EEXIST' ? 'ENOTDIR' : errorCode(err);
      const reason = code !== undefined && Object.hasOwn(FS_REASONS, code) ? FS_REASONS[code] : String(err);
      throw new CliError(`cannot write ${arg}: ${reason}${code !== undefined ? ` (${code})` : ''}`);
    }
    return true;
  }
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The absolute CSV path of a table export's `--out` (a file, or a folder for the default name), refused (UsageError)
 * when it or its .json sidecar is the scenario file `source` the table is computed from.
 */
export const tableOutPath = (
  out: string | undefined,
  cwd: string,
  spec: Pick<ModelSpec, 'id'>,
  seed: RootSeed,
  table: ExportTable,
  source: string,
): string | undefined => {
  if (!out) return undefined;
  const path = exportPath(out, cwd, spec, seed, table);
  refuseInputOverwrite(
    [
      ['--out', path],
      ['--out (its .json sidecar)', sidecarPath(path)],
    ],
    [source],
  );
  return path;
};

/** The absolute CSV path for `--out` (a file, or a folder for the default name). */
export const exportPath = (
  out: string,
  cwd: string,
  spec: Pick<ModelSpec, 'id'>,
  seed: RootSeed,
  table: ExportTable,
): string => {
  const path = resolve(cwd, out);
  return isFolder(out, path)
    ? join(path, `${exportBaseName({ scenario: { id: spec.id }, seed }, table)}.csv`)
    : path;
};

/** What the CLI records in every result's provenance: app version, start time (now), workers, scenario file. */
export const cliContext = (opts: EngineCliOptions, source: string): ProvenanceContext => ({
  appVersion: APP_VERSION,
  startedAt: new Date().toISOString(),
  workers: opts.workers,
  file: source.startsWith('builtin:') ? null : source,
});

/**
 * Run `write` (a write of the file at `path`); a file-system error (full disk, permission, I/O) becomes the one-line
 * CliError "cannot write PATH: the disk is full (ENOSPC)". The path is printed terminal-safe by the CLI's printer.
 */
export const writingFile = async <T>(path: string, write: () => Promise<T>): Promise<T> => {
  try {
    return await write();
  } catch (err) {
    const code = errorCode(err);
    if (code === undefined || err instanceof CliError) throw err;
    const reason = Object.hasOwn(FS_REASONS, code) ? `${FS_REASONS[code]} (${code})` : code;
    throw new CliError(`cannot write ${path}: ${reason}`);
  }
};

/**
 * `err` (from commitAtomicFiles / writeFilesAtomic) as the CLI's one-line error naming the file that failed, and
 * the files already replaced when only a later rename failed.
 */
const commitError = (err: unknown): unknown => {
  if (!(err instanceof AtomicCommitError)) return err;
  const code = err.code;
  const reason =
    code === undefined
      ? err.cause instanceof Error
        ? err.cause.message.split('\n')[0]
        : String(err.cause)
      : Object.hasOwn(FS_REASONS, code)
        ? `${FS_REASONS[code]} (${code})`
        : code;
  const partial =
    err.committed.length > 0
      ? ` (${err.committed.join(', ')} was replaced; ${err.path} is the old file)`
      : '';
  return new CliError(`cannot write ${err.path}: ${reason}${partial}`);
};

/**
 * Write a whole CSV table and its sidecar (`.csv` → `.json`) as a pair: both temporary files are written and fsynced
 * before either is renamed, so a failure leaves the old pair (or, if only the second rename fails, says so naming
 * the file).
 */
export const writeExport = async (
  csvPath: string,
  csv: string,
  provenance: Provenance,
  table: ExportTable,
  runId: string | null = null,
  deps: AtomicDeps = cliFileDeps,
): Promise<void> => {
  try {
    await writeFilesAtomic(
      [
        { target: csvPath, data: csv },
        { target: sidecarPath(csvPath), data: sidecarText(makeSidecar(provenance, table, runId)) },
      ],
      deps,
    );
  } catch (err) {
    throw commitError(err);
  }
};

/**
 * Commit a streamed CSV table (`csv`, fully written, not yet committed) with its sidecar as a pair, as writeExport.
 * `csv` is committed or removed when this returns.
 */
export const commitExport = async (
  csv: AtomicFileWriter,
  provenance: Provenance,
  table: ExportTable,
  runId: string | null = null,
  deps: AtomicDeps = cliFileDeps,
): Promise<void> => {
  const path = sidecarPath(csv.target);
  let sidecar: AtomicFileWriter;
  try {
    sidecar = await AtomicFileWriter.open(path, deps);
    try {
      await sidecar.write(sidecarText(makeSidecar(provenance, table, runId)));
    } catch (err) {
      await sidecar.abort();
      throw err;
    }
  } catch (err) {
    await csv.abort();
    throw commitError(new AtomicCommitError(path, [], err));
  }
  try {
    await commitAtomicFiles([csv, sidecar]);
  } catch (err) {
    throw commitError(err);
  }
};
