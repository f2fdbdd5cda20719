// THE staleness rule, for every result on screen (run, replay, live estimate, sweep, compare, sensitivity, game
// analysis, presentation): a result is stale when its provenance's inputs (scenario content, parameter values) no
// longer match the document's. Stale results stay visible with a banner saying what changed, and their exports
// carry their own provenance (never the current document's). A REPLACED document clears every result instead
// (ResultsState), so a new or opened scenario never shows another scenario's results.
import { describeChange, type Provenance } from '../../../models/engine/Provenance';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import { overridesFor } from './RunSettingsState.svelte';

/** What changed since `p` was computed, in words, or null when it still matches the document. */
export const changeSince = (
  p: Pick<Provenance, 'scenario' | 'overrides'> | null | undefined,
  spec: ModelSpec | null,
  paramValues: Readonly<Record<string, number>>,
): string | null => {
  if (!p) return null;
  if (!spec) return 'the scenario now has errors: this result is from its last valid version';
  return describeChange(p, {
    scenario: spec,
    overrides: overridesFor(spec, paramValues),
    labels: Object.fromEntries(spec.params.map((q) => [q.id, q.label])),
  });
};
