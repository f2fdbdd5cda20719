// The built-in scenario library: models/library/<id>.parley.json, imported as JSON modules so they load the same
// way in Node, workers and the browser bundle. Validation/compilation uses mathjs (compile step only).
import type { ModelSpec } from './RuntimeModel';
import { parseScenarioValue } from './parseScenario';
import type { Scenario } from './scenarioSchema';
import korea2025 from '../library/korea-2025.parley.json';
import prisonersDilemma from '../library/prisoners-dilemma.parley.json';
import chicken from '../library/chicken.parley.json';
import stagHunt from '../library/stag-hunt.parley.json';
import battleOfTheSexes from '../library/battle-of-the-sexes.parley.json';
import matchingPennies from '../library/matching-pennies.parley.json';
import rockPaperScissors from '../library/rock-paper-scissors.parley.json';
import deadlock from '../library/deadlock.parley.json';
import freezeForFreeze from '../library/freeze-for-freeze.parley.json';

/** Raw built-in files by id, in display order (the first is the default). */
export const BUILTIN_FILES: Readonly<Record<string, unknown>> = {
  'korea-2025': korea2025,
  'prisoners-dilemma': prisonersDilemma,
  chicken: chicken,
  'stag-hunt': stagHunt,
  'battle-of-the-sexes': battleOfTheSexes,
  'matching-pennies': matchingPennies,
  'rock-paper-scissors': rockPaperScissors,
  deadlock: deadlock,
  'freeze-for-freeze': freezeForFreeze,
};

export const DEFAULT_SCENARIO_ID = 'korea-2025';

export type BuiltinInfo = {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly tags: readonly string[];
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** id, title, summary and tags of every built-in (no validation, no mathjs work). */
export const listBuiltins = (): BuiltinInfo[] =>
  Object.entries(BUILTIN_FILES).map(([id, raw]) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    return {
      id,
      title: str(r.title),
      summary: str(r.summary),
      tags: Array.isArray(r.tags) ? r.tags.filter((t): t is string => typeof t === 'string') : [],
    };
  });

/** True when `id` names a built-in scenario. */
export const isBuiltin = (id: string): boolean => Object.prototype.hasOwnProperty.call(BUILTIN_FILES, id);

/** The file text of a built-in (pretty JSON), e.g. for "copy and edit". */
export const builtinText = (id: string): string => {
  if (!isBuiltin(id)) throw new Error(`unknown built-in scenario "${id}"`);
  return `${JSON.stringify(BUILTIN_FILES[id], null, 2)}\n`;
};

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
