// Closing a window with unsaved changes asks first (native dialog: Save / Don't Save / Cancel).
//
// The document lives in the renderer, so "Save" is a round trip: the guard sends the 'save' menu command, the renderer
// runs its normal save (window.parley.saveScenario, which may show a Save As dialog), and the main process, which
// handles that request, reports the outcome here (saveFinished). Only a successful save closes the window; a failed
// or canceled save keeps it open and dirty. "Don't Save" deletes the autosave (the user chose to discard) and closes.

export type CloseChoice = 'save' | 'discard' | 'cancel';

export type CloseGuardDeps = {
  /** Native "Save changes?" dialog. */
  readonly ask: () => Promise<CloseChoice>;
  /** Sends the 'save' menu command to the renderer. */
  readonly requestSave: () => void;
  /** Closes the window for real (the guard lets this close through). */
  readonly close: () => void;
  /** Deletes the autosave (after a save or a discard nothing is left to restore). */
  readonly discardAutosave: () => Promise<void>;
  /** Called when the user cancels the close (e.g. to cancel a pending quit). */
  readonly onCancel?: () => void;
};

export class CloseGuard {
  private readonly deps: CloseGuardDeps;
  private isDirty = false;
  private asking = false;
  private closeAfterSave = false;
  private allowClose = false;

  constructor(deps: CloseGuardDeps) {
    this.deps = deps;
  }

  get dirty(): boolean {
    return this.isDirty;
  }

  get waitingForSave(): boolean {
    return this.closeAfterSave;
  }

  /** A new window starts clean. */
  reset(): void {
    this.isDirty = false;
    this.asking = false;
    this.closeAfterSave = false;
    this.allowClose = false;
  }

  setDirty(dirty: boolean): void {
    this.isDirty = dirty;
  }

  /** From the window's 'close' event. Returns true when the close must be prevented (the guard then asks). */
  onCloseRequested(): boolean {
    if (this.allowClose || !this.isDirty) return false;
    if (!this.asking) void this.ask();
    return true;
  }

  /** Reported by the main process after every saveScenario request (ok: the file was written). */
  async saveFinished(ok: boolean): Promise<void> {
    if (ok) this.isDirty = false;
    if (!this.closeAfterSave) return;
    this.closeAfterSave = false;
    if (ok) await this.closeNow();
    else this.deps.onCancel?.();
  }

  private async ask(): Promise<void> {
    this.asking = true;
    let choice: CloseChoice;
    try {
      choice = await this.deps.ask();
    } catch {
      choice = 'cancel';
    } finally {
      this.asking = false;
    }
    if (choice === 'save') {
      this.closeAfterSave = true;
      this.deps.requestSave();
    } else if (choice === 'discard') {
      this.isDirty = false;
      await this.closeNow();
    } else {
      this.deps.onCancel?.();
    }
  }

  private async closeNow(): Promise<void> {
    await this.deps.discardAutosave().catch(() => undefined);
    this.allowClose = true;
    this.deps.close();
  }
}
