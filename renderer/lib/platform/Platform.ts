// The ONE platform surface the renderer uses. Components receive it through AppState (app.platform) and never touch
// window.parley. Two implementations: ElectronPlatform (wraps the preload's window.parley) and BrowserPlatform
// (file input, downloads, localStorage); detectPlatform() picks one at start.
import type {
  ClassSessionInfo,
  ClassStartRequest,
  ClassStartResult,
  ExportKind,
  FileRef,
  MenuCommand,
  OpenResult,
  Restorable,
  ResumableClassSession,
  SaveResult,
} from '../../../api/ParleyApi';

export type {
  ClassSessionInfo,
  ClassStartRequest,
  ClassStartResult,
  ExportKind,
  FileRef,
  MenuCommand,
  OpenResult,
  Restorable,
  ResumableClassSession,
  SaveResult,
};

/**
 * Class play: a class session server started on this machine for the scenario on screen — by the desktop app's main
 * process, or by the local server of `npm run web` (its /api/class/ endpoint).
 */
export type ClassSessionPort = {
  /** False where nothing can start a server (the web build on a static host): the app explains `parley class`. */
  available(): Promise<boolean>;
  start(request: ClassStartRequest): Promise<ClassStartResult>;
  /** The newest unfinished session (the running one first), or null. */
  resumable(): Promise<ResumableClassSession | null>;
  resume(sessionId: string): Promise<ClassStartResult>;
  /** Stop the server; an unfinished session stays resumable. */
  stop(): Promise<void>;
};

export type SaveRequest = {
  readonly path: string | null;
  readonly text: string;
  readonly saveAs: boolean;
  readonly suggestedName: string;
};

export type AutosaveEntry = { readonly text: string; readonly path: string | null };

export type Platform = {
  readonly kind: 'electron' | 'browser';
  /** Versions of the app and its runtime (Help → About). */
  versions(): Promise<Readonly<Record<string, string>>>;
  /** Ask the user for a scenario file and read it. */
  openScenario(): Promise<OpenResult>;
  /** Re-open an entry of recentFiles(). */
  openRecent(path: string): Promise<OpenResult>;
  /** Read a file dropped onto the window. */
  readDroppedFile(file: File): Promise<OpenResult>;
  /** Save (atomic in Electron; a download in the browser). */
  saveScenario(request: SaveRequest): Promise<SaveResult>;
  recentFiles(): Promise<readonly FileRef[]>;
  /**
   * Streamed export: chunks are written as they are produced (Electron: ≤ 1 MiB IPC messages; browser: Blob parts,
   * never one giant string). A failing iterator aborts the export and leaves no partial file.
   */
  exportFile(
    kind: ExportKind,
    suggestedName: string,
    chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  ): Promise<SaveResult>;
  autosave(entry: AutosaveEntry | null): Promise<void>;
  restorable(): Promise<Restorable | null>;
  setDirty(dirty: boolean): Promise<void>;
  openExternal(url: string): Promise<boolean>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onOpenFile(listener: (file: OpenResult) => void): () => void;
  /** Class sessions started from the app (absent: the app explains the command line instead). */
  readonly classSessions?: ClassSessionPort;
};

/** A Failure result with a message (not cancelled). */
export const failure = (error: string): { ok: false; canceled: false; error: string } => ({
  ok: false,
  canceled: false,
  error,
});

export const canceled = (): { ok: false; canceled: true; error: null } => ({
  ok: false,
  canceled: true,
  error: null,
});

/** Safe file names for downloads and suggestions: no path separators or control characters. */
export const safeFileName = (name: string, fallback = 'scenario.parley.json'): string => {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '-').trim();
  return cleaned.length > 0 && cleaned !== '.' && cleaned !== '..' ? cleaned.slice(0, 200) : fallback;
};
