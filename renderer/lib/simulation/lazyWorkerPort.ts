// The app's SimulationPort: loads the engine adapter (and so the Web Worker pool) on first use, off the first paint.
import type { SimulationPort } from '../state/SimulationPort';

export const lazyWorkerPort = (): SimulationPort => {
  let loading: Promise<SimulationPort> | null = null;
  const get = (): Promise<SimulationPort> =>
    (loading ??= import('./engineSimulationPort').then((m) => m.engineSimulationPort()));
  return {
    run: async (...a) => (await get()).run(...a),
    estimate: async (...a) => (await get()).estimate(...a),
    replay: async (...a) => (await get()).replay(...a),
    sweep: async (...a) => (await get()).sweep(...a),
    compare: async (...a) => (await get()).compare(...a),
    sensitivity: async (...a) => (await get()).sensitivity(...a),
    perTrialCsv: (...a) => ({
      async *[Symbol.asyncIterator]() {
        yield* (await get()).perTrialCsv(...a);
      },
    }),
    summaryCsv: async (...a) => (await get()).summaryCsv(...a),
    sweepCsv: async (...a) => (await get()).sweepCsv(...a),
    compareCsv: async (...a) => (await get()).compareCsv(...a),
    sensitivityCsv: async (...a) => (await get()).sensitivityCsv(...a),
    metadataJson: async (...a) => (await get()).metadataJson(...a),
  };
};
