// Opening and saving scenario files. The renderer never names an arbitrary path to read or write: reads come from a
// native dialog, the command line / a double-click, or the recent list; a save without a dialog is allowed only to a
// path the user already chose ("granted"), anything else shows the Save As dialog. Saves are atomic.
import { INPUT_LIMITS } from '../../models/text/inputLimits';
import { basename, dirname, join } from 'node:path';
import type { ExportKind, OpenResult, SaveResult } from '../../api/ParleyApi';
import { describeFsError, errorCode, writeFileAtomic, type AtomicFs } from '../../node/files/atomicWrite';
import { isSameFile } from '../../node/files/fileIdentity';
import { readTextFile, TextFileError } from '../../node/files/readTextFile';
import { ExportTargetRefused } from './ExportSessions';
import type { RecentFiles } from './RecentFiles';

export const SCENARIO_EXTENSION = '.parley.json';
/** Largest scenario file we read (models/text/inputLimits.ts). */
export const MAX_SCENARIO_BYTES = INPUT_LIMITS.scenarioFileBytes;

export type DialogFilter = { readonly name: string; readonly extensions: string[] };

/** Native dialog filters per export kind (and for scenarios). */
export const dialogFilters = (kind: ExportKind): DialogFilter[] => {
  switch (kind) {
    case 'scenario':
      return [{ name: 'Parley scenario', extensions: ['parley.json', 'json'] }];
    case 'csv':
      return [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }];
    case 'json':
      return [{ name: 'JSON', extensions: ['json'] }];
    case 'png':
      return [{ name: 'PNG image', extensions: ['png'] }];
    case 'svg':
      return [{ name: 'SVG image', extensions: ['svg'] }];
    case 'nfg':
      return [{ name: 'Gambit strategic-form game', extensions: ['nfg'] }];
  }
};

const EXTENSIONS: Readonly<Record<ExportKind, string>> = {
  scenario: SCENARIO_EXTENSION,
  csv: '.csv',
  json: '.json',
  png: '.png',
  svg: '.svg',
  nfg: '.nfg',
};

/** Adds the kind's extension when the user typed a bare name ("results" → "results.csv"); scenarios accept .json. */
export const withExtension = (path: string, kind: ExportKind): string => {
  const lower = path.toLowerCase();
  if (kind === 'scenario' && lower.endsWith('.json')) return path;
  return lower.endsWith(EXTENSIONS[kind]) ? path : `${path}${EXTENSIONS[kind]}`;
};

export type FileDialogs = {
  /** Open dialog for scenario files; null when canceled. */
  readonly chooseOpen: (defaultDir: string) => Promise<string | null>;
  /** Save dialog (with the OS's own overwrite confirmation for the name it returns); null when canceled. */
  readonly chooseSave: (defaultPath: string, kind: ExportKind) => Promise<string | null>;
  /** Asked when the dialog returned a bare name and the name with the kind's extension already exists (the dialog
   * confirmed a different name): true to replace that file. */
  readonly confirmOverwrite: (path: string) => Promise<boolean>;
};

export type FileServiceDeps = {
  /** For saves (reads use node/files/readTextFile on the real file system). */
  readonly fs: AtomicFs;
  readonly randomId: () => string;
  readonly dialogs: FileDialogs;
  readonly recent: RecentFiles;
  /** Folder for dialogs when nothing was opened yet (the user's Documents folder). */
  readonly defaultDir: string;
};

/** "Could not open /a/b.json: permission denied (EACCES)." / "…: it is not a file." / "…: line 2: the file is not
 * valid UTF-8 text (…)." — one line for the user. */
const describeOpenError = (path: string, error: unknown): string => {
  if (!(error instanceof TextFileError)) return describeFsError('open', path, error);
  if (error.cause !== undefined) return describeFsError('open', path, error.cause);
  if (error.code === 'EFBIG')
    return `Could not open ${path}: the file is larger than a scenario can be (the limit is ${MAX_SCENARIO_BYTES} bytes).`;
  if (error.code === 'ENOTFILE' || error.code === 'EISDIR')
    return `Could not open ${path}: it is not a file.`;
  return `Could not open ${path}: ${error.reason}.`;
};

export class FileService {
  private readonly deps: FileServiceDeps;
  private readonly granted = new Set<string>();
  private lastDir: string;

  constructor(deps: FileServiceDeps) {
    this.deps = deps;
    this.lastDir = deps.defaultDir;
  }

