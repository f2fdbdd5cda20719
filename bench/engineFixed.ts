// `npm run bench -- engineFixed`: the engine's fixed cost per run against its cost per trial. runScenario (in
// process, korea-2025) is timed at several trial counts for one round and for 24 rounds, and T(n) = a + b·n is fitted
// by least squares to the fastest of `reps` runs at each n (the fastest: on a shared machine, load only ever adds
// time), so a is what a run costs whatever its size (job, executor, tables, summary) and b the cost per trial. Note
// that 24 rounds keep exact per-round bands up to 27,777 trials (EXACT_VALUE_BUDGET) and sketch them beyond, so b
// there is a mix of the two regimes.
import { createInProcessRunner } from '../models/engine/InProcessRunner';
import { runScenario } from '../models/engine/runScenario';
import { loadBuiltin } from '../models/scenario/builtins';

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Least-squares a + b·x. */
const fit = (rows: readonly (readonly [number, number])[]): { a: number; b: number } => {
  const n = rows.length;
  const sx = rows.reduce((s, [x]) => s + x, 0);
  const sy = rows.reduce((s, [, y]) => s + y, 0);
  const sxx = rows.reduce((s, [x]) => s + x * x, 0);
  const sxy = rows.reduce((s, [x, y]) => s + x * y, 0);
  const b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return { a: (sy - b * sx) / n, b };
};

const r3 = (x: number): number => Number(x.toPrecision(3));

export const bench = async (): Promise<Record<string, unknown>> => {
  const { spec } = loadBuiltin('korea-2025');
  const runner = createInProcessRunner();
  const out: Record<string, unknown> = {
    note: 'T(n) = a + b·n fitted to the fastest CPU time of `reps` runs per trial count (runScenario in process, korea-2025)',
  };
  for (const [name, rounds, counts, reps] of [
    ['oneRound', 1, [1000, 3000, 10_000, 30_000, 100_000], 5],
    ['rounds24', 24, [1000, 3000, 10_000, 30_000], 3],
  ] as const) {
    await runScenario(runner, spec, { seed: 'warm', trials: 20_000, rounds });
    const rows: [number, number][] = [];
    const cpu: Record<string, number> = {};
    for (const n of counts) {
      let best = Infinity;
      for (let k = 0; k < reps; k++) {
        const c0 = cpuMs();
        await runScenario(runner, spec, { seed: k, trials: n, rounds });
        best = Math.min(best, cpuMs() - c0);
      }
      rows.push([n, best]);
      cpu[String(n)] = r3(best);
    }
    const { a, b } = fit(rows);
    out[name] = { reps, fastestCpuMsByTrials: cpu, fixedMsPerRun: r3(a), nsPerTrial: Math.round(b * 1e6) };
  }
  return out;
};
