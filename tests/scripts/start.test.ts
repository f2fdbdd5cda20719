// `npm start` where the Electron binary cannot be fetched: one clear paragraph, a non-zero exit, no stack trace
// (scripts/start.mjs). Unit tests inject the failure; the last test runs the real script with a download that is
// refused at once (ELECTRON_MIRROR on a closed local port).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { firstErrorLine, locateElectron, noBinaryMessage, startApp } from '../../scripts/start.mjs';

type Deps = {
  locate: () => string | null;
  download: () => { ok: boolean; output: string };
  build: () => number;
  launch: (binary: string) => Promise<number>;
  print: (text: string) => void;
};
const start = startApp as (deps: Deps) => Promise<number>;

const fake = (over: Partial<Deps> = {}) => {
  const log: string[] = [];
  const deps: Deps = {
    locate: () => null,
    download: () => ({
      ok: false,
      output: 'HTTPError\nRequestError: getaddrinfo ENOTFOUND github.com\n    at x',
    }),
    build: () => {
      log.push('build');
      return 0;
    },
    launch: async (b) => {
      log.push(`launch ${b}`);
      return 0;
    },
    print: (t) => log.push(t),
    ...over,
  };
  return { deps, log };
};

describe('npm start (scripts/start.mjs)', () => {
  it('with no binary and a failing download: one paragraph, exit 1, nothing built or launched', async () => {
    const { deps, log } = fake();
    expect(await start(deps)).toBe(1);
    expect(log).toHaveLength(1);
    const text = log[0] as string;
    expect(text).toContain('npm run web');
    expect(text).toContain('Electron');
    expect(text).toContain('ENOTFOUND');
    expect(text).not.toMatch(/^\s+at /m); // no stack trace
    expect(text.split('\n\n')).toHaveLength(1); // one paragraph
  });

  it('downloads once when the binary is missing, then builds and launches', async () => {
    let installed = false;
    const { deps, log } = fake({
      locate: () => (installed ? '/e/electron' : null),
      download: () => {
        installed = true;
        return { ok: true, output: '' };
      },
    });
    expect(await start(deps)).toBe(0);
    expect(log).toEqual(['build', 'launch /e/electron']);
  });

  it('never downloads when the binary is there', async () => {
    const { deps, log } = fake({
      locate: () => '/e/electron',
      download: () => {
        throw new Error('must not download');
      },
    });
    expect(await start(deps)).toBe(0);
    expect(log).toEqual(['build', 'launch /e/electron']);
  });

  it('locates the binary as electron/index.js does, without downloading', () => {
    const files = new Map([
      ['/n/electron/path.txt', 'electron'],
      ['/n/electron/dist/electron', ''],
    ]);
    const exists = (p: string) => files.has(p);
    const read = (p: string) => files.get(p) ?? '';
    expect(locateElectron({ electronDir: '/n/electron', env: {}, exists, read })).toBe(
      '/n/electron/dist/electron',
    );
    files.delete('/n/electron/dist/electron');
    expect(locateElectron({ electronDir: '/n/electron', env: {}, exists, read })).toBeNull();
    files.set('/opt/e/electron', '');
    expect(
      locateElectron({
        electronDir: '/n/electron',
        env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' },
        exists,
        read,
      }),
    ).toBe('/opt/e/electron');
  });

  it('names the first error line of the download output', () => {
    expect(firstErrorLine('Downloading…\nTypeError: fetch failed\n    at node:internal')).toBe(
      'fetch failed',
    );
    expect(noBinaryMessage('fetch failed')).toContain('(fetch failed)');
  });

  it('the real script, download refused: exit 1, the paragraph on stderr, no stack trace', () => {
    const empty = mkdtempSync(join(tmpdir(), 'parley-noelectron-'));
    try {
      const r = spawnSync(process.execPath, [resolve(import.meta.dirname, '../../scripts/start.mjs')], {
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          ELECTRON_OVERRIDE_DIST_PATH: empty,
          ELECTRON_MIRROR: 'http://127.0.0.1:9/',
          ELECTRON_SKIP_BINARY_DOWNLOAD: '',
        },
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('npm run web');
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stdout).toBe('');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
