// Checks an unpacked Linux build (release/linux-unpacked) made by .ci/steps/package.sh: app.asar exists and holds the
// built app only (no sources, no source maps, no node_modules beyond what out/main imports), and the Electron fuses
// in the executable are flipped as electron-builder.yml asks.
// Usage: node scripts/check-package.mjs [release/linux-unpacked]
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');

const dir = resolve(process.argv[2] ?? 'release/linux-unpacked');
const problems = [];
const asarPath = join(dir, 'resources', 'app.asar');
if (!existsSync(asarPath)) {
  console.error(`package check: ${asarPath} is missing`);
  process.exit(1);
}

const files = asar.listPackage(asarPath).map((f) => f.replace(/\\/g, '/'));
for (const required of [
  '/package.json',
  '/out/main/index.js',
  '/out/preload/index.cjs',
  '/out/renderer/index.html',
]) {
  if (!files.includes(required)) problems.push(`app.asar lacks ${required}`);
}
for (const file of files) {
  const inModules = file.startsWith('/node_modules/');
  if (
    !inModules &&
    !file.startsWith('/out/') &&
    file !== '/package.json' &&
    file !== '/node_modules' &&
    file !== '/out'
  ) {
    problems.push(`app.asar holds a file outside out/: ${file}`);
  }
  if (!inModules && /\.(ts|svelte|map)$/.test(file))
    problems.push(`app.asar holds a source or source map: ${file}`);
}

// Every package the main process imports must be in the asar (and nothing else).
const mainCode = asar.extractFile(asarPath, 'out/main/index.js').toString('utf8');
const imported = new Set(
  [...mainCode.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)["']([^"'./][^"']*)["']/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => name !== 'electron' && !name.startsWith('node:') && !builtinModules.includes(name))
    .map((name) =>
      name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] ?? name),
    ),
);
const packaged = new Set(
  files
    .filter((f) => /^\/node_modules\/(@[^/]+\/[^/]+|[^@/][^/]*)\/package\.json$/.test(f))
    .map((f) => f.split('/').slice(2, -1).join('/')),
);
for (const name of imported)
  if (!packaged.has(name)) problems.push(`out/main imports ${name}, which is not in app.asar`);
for (const name of packaged)
  if (!imported.has(name)) problems.push(`app.asar holds ${name}, which out/main never imports`);

// Fuses (read back from the executable electron-builder produced).
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const executable = join(dir, pkg.name);
const wire = await getCurrentFuseWire(executable);
const expected = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
};
for (const [name, on] of Object.entries(expected)) {
  const state = wire[FuseV1Options[name]];
  const want = on ? 49 : 48; // '1' / '0'
  if (state !== want)
    problems.push(`fuse ${name} is ${String.fromCharCode(state)}, expected ${on ? 'on' : 'off'}`);
}

if (problems.length > 0) {
  console.error(`package check failed for ${dir}:`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(
  `package check: ${asarPath} (${files.length} entries; node_modules: ${[...packaged].join(', ') || 'none'}); fuses ok.`,
);
