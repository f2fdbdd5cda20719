// `npm run bench -- engineProfile`: where the engine's CPU time per trial goes on korea-2025 (one round and 24
// rounds), measured IN CONTEXT: runScenario (one thread, in process) under V8's sampling profiler, self time
// attributed to source files and grouped into components (stream hashing and the PRNG, quantiles, Iman–Conover,
// generated kernels, equilibrium scan, the trial loop, aggregation, …). The engine is bundled by esbuild (names
// and the `// models/…` file markers kept) and run in a child process; component ns/trial = profiled share ×
// the unprofiled CPU ns/trial. Inlined callees count toward their caller (V8 attributes them so). Depends only
// on runScenario, so it keeps working while the engine's internals change.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

const ENTRY = `
import { Session } from 'node:inspector/promises';
import { createInProcessRunner } from './models/engine/InProcessRunner';
import { runScenario } from './models/engine/runScenario';
import { loadBuiltin } from './models/scenario/builtins';
const [rounds, trials] = process.argv.slice(2).map(Number);
const { spec } = loadBuiltin('korea-2025');
const runner = createInProcessRunner();
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) * 1000; };
await runScenario(runner, spec, { seed: 'warm', trials: Math.min(trials, 50000), rounds });
const plain = [];
for (let r = 0; r < 3; r++) {
  const c0 = cpu();
  await runScenario(runner, spec, { seed: r, trials, rounds });
  plain.push((cpu() - c0) / trials);
}
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
await runScenario(runner, spec, { seed: 'profiled', trials, rounds });
const { profile } = await session.post('Profiler.stop');
process.stdout.write(JSON.stringify({ nsPerTrial: plain.sort((a, b) => a - b)[1], profile }));
`;

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
};

const COMPONENTS: [RegExp, string][] = [
  [/models\/random\/(seedKey|RandomStream)\.ts$/, 'streams (seed hashing, PRNG)'],
  [/models\/random\/tabulatedQuantile\.ts$/, 'quantile functions (tables)'],
  [
    /models\/(random\/(quantileFunction|specialFunctions|Distribution|parameterDistribution|distributions\/\w+)|math\/\w+)\.ts$/,
    'exact quantiles (table building, tails) and math',
  ],
  [/models\/random\/(imanConover|sortFloat64)\.ts$/, 'Iman–Conover'],
  [/models\/random\//, 'other sampling (LHS, …)'],
  [/models\/engine\/ParamSampler\.ts$/, 'parameter sampler loop'],
  [/^generated$/, 'generated code (fused kernels, parameter mapper, formulas)'],
  [
    /models\/(engine\/(EquilibriumSelector|StrategicFormPlay)|games\/kernels\/\w+)\.ts$/,
    'equilibrium enumeration and selection',
  ],
  [/models\/engine\/TrialSimulator\.ts$/, 'trial loop (TrialSimulator)'],
  [/models\/engine\/(Aggregate|QuantileStore)\.ts$/, 'aggregation (counts, moments, quantile stores)'],
  [/models\/engine\//, 'chunk loop, merge and summary'],
  [/^\(garbage collector\)$/, 'garbage collection'],
];

const profileOnce = (
  bundle: string,
  lines: string[],
  rounds: number,
  trials: number,
): Record<string, unknown> => {
  const r = spawnSync(process.execPath, [bundle, String(rounds), String(trials)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`profile run failed: ${r.stderr}`);
  const { nsPerTrial, profile } = JSON.parse(r.stdout) as { nsPerTrial: number; profile: CpuProfile };
  // source file of a bundle line: the nearest "// models/…" marker above it
  const fileAt: string[] = [];
  let current = '?';
  lines.forEach((line, i) => {
    const m = /^\/\/ ((?:models|cli|bench)\/\S+)/.exec(line);
    if (m) current = m[1] as string;
    fileAt[i] = current;
  });
  const ticks = new Map<number, number>();
  profile.samples.forEach((id, i) => ticks.set(id, (ticks.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byComponent = new Map<string, number>();
  let total = 0;
  for (const n of profile.nodes) {
    const t = ticks.get(n.id) ?? 0;
    const f = n.callFrame;
    // idle time, and the inspector's own message dispatch (the profiler, not the engine), are left out
    if (!t || f.functionName === '(idle)' || f.functionName === '(program)') continue;
    if (f.functionName === 'dispatch' && !f.url) continue;
    total += t;
    const file = f.url.endsWith('.mjs')
      ? (fileAt[f.lineNumber] ?? '?')
      : f.url
        ? 'node'
        : f.functionName.startsWith('(')
          ? f.functionName
          : 'generated';
    const fn = `${f.functionName || '(anonymous)'} ${file}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
    // sortFloat64.ts also holds the quantile stores' selection (run summary), not only Iman–Conover's sort
    const comp =
      f.functionName === 'selectFloat64'
        ? 'aggregation (counts, moments, quantile stores)'
        : (COMPONENTS.find(([re]) => re.test(file))?.[1] ?? 'other');
    byComponent.set(comp, (byComponent.get(comp) ?? 0) + t);
  }
  const ns = (t: number): number => Math.round((t / total) * nsPerTrial);
  return {
    trials,
    cpuNsPerTrial: Math.round(nsPerTrial),
    componentsNsPerTrial: Object.fromEntries(
      [...byComponent].sort((a, b) => b[1] - a[1]).map(([k, t]) => [k, ns(t)]),
    ),
    topFunctionsNsPerTrial: Object.fromEntries(
      [...byFunction]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 15)
        .map(([k, t]) => [k, ns(t)]),
    ),
  };
};

export const bench = async (): Promise<Record<string, unknown>> => {
  const esbuild = createRequire(import.meta.url)('esbuild') as {
    buildSync(o: Record<string, unknown>): unknown;
  };
  const dir = mkdtempSync(join(tmpdir(), 'parley-profile-'));
  try {
    const bundle = join(dir, 'profile.mjs');
    esbuild.buildSync({
      stdin: { contents: ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'profile-entry.ts' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      outfile: bundle,
      logLevel: 'silent',
      banner: {
        js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
      },
    });
    const lines = readFileSync(bundle, 'utf8').split('\n');
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    return {
      note: 'in-context sampling profile of runScenario (one thread); component ns = share of profiled CPU × unprofiled CPU ns/trial',
      oneRound: profileOnce(bundle, lines, 1, 400_000),
      rounds24: profileOnce(bundle, lines, 24, 40_000),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
