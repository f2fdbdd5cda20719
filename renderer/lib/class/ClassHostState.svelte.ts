// Starting a class session from the app (File → Start Class Session…, the header's Class button): the options
// dialog, the running session (its teacher screen is mounted in the window), and resuming an unfinished session.
// The server itself runs outside the page — the desktop app's main process, or the local server of `npm run web`
// — behind the platform's ClassSessionPort. Where there is none (the web build on a plain static host), the dialog
// explains how to start the session with the command line instead.
import type { ClassSessionInfo, ClassSessionPort, ResumableClassSession } from '../platform/Platform';

export type ClassMatching = 'random' | 'fixed' | 'class';

export type ClassDialogOptions = {
  /** null: the scenario's rounds (10 for a one-round game). */
  rounds: number | null;
  matching: ClassMatching;
  /** Students' phones on the local network (the server listens on every interface). */
  lan: boolean;
  maxStudents: number;
};

/** The scenario on screen, read when the teacher starts. */
export type ClassSource = () => {
  readonly text: string;
  /** The document's file name (recorded as the session's source; the CLI help names it). */
  readonly name: string;
  /** Parameter values on screen, and the scenario's defaults (the CLI help sets only what differs). */
  readonly params: Readonly<Record<string, number>>;
  readonly defaults: Readonly<Record<string, number>>;
  /** Rounds of the compiled scenario; null when the scenario does not compile. */
  readonly rounds: number | null;
  /** Why class play cannot run this scenario (models/class/classPlayRefusal), one line; absent or null: it can. */
  readonly refusal?: string | null;
};

export type ClassDialog = 'closed' | 'start' | 'cli' | 'resume';

/** An unfinished session is offered at start-up when it is this recent (or still running). */
export const RESUME_OFFER_MS = 24 * 3600 * 1000;
export const DEFAULT_CLASS_OPTIONS: ClassDialogOptions = {
  rounds: null,
  matching: 'random',
  lan: false,
  maxStudents: 200,
};

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class ClassHostState {
  dialog = $state<ClassDialog>('closed');
  options = $state<ClassDialogOptions>({ ...DEFAULT_CLASS_OPTIONS });
  busy = $state(false);
  error = $state<string | null>(null);
  /** The running session (the teacher screen is shown while it is set). */
  session = $state.raw<ClassSessionInfo | null>(null);
  /** An unfinished session to offer (the resume dialog, or the start-up banner while the dialog is closed). */
  offer = $state.raw<ResumableClassSession | null>(null);

  constructor(
    private readonly port: ClassSessionPort | undefined,
    private readonly source: ClassSource,
    private readonly notify: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Rounds the session plays when the dialog's field is left empty. */
  get defaultRounds(): number {
    const r = this.source().rounds ?? 1;
    return r > 1 ? r : 10;
  }

  /** File → Start Class Session…: the options, or the command-line help where no server can be started. */
  async openStart(): Promise<void> {
    if (this.session) return; // its teacher screen is already showing
    this.error = null;
    const refusal = this.source().refusal;
    if (refusal) {
      this.notify(refusal);
      return;
    }
    this.dialog = (await this.#available()) ? 'start' : 'cli';
  }

  async start(): Promise<boolean> {
    const port = this.port;
    if (!port || this.busy) return false;
    const src = this.source();
    if (src.rounds === null) {
      this.error = 'The scenario has problems: fix them first (the Model tab lists them).';
      return false;
    }
    if (src.refusal) {
      this.error = src.refusal;
      return false;
    }
    this.busy = true;
    this.error = null;
    try {
      const r = await port.start({
        scenario: { text: src.text, name: src.name },
        params: { ...src.params },
        rounds: this.options.rounds,
        matching: this.options.matching,
        lan: this.options.lan,
        maxStudents: this.options.maxStudents,
      });
      if (!r.ok) {
        this.error = r.error ?? 'The class session could not start.';
        return false;
      }
      this.session = r.session;
      this.dialog = 'closed';
      this.offer = null;
      return true;
    } catch (e) {
      this.error = `The class session could not start: ${message(e)}`;
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** File → Resume Class Session…: the newest unfinished session, or a note that there is none. */
  async openResume(): Promise<void> {
    if (this.session) return;
    if (!(await this.#available())) {
      this.dialog = 'cli';
      return;
    }
    const r = await this.port?.resumable().catch(() => null);
    if (!r) {
      this.notify('There is no unfinished class session to resume.');
      return;
    }
    this.offer = r;
    this.error = null;
    this.dialog = 'resume';
  }

  /** At start-up: offer a session left unfinished by a crash or a quit (recent, or still running). */
  async checkAtStartup(): Promise<void> {
    if (!this.port || !(await this.#available())) return;
    const r = await this.port.resumable().catch(() => null);
    if (r && (r.live || this.now() - r.createdAt < RESUME_OFFER_MS) && !this.session) this.offer = r;
  }

  async resume(): Promise<boolean> {
    const port = this.port;
    const offer = this.offer;
    if (!port || !offer || this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      const r = await port.resume(offer.sessionId);
      if (!r.ok) {
        this.error = r.error ?? 'The class session could not be resumed.';
        if (this.dialog === 'closed') this.dialog = 'resume';
        return false;
      }
      this.session = r.session;
      this.offer = null;
      this.dialog = 'closed';
      return true;
    } catch (e) {
      this.error = `The class session could not be resumed: ${message(e)}`;
      return false;
    } finally {
      this.busy = false;
    }
  }

  dismissOffer(): void {
    this.offer = null;
    if (this.dialog === 'resume') this.dialog = 'closed';
  }

  closeDialog(): void {
    this.dialog = 'closed';
    this.error = null;
  }

  /** Close the teacher screen: the server stops (an unfinished session stays resumable). */
  async close(): Promise<void> {
    this.session = null;
    await this.port?.stop().catch(() => undefined);
  }

  /** The equivalent `parley class` command (shown where the app cannot start the server itself). */
  cliCommand(): string {
    const src = this.source();
    const o = this.options;
    const quote = (s: string): string => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
    const args = ['npx', 'parley', 'class', quote(src.name)];
    if (o.rounds !== null) args.push('--rounds', String(o.rounds));
    if (o.matching !== 'random') args.push('--matching', o.matching);
    if (o.maxStudents !== DEFAULT_CLASS_OPTIONS.maxStudents)
      args.push('--max-students', String(o.maxStudents));
    for (const [id, v] of Object.entries(src.params))
      if (src.defaults[id] !== v) args.push('--set', `${id}=${v}`);
    if (o.lan) args.push('--host', '0.0.0.0');
    return args.join(' ');
  }

  async #available(): Promise<boolean> {
    if (!this.port) return false;
    try {
      return await this.port.available();
    } catch {
      return false;
    }
  }
}
