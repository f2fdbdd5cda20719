// Checks the BUILT sandboxed preload (out/preload/index.cjs): it is CommonJS, requires nothing but 'electron' (a
// sandboxed preload cannot load packages), and exposes exactly one object, window.parley, of named functions.
// Usage: node scripts/check-preload.mjs [out/preload/index.cjs]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vm from 'node:vm';

const file = resolve(process.argv[2] ?? 'out/preload/index.cjs');
const code = readFileSync(file, 'utf8');
const problems = [];
const exposed = [];
const required = [];
const ipcRenderer = { invoke: async () => undefined, on: () => undefined, removeListener: () => undefined };
const fakeElectron = {
  contextBridge: { exposeInMainWorld: (key, api) => exposed.push([key, api]) },
  ipcRenderer,
};
const sandboxRequire = (name) => {
  required.push(name);
  if (name === 'electron') return fakeElectron;
  throw new Error(`a sandboxed preload cannot require('${name}')`);
};
const module = { exports: {} };
try {
  vm.runInNewContext(`(function (require, module, exports) {${code}\n})`, { console }, { filename: file })(
    sandboxRequire,
    module,
    module.exports,
  );
} catch (error) {
  problems.push(`the preload throws when loaded: ${error instanceof Error ? error.message : String(error)}`);
}
if (/^\s*(import|export)\s/m.test(code))
  problems.push('the preload is not CommonJS (import/export statements)');
const others = required.filter((name) => name !== 'electron');
if (others.length > 0) problems.push(`the preload requires ${others.join(', ')}`);
if (exposed.length !== 1 || exposed[0]?.[0] !== 'parley') {
  problems.push(
    `expected one exposeInMainWorld('parley', …), got ${JSON.stringify(exposed.map(([k]) => k))}`,
  );
} else {
  const api = exposed[0][1];
  for (const [key, value] of Object.entries(api)) {
    if (key === 'platform' ? value !== 'electron' : typeof value !== 'function') {
      problems.push(`window.parley.${key} is not a function`);
    }
    if (value === ipcRenderer) problems.push(`window.parley.${key} is ipcRenderer itself`);
  }
  for (const forbidden of ['send', 'invoke', 'on', 'ipcRenderer', 'require']) {
    if (forbidden in api) problems.push(`window.parley.${forbidden} must not exist`);
  }
}
if (problems.length > 0) {
  console.error(`preload check failed for ${file}:`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(
  `preload check: ${file} is CommonJS, requires only electron, exposes window.parley with ${Object.keys(exposed[0][1]).length} members.`,
);
