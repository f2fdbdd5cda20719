// Electron's security checklist as plain, unit-tested data and functions (wired up in electron/main/index.ts).

/**
 * The one source beyond the app itself: the WebSocket of a class session this app started (the teacher screen
 * mounted in the window). Loopback only, any port (the server falls back to a free port); never a remote origin.
 */
export const CLASS_SESSION_SOCKETS = 'ws://127.0.0.1:*';

/**
 * The Content-Security-Policy sent as a response header with every app:// page. No inline or remote scripts, no eval,
 * no remote origins at all (the one non-app source is a loopback WebSocket, CLASS_SESSION_SOCKETS); inline styles are allowed because chart libraries inject <style>. renderer/index.html
 * carries a meta CSP too (for the web build); both apply, so the effective policy is at least this strict.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  `connect-src 'self' ${CLASS_SESSION_SOCKETS}`,
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Origins whose pages may be opened in the system browser (docs, project pages): https:, default port, compared
 * exactly with the parsed URL's origin (so `https://github.com.evil.example` or `https://github.com:8443` never match). */
export const EXTERNAL_URL_ORIGINS: readonly string[] = [
  'https://parley.invalid',
  'https://github.com',
  'https://www.github.com',
];

export const DOCS_URL = 'https://parley.invalid/docs/';

/**
 * The normalised form (URL.href of the WHATWG parse) of an https: URL whose origin is allow-listed exactly, with no
 * credentials; null for everything else. Strings that parsers disagree on are refused outright: control characters,
 * spaces, backslashes (`https://github.com\@evil.example/`), over 2,048 characters. Only the returned string may
 * reach shell.openExternal, never the raw one.
 */
export const normaliseExternalUrl = (
  raw: string,
  origins: readonly string[] = EXTERNAL_URL_ORIGINS,
): string | null => {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (typeof raw !== 'string' || raw.length > 2048 || /[\u0000-\u0020\u007f-\u00a0\\]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return null;
  return origins.includes(url.origin) ? url.href : null;
};

/** True for https: URLs on an allow-listed origin, no credentials (normaliseExternalUrl). Everything else is refused. */
export const isAllowedExternalUrl = (
  raw: string,
  origins: readonly string[] = EXTERNAL_URL_ORIGINS,
): boolean => normaliseExternalUrl(raw, origins) !== null;

/** Wraps shell.openExternal so that only allow-listed URLs ever reach it, normalised (normaliseExternalUrl); returns
 * whether the URL was opened. This is the app's only path to shell.openExternal (reviewed Electronegativity finding
 * OPEN_EXTERNAL_JS_CHECK). */
export const createSafeOpenExternal =
  (open: (url: string) => Promise<void>, origins: readonly string[] = EXTERNAL_URL_ORIGINS) =>
  (url: string): boolean => {
    const href = normaliseExternalUrl(url, origins);
    if (href === null) return false;
    open(href).catch(() => undefined);
    return true;
  };

/** scheme://host of a URL, also for non-special schemes such as app: (where URL.origin is "null"). */
export const originOf = (raw: string): string | null => {
  try {
    const url = new URL(raw);
    if (url.host === '') return null;
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
};

export type SenderFrameLike = { readonly url: string; readonly parent?: unknown } | null | undefined;
export type IpcEventLike = { readonly senderFrame?: SenderFrameLike };

/**
 * An IPC message is trusted only from the top frame of a page whose origin is one of `trustedOrigins`
 * (app://parley; in an unpackaged dev run also the electron-vite dev server).
 */
export const isTrustedSender = (event: IpcEventLike, trustedOrigins: readonly string[]): boolean => {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined || typeof frame.url !== 'string') return false;
  if (frame.parent !== null && frame.parent !== undefined) return false;
  const origin = originOf(frame.url);
  return origin !== null && trustedOrigins.includes(origin);
};

type PreventableEvent = { preventDefault(): void };
export type OpenExternal = (url: string) => void;

/** will-navigate / will-redirect / will-frame-navigate: the app is one page, so navigation is always refused. An
 * allow-listed https: link is opened in the system browser instead. */
export const denyNavigation =
  (openExternal: OpenExternal) =>
  (event: PreventableEvent & { readonly url?: string }, url?: string): void => {
    event.preventDefault();
    const target = url ?? event.url;
    if (typeof target === 'string' && isAllowedExternalUrl(target)) openExternal(target);
  };

/** setWindowOpenHandler: never a new Electron window; allow-listed https: links go to the system browser. */
export const denyWindowOpen =
  (openExternal: OpenExternal) =>
  (details: { readonly url: string }): { action: 'deny' } => {
    if (isAllowedExternalUrl(details.url)) openExternal(details.url);
    return { action: 'deny' };
  };

/** will-attach-webview: no <webview>, ever. */
export const denyWebview = (event: PreventableEvent): void => event.preventDefault();

/** session.setPermissionRequestHandler: every permission (camera, notifications, clipboard-read, …) is refused. */
export const denyPermissionRequest = (
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void => callback(false);

/** session.setPermissionCheckHandler: every permission check answers "not granted". */
export const denyPermissionCheck = (): boolean => false;
