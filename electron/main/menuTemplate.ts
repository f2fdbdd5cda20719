// The native menu as plain data (unit-tested; index.ts passes it to Menu.buildFromTemplate). Items that act on the
// document send a MenuCommand to the renderer; window-level items use Electron roles. macOS gets the app menu and
// Window menu, Windows/Linux get Quit in File and About in Help.
import type { MenuCommand } from '../../api/ParleyApi';

export type MenuRole =
  | 'about'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'services'
  | 'quit'
  | 'close'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'toggleDevTools'
  | 'forceReload'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'window'
  | 'help'
  | 'recentDocuments'
  | 'clearRecentDocuments';

export type MenuItem = {
  label?: string;
  role?: MenuRole;
  type?: 'separator' | 'submenu' | 'normal';
  accelerator?: string;
  enabled?: boolean;
  id?: string;
  submenu?: MenuItem[];
  click?: () => void;
};

export type MenuContext = {
  /** process.platform */
  readonly platform: string;
  readonly appName: string;
  /** Unpackaged development run: adds Reload and Toggle Developer Tools. */
  readonly isDev: boolean;
  readonly recent: readonly { readonly path: string; readonly name: string }[];
  readonly send: (command: MenuCommand) => void;
  readonly openRecent: (path: string) => void;
  readonly clearRecent: () => void;
  readonly openDocs: () => void;
};

const separator: MenuItem = { type: 'separator' };

export const buildMenuTemplate = (context: MenuContext): MenuItem[] => {
  const mac = context.platform === 'darwin';
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItem => ({
    label,
    id: cmd,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => context.send(cmd),
  });
  const about = command(`About ${context.appName}`, 'about');

  const recentItems: MenuItem[] =
    context.recent.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : [
          ...context.recent.map((file, index) => ({
            label: file.name,
            id: `recent-${index}`,
            click: () => context.openRecent(file.path),
          })),
          separator,
          { label: 'Clear Recent Files', id: 'clear-recent', click: context.clearRecent },
        ];

  const appMenu: MenuItem = {
    label: context.appName,
    submenu: [
      about,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItem = {
    label: mac ? 'File' : '&File',
    submenu: [
      command('New', 'new', 'CmdOrCtrl+N'),
      command('Open…', 'open', 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: recentItems },
      command('Scenario Library…', 'show-library', 'CmdOrCtrl+Shift+L'),
      separator,
      command('Save', 'save', 'CmdOrCtrl+S'),
      command('Save As…', 'save-as', 'CmdOrCtrl+Shift+S'),
      command('Export Results as CSV…', 'export-csv', 'CmdOrCtrl+E'),
      separator,
      command('Start Class Session…', 'start-class-session'),
      command('Resume Class Session…', 'resume-class-session'),
      separator,
      mac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' },
    ],
  };

  const editMenu: MenuItem = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      command('Undo', 'undo', 'CmdOrCtrl+Z'),
      command('Redo', 'redo', mac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as MenuItem] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItem = {
    label: mac ? 'View' : '&View',
    submenu: [
      command('Presentation Mode', 'toggle-presentation', mac ? 'Cmd+Shift+P' : 'F5'),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(context.isDev
        ? [separator, { role: 'forceReload' } as MenuItem, { role: 'toggleDevTools' } as MenuItem]
        : []),
    ],
  };

  const runMenu: MenuItem = {
    label: mac ? 'Run' : '&Run',
    submenu: [
      command('Run Simulation', 'run', 'CmdOrCtrl+R'),
      command('Cancel Run', 'cancel-run', 'CmdOrCtrl+.'),
    ],
  };

  const windowMenu: MenuItem = {
    role: 'window',
    submenu: [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }],
  };

  const helpMenu: MenuItem = {
    role: 'help',
    label: mac ? 'Help' : '&Help',
    submenu: [
      { label: `${context.appName} Documentation`, id: 'docs', click: context.openDocs },
      command('Keyboard Shortcuts', 'show-shortcuts', 'CmdOrCtrl+/'),
      ...(mac ? [] : [separator, about]),
    ],
  };

  return mac
    ? [appMenu, fileMenu, editMenu, viewMenu, runMenu, windowMenu, helpMenu]
    : [fileMenu, editMenu, viewMenu, runMenu, helpMenu];
};
