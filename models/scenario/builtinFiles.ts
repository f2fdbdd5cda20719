// The built-in scenario files: models/library/<id>.parley.json, imported as JSON modules so they load the same
// way in Node, workers and the browser bundle. Listing them needs no validation: this module imports neither the
// scenario compiler nor mathjs (the CLI's `list` loads only this); builtins.ts loads and compiles them.
import korea2025 from '../library/korea-2025.parley.json';
import korea2025Sequential from '../library/korea-2025-sequential.parley.json';
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
  'korea-2025-sequential': korea2025Sequential,
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
