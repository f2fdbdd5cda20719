// What the user chose about the workspace, not the document: theme (remembered in localStorage), the view shown,
// the left panel's tab, presentation mode and the shortcuts overlay.
export type View = 'model' | 'game' | 'tree' | 'simulate' | 'whatif';
export type Theme = 'system' | 'light' | 'dark';

const THEME_KEY = 'parley.theme';

const readTheme = (): Theme => {
  try {
    const t = globalThis.localStorage?.getItem(THEME_KEY);
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
};

export class PreferencesState {
  theme = $state<Theme>(readTheme());
  activeView = $state<View>('model');
  /** Which left-panel tab is shown. */
  sidebar = $state<'parameters' | 'library'>('parameters');
  showShortcuts = $state(false);
  presentation = $state(false);

  setTheme(theme: Theme): void {
    this.theme = theme;
    try {
      globalThis.localStorage?.setItem(THEME_KEY, theme);
    } catch {
      // storage disabled: the theme just isn't remembered
    }
  }

  togglePresentation(on: boolean = !this.presentation): void {
    this.presentation = on;
  }
}
