// A tiny static file server bound to 127.0.0.1 (no dependencies). Used by `npm run web` and the e2e tests.
// Any open page can send it requests, so no request may stop it: a malformed URL (`/%ff`, a lone `%`, a NUL) is
// 400, a method other than GET/HEAD 405, a path outside the folder — also through a symlink inside it — 403, a
// missing file 404, and an unexpected failure 500; the server keeps serving.
import { createServer } from 'node:http';
import { readFile, realpath } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const inside = (root, file) => file === root || file.startsWith(root + sep);

/** Answer with a status and a short plain-text body (never throws). */
const answer = (res, status, text) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(text);
};

/** The request's path decoded, or null when the URL is malformed. */
const requestPath = (rawUrl) => {
  try {
    const path = decodeURIComponent(new URL(rawUrl ?? '/', 'http://127.0.0.1').pathname);
    return path.includes('\0') ? null : path;
  } catch {
    return null;
  }
};

const handle = async (root, realRoot, req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'method not allowed');
  const path = requestPath(req.url);
  if (path === null) return answer(res, 400, 'bad request');
  let p = normalize(path);
  if (p.endsWith('/') || p.endsWith(sep)) p += 'index.html';
  const file = join(root, p);
  if (!inside(root, file)) return answer(res, 403, 'forbidden');
  let real;
  let body;
  try {
    real = await realpath(file);
    if (!inside(realRoot, real)) return answer(res, 403, 'forbidden');
    body = await readFile(real);
  } catch {
    return answer(res, 404, 'not found');
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(real)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
};

/**
 * Serve `dir` on 127.0.0.1:`port` (0 = any free port). Resolves to the listening http.Server. `options.handle(req,
 * res)`, when given, sees every request first and resolves true when it answered it (npm run web's class endpoint).
 */
export async function serveStatic(dir, port = 0, options = {}) {
  const root = resolve(dir);
  const realRoot = await realpath(root).catch(() => root);
  const server = createServer((req, res) => {
    const hook = options.handle ? Promise.resolve(options.handle(req, res)) : Promise.resolve(false);
    hook
      .then((answered) => (answered ? undefined : handle(root, realRoot, req, res)))
      .catch(() => answer(res, 500, 'internal error'));
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}
