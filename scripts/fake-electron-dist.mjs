// Writes a stand-in for Electron's Linux zip (the binary cannot be downloaded here) so that
// `electron-builder --linux dir -c.electronDist=<folder>` runs offline and really exercises the packaging config:
// app.asar, file associations, and the Electron fuses. The stand-in `electron` is a shell script that carries a fuse
// wire (@electron/fuses' sentinel + version + length + one byte per fuse, like the real binary), so electron-builder
// flips our fuses in it and CI can read them back.
// Usage: node scripts/fake-electron-dist.mjs <folder>   (prints the folder)
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const folder = resolve(process.argv[2] ?? 'node_modules/.cache/parley-fake-electron');
const version = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

/** @electron/fuses' sentinel; the wire follows: version 1, 8 fuses, each '0' (off) or '1' (on) — Electron's defaults. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const DEFAULT_WIRE = '10011101'; // RunAsNode=1 CookieEncryption=0 NodeOptions=0 Inspect=1 AsarIntegrity=1 OnlyAsar=1 V8Snapshot=0 FileProtocol=1

mkdirSync(folder, { recursive: true });
const script = [
  '#!/bin/sh',
  '# Stand-in for the Electron binary (offline packaging test only; it cannot run the app).',
  `# fuse wire: ${FUSE_SENTINEL}\u0001\u0008${DEFAULT_WIRE}`,
  'echo "This is a stand-in for Electron used to test packaging offline." >&2',
  'exit 1',
  '',
].join('\n');
writeFileSync(resolve(folder, 'electron'), script, 'latin1');
chmodSync(resolve(folder, 'electron'), 0o755);
writeFileSync(resolve(folder, 'version'), `v${version}`);
writeFileSync(resolve(folder, 'LICENSE'), 'Stand-in for the Electron LICENSE (MIT).\n');
writeFileSync(resolve(folder, 'LICENSES.chromium.html'), '<!doctype html><title>Stand-in</title>\n');
console.log(folder);
