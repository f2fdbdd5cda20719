// Resolve a CLI scenario argument (a built-in id or a path to a .parley.json/.json file) to a validated scenario
// and its compiled ModelSpec. Bad input → CliError with one line (the first problem and how many more).
import { INPUT_LIMITS } from '../../models/text/inputLimits';
import { resolve } from 'node:path';
import { suggestion } from '../../models/formula/didYouMean';
import { BUILTIN_FILES, isBuiltin, loadBuiltin } from '../../models/scenario/builtins';
import { parseScenario } from '../../models/scenario/parseScenario';
import type { ModelSpec } from '../../models/scenario/RuntimeModel';
import type { Scenario } from '../../models/scenario/scenarioSchema';
import { CliError } from './Command';
import { readTextFile, TextFileError } from '../../node/files/readTextFile';
import { builtinGames } from '../../models/scenario/builtinGames';
import { builtinGameArg } from './builtinGameArg';

export type ResolvedScenario = {
  readonly scenario: Scenario;
  readonly spec: ModelSpec;
  /** "builtin:<id>" or the absolute file path. */
  readonly source: string;
};

const looksLikePath = (arg: string): boolean => /[\\/]|\.json$/i.test(arg);

/** Largest scenario file read from disk (bytes; models/text/inputLimits.ts); parseScenario limits the text too. */
export const MAX_SCENARIO_BYTES = INPUT_LIMITS.scenarioFileBytes;

export const resolveScenario = async (arg: string, cwd: string): Promise<ResolvedScenario> => {
  if (!arg) throw new CliError('missing scenario: give a built-in id (see `list`) or a .parley.json file');
  if (!looksLikePath(arg) && isBuiltin(arg)) {
    const { scenario, spec } = loadBuiltin(arg);
    return { scenario, spec, source: `builtin:${arg}` };
  }
  const path = resolve(cwd, arg);
  let text: string;
  try {
    text = await readTextFile(path, { maxBytes: MAX_SCENARIO_BYTES, shown: arg });
  } catch (err) {
    if (err instanceof TextFileError && err.code === 'ENOENT' && !looksLikePath(arg)) {
      if (builtinGameArg(arg)) {
        throw new CliError(
          `"${arg}" is a built-in game tree, not a scenario: use \`solve ${arg}\` or \`show ${arg}\` (see \`list\`)`,
        );
      }
      throw new CliError(
        `unknown scenario "${arg}"${suggestion(arg, [...Object.keys(BUILTIN_FILES), ...builtinGames.map((g) => g.id)])} (not a built-in id and no such file; see \`list\`)`,
      );
    }
    throw err;
  }
  const r = parseScenario(text, path);
  if (!r.ok) {
    const first = r.issues[0];
    const more =
      r.issues.length > 1
        ? ` (and ${r.issues.length - 1} more problem${r.issues.length > 2 ? 's' : ''}; run \`validate ${arg}\`)`
        : '';
    throw new CliError(
      `${arg}: ${first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid'}${more}`,
    );
  }
  return { scenario: r.scenario, spec: r.spec, source: path };
};
