import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  CLASS_SESSION_SOCKETS,
  CONTENT_SECURITY_POLICY,
  createSafeOpenExternal,
  denyNavigation,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWebview,
  denyWindowOpen,
  isAllowedExternalUrl,
  normaliseExternalUrl,
  isTrustedSender,
  originOf,
} from '../../electron/main/security';
import { createMainWindow, type WindowOptions } from '../../electron/main/windowOptions';

const parseCsp = (csp: string): Map<string, string[]> =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name = '', ...values]) => [name, values]),
  );

describe('webPreferences (Electron security checklist)', () => {
  const capture = (devTools: boolean): WindowOptions => {
    let seen: WindowOptions | undefined;
    class RecordingWindow {
      constructor(options: WindowOptions) {
        seen = options;
      }
    }
    createMainWindow(RecordingWindow, '/app/out/preload/index.cjs', { devTools });
    if (seen === undefined) throw new Error('no window created');
    return seen;
  };

  it('isolates, sandboxes and locks down the renderer', () => {
    const prefs = capture(false).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('enableRemoteModule');
  });

  it('enables devtools only when asked (unpackaged dev runs)', () => {
    expect(capture(true).webPreferences.devTools).toBe(true);
    expect(capture(false).show).toBe(false); // shown on ready-to-show, no white flash
  });
});

describe('Content-Security-Policy', () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY);

  it('allows scripts only from the app itself: no inline, no eval, no remote origins', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('worker-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|strict-dynamic/);
  });

  it('has no remote origin and no wildcard in any directive; the one other source is a loopback WebSocket', () => {
    for (const [directive, values] of csp) {
      for (const value of values) {
        if (directive === 'connect-src' && value === CLASS_SESSION_SOCKETS) continue;
        expect(value, directive).not.toMatch(/^(https?:|wss?:|\*|http)/);
        expect(value, directive).not.toMatch(/\./); // no host names
      }
    }
    // a class session's WebSocket: loopback, plain ws (no remote host can be named), connect-src only
    expect(CLASS_SESSION_SOCKETS).toBe('ws://127.0.0.1:*');
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:*']);
    // unsafe-inline only for styles (chart libraries inject <style>)
    for (const [directive, values] of csp) {
      if (directive !== 'style-src') expect(values, directive).not.toContain("'unsafe-inline'");
    }
  });

  it("is consistent with renderer/index.html's meta CSP (same script policy, nothing remote)", () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta, 'renderer/index.html has a meta CSP').toBeDefined();
    const metaCsp = parseCsp(meta ?? '');
    expect(metaCsp.get('script-src')).toEqual(csp.get('script-src'));
    expect(metaCsp.get('object-src')).toEqual(["'none'"]);
    expect(metaCsp.get('connect-src')).toEqual(csp.get('connect-src'));
    for (const [directive, values] of metaCsp) {
      for (const value of values) {
        if (directive === 'connect-src' && value === CLASS_SESSION_SOCKETS) continue;
        expect(value, directive).not.toMatch(/^(https?:|wss?:|\*)/);
      }
      if (directive !== 'style-src') expect(values, directive).not.toContain("'unsafe-inline'");
    }
  });
});

