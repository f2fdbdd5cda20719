// Where a tree round's proper subgames start (Selten 1965), as levels of its play order: the one rule the compiler
// (compileTree: the segments and their size limit) and the engine (TreeRoundPlayer: the segments it solves) use.
//
// In a tree round every node of a level has the same mover, and a mover's information set is fixed by the actions
// taken at the moves it observes. A node at level k roots a proper subgame iff no information set of a mover at level
// k or later holds nodes of two different level-k subtrees, i.e. iff every actor moving at level k or later observes
// every move before level k that has more than one action (a move with one action splits nothing). Chance moves have
// no information sets and bound nothing. So either every node of level k roots a subgame or none does; the rule is
// checked against the general subgameRoots (models/games/extensive/subgameRoots.ts) on the round's GameTree in
// tests/models/engine/treeRoundImperfect.test.ts.
import type { TreeMoveOf } from './RuntimeModel';

/**
 * The levels k (0 ≤ k < playOrder.length, ascending, always starting with 0) whose nodes root proper subgames.
 * `branches[m]`: the number of actions (strategies or outcomes) of move m (file index). O(levels² × observed).
 */
export const subgameLevels = <F>(
  moves: readonly TreeMoveOf<F>[],
  playOrder: readonly number[],
  branches: readonly number[],
): number[] => {
  const K = playOrder.length;
  const levels: number[] = [];
  for (let k = 0; k < K; k++) {
    let root = true;
    for (let j = k; j < K && root; j++) {
      const m = moves[playOrder[j] as number];
      if (!m || m.kind !== 'actor') continue;
      for (let i = 0; i < k && root; i++) {
        const before = playOrder[i] as number;
        if ((branches[before] as number) > 1 && !m.observes.includes(before)) root = false;
      }
    }
    if (root) levels.push(k);
  }
  return levels;
};
