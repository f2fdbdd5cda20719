// A tiny static file server bound to 127.0.0.1 (no dependencies). Used by `npm run web` and the e2e tests.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
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

/**
 * Serve `dir` on 127.0.0.1:`port` (0 = any free port). Resolves to the listening http.Server. `options.handle(req,
 * res)`, when given, sees every request first and resolves true when it answered it (npm run web's class endpoint).
 */
export function serveStatic(dir, port = 0, options = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    if (options.handle && (await options.handle(req, res))) return;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let p = normalize(decodeURIComponent(url.pathname));
    if (p.endsWith('/') || p.endsWith(sep)) p += 'index.html';
    const file = join(root, p);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res
        .writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        })
        .end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}
