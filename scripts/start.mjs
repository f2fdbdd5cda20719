#!/usr/bin/env node
// `npm start`: build the app and open the desktop window. Electron 45's npm package fetches its binary on first
// launch (not at install); where that download is impossible (offline, a firewall) its own launcher dies with
// "TypeError: fetch failed" and a stack trace. This script finds the binary WITHOUT triggering that download, tries
// the download once itself (output captured), and when there is still no binary prints one clear paragraph and exits
// non-zero. Everything is injected so tests can fake a failing download (tests/scripts/start.test.ts).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The one paragraph printed when there is no Electron binary (what happened, the browser alternative, the fix). */
export const noBinaryMessage = (detail) =>
  [
    'Parley cannot open its desktop window: the Electron 45 binary is not installed in node_modules/electron/dist,',
    `and downloading it failed${detail ? ` (${detail})` : ''} — Electron fetches its binary on first launch, and this`,
    'machine cannot reach its download host. Everything else works offline: `npm run web` builds the same interface',
    'and serves it at http://127.0.0.1:5178/ for any browser, and the CLI (`npm run cli -- --help`) and `npm test`',
    'need no Electron binary. To get the desktop app, run `npm start` again where the download is reachable (behind',
    'a proxy, set HTTPS_PROXY), or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding an unpacked Electron 45 for',
    'this platform.',
  ].join('\n');

/** The Electron binary's path if it is there (never downloads); null if it is missing. Mirrors electron/index.js. */
export const locateElectron = ({
  electronDir,
  env = process.env,
  exists = existsSync,
  read = readFileSync,
}) => {
  const pathFile = join(electronDir, 'path.txt');
  const executable = exists(pathFile) ? String(read(pathFile, 'utf8')).trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return exists(p) ? p : null;
  }
  if (!executable) return null;
  const full = join(electronDir, 'dist', executable);
  return exists(full) ? full : null;
};

/** One short line from a failed download's output (its first error line), for the paragraph. */
export const firstErrorLine = (output) => {
  const line = String(output ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => /\w*Error:\s*\S|fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(l));
  return line ? line.replace(/^\w*Error:\s*/, '').slice(0, 120) : '';
};

/**
 * Start the app: locate (or download once) the binary, build, launch. Returns the exit code.
 * deps: { locate(): string|null, download(): { ok: boolean, output: string }, build(): number,
 *         launch(binary): Promise<number>, print(text) }
 */
export const startApp = async (deps) => {
  let binary = deps.locate();
  let detail = '';
  if (!binary) {
    const d = deps.download();
    binary = deps.locate();
    if (!binary) detail = d.ok ? 'no binary after the download step' : firstErrorLine(d.output);
  }
  if (!binary) {
    deps.print(noBinaryMessage(detail));
    return 1;
  }
  const built = deps.build();
  if (built !== 0) return built;
  return deps.launch(binary);
};

const main = async () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const require = createRequire(join(root, 'package.json'));
  const electronDir = dirname(require.resolve('electron/package.json'));
  const code = await startApp({
    locate: () => locateElectron({ electronDir }),
    download: () => {
      const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 10 * 60_000,
      });
      return { ok: r.status === 0, output: `${r.stdout ?? ''}\n${r.stderr ?? ''}` };
    },
    build: () => {
      const bin = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
      return spawnSync(process.execPath, [bin, 'build'], { stdio: 'inherit', cwd: root }).status ?? 1;
    },
    launch: (binary) =>
      new Promise((resolve) => {
        const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
        child.on('error', (e) => {
          process.stderr.write(`Parley: could not start ${binary}: ${e.message}\n`);
          resolve(1);
        });
        child.on('close', (code) => resolve(code ?? 1));
      }),
    print: (text) => process.stderr.write(`${text}\n`),
  });
  process.exit(code);
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    process.stderr.write(`Parley could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
