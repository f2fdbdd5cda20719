// The current scenario format tag, on its own so that code which only needs the tag (the renderer's new document
// and save, migrate.ts) does not load zod.
export const SCENARIO_FORMAT = 'parley.scenario/2';
