// Sandboxed preload (CommonJS, see electron.vite.config.ts): exposes the one narrow window.parley API.
import { contextBridge, ipcRenderer } from 'electron';
import { createParleyApi } from './createParleyApi';

contextBridge.exposeInMainWorld('parley', createParleyApi(ipcRenderer));