describe('external URL allow-list', () => {
  it.each([
    'https://parley.invalid/docs/',
    'https://github.com/parley/parley/issues',
    'https://GITHUB.com/x',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://parley.invalid/docs/', // not https
    'https://evil.example/',
    'https://github.com.evil.example/',
    'https://evilgithub.com/',
    'https://user:pw@github.com/',
    'https://github.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://github.com/share',
    'ms-msdt:/id',
    'app://parley/index.html',
    'https://github.com/\nhttps://evil.example',
    ' https://github.com/',
    'not a url',
    '',
    `https://github.com/${'a'.repeat(3000)}`,
    'https://github.com\\@evil.example/', // backslash: parsers disagree on the host
    'https:\\\\github.com/',
    'https://github.com/\u0001',
    '\u0001https://github.com/',
    'https://github.com/\u007f',
    'https://github.com./', // a different origin
  ])('refuses %j', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('createSafeOpenExternal never passes a refused URL to shell.openExternal', async () => {
    const open = vi.fn(async () => undefined);
    const safe = createSafeOpenExternal(open);
    expect(safe('file:///etc/passwd')).toBe(false);
    expect(safe('https://evil.example/')).toBe(false);
    expect(open).not.toHaveBeenCalled();
    expect(safe('https://github.com/')).toBe(true);
    expect(open).toHaveBeenCalledWith('https://github.com/');
  });

  it.each([
    ['https://GITHUB.com/x', 'https://github.com/x'],
    ['https://%67ithub.com/', 'https://github.com/'], // the host as the browser will see it
    ['https://github.com:443/a/../b?q=1#f', 'https://github.com/b?q=1#f'],
    ['https://parley.invalid/docs/é', 'https://parley.invalid/docs/%C3%A9'],
  ])('normalises %j to %j', (raw, href) => {
    expect(normaliseExternalUrl(raw)).toBe(href);
  });

  it('shell.openExternal receives the normalised URL, never the raw string', () => {
    const open = vi.fn(async (_url: string) => undefined);
    const safe = createSafeOpenExternal(open);
    expect(safe('https://GitHub.com:443/parley/../parley/issues')).toBe(true);
    expect(open).toHaveBeenCalledWith('https://github.com/parley/issues');
    expect(safe('https://github.com\\@evil.example/')).toBe(false);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('the allow-list compares whole origins (scheme, host and port)', () => {
    expect(normaliseExternalUrl('https://example.org/x', ['https://example.org'])).toBe(
      'https://example.org/x',
    );
    expect(normaliseExternalUrl('https://example.org:8443/x', ['https://example.org'])).toBeNull();
    expect(normaliseExternalUrl('https://sub.example.org/x', ['https://example.org'])).toBeNull();
    expect(normaliseExternalUrl('https://example.org/x', ['example.org'])).toBeNull();
  });

  it('createSafeOpenExternal swallows a failing browser launch', () => {
    const safe = createSafeOpenExternal(() => Promise.reject(new Error('no browser')));
    expect(safe('https://github.com/')).toBe(true);
  });
});

describe('navigation, new windows, webviews, permissions', () => {
  it('denies every navigation; an allow-listed link goes to the system browser instead', () => {
    const open = vi.fn();
    const handler = denyNavigation(open);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://parley/other.html']) {
      const event = { preventDefault: vi.fn() };
      handler(event, url);
      expect(event.preventDefault).toHaveBeenCalledOnce();
    }
    expect(open).not.toHaveBeenCalled();
    const event = { preventDefault: vi.fn(), url: 'https://github.com/x' };
    handler(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(open).toHaveBeenCalledWith('https://github.com/x');
  });

  it('denies every new window', () => {
    const open = vi.fn();
    const handler = denyWindowOpen(open);
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'about:blank' })).toEqual({ action: 'deny' });
    expect(open).not.toHaveBeenCalled();
    expect(handler({ url: 'https://parley.invalid/docs/' })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledWith('https://parley.invalid/docs/');
  });

  it('refuses webviews', () => {
    const event = { preventDefault: vi.fn() };
    denyWebview(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies every permission request and check', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      const callback = vi.fn();
      denyPermissionRequest({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(denyPermissionCheck()).toBe(false);
  });
});

describe('IPC sender check', () => {
  const trusted = ['app://parley'];
  it('accepts only the top frame of app://parley', () => {
    expect(isTrustedSender({ senderFrame: { url: 'app://parley/index.html', parent: null } }, trusted)).toBe(
      true,
    );
    expect(isTrustedSender({ senderFrame: { url: 'app://parley/', parent: null } }, trusted)).toBe(true);
  });
  it.each([
    [{ senderFrame: { url: 'https://evil.example/', parent: null } }],
    [{ senderFrame: { url: 'app://parley.evil/index.html', parent: null } }],
    [{ senderFrame: { url: 'app://evil/index.html', parent: null } }],
    [{ senderFrame: { url: 'file:///app/out/renderer/index.html', parent: null } }],
    [{ senderFrame: { url: 'app://parley/index.html', parent: {} } }], // subframe
    [{ senderFrame: { url: 'about:blank', parent: null } }],
    [{ senderFrame: { url: 'not a url', parent: null } }],
    [{ senderFrame: null }],
    [{}],
  ])('refuses %j', (event) => {
    expect(isTrustedSender(event, trusted)).toBe(false);
  });
  it('accepts the dev server origin only when it is listed', () => {
    const event = { senderFrame: { url: 'http://localhost:5173/index.html', parent: null } };
    expect(isTrustedSender(event, trusted)).toBe(false);
    expect(isTrustedSender(event, [...trusted, 'http://localhost:5173'])).toBe(true);
  });
  it('computes origins for special and custom schemes', () => {
    expect(originOf('app://parley/a/b.html?x')).toBe('app://parley');
    expect(originOf('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(originOf('about:blank')).toBeNull();
  });
});
