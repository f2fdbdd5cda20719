// The CLI runs from a prebuilt bundle (scripts/cliBundle.cjs, bin/parley.mjs): it is rebuilt whenever an input
// changed, so it is never stale; and commands that compile no formula never load mathjs (each command is its own
// chunk; a loader hook records every module a real process loads, and the manifest says which chunk holds mathjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parleyBin, repoRoot } from './cliHarness';

type Manifest = {
  dir: string;
  builtAt: number;
  inputs: string[];
  startInputs: string[];
  packages: Record<string, string[]>;
};
const bundle = createRequire(import.meta.url)('../../scripts/cliBundle.cjs') as {
  ensureCliBundle: () => string;
  freshCliBundle: (scope?: 'start' | 'all') => string | null;
  readManifest: () => Manifest | null;
};

const hook = join(repoRoot, 'tests', 'fixtures', 'loadLog', 'register.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'parley-bundle-'));
let runs = 0;

/**
 * Run the real CLI process; returns its exit code, output, the packages inside the chunks it loaded and the project
 * source files those chunks were built from (esbuild's `// path` markers).
 */
const parley = (
  ...args: string[]
): { code: number | null; stdout: string; packages: Set<string>; sources: Set<string> } => {
  const log = join(tmp, `loads-${++runs}.txt`);
  const r = spawnSync(process.execPath, ['--import', hook, parleyBin, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, PARLEY_LOAD_LOG: log },
  });
  const manifest = bundle.readManifest() as Manifest;
  const packages = new Set<string>();
  const sources = new Set<string>();
  let chunks = 0;
  for (const url of readFileSync(log, 'utf8').split('\n')) {
    if (!url.startsWith('file:') || !fileURLToPath(url).includes(join('dist-cli', manifest.dir))) continue;
    chunks++;
    for (const p of manifest.packages[basename(fileURLToPath(url))] ?? []) packages.add(p);
    for (const m of readFileSync(fileURLToPath(url), 'utf8').matchAll(
      /^\/\/ ((?:cli|models|node)\/\S+\.ts)$/gm,
    ))
      sources.add(m[1] as string);
  }
  expect(chunks).toBeGreaterThan(0);
  return { code: r.status, stdout: r.stdout, packages, sources };
};

describe('the CLI bundle', () => {
  beforeAll(() => {
    bundle.ensureCliBundle();
  }, 120_000);

  it('is what npx parley and npm run cli run', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.bin.parley).toBe('bin/parley.mjs');
    expect(pkg.scripts.cli).toBe('node bin/parley.mjs');
    expect(pkg.scripts.prepare).toBe('node scripts/cliBundle.cjs');
    expect(statSync(parleyBin).mode & 0o111).not.toBe(0);
    expect(readFileSync(parleyBin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('lists every source file it was built from', () => {
    const m = bundle.readManifest() as Manifest;
    for (const f of [
      'cli/main.ts',
      'cli/commands/run.ts',
      'cli/lib/engineWorker.ts',
      'models/engine/TrialSimulator.ts',
      'models/library/korea-2025.parley.json',
      'package.json',
    ])
      expect(m.inputs).toContain(f);
  });

  it('--help, list and solve on a .nfg file never load mathjs; show does (the check can fail)', () => {
    const help = parley('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Commands:');
    expect(help.packages.has('mathjs')).toBe(false);
    const list = parley('list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('korea-2025');
    expect(list.packages.has('mathjs')).toBe(false);
    const solve = parley('solve', 'tests/fixtures/nfg/bos.nfg', '--format', 'json');
    expect(solve.code).toBe(0);
    expect(JSON.parse(solve.stdout).equilibria).toHaveLength(3);
    expect(solve.packages.has('mathjs')).toBe(false);
    expect(solve.packages.has('zod')).toBe(false);
    const show = parley('show', 'korea-2025');
    expect(show.code).toBe(0);
    expect(show.packages.has('mathjs')).toBe(true);
  }, 120_000);

  it('is rebuilt when a source file changes (never stale)', () => {
    const before = bundle.ensureCliBundle();
    expect(bundle.freshCliBundle()).toBe(before);
    // an edit = a newer modification time (the content is left alone: other tests may be running)
    const input = join(repoRoot, 'cli', 'commands', 'schema.ts');
    const now = new Date();
    utimesSync(input, now, now);
    expect(bundle.freshCliBundle()).toBeNull();
    // --version and --help run no command: they check only the start's inputs, which did not change
    expect(bundle.freshCliBundle('start')).toBe(before);
    const r = spawnSync(process.execPath, [parleyBin, 'list'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('korea-2025');
    const after = bundle.freshCliBundle();
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
    expect((bundle.readManifest() as Manifest).builtAt).toBeGreaterThanOrEqual(now.getTime());
  }, 120_000);

  it('--help and --version check only what they run, and are rebuilt when that changes', () => {
    const m = bundle.readManifest() as Manifest;
    expect(m.startInputs).toEqual(expect.arrayContaining(['cli/main.ts', 'cli/commands.ts', 'package.json']));
    expect(m.startInputs).not.toContain('cli/commands/schema.ts');
    expect(m.startInputs.length).toBeLessThan(m.inputs.length / 10);
    // every source file of every chunk --help loads is a start input (so no edit --help would show goes unseen)
    const help = parley('--help');
    expect(help.code).toBe(0);
    expect(help.sources.size).toBeGreaterThan(0);
    for (const f of help.sources) expect(m.startInputs).toContain(f);
    const before = bundle.ensureCliBundle();
    const input = join(repoRoot, 'cli', 'commands.ts');
    const now = new Date();
    utimesSync(input, now, now);
    expect(bundle.freshCliBundle('start')).toBeNull();
    const r = spawnSync(process.execPath, [parleyBin, '--version'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('parley 0.1.0\n');
    const after = bundle.freshCliBundle('start');
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
  }, 120_000);
});
