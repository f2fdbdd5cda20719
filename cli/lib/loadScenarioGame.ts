// A scenario argument + `--set` values → the one-round strategic-form game (for `show` and `solve`).
import { suggestion } from '../../models/formula/didYouMean';
import type { Game } from '../../models/games/Game';
import { instantiateModel } from '../../models/scenario/instantiateModel';
import { reduceToGame } from '../../models/scenario/reduceToGame';
import type { ModelSpec } from '../../models/scenario/RuntimeModel';
import { checkRanges } from './checkRanges';
import { CliError, type CliIo } from './Command';
import { parseAssignments } from './args';
import { resolveScenario } from './resolveScenario';

/**
 * parseAssignments for `--set`, refusing "__proto__" (which a plain record would silently swallow, so the
 * value would be lost without a word).
 */
export const parseSets = (values: readonly string[]): Record<string, number> => {
  for (const v of values) {
    if (/^__proto__=/.test(v)) throw new CliError('--set __proto__: unknown parameter "__proto__"');
  }
  return parseAssignments(values);
};

/**
 * Check `--set` names against the scenario's parameters (did-you-mean) and values against their ranges (refused
 * outside, unless `range.allow`: --allow-outside-range).
 */
export const checkAssignments = (
  spec: ModelSpec,
  sets: Readonly<Record<string, number>>,
  range: { readonly io: CliIo; readonly name: string; readonly allow: boolean } | null = null,
): void => {
  const ids = spec.params.map((p) => p.id);
  for (const [name, value] of Object.entries(sets)) {
    const p = spec.params.find((q) => q.id === name);
    if (!p) {
      const known = ids.length ? ` (parameters: ${ids.join(', ')})` : ' (it has no parameters)';
      throw new CliError(
        `--set ${name}: unknown parameter "${name}"${suggestion(name, ids)}${suggestion(name, ids) ? '' : known}`,
      );
    }
    if (!Number.isFinite(value)) throw new CliError(`--set ${name}: must be a finite number`);
  }
  if (range) checkRanges(range.io, range.name, spec, sets, (id, v) => `--set ${id}=${v}`, range.allow);
};

export const loadScenarioGame = async (
  arg: string,
  cwd: string,
  sets: Record<string, number>,
  range: { readonly io: CliIo; readonly name: string; readonly allow: boolean } | null = null,
): Promise<Game> => {
  const { spec } = await resolveScenario(arg, cwd);
  checkAssignments(spec, sets, range);
  try {
    return reduceToGame(instantiateModel(spec), { params: sets });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
};
