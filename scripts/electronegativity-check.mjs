// Runs the pinned Electronegativity over the Electron sources (electron/) and the built main and preload (out/main,
// out/preload), together with the renderer's index.html (its meta CSP), as ONE application so the global checks
// (CSP, navigation limits, permission handler) see the whole app. Fails on:
//   - any HIGH or MEDIUM finding that is not in REVIEWED below (each reviewed finding names its check, file and why),
//   - any file Electronegativity could not parse (an unparsed file is an unchecked file).
// Usage: node scripts/electronegativity-check.mjs   (after `npm run build`)
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** Findings that are inherent to any app with a preload or an external link, reviewed by hand. */
export const REVIEWED = [
  {
    id: 'PRELOAD_JS_CHECK',
    files: ['electron/main/windowOptions.ts', 'out/main/index.js'],
    reason:
      'Our own sandboxed CommonJS preload: contextBridge exposes named functions only, no ipcRenderer (tests/electron/preload.test.ts).',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    files: ['electron/main/index.ts', 'out/main/index.js'],
    reason:
      'The single shell.openExternal call, wrapped by createSafeOpenExternal: https: URLs on an allow-listed host only (tests/electron/security.test.ts).',
  },
];

const stage = mkdtempSync(join(tmpdir(), 'parley-eng-'));
try {
  const copy = (from, to) => {
    if (!existsSync(join(root, from))) throw new Error(`${from} is missing: run \`npm run build\` first.`);
    mkdirSync(dirname(join(stage, to)), { recursive: true });
    cpSync(join(root, from), join(stage, to), { recursive: true });
  };
  copy('electron', 'electron');
  copy('out/main', 'out/main');
  copy('out/preload', 'out/preload');
  copy(
    existsSync(join(root, 'out/renderer/index.html')) ? 'out/renderer/index.html' : 'renderer/index.html',
    'out/renderer/index.html',
  );
  // The app's package.json tells Electronegativity the Electron version.
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

  const run = require('@doyensec/electronegativity/dist/runner.js');
  const quiet = console.log;
  console.log = () => undefined; // the runner prints translation/network notes; we print our own summary
  let result;
  try {
    result = await run(
      {
        input: stage,
        customScan: [],
        // Offline machines: this check only downloads Electron's release list.
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
        electronVersionOverride: electronVersion,
        isRelative: true,
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = quiet;
  }

  const rows = [];
  const failures = [];
  for (const error of result.errors) {
    if (!error.tolerable) failures.push(`could not parse ${error.file}: ${error.message}`);
  }
  for (const issue of result.issues) {
    const file = String(issue.file).replace(/\\/g, '/');
    const where = `${file}:${issue.location.line}:${issue.location.column}`;
    const reviewed = REVIEWED.find((r) => r.id === issue.id && r.files.includes(file));
    rows.push(
      `${issue.id},${issue.severity.name},${issue.confidence.name},${where},${reviewed ? 'reviewed' : ''}`,
    );
    if (issue.severity.value >= 2 && !reviewed)
      failures.push(`${issue.severity.name} ${issue.id} at ${where}: ${issue.description}`);
  }
  const reportDir = join(root, 'test-results');
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(
    join(reportDir, 'electronegativity.csv'),
    `check,severity,confidence,location,status\n${rows.join('\n')}\n`,
  );
  console.log(
    `Electronegativity ${require('@doyensec/electronegativity/package.json').version} (Electron ${electronVersion}): ` +
      `${result.atomicChecks} atomic + ${result.globalChecks} global checks, ${result.issues.length} findings ` +
      `(${rows.filter((r) => r.endsWith(',reviewed')).length} reviewed), ${failures.length} failing.`,
  );
  for (const row of rows) console.log(`  ${row}`);
  if (failures.length > 0) {
    console.error('Electronegativity: HIGH/MEDIUM findings or unparsed files:');
    for (const failure of failures) console.error(`  ${failure}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(stage, { recursive: true, force: true });
}
