// The CLI's prebuilt bundle: cli/main.ts and the worker_threads entry cli/lib/engineWorker.ts bundled by esbuild
// into plain ESM (code-split, so each command loads only its own code: `--help`, `list` and `solve x.nfg` never
// load mathjs) under dist-cli/<build id>/, described by dist-cli/manifest.json.
//
// Never stale: bin/parley.mjs (`npx parley`, `npm run cli`) checks before every run that no input of the bundle
// changed since it was built — the manifest lists every project file esbuild read, plus package.json and npm's
// node_modules/.package-lock.json (rewritten by every install) — one stat per file, a few milliseconds; any newer
// mtime, a missing file or no manifest rebuilds first (about a second). `npm install`/`npm ci` build it in their
// `prepare` step. Concurrent rebuilds are safe: each writes its own directory, the manifest is replaced atomically
// (rename), and old directories are removed only once they are minutes old.
//
// CommonJS on purpose: it is required synchronously by the launcher and by cli/lib/NodeWorkerRunner.ts when the
// CLI runs from source (tsx, vitest), so the worker code always comes from this one build. esbuild is loaded only
// to build.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist-cli');
const MANIFEST = path.join(OUT, 'manifest.json');
const FORMAT = 2;
// webClass: the class-session endpoint of `npm run web` (scripts/serve-web.mjs), built here so that plain Node runs it
const ENTRIES = {
  main: 'cli/main.ts',
  engineWorker: 'cli/lib/engineWorker.ts',
  webClass: 'node/class/classWebApi.ts',
};
/** Files outside esbuild's module graph whose change must rebuild (dependencies, this builder). */
const EXTRA_INPUTS = ['package.json', 'node_modules/.package-lock.json', 'scripts/cliBundle.cjs'];
/** Old build directories are removed when older than this (a running CLI may still load chunks from one). */
const KEEP_OLD_MS = 10 * 60 * 1000;

/** The manifest, or null. */
const readManifest = () => {
  try {
    const m = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
    return m &&
      m.format === FORMAT &&
      typeof m.dir === 'string' &&
      Array.isArray(m.inputs) &&
      Array.isArray(m.startInputs)
      ? m
      : null;
  } catch {
    return null;
  }
};

/**
 * The directory of the current bundle when no input changed since it was built, else null. scope 'start': only the
 * inputs of main.mjs and what it imports statically (`parley --help`, `--version`: they load no command, and a stat
 * costs ~20 µs here, 240 of them ~5 ms); 'all' (default): every input.
 */
const freshCliBundle = (scope = 'all') => {
  const m = readManifest();
  if (!m) return null;
  // (this runs before every CLI start: plain concatenation and no exceptions keep it to a few milliseconds)
  const prefix = ROOT + path.sep;
  for (const file of scope === 'start' ? m.startInputs : m.inputs) {
    const s = fs.statSync(prefix + file, { throwIfNoEntry: false });
    if (!s || s.mtimeMs > m.builtAt) return null;
  }
  const dir = path.join(OUT, m.dir);
  return fs.existsSync(path.join(dir, 'main.mjs')) ? dir : null;
};

/** Build the bundle now (synchronously); returns its directory. Throws on a build error. */
const buildCliBundle = () => {
  const esbuild = require('esbuild');
  const builtAt = Date.now();
  const previous = readManifest();
  const id = `${builtAt.toString(36)}-${process.pid.toString(36)}`;
  const dir = path.join(OUT, id);
  const result = esbuild.buildSync({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: dir,
    // flat: every file sits next to engineWorker.mjs, which NodeWorkerRunner finds relative to itself
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    // CommonJS dependencies (seedrandom, …) may call require(): give ESM output one
    banner: {
      js: "import { createRequire as __parleyRequire } from 'node:module'; const require = __parleyRequire(import.meta.url);",
    },
    external: ['esbuild'],
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  for (const f of EXTRA_INPUTS) if (fs.existsSync(path.join(ROOT, f))) inputs.push(f);
  // which packages each output file contains (tests check that light commands never load mathjs)
  const packages = {};
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    const names = new Set();
    for (const input of Object.keys(meta.inputs)) {
      const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      if (m) names.add(m[1]);
    }
    packages[path.basename(out)] = [...names].sort();
  }
  // the inputs of main.mjs and of the files it imports statically (what `--help` runs), for freshCliBundle('start')
  const startInputs = new Set(EXTRA_INPUTS.filter((f) => inputs.includes(f)));
  const outputs = result.metafile.outputs;
  const mainOut = Object.keys(outputs).find((o) => outputs[o].entryPoint === ENTRIES.main);
  const pending = [mainOut];
  const visited = new Set();
  while (pending.length > 0) {
    const out = pending.pop();
    if (visited.has(out)) continue;
    visited.add(out);
    for (const input of Object.keys(outputs[out].inputs))
      if (!input.startsWith('node_modules/')) startInputs.add(input);
    for (const imp of outputs[out].imports)
      if (imp.kind === 'import-statement' && !imp.external) pending.push(imp.path);
  }
  const manifest = {
    format: FORMAT,
    dir: id,
    builtAt,
    inputs: [...new Set(inputs)].sort(),
    startInputs: [...startInputs].sort(),
    packages,
  };
  const tmp = `${MANIFEST}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(manifest, null, 1)}\n`);
  fs.renameSync(tmp, MANIFEST);
  for (const name of fs.readdirSync(OUT)) {
    if (name === id || name === previous?.dir || !/^[0-9a-z]+-[0-9a-z]+$/.test(name)) continue;
    const full = path.join(OUT, name);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > KEEP_OLD_MS)
        fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // another process removed it
    }
  }
  return dir;
};

/** The current bundle's directory, rebuilding first when any input changed. */
const ensureCliBundle = () => freshCliBundle() ?? buildCliBundle();

module.exports = { ensureCliBundle, freshCliBundle, buildCliBundle, readManifest, CLI_BUNDLE_ROOT: OUT };

// `node scripts/cliBundle.cjs` (npm's prepare step): build now.
if (require.main === module) {
  let esbuildPresent = true;
  try {
    require.resolve('esbuild');
  } catch {
    esbuildPresent = false;
  }
  if (!esbuildPresent) {
    process.stderr.write('parley: esbuild is not installed; the CLI bundle will be built on first use\n');
  } else {
    const t0 = Date.now();
    const dir = buildCliBundle();
    process.stderr.write(`parley: CLI bundle built in ${Date.now() - t0} ms (${path.relative(ROOT, dir)})\n`);
  }
}
