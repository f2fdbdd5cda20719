// The class server's HTTP side: the built student and teacher pages (Vite's web build, dist-web/class/*.html and
// dist-web/assets/*) under a strict Content-Security-Policy, and nothing else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Routes to the built pages (paths inside the static folder). */
export const PAGE_ROUTES: Readonly<Record<string, string>> = {
  '/join': 'class/student.html',
  '/teacher': 'class/teacher.html',
  '/favicon.svg': 'favicon.svg',
};

/**
 * The pages' Content-Security-Policy: same-origin scripts only (no inline, no eval), the session's own WebSocket,
 * images from the page or data: (the QR code), no third-party origin anywhere. style-src allows inline styles
 * because Observable Plot styles its charts inline (as in the app's own CSP).
 */
export const pageCsp = (wsOrigin: string): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${wsOrigin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const plain = (
  res: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
): void => {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
    ...extra,
  });
  res.end(text);
};

/** Serve one request for the pages (GET/HEAD only; `host` is the validated Host header). */
export const servePage = async (
  staticDir: string | null,
  req: IncomingMessage,
  res: ServerResponse,
  host: string,
): Promise<void> => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    plain(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
    return;
  }
  let path: string;
  try {
    path = new URL(req.url ?? '/', 'http://x').pathname;
  } catch {
    plain(res, 400, 'bad request');
    return;
  }
  if (path === '/') {
    res.writeHead(302, { location: '/join', 'cache-control': 'no-store', ...SECURITY_HEADERS });
    res.end();
    return;
  }
  let rel = PAGE_ROUTES[path];
  if (!rel && /^\/assets\/[A-Za-z0-9._-]+$/.test(path) && TYPES[extname(path)]) rel = path.slice(1);
  if (!rel) {
    plain(res, 404, 'not found');
    return;
  }
  if (!staticDir) {
    plain(res, 503, 'the class pages are not built: run "npm run build:web"');
    return;
  }
  const root = resolve(staticDir);
  const file = resolve(join(root, rel));
  if (!file.startsWith(root + sep)) {
    plain(res, 404, 'not found');
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    plain(
      res,
      rel.endsWith('.html') ? 503 : 404,
      rel.endsWith('.html') ? 'the class pages are not built: run "npm run build:web"' : 'not found',
    );
    return;
  }
  const html = rel.endsWith('.html');
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': html ? 'no-store' : 'public, max-age=3600',
    ...SECURITY_HEADERS,
    ...(html ? { 'content-security-policy': pageCsp(`ws://${host}`) } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
};
