// The scenario check the renderer runs off its main thread (check.worker.ts; inline where there is no Worker):
// parse, validate and compile once to catch every problem. Its answer crosses to the page, so it carries only what
// the page uses and in the form that crosses cheaply: the spec as JSON text (a string is copied, not walked: the
// structured clone of a 5 MB spec's object graph blocked the page for hundreds of ms, and the same text is what
// the page hands on to the engine's workers, in a Blob made by check.worker.ts), never the parsed scenario (unused by the page). A spec that JSON
// would not carry faithfully (a non-finite number, −0, a hole) crosses as an object instead.
import { parseScenario } from '../../../models/scenario/parseScenario';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import type { Issue } from './ModelService';
import { jsonFaithful } from '../util/jsonFaithful';

export type CheckWire =
  | {
      readonly ok: true;
      /** JSON.stringify(spec) when JSON carries the spec faithfully (`jsonFaithful`), else null. */
      readonly specText: string | null;
      /** The spec itself, only when `specText` is null. */
      readonly spec: ModelSpec | null;
      /** `specText` in a Blob (made by the check worker: the engine's workers get this handle, not a copy). */
      readonly specBlob?: Blob | null;
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
    return jsonFaithful(r.spec)
      ? { ok: true, specText: JSON.stringify(r.spec), spec: null, warnings: r.warnings }
      : { ok: true, specText: null, spec: r.spec, warnings: r.warnings };
  } catch (e) {
    return { ok: false, issues: [{ path: '', message: e instanceof Error ? e.message : String(e) }] };
  }
};
