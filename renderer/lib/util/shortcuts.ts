// The keyboard shortcuts, listed once: the `?` overlay shows this table and AppShell dispatches from it.
export type Shortcut = { readonly keys: string; readonly action: string; readonly where?: string };

export const isMac = (): boolean => /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? '');
export const mod = (): string => (isMac() ? '⌘' : 'Ctrl');

export const shortcutTable = (): readonly Shortcut[] => {
  const m = mod();
  return [
    { keys: `${m}+O`, action: 'Open a scenario file' },
    { keys: `${m}+S`, action: 'Save' },
    { keys: `${m}+Shift+S`, action: 'Save as…' },
    { keys: `${m}+Z`, action: 'Undo' },
    { keys: `${m}+Shift+Z / ${m}+Y`, action: 'Redo' },
    { keys: 'Alt+1 … Alt+5', action: 'Model · Game · Simulate · What-if · Tree' },
    { keys: `${m}+Enter`, action: 'Run the simulation' },
    { keys: 'P', action: 'Presentation mode on/off' },
    { keys: '?', action: 'Show or hide this list' },
    { keys: '→ / Space', action: 'Next round', where: 'Presentation' },
    { keys: '←', action: 'Previous round', where: 'Presentation' },
    { keys: 'Home', action: 'Back to round 1', where: 'Presentation' },
    { keys: 'F', action: 'Full screen on/off', where: 'Presentation' },
    { keys: 'C', action: 'The class’s own play / the simulated trial', where: 'Presentation' },
    { keys: 'Esc', action: 'Close a dialog / leave presentation' },
  ];
};

/** True when a key event is typing into a field (single-key shortcuts must not fire then). */
export const isTyping = (e: KeyboardEvent): boolean => {
  const t = e.target as HTMLElement | null;
  if (!t || typeof t.closest !== 'function') return false;
  if (t.isContentEditable) return true;
  const field = t.closest('input, textarea, select');
  if (!field) return false;
  const type = (field as HTMLInputElement).type;
  return !(field instanceof HTMLInputElement) || !['range', 'checkbox', 'radio', 'button'].includes(type);
};
