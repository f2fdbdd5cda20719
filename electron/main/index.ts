import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { windowOptions } from './windowOptions';

const createWindow = async (): Promise<void> => {
  const win = new BrowserWindow(windowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  await win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
};

app.whenReady().then(createWindow, (err: unknown) => {
  console.error(err);
  app.quit();
});
app.on('window-all-closed', () => app.quit());
