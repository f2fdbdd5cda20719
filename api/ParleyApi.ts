// CONTRACT between the desktop shell (electron/preload exposes it as window.parley) and the renderer's platform
// adapter. Pure types: the zod payload schemas live in electron/ipc/contract.ts, which must satisfy these types.

export type FileRef = { readonly path: string; readonly name: string };

export type Failure = { readonly ok: false; readonly canceled: boolean; readonly error: string | null };

export type OpenResult =
  { readonly ok: true; readonly path: string; readonly name: string; readonly text: string } | Failure;

export type SaveResult = { readonly ok: true; readonly path: string; readonly name: string } | Failure;

export type ExportKind = 'csv' | 'json' | 'png' | 'svg' | 'scenario';

export type ExportBegin = { readonly ok: true; readonly id: string; readonly path: string } | Failure;

/** Commands sent by native menus and shortcuts to the renderer. */
export type MenuCommand =
  | 'new'
  | 'open'
  | 'save'
  | 'save-as'
  | 'export-csv'
  | 'undo'
  | 'redo'
  | 'toggle-presentation'
  | 'run'
  | 'cancel-run'
  | 'show-library'
  | 'show-shortcuts'
  | 'about'
  | 'start-class-session'
  | 'resume-class-session';

export type Versions = {
  readonly app: string;
  readonly electron: string;
  readonly chrome: string;
  readonly node: string;
  readonly v8: string;
};

export type Restorable = { readonly text: string; readonly path: string | null; readonly savedAt: string };

/** File → Start class session…: the scenario being edited, the values on screen and the dialog's options. */
export type ClassStartRequest = {
  readonly scenario: { readonly text: string; readonly name: string };
  readonly params: Readonly<Record<string, number>>;
  /** null: the scenario's rounds, or 10 for a one-round game. */
  readonly rounds: number | null;
  readonly matching: 'random' | 'fixed' | 'class';
  /** Listen on the local network (students' phones) instead of this computer only. */
  readonly lan: boolean;
  readonly maxStudents: number;
};

/** A running class session, as the teacher screen needs it (TeacherScreen props: serverUrl, token). */
export type ClassSessionInfo = {
  readonly sessionId: string;
  readonly title: string;
  /** The session's WebSocket (ws://127.0.0.1:port/ws). */
  readonly serverUrl: string;
  readonly teacherToken: string;
  readonly joinUrl: string;
  readonly joinCode: string;
  /** QR code of joinUrl (SVG data URL). */
  readonly qr: string;
  readonly lan: boolean;
  readonly resumed: boolean;
  /** Where End session writes session.csv (its .json sidecar beside it). */
  readonly csvPath: string;
};

export type ClassStartResult = { readonly ok: true; readonly session: ClassSessionInfo } | Failure;

/** An unfinished class session that can be resumed (the newest; the running one first). */
export type ResumableClassSession = {
  readonly sessionId: string;
  readonly title: string;
  /** Creation time (ms since the epoch). */
  readonly createdAt: number;
  readonly students: number;
  readonly round: number;
  readonly rounds: number;
  /** Still running in this app. */
  readonly live: boolean;
};

/** window.parley: the only surface the sandboxed renderer has onto the machine. */
export type ParleyApi = {
  readonly platform: 'electron';
  versions(): Promise<Versions>;
  /** Native open dialog (filters: scenario files); reads the chosen file. */
  openScenario(): Promise<OpenResult>;
  /** Re-open a file from the recent list. */
  openRecent(path: string): Promise<OpenResult>;
  /** Atomic save to `path`, or a Save As dialog when path is null or saveAs is true. */
  saveScenario(request: {
    readonly path: string | null;
    readonly text: string;
    readonly saveAs: boolean;
    readonly suggestedName: string;
  }): Promise<SaveResult>;
  recentFiles(): Promise<readonly FileRef[]>;
  /** Streamed export: begin (save dialog), append chunks (≤ 1 MiB each), end (commit = atomic rename into place). */
  exportBegin(request: { readonly kind: ExportKind; readonly suggestedName: string }): Promise<ExportBegin>;
  exportChunk(id: string, chunk: string | Uint8Array): Promise<void>;
  exportEnd(id: string, commit: boolean): Promise<SaveResult>;
  /** Autosave of unsaved edits (null clears it after a successful save or a discard). */
  autosave(entry: { readonly text: string; readonly path: string | null } | null): Promise<void>;
  /** An autosave left by a crash, offered for restore at start-up. */
  restorable(): Promise<Restorable | null>;
  /** The document's dirty flag: the shell asks before closing a dirty window. */
  setDirty(dirty: boolean): Promise<void>;
  /** Opens an allow-listed https: URL in the system browser; false when refused. */
  openExternal(url: string): Promise<boolean>;
  /** Start a class session server on the scenario text (compiled again in the main process). */
  startClassSession(request: ClassStartRequest): Promise<ClassStartResult>;
  /** The newest unfinished class session (journal kept after a quit or a crash), or null. */
  resumableClassSession(): Promise<ResumableClassSession | null>;
  resumeClassSession(sessionId: string): Promise<ClassStartResult>;
  /** Stop the class server (an unfinished session stays resumable). */
  stopClassSession(): Promise<void>;
  /** Native menu commands; returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Files opened from the command line, a double-click or a second instance. */
  onOpenFile(listener: (file: OpenResult) => void): () => void;
};
