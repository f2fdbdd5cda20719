// The keys and full-screen handling of both presentation views (PresentationView: the rounds of a simulation;
// TreePresentation: backward induction on a game tree), written once so the projector behaves the same in both:
// →/Space/PageDown next, ←/PageUp back, Home first, F full screen, Esc leaves full screen and then presentation,
// plus a view's own extra letters (the rounds view's C). Single-letter keys never fire while a field has focus, a
// dialog or the shortcut list is open, or with Ctrl/⌘/Alt held (those are the app's shortcuts).
import { isTyping } from './shortcuts';

/** What a presentation view does on its keys. `extra` maps further keys (exact `KeyboardEvent.key`) to actions. */
export type ProjectorActions = {
  readonly next: () => void;
  readonly prev: () => void;
  readonly first: () => void;
  /** Leave presentation mode (Esc when not in full screen). */
  readonly leave: () => void;
  /** Tell the user something (full screen refused by the browser). */
  readonly notify: (message: string) => void;
  readonly extra?: Readonly<Record<string, () => void>>;
};

/** Full screen on when off, off when on; a browser that refuses it gets one notice, not an error. */
export const toggleFullscreen = async (notify: (message: string) => void): Promise<void> => {
  try {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await document.documentElement.requestFullscreen();
  } catch {
    notify('Full screen is not available here.');
  }
};

/**
 * The window keydown handler of a presentation view. `blocked()` is true while the app has a dialog or the
 * shortcut list open (keys then belong to it).
 */
export const projectorKeydown =
  (blocked: () => boolean, actions: ProjectorActions) =>
  (e: KeyboardEvent): void => {
    if (e.defaultPrevented || blocked() || isTyping(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    const act = (f: () => void): void => {
      e.preventDefault();
      f();
    };
    switch (e.key) {
      case 'ArrowRight':
      case ' ':
      case 'PageDown':
        act(actions.next);
        return;
      case 'ArrowLeft':
      case 'PageUp':
        act(actions.prev);
        return;
      case 'Home':
        act(actions.first);
        return;
      case 'f':
      case 'F':
        act(() => void toggleFullscreen(actions.notify));
        return;
      case 'Escape':
        // first Esc leaves full screen (where the browser does not do it itself), the next leaves presentation
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
        else actions.leave();
        return;
      default: {
        const f = actions.extra?.[e.key];
        if (f) act(f);
      }
    }
  };

/**
 * Follows full-screen changes (`set(true)` while the page is full screen) until the returned cleanup runs; the
 * cleanup also leaves full screen, so closing presentation mode never leaves the window stuck in it.
 */
export const followFullscreen = (set: (on: boolean) => void): (() => void) => {
  const onChange = (): void => set(document.fullscreenElement !== null);
  document.addEventListener('fullscreenchange', onChange);
  return () => {
    document.removeEventListener('fullscreenchange', onChange);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  };
};
