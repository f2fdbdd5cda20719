// Size limits of scenario text, in a module of their own so that code needing only the numbers (the IPC contract in
// the sandboxed preload, request schemas) does not pull in the parser and mathjs.

/** Largest file accepted (bytes of text). */
export const MAX_SCENARIO_TEXT = 5_000_000;
