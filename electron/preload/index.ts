import { contextBridge } from 'electron';

// The one narrow API the renderer sees. No ipcRenderer, no generic send.
contextBridge.exposeInMainWorld('parley', {
  platform: 'electron' as const,
});
