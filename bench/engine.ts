// `npm run bench -- engine`: the Monte Carlo engine on korea-2025 against an INDEPENDENT hand-written baseline
// (bench/baseline/korea2025Baseline.ts: its own PRNG, samplers and rank correlation, nothing from models/; agreement
// proven by tests/bench/korea2025Baseline.test.ts), for one round (July) and for the scenario's 24 rounds; the
// engine's throughput on worker threads; and the peak resident memory of a 1,000,000-trial run streaming its
// per-trial CSV (measured in a child process).
//
// Ratios are engine speed as a fraction of the baseline's (baseline time / engine time: 1 = as fast, the issue's
// target is ≥ 0.5), by process CPU time (process.cpuUsage: the steadier measure on a shared machine) and by wall
// clock, each the MEDIAN over interleaved pairs (engine, baseline, engine, baseline, …): on a shared machine the
// load changes between runs, and a baseline measured at one moment against an engine measured at another would
// mostly measure that change. The engine runs in process on this thread (runScenario, InProcessRunner).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createNodeRunner } from '../cli/lib/NodeWorkerRunner';
import { createInProcessRunner } from '../models/engine/InProcessRunner';
import type { Runner } from '../models/engine/Runner';
import { runScenario } from '../models/engine/runScenario';
import { loadBuiltin } from '../models/scenario/builtins';
import type { ModelSpec } from '../models/scenario/RuntimeModel';
import { runKoreaBaseline } from './baseline/korea2025Baseline';

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** CPU and wall seconds of f. */
const measure = async (f: () => unknown): Promise<{ cpu: number; wall: number }> => {
  const c0 = cpuSeconds();
  const t0 = performance.now();
  await f();
  return { cpu: cpuSeconds() - c0, wall: (performance.now() - t0) / 1000 };
};

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const r3 = (x: number): number => Number(x.toPrecision(3));

/** Interleaved (engine, baseline) pairs on `rounds` rounds; medians of the per-pair ratios. */
export const engineVsBaseline = async (
  spec: ModelSpec,
  rounds: number,
  trials: number,
  pairs: number,
): Promise<Record<string, unknown>> => {
  const runner = createInProcessRunner();
  // warm-up (JIT, tables)
  await runScenario(runner, spec, { seed: 'warm', trials: Math.min(trials, 20_000), rounds });
  runKoreaBaseline({ trials: Math.min(trials, 20_000), rounds, seed: 1 });
  const rows: { e: { cpu: number; wall: number }; b: { cpu: number; wall: number } }[] = [];
  for (let k = 0; k < pairs; k++) {
    const e = await measure(() => runScenario(runner, spec, { seed: k, trials, rounds }));
    const b = await measure(() => runKoreaBaseline({ trials, rounds, seed: k }));
    rows.push({ e, b });
  }
  const ns = (s: number): number => Math.round((s * 1e9) / trials);
  return {
    trialsPerRun: trials,
    pairs,
    ratioCpu: r3(median(rows.map((r) => r.b.cpu / r.e.cpu))),
    ratioWall: r3(median(rows.map((r) => r.b.wall / r.e.wall))),
    ratioCpuPairs: rows.map((r) => r3(r.b.cpu / r.e.cpu)),
    engineCpuNsPerTrial: ns(median(rows.map((r) => r.e.cpu))),
    baselineCpuNsPerTrial: ns(median(rows.map((r) => r.b.cpu))),
    engineWallNsPerTrial: ns(median(rows.map((r) => r.e.wall))),
    baselineWallNsPerTrial: ns(median(rows.map((r) => r.b.wall))),
  };
};

/** Trials per second of runScenario on a runner (best of `reps`, after a warm-up run). */
const engineRate = async (
  runner: Runner,
  spec: ModelSpec,
  trials: number,
  rounds: number,
  reps = 2,
): Promise<number> => {
  await runScenario(runner, spec, { seed: 'warm', trials: Math.min(trials, 20_000), rounds });
  let best = Infinity;
  for (let r = 0; r < reps; r++)
    best = Math.min(best, (await measure(() => runScenario(runner, spec, { seed: r, trials, rounds }))).wall);
  return trials / best;
};

