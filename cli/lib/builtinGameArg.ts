// A CLI game argument that names a built-in classic game tree (models/scenario/builtinGames.ts), as `validate`
// and the scenario commands treat built-in scenario ids: a path-looking argument is always a file.
import { builtinGame, type BuiltinGame } from '../../models/scenario/builtinGames';

/** The built-in game `arg` names, or undefined (a path-looking argument — a `/`, `\` or file extension — never does). */
export const builtinGameArg = (arg: string): BuiltinGame | undefined =>
  /[\\/]|\.(efg|nfg|json)$/i.test(arg) ? undefined : builtinGame(arg);
