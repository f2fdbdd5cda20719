// Parley's only window. The options are a literal inside `new BrowserWindow({...})` on purpose: Electronegativity
// analyses the constructor call, and tests pass a recording constructor to check every webPreferences flag.

export type WindowConstructor<W> = new (options: WindowOptions) => W;

export type WindowOptions = {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly show: boolean;
  readonly title: string;
  readonly backgroundColor: string;
  readonly icon?: string;
  readonly webPreferences: {
    readonly preload: string;
    readonly contextIsolation: boolean;
    readonly sandbox: boolean;
    readonly nodeIntegration: boolean;
    readonly nodeIntegrationInWorker: boolean;
    readonly nodeIntegrationInSubFrames: boolean;
    readonly webSecurity: boolean;
    readonly allowRunningInsecureContent: boolean;
    readonly experimentalFeatures: boolean;
    readonly disableBlinkFeatures: string;
    readonly webviewTag: boolean;
    readonly navigateOnDragDrop: boolean;
    readonly safeDialogs: boolean;
    readonly spellcheck: boolean;
    readonly devTools: boolean;
  };
};

/** Creates the main window with Electron's security checklist applied (`BrowserWindow` is injected). */
export const createMainWindow = <W>(
  BrowserWindow: WindowConstructor<W>,
  preload: string,
  options: { readonly devTools: boolean; readonly icon?: string },
): W =>
  new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Parley',
    backgroundColor: '#1f3b73',
    ...(options.icon === undefined ? {} : { icon: options.icon }),
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  });
