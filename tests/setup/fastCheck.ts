// Property tests explore fresh random inputs on a developer's machine; CI pins fast-check's seed so that a
// submission's result does not depend on luck. Reproduce or vary a run with FC_SEED=<n> npm test.
import fc from 'fast-check';

const seed = process.env.FC_SEED ?? (process.env.CI ? '20251129' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
