// `npm run bench -- tree`: tree rounds (parley.scenario/2) in the engine — korea-2025-sequential, 100,000 trials ×
// 24 rounds on 2 worker threads (issue 15's figure: under 5 s on 2 cores), the same on this thread, and the
// per-round cost of the float backward induction (TreeRoundPlayer) against korea-2025's simultaneous round, and of
// the subgame decomposition (TreeSegments) on an imperfect-information variant (the alliance does not see Moscow's
// stance: one segment of 2 chance outcomes × 9 × 27 pure-strategy profiles below each of Seoul's 3 offers).
import { createNodeRunner } from '../cli/lib/NodeWorkerRunner';
import { createInProcessRunner } from '../models/engine/InProcessRunner';
import { runScenario } from '../models/engine/runScenario';
import { loadBuiltin } from '../models/scenario/builtins';
import { parseScenarioValue } from '../models/scenario/parseScenario';

const r3 = (x: number): number => Number(x.toPrecision(3));

const wall = async (f: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
};

/** Process CPU seconds (this thread and the worker threads) of f. */
const cpu = async (f: () => Promise<unknown>): Promise<number> => {
  const u0 = process.cpuUsage();
  await f();
  const u = process.cpuUsage(u0);
  return (u.user + u.system) / 1e6;
};

export const bench = async (): Promise<Record<string, unknown>> => {
  const { spec } = loadBuiltin('korea-2025-sequential');
  const simultaneous = loadBuiltin('korea-2025').spec;
  const out: Record<string, unknown> = {
    scenario: 'korea-2025-sequential (4 moves: 3 actors × 3 strategies, 1 chance move; 94 nodes per round)',
  };
  const two = createNodeRunner({ workers: 2 });
  try {
    await runScenario(two, spec, { seed: 'warm', trials: 20_000 });
    const runs: number[] = [];
    const cpus: number[] = [];
    for (let k = 0; k < 3; k++) {
      let w = 0;
      cpus.push(
        await cpu(async () => (w = await wall(() => runScenario(two, spec, { seed: k, trials: 100_000 })))),
      );
      runs.push(w);
    }
    out.seconds100kTrials24Rounds2Workers = runs.map(r3);
    out.best100kTrials24Rounds2Workers = r3(Math.min(...runs));
    // On a shared machine the wall clock measures the load; the CPU time of the run (main + both workers) / 2 is
    // the wall time it would take on 2 idle cores.
    out.cpuSeconds100kTrials24Rounds2Workers = cpus.map(r3);
    out.idle2CoresEstimateSeconds = r3(Math.min(...cpus) / 2);
  } finally {
    await two.close();
  }
  const here = createInProcessRunner();
  await runScenario(here, spec, { seed: 'warm', trials: 5_000 });
  await runScenario(here, simultaneous, { seed: 'warm', trials: 5_000 });
  const { scenario } = loadBuiltin('korea-2025-sequential');
  const parsed = parseScenarioValue({
    ...scenario,
    id: 'korea-hidden-moscow',
    tree: {
      moves: (scenario.tree?.moves ?? []).map((m) =>
        'actor' in m && m.actor === 'ALLIANCE' ? { actor: 'ALLIANCE', observes: ['ROK', 'DPRK'] } : m,
      ),
    },
  });
  if (!parsed.ok) throw new Error('the imperfect-information variant does not compile');
  const hidden = parsed.spec;
  await runScenario(here, hidden, { seed: 'warm', trials: 2_000 });
  const t = 30_000;
  const seq = await wall(() => runScenario(here, spec, { seed: 1, trials: t }));
  const sim = await wall(() => runScenario(here, simultaneous, { seed: 1, trials: t }));
  const th = 5_000;
  const imp = await wall(() => runScenario(here, hidden, { seed: 1, trials: th }));
  out.inProcessNsPerRoundSequential = Math.round((seq * 1e9) / (t * 24));
  out.inProcessNsPerRoundKorea2025 = Math.round((sim * 1e9) / (t * 24));
  out.inProcessNsPerRoundImperfectVariant = Math.round((imp * 1e9) / (th * 24));
  return out;
};
