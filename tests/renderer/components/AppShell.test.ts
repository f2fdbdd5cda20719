import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { AppState } from '../../../renderer/lib/state/AppState.svelte';
import AppShell from '../../../renderer/components/layout/AppShell.svelte';
import { fakeModelService, memoryPlatform } from '../state/fakes';

afterEach(() => cleanup());

const setup = async () => {
  const mem = memoryPlatform();
  let menu: ((c: string) => void) | null = null;
  mem.platform.onMenuCommand = (l) => {
    menu = l as (c: string) => void;
    return () => (menu = null);
  };
  const app = new AppState({
    platform: mem.platform,
    models: fakeModelService(),
    schedule: () => 0,
    cancel: () => 0,
  });
  await app.start();
  render(AppShell, { app });
  await tick();
  return { app, mem, menu: (c: string) => menu?.(c) };
};

describe('AppShell keyboard and menus', () => {
  it('Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo document edits', async () => {
    const { app } = await setup();
    app.doc.setField(['title'], 'Edited');
    await fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(app.doc.title).toBe('korea-2025');
    await fireEvent.keyDown(window, { key: 'Z', ctrlKey: true, shiftKey: true });
    expect(app.doc.title).toBe('Edited');
    await fireEvent.keyDown(window, { key: 'z', metaKey: true });
    await fireEvent.keyDown(window, { key: 'y', ctrlKey: true });
    expect(app.doc.title).toBe('Edited');
  });

  it('? shows the shortcuts, Alt+2 goes to the Game tab, P toggles presentation (not while typing)', async () => {
    const { app } = await setup();
    await fireEvent.keyDown(window, { key: '?' });
    expect(app.showShortcuts).toBe(true);
    app.showShortcuts = false;
    await fireEvent.keyDown(window, { key: '2', altKey: true });
    expect(app.activeView).toBe('game');
    app.activeView = 'model';
    await tick();
    const title = screen.getAllByRole('textbox')[0] as HTMLInputElement;
    await fireEvent.keyDown(title, { key: 'p' });
    expect(app.presentation).toBe(false);
    await fireEvent.keyDown(window, { key: 'p' });
    expect(app.presentation).toBe(true);
  });

  it('native menu commands reach the app (save, presentation, library)', async () => {
    const { app, mem, menu } = await setup();
    app.doc.setField(['title'], 'Menu save');
    menu('save');
    await new Promise((r) => setTimeout(r, 0));
    expect(mem.saved).toHaveLength(1);
    expect(app.doc.dirty).toBe(false);
    menu('show-library');
    expect(app.sidebar).toBe('library');
    menu('toggle-presentation');
    expect(app.presentation).toBe(true);
  });

  it('shows validation problems with a badge on the Model tab', async () => {
    const { app } = await setup();
    app.doc.issues = [{ path: 'title', message: 'too long' }];
    await tick();
    expect(screen.getByTestId('tab-model').textContent).toContain('1');
  });
});

describe('AppShell: class play', () => {
  const settle = async (): Promise<void> => {
    for (let k = 0; k < 5; k++) {
      await new Promise((r) => setTimeout(r, 0));
      await tick();
    }
  };

  it('File → Start Class Session… opens the options; Start shows the teacher screen over the window; Close stops it', async () => {
    const mem = memoryPlatform();
    let menu: ((c: string) => void) | null = null;
    mem.platform.onMenuCommand = (l) => {
      menu = l as (c: string) => void;
      return () => (menu = null);
    };
    const started: unknown[] = [];
    const stopped: number[] = [];
    const platform = {
      ...mem.platform,
      classSessions: {
        available: async () => true,
        start: async (request: unknown) => {
          started.push(request);
          return {
            ok: true as const,
            session: {
              sessionId: 'class-1',
              title: 'Chicken',
              serverUrl: 'ws://127.0.0.1:1/ws',
              teacherToken: 'T'.repeat(43),
              joinUrl: 'http://127.0.0.1:1/join#ACDEF',
              joinCode: 'ACDEF',
              qr: 'data:image/svg+xml;base64,',
              lan: false,
              resumed: false,
              csvPath: '/docs/class-1.csv',
            },
          };
        },
        resumable: async () => null,
        resume: async () => ({ ok: false as const, canceled: false, error: 'x' }),
        stop: async () => void stopped.push(1),
      },
    };
    const app = new AppState({ platform, models: fakeModelService(), schedule: () => 0, cancel: () => 0 });
    await app.start();
    render(AppShell, { app });
    await tick();
    (menu as ((c: string) => void) | null)?.('start-class-session');
    await settle();
    const dialog = screen.getByTestId('class-dialog');
    expect(dialog.textContent).toContain('Start a class session');
    await fireEvent.input(screen.getByTestId('class-rounds'), { target: { value: '3' } });
    await fireEvent.click(screen.getByTestId('class-lan'));
    await fireEvent.click(screen.getByTestId('class-start'));
    await settle();
    expect(started).toEqual([
      expect.objectContaining({
        rounds: 3,
        lan: true,
        matching: 'random',
        maxStudents: 200,
        params: { russiaSupport: 0.8 },
      }),
    ]);
    expect(screen.getByTestId('class-overlay').textContent).toContain('Class session · Chicken');
    // Present: presentation mode replaces the teacher screen while the session keeps running; Esc brings it back
    await fireEvent.click(screen.getByTestId('class-present'));
    await settle();
    expect(app.presentation).toBe(true);
    expect(screen.queryByTestId('class-overlay')).toBeNull();
    expect(stopped).toEqual([]);
    app.togglePresentation(false);
    await settle();
    expect(screen.getByTestId('class-overlay').textContent).toContain('Class session · Chicken');
    await fireEvent.click(screen.getByTestId('class-close'));
    await fireEvent.click(screen.getByTestId('class-stop'));
    await settle();
    expect(stopped).toEqual([1]);
    expect(screen.queryByTestId('class-overlay')).toBeNull();
  });

  it('the header’s Class… button, without a session server, explains the parley class command', async () => {
    await setup();
    await fireEvent.click(screen.getByTestId('class-session'));
    await settle();
    expect(screen.getByTestId('class-cli-command').textContent).toBe(
      'npx parley class korea-2025.parley.json',
    );
  });
});
