// The renderer is served from app://parley/ (a privileged standard scheme) instead of file://. This module resolves
// request URLs to files inside the built renderer folder (never outside it, also not through a symbolic link: real paths
// are compared) and answers with the CSP header.
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'parley';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Passed to protocol.registerSchemesAsPrivileged before app ready. */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

export const mimeTypeOf = (path: string): string =>
  MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

/**
 * Maps an app://parley/... URL to a file inside `rootDir`, or null when the URL is not ours or would escape the root
 * (`..`, encoded `%2e%2e`, `%2f`, backslashes, NUL, absolute or drive paths). `/` maps to index.html.
 */
export const resolveAppPath = (rootDir: string, requestUrl: string): string | null => {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '') return null;
  if (url.username !== '' || url.password !== '') return null;
  const segments: string[] = [];
  for (const raw of url.pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[\\/\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rootDir);
  const target = resolve(root, ...segments);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
  return target;
};

export type ReadFile = (path: string) => Promise<Uint8Array>;
/** fs.promises.realpath: the path with every symbolic link resolved (rejects when the file does not exist). */
export type RealPath = (path: string) => Promise<string>;

const isInside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

/** Headers sent with every app:// response. */
export const appResponseHeaders = (path: string): Record<string, string> => ({
  'Content-Type': mimeTypeOf(path),
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
});

/** The protocol.handle('app', …) handler: GET/HEAD of files under rootDir, 404 for anything else. The file read is
 * the request's real path (symbolic links resolved), and it must lie inside the root's real path: a link in the
 * renderer folder pointing outside it (or a linked folder) is answered 404, never followed. */
export const createAppProtocolHandler = (rootDir: string, readFile: ReadFile, realpath: RealPath) => {
  let realRoot: Promise<string> | null = null;
  const realInside = async (path: string): Promise<string | null> => {
    try {
      realRoot ??= realpath(resolve(rootDir));
      const [root, real] = await Promise.all([realRoot, realpath(path)]);
      return isInside(root, real) ? real : null;
    } catch {
      realRoot = null; // retried on the next request (the folder may appear later in a dev build)
      return null;
    }
  };
  return async (request: { readonly url: string; readonly method: string }): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { 'Content-Type': 'text/plain' } });
    }
    const path = resolveAppPath(rootDir, request.url);
    const real = path === null ? null : await realInside(path);
    if (path === null || real === null)
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    let body: Uint8Array;
    try {
      body = await readFile(real);
    } catch {
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    }
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: appResponseHeaders(path),
    });
  };
};
