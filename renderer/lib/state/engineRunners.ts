// The Runner the UI uses: the engine's Web Worker pool (renderer/lib/simulation; in-process where Worker is missing).
import type { Runner } from '../../../models/engine/Runner';
import { createBrowserRunner } from '../simulation/createBrowserRunner';

export const createRunnerFor = (workers: number): Runner =>
  createBrowserRunner({ workers: Math.max(1, workers) });