/** Peak RSS (MB) of a child process running `run --trials 1000000 --rounds 1 --out file.csv`. */
const csvPeakRss = async (
  workers: number,
): Promise<{ peakRssMB: number; seconds: number; csvMB: number }> => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const out = join(dir, 'trials.csv');
  const main = resolve(import.meta.dirname, '../cli/main.ts');
  const code = `
    const { main } = await import(${JSON.stringify(main)});
    const code = await main(['run', 'korea-2025', '--trials', '1000000', '--rounds', '1', '--seed', '1', '--workers', '${workers}', '--out', ${JSON.stringify(out)}, '--format', 'json'],
      { stdout: () => {}, stderr: (t) => process.stderr.write(t), isTTY: false, cwd: process.cwd() });
    process.stdout.write(JSON.stringify({ code, maxRSS: process.resourceUsage().maxRSS }));`;
  const t0 = performance.now();
  const text = await new Promise<string>((res, rej) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let s = '';
    child.stdout.on('data', (d: Buffer) => (s += d.toString()));
    child.on('exit', (c) => (c === 0 ? res(s) : rej(new Error(`child exited ${c}`))));
  });
  const seconds = (performance.now() - t0) / 1000;
  const r = JSON.parse(text) as { code: number; maxRSS: number };
  if (r.code !== 0) throw new Error(`the 1M-trial CSV run failed (exit ${r.code})`);
  const csvMB = statSync(out).size / 2 ** 20;
  rmSync(dir, { recursive: true, force: true });
  return { peakRssMB: r.maxRSS / 1024, seconds, csvMB };
};

/** `npm run bench -- engineRatio`: only the two engine/baseline ratios (one round, 24 rounds), on this thread. */
export const benchRatios = async (): Promise<Record<string, unknown>> => {
  const { spec } = loadBuiltin('korea-2025');
  return {
    cores: availableParallelism(),
    loadAverage1mAtStart: Number((loadavg()[0] ?? 0).toFixed(2)),
    baseline:
      'bench/baseline/korea2025Baseline.ts: hand-written, imports nothing from models/ (xoshiro128**, Acklam normal quantile, own beta table, Gaussian copula); ratio = baseline time / engine time (target ≥ 0.5)',
    oneRound: await engineVsBaseline(spec, 1, 200_000, 7),
    rounds24: await engineVsBaseline(spec, 24, 30_000, 7),
    loadAverage1mAtEnd: Number((loadavg()[0] ?? 0).toFixed(2)),
  };
};

export const bench = async (): Promise<Record<string, unknown>> => {
  const { spec } = loadBuiltin('korea-2025');
  const cores = availableParallelism();
  const out: Record<string, unknown> = await benchRatios();
  const one = createNodeRunner({ workers: 1 });
  const all = createNodeRunner({ workers: cores });
  try {
    out.workers = {
      oneRound1WorkerTrialsPerSec: Math.round(await engineRate(one, spec, 300_000, 1)),
      oneRoundAllCoresTrialsPerSec: Math.round(await engineRate(all, spec, 300_000, 1)),
      rounds24_1WorkerTrialsPerSec: Math.round(await engineRate(one, spec, 50_000, 24, 1)),
      rounds24AllCoresTrialsPerSec: Math.round(await engineRate(all, spec, 100_000, 24, 1)),
      seconds100kTrials24RoundsAllCores: r3(
        (await measure(() => runScenario(all, spec, { seed: 'timed', trials: 100_000 }))).wall,
      ),
      target: '100,000 trials × 24 rounds < 2 s on 2 cores',
    };
  } finally {
    await one.close();
    await all.close();
  }
  out.csv1MTrials = { ...(await csvPeakRss(cores)), target: '< 300 MB resident' };
  return out;
};
