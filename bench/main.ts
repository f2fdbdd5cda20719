// `npm run bench`: prints one JSON document with every benchmark's figures (measured, never asserted).
// Each bench/<area>.ts exports `bench(): Promise<Record<string, unknown>>`. Pass area names to run a subset.
import { cpus, totalmem } from 'node:os';

const AREAS: Record<string, () => Promise<{ bench: () => Promise<Record<string, unknown>> }>> = {
  games: () => import('./games'),
  formula: () => import('./formula'),
  engine: () => import('./engine'),
  /** Only the engine/baseline ratios of `engine` (one round, 24 rounds): the quick measure while working. */
  engineRatio: () => import('./engine').then((m) => ({ bench: m.benchRatios })),
  /** 200 scripted WebSocket students: Reveal → round result latency (p95, max). */
  class: () => import('./classLoad'),
  engineProfile: () => import('./engineProfile'),
  /** runScenario's fixed cost per run and cost per trial: T(n) = a + b·n at 1 and 24 rounds. */
  engineFixed: () => import('./engineFixed'),
  cli: () => import('./cli'),
  /** korea-2025-sequential (tree rounds): 100,000 trials × 24 rounds on 2 workers. */
  tree: () => import('./treeRounds'),
};

const selected = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = selected.length ? selected : Object.keys(AREAS);
const results: Record<string, unknown> = {
  machine: {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '?',
    memGiB: totalmem() / 2 ** 30,
  },
  startedAt: new Date().toISOString(),
};
for (const name of names) {
  const load = AREAS[name];
  if (!load) {
    process.stderr.write(`bench: unknown area "${name}" (known: ${Object.keys(AREAS).join(', ')})\n`);
    process.exitCode = 2;
    continue;
  }
  process.stderr.write(`bench: ${name}...\n`);
  results[name] = await (await load()).bench();
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
