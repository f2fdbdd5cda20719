// PLACEHOLDER until the engine's browser runner lands (renderer/lib/engine).
import type { SimulationPort } from './SimulationPort';

export const engineSimulationPort = (): SimulationPort => {
  throw new Error('The simulation engine is not available yet.');
};
