// Picks the platform once at start: Electron when the preload exposed window.parley, else the browser.
import type { ParleyApi } from '../../../api/ParleyApi';
import { createBrowserPlatform } from './BrowserPlatform';
import { createElectronPlatform } from './ElectronPlatform';
import type { Platform } from './Platform';

export const detectPlatform = (win: Window & { parley?: ParleyApi } = window): Platform => {
  const api = win.parley;
  if (api && api.platform === 'electron' && typeof api.openScenario === 'function') {
    return createElectronPlatform(api);
  }
  return createBrowserPlatform();
};
