// Which scenarios class play can run. Class play seats students at tables and asks each of them for one strategy
// per round, resolved as the round's simultaneous game. A scenario whose round is a sequential game tree (every
// actor observes the earlier moves: the engine plays it by backward induction, models/engine/TreeRoundPlayer.ts)
// would be resolved as a different game than the one it describes, so starting a session on it is refused up front
// (the app's ClassHost and Class… button, `parley class`, and ClassSession itself). A tree in which nobody observes
// anything is a simultaneous round and is played as usual.
import type { TreeRoundOf } from '../scenario/RuntimeModel';

/** The one-line refusal for a sequential (tree) round. */
export const TREE_CLASS_PLAY_REFUSAL =
  'Class play does not play sequential games yet: this scenario’s round is a game tree (actors move in turn); explore it on the Tree tab, or start a class session on a scenario whose actors move at once.';

/** Why class play cannot run this scenario (one line), or null when it can. */
export const classPlayRefusal = (model: {
  readonly tree?: Pick<TreeRoundOf<unknown>, 'shape'>;
}): string | null => (model.tree?.shape === 'perfect' ? TREE_CLASS_PLAY_REFUSAL : null);