  /** A path the user chose outside the renderer (command line, double-click, OS recent list). */
  grant(path: string): void {
    this.granted.add(path);
  }

  isGranted(path: string): boolean {
    return this.granted.has(path) || this.deps.recent.has(path);
  }

  async openScenario(): Promise<OpenResult> {
    const path = await this.deps.dialogs.chooseOpen(this.lastDir);
    if (path === null) return { ok: false, canceled: true, error: null };
    return this.openPath(path);
  }

  /** Opens an entry of the recent list (only those: the renderer cannot read arbitrary paths). A file that has gone
   * is removed from the list. */
  async openRecent(path: string): Promise<OpenResult> {
    if (!this.deps.recent.has(path)) {
      return { ok: false, canceled: false, error: `${path} is not in the recent files list.` };
    }
    const result = await this.openPath(path);
    if (!result.ok) await this.deps.recent.remove(path);
    return result;
  }

  /** Reads a scenario file chosen by the user (dialog, command line, recent list): a regular file, at most
   * MAX_SCENARIO_BYTES, strict UTF-8 (node/files/readTextFile). */
  async openPath(path: string): Promise<OpenResult> {
    let text: string;
    try {
      text = await readTextFile(path, { maxBytes: MAX_SCENARIO_BYTES });
    } catch (error) {
      return { ok: false, canceled: false, error: describeOpenError(path, error) };
    }
    this.remember(path);
    await this.deps.recent.add(path);
    return { ok: true, path, name: basename(path), text };
  }

  /** Atomic save to a granted path, or Save As (dialog) when path is null, saveAs is set, or the path was never
   * chosen by the user. A failure is reported and leaves the previous file intact. */
  async saveScenario(request: {
    readonly path: string | null;
    readonly text: string;
    readonly saveAs: boolean;
    readonly suggestedName: string;
  }): Promise<SaveResult> {
    let target = request.path;
    if (target === null || request.saveAs || !this.isGranted(target)) {
      const folder =
        request.path !== null && this.isGranted(request.path) ? dirname(request.path) : this.lastDir;
      target = await this.chooseSavePath(join(folder, request.suggestedName), 'scenario');
      if (target === null) return { ok: false, canceled: true, error: null };
    }
    try {
      await writeFileAtomic(target, request.text, this.deps);
    } catch (error) {
      return { ok: false, canceled: false, error: describeFsError('save', target, error) };
    }
    this.remember(target);
    await this.deps.recent.add(target);
    return { ok: true, path: target, name: basename(target) };
  }

  /** Save dialog for an export; the chosen path gets the kind's extension. Throws ExportTargetRefused when it is a
   * scenario file the user opened or saved (this session, the command line or the recent list), reached by any
   * spelling or link: the native dialog's "Replace?" does not say that the file is the scenario. */
  async chooseExportTarget(kind: ExportKind, suggestedName: string): Promise<string | null> {
    const target = await this.chooseSavePath(join(this.lastDir, suggestedName), kind);
    if (target === null) return null;
    this.lastDir = dirname(target);
    const scenarios = [...this.granted, ...this.deps.recent.list().map((f) => f.path)];
    const scenario = scenarios.find((path) => isSameFile(path, target));
    if (scenario !== undefined)
      throw new ExportTargetRefused(
        `Cannot export to ${target}: it is the scenario file ${scenario}, which this export would replace; choose another file.`,
      );
    return target;
  }

  /** The save dialog, then the final path (with the kind's extension) — decided before anything is written. When
   * the extension was added and that file exists (a file or a link), the user confirms replacing it: the dialog's
   * own overwrite check saw only the bare name. Null when canceled at either step. */
  private async chooseSavePath(defaultPath: string, kind: ExportKind): Promise<string | null> {
    const chosen = await this.deps.dialogs.chooseSave(defaultPath, kind);
    if (chosen === null) return null;
    const target = withExtension(chosen, kind);
    if (
      target !== chosen &&
      (await this.exists(target)) &&
      !(await this.deps.dialogs.confirmOverwrite(target))
    )
      return null;
    return target;
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await this.deps.fs.lstat(path);
      return true;
    } catch (error) {
      // anything but "not there" (EACCES, ELOOP, …) counts as existing: ask rather than risk replacing it
      return errorCode(error) !== 'ENOENT';
    }
  }

  private remember(path: string): void {
    this.granted.add(path);
    this.lastDir = dirname(path);
  }
}
