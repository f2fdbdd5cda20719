// Class 3 of issue 10: `npm run web`'s static server (scripts/serveStatic.mjs) never dies on a bad request. Before,
// `GET /%ff` threw an uncaught URIError from decodeURIComponent inside the request handler and the process exited
// (this test's second request then failed to connect).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { serveStatic } from '../../scripts/serveStatic.mjs';

let dir = '';
let server: Server;
let port = 0;

/** Sends one raw HTTP/1.1 request and returns the status code of the answer (0 if the connection failed). */
const raw = (target: string, method = 'GET'): Promise<number> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('connect', () =>
      socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 'latin1'),
    );
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('error', () => resolve(0));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-static-'));
  mkdirSync(join(dir, 'site'));
  writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><title>ok</title>');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  symlinkSync(join(dir, 'secret.txt'), join(dir, 'site', 'link.txt'));
  server = (await serveStatic(join(dir, 'site'))) as Server;
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the static server for npm run web', () => {
  it('answers malformed URLs with 400 and keeps serving', async () => {
    expect(await raw('/')).toBe(200);
    for (const target of ['/%ff', '/%', '/%E0%A4%A', '/a%00b', '/%c0%af', '/%ff/..%2f']) {
      expect(await raw(target), target).toBe(400);
      expect(await raw('/'), `still serving after ${target}`).toBe(200);
    }
  });

  it('refuses paths outside its folder, also through a symlink, and methods other than GET and HEAD', async () => {
    expect(await raw('/../secret.txt')).not.toBe(200);
    expect(await raw('/%2e%2e/secret.txt')).not.toBe(200);
    expect(await raw('/..%2fsecret.txt')).not.toBe(200);
    expect(await raw('/link.txt')).toBe(403);
    expect(await raw('/missing.js')).toBe(404);
    expect(await raw('/', 'POST')).toBe(405);
    expect(await raw('/', 'HEAD')).toBe(200);
    expect(await raw('/')).toBe(200);
  });
});
