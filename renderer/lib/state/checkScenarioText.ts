// The scenario check the renderer runs off its main thread (check.worker.ts; inline where there is no Worker):
// parse, validate and compile once to catch every problem. Its answer is structured-clonable (the spec, never the
// compiled functions): the main thread instantiates the spec itself (linear, mathjs-free) to get a RuntimeModel.
import { parseScenario } from '../../../models/scenario/parseScenario';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import type { Issue } from './ModelService';

export type CheckWire =
  | {
      readonly ok: true;
      readonly scenario: unknown;
      readonly spec: ModelSpec;
      readonly warnings: readonly Issue[];
    }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** Parse, validate and compile `text`: every problem at once with its JSON path; never throws. */
export const checkScenarioText = (text: string, fileName: string): CheckWire => {
  try {
    const r = parseScenario(text, fileName);
    if (!r.ok) return { ok: false, issues: r.issues };
    // compile once here so a formula the compiler refuses is reported by the check, not by the main thread
    instantiateModel(r.spec, { backend: 'closure' });
    return { ok: true, scenario: r.scenario, spec: r.spec, warnings: r.warnings };
  } catch (e) {
    return { ok: false, issues: [{ path: '', message: e instanceof Error ? e.message : String(e) }] };
  }
};
