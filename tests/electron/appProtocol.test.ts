import fc from 'fast-check';
import * as fsp from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  appSchemePrivileges,
  createAppProtocolHandler,
  mimeTypeOf,
  resolveAppPath,
} from '../../electron/main/appProtocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import { makeTmpDir } from './helpers';

const root = resolve('/app/out/renderer');

describe('resolveAppPath', () => {
  it('maps app://parley URLs to files under the renderer folder', () => {
    expect(resolveAppPath(root, APP_ENTRY_URL)).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://parley/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://parley/assets/index-abc.js')).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppPath(root, 'app://parley/assets/a%20b.svg?x=1#frag')).toBe(
      join(root, 'assets', 'a b.svg'),
    );
  });

  it.each([
    ['app://parley/../secret.txt', 'secret.txt'],
    ['app://parley/%2e%2e/secret.txt', 'secret.txt'],
    ['app://parley/%2E%2E/%2E%2E/etc/passwd', join('etc', 'passwd')],
    ['app://parley/assets/../../../index.html', 'index.html'],
  ])('clamps dot segments at the root like the URL parser: %s', (url, inside) => {
    expect(resolveAppPath(root, url)).toBe(join(root, inside));
  });

  it.each([
    'app://parley/assets/..%2f..%2fsecret',
    'app://parley/assets/%2fetc%2fpasswd',
    'app://parley/..%5c..%5csecret',
    'app://parley/assets/%00.js',
    'app://parley/C:%5cWindows%5cwin.ini',
    'app://parley/%E0%A4%A',
    'app://evil/index.html',
    'app://parley:8080/index.html',
    'app://user@parley/index.html',
    'file:///etc/passwd',
    'https://parley/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('never resolves outside the root, whatever the path (property)', () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E%2e',
        '%2f',
        '%5c',
        '..%2f',
        '%00',
        'assets',
        'index.html',
        '',
        'a%20b',
      ),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const resolved = resolveAppPath(root, `app://parley/${segments.join('/')}`);
        if (resolved === null) return;
        const rel = relative(root, resolved);
        expect(rel.startsWith('..') || rel === '' || resolve(root, rel) !== resolved).toBe(false);
        expect(resolved.startsWith(root + sep)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('createAppProtocolHandler', () => {
  const files = new Map([[join(root, 'index.html'), '<!doctype html>']]);
  const enoent = (): Error => Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  const handler = createAppProtocolHandler(
    root,
    async (path) => {
      const text = files.get(path);
      if (text === undefined) throw enoent();
      return new TextEncoder().encode(text);
    },
    async (path) => {
      if (path !== root && !files.has(path)) throw enoent();
      return path;
    },
  );

  it('serves files with the CSP header and a content type', async () => {
    const response = await handler({ url: APP_ENTRY_URL, method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('<!doctype html>');
  });

  it('answers 404 for missing files and traversal attempts, 405 for other methods', async () => {
    expect((await handler({ url: 'app://parley/missing.js', method: 'GET' })).status).toBe(404);
    expect((await handler({ url: 'app://parley/%2e%2e/etc/passwd', method: 'GET' })).status).toBe(404);
    expect((await handler({ url: APP_ENTRY_URL, method: 'POST' })).status).toBe(405);
  });

  it('knows the content types the renderer build emits', () => {
    expect(mimeTypeOf('a/b.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('a/b.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeOf('a/b.svg')).toBe('image/svg+xml');
    expect(mimeTypeOf('a/b.wasm')).toBe('application/wasm');
    expect(mimeTypeOf('a/b.unknown')).toBe('application/octet-stream');
  });

  it('registers app: as a standard, secure scheme', () => {
    expect(appSchemePrivileges).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true },
    });
  });
});

describe.runIf(process.platform !== 'win32')(
  'createAppProtocolHandler on a real folder with symbolic links',
  () => {
    const setUp = async () => {
      const dir = await makeTmpDir();
      const renderer = join(dir, 'renderer');
      await fsp.mkdir(join(renderer, 'assets'), { recursive: true });
      await fsp.writeFile(join(renderer, 'index.html'), '<!doctype html>');
      await fsp.writeFile(join(renderer, 'assets', 'app.js'), 'ok()');
      await fsp.writeFile(join(dir, 'secret.txt'), 'SECRET');
      await fsp.mkdir(join(dir, 'private'));
      await fsp.writeFile(join(dir, 'private', 'key.js'), 'KEY');
      await fsp.symlink(join(dir, 'secret.txt'), join(renderer, 'leak.txt'));
      await fsp.symlink(join(dir, 'private'), join(renderer, 'linked'));
      await fsp.symlink(join(renderer, 'assets', 'app.js'), join(renderer, 'alias.js'));
      return { dir, renderer };
    };
    const get = async (handler: ReturnType<typeof createAppProtocolHandler>, path: string) => {
      const response = await handler({ url: `app://parley/${path}`, method: 'GET' });
      return { status: response.status, text: await response.text() };
    };

    it('answers 404 for a link (file or folder) that points outside the renderer folder', async () => {
      const { renderer } = await setUp();
      const handler = createAppProtocolHandler(renderer, fsp.readFile, fsp.realpath);
      expect(await get(handler, 'index.html')).toEqual({ status: 200, text: '<!doctype html>' });
      expect(await get(handler, 'assets/app.js')).toEqual({ status: 200, text: 'ok()' });
      expect((await get(handler, 'leak.txt')).status).toBe(404);
      expect((await get(handler, 'linked/key.js')).status).toBe(404);
      expect((await get(handler, 'assets')).status).toBe(404);
    });

    it('follows a link that stays inside, and works when the root itself is reached through a link', async () => {
      const { dir, renderer } = await setUp();
      await fsp.symlink(renderer, join(dir, 'root-link'));
      const handler = createAppProtocolHandler(join(dir, 'root-link'), fsp.readFile, fsp.realpath);
      expect(await get(handler, 'alias.js')).toEqual({ status: 200, text: 'ok()' });
      expect(await get(handler, '')).toEqual({ status: 200, text: '<!doctype html>' });
      expect((await get(handler, 'leak.txt')).status).toBe(404);
    });
  },
);
