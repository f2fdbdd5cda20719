/** File base name of a run's exports: `<scenario>-seed<seed>` (safe characters only). */
export const runExportName = (scenarioId: string, seed: number): string =>
  `${scenarioId.replace(/[^A-Za-z0-9._-]+/g, '-') || 'scenario'}-seed${seed}`;
