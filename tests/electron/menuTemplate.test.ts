import { describe, expect, it, vi } from 'vitest';
import { menuCommands } from '../../electron/ipc/contract';
import { buildMenuTemplate, type MenuContext, type MenuItem } from '../../electron/main/menuTemplate';
import type { MenuCommand } from '../../api/ParleyApi';

const context = (platform: string, overrides: Partial<MenuContext> = {}) => ({
  platform,
  appName: 'Parley',
  isDev: false,
  recent: [{ path: '/a/one.parley.json', name: 'one.parley.json' }],
  send: vi.fn<(c: MenuCommand) => void>(),
  openRecent: vi.fn<(p: string) => void>(),
  clearRecent: vi.fn(),
  openDocs: vi.fn(),
  ...overrides,
});

const flatten = (items: MenuItem[]): MenuItem[] => items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);
const labels = (items: MenuItem[]) => items.map((i) => (i.label ?? i.role ?? '').replace('&', ''));
const byId = (items: MenuItem[], id: string) => flatten(items).find((i) => i.id === id);
const roles = (items: MenuItem[]) =>
  flatten(items)
    .map((i) => i.role)
    .filter(Boolean);

describe('buildMenuTemplate', () => {
  it('macOS: app menu first, Window menu, Close in File, no Quit in File', () => {
    const menu = buildMenuTemplate(context('darwin'));
    expect(labels(menu)).toEqual(['Parley', 'File', 'Edit', 'View', 'Run', 'window', 'Help']);
    expect(labels(menu[0]?.submenu ?? [])).toContain('About Parley');
    expect(roles(menu[0]?.submenu ?? [])).toEqual(
      expect.arrayContaining(['hide', 'hideOthers', 'services', 'quit']),
    );
    expect(roles(menu[1]?.submenu ?? [])).toContain('close');
    expect(roles(menu[1]?.submenu ?? [])).not.toContain('quit');
  });

  it.each(['linux', 'win32'])(
    '%s: File/Edit/View/Run/Help with Quit in File and About in Help',
    (platform) => {
      const menu = buildMenuTemplate(context(platform));
      expect(labels(menu)).toEqual(['File', 'Edit', 'View', 'Run', 'Help']);
      expect(roles(menu[0]?.submenu ?? [])).toContain('quit');
      expect(labels(menu[4]?.submenu ?? [])).toContain('About Parley');
      expect(menu[0]?.label).toBe('&File'); // Alt+F
    },
  );

  it.each(['darwin', 'linux', 'win32'])(
    '%s: every renderer command item sends its MenuCommand',
    (platform) => {
      const ctx = context(platform);
      const items = flatten(buildMenuTemplate(ctx)).filter(
        (i) => i.id !== undefined && (menuCommands as readonly string[]).includes(i.id),
      );
      const ids = new Set(items.map((i) => i.id));
      for (const cmd of menuCommands) expect(ids.has(cmd), cmd).toBe(true);
      for (const item of items) {
        item.click?.();
        expect(ctx.send).toHaveBeenLastCalledWith(item.id);
      }
    },
  );

  it('standard shortcuts: CmdOrCtrl+N/O/S, Shift+S, undo/redo per platform, zoom and full screen roles', () => {
    const mac = buildMenuTemplate(context('darwin'));
    const linux = buildMenuTemplate(context('linux'));
    expect(byId(mac, 'save')?.accelerator).toBe('CmdOrCtrl+S');
    expect(byId(mac, 'save-as')?.accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(byId(mac, 'open')?.accelerator).toBe('CmdOrCtrl+O');
    expect(byId(mac, 'new')?.accelerator).toBe('CmdOrCtrl+N');
    expect(byId(mac, 'undo')?.accelerator).toBe('CmdOrCtrl+Z');
    expect(byId(mac, 'redo')?.accelerator).toBe('Shift+Cmd+Z');
    expect(byId(linux, 'redo')?.accelerator).toBe('Ctrl+Y');
    expect(roles(linux)).toEqual(
      expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'copy', 'paste']),
    );
    const accelerators = flatten(linux)
      .map((i) => i.accelerator)
      .filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length); // no duplicate shortcut
  });

  it('developer tools and reload only in development', () => {
    expect(roles(buildMenuTemplate(context('linux')))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate(context('linux')))).not.toContain('forceReload');
    expect(roles(buildMenuTemplate(context('linux', { isDev: true })))).toEqual(
      expect.arrayContaining(['toggleDevTools', 'forceReload']),
    );
  });

  it('Open Recent lists the recent files, opens them and can be cleared', () => {
    const ctx = context('linux');
    const menu = buildMenuTemplate(ctx);
    byId(menu, 'recent-0')?.click?.();
    expect(ctx.openRecent).toHaveBeenCalledWith('/a/one.parley.json');
    byId(menu, 'clear-recent')?.click?.();
    expect(ctx.clearRecent).toHaveBeenCalledOnce();
    const empty = buildMenuTemplate(context('linux', { recent: [] }));
    expect(flatten(empty).find((i) => i.label === 'No recent files')?.enabled).toBe(false);
  });

  it.each(['darwin', 'linux', 'win32'])('%s: File has Start and Resume Class Session…', (platform) => {
    const ctx = context(platform);
    const menu = buildMenuTemplate(ctx);
    const file = menu.find((m) => m.label?.replace('&', '') === 'File');
    const items = labels(file?.submenu ?? []);
    expect(items).toContain('Start Class Session…');
    expect(items).toContain('Resume Class Session…');
    byId(menu, 'start-class-session')?.click?.();
    expect(ctx.send).toHaveBeenLastCalledWith('start-class-session');
    byId(menu, 'resume-class-session')?.click?.();
    expect(ctx.send).toHaveBeenLastCalledWith('resume-class-session');
  });

  it('Help → Documentation opens the docs', () => {
    const ctx = context('darwin');
    byId(buildMenuTemplate(ctx), 'docs')?.click?.();
    expect(ctx.openDocs).toHaveBeenCalledOnce();
  });
});
