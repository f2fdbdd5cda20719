// The built-in scenario library: the files (builtinFiles.ts) loaded, validated and compiled on demand.
// Validation/compilation uses mathjs (compile step only).
import type { ModelSpec } from './RuntimeModel';
import { parseScenarioValue } from './parseScenario';
import type { Scenario } from './scenarioSchema';
import { BUILTIN_FILES, isBuiltin } from './builtinFiles';

export {
  BUILTIN_FILES,
  DEFAULT_SCENARIO_ID,
  builtinText,
  isBuiltin,
  listBuiltins,
  type BuiltinInfo,
} from './builtinFiles';

const cache = new Map<string, { scenario: Scenario; spec: ModelSpec }>();

/** Load, validate and compile a built-in by id. Throws Error for an unknown id (built-ins are tested valid). */
export const loadBuiltin = (id: string): { scenario: Scenario; spec: ModelSpec } => {
  const hit = cache.get(id);
  if (hit) return hit;
  if (!isBuiltin(id)) {
    const known = Object.keys(BUILTIN_FILES);
    throw new Error(`unknown built-in scenario "${id}" (built-ins: ${known.join(', ')})`);
  }
  const r = parseScenarioValue(BUILTIN_FILES[id], `${id}.parley.json`);
  if (!r.ok) {
    throw new Error(
      `built-in scenario "${id}" is invalid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  }
  const out = { scenario: r.scenario, spec: r.spec };
  cache.set(id, out);
  return out;
};
