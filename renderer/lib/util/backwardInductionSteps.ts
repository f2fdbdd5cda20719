// The order in which backward induction settles a tree's information sets, for presentation mode's walk: the
// deepest layer first (a set is settled only after every set below it), top to bottom within a layer. Sets a
// profile leaves unspecified (zero rows: never reached by their player's own choices) are skipped.
import type { GameTree, TreeNode } from '../../../models/games/extensive/GameTree';
import type { TreeLayout } from './treeLayout';

export type InductionStep = { readonly player: number; readonly infoset: number };

/**
 * The steps of the walk: each player information set of the layout once, deepest layer first, then by row of its
 * topmost member; `specified(player, infoset)` false skips a set.
 */
export const backwardInductionSteps = (
  layout: TreeLayout,
  specified: (player: number, infoset: number) => boolean = () => true,
): InductionStep[] => {
  const sets = new Map<string, { step: InductionStep; layer: number; row: number }>();
  for (const n of layout.nodes) {
    if (n.kind !== 'decision') continue;
    const key = `${n.player}:${n.infoset}`;
    const seen = sets.get(key);
    if (!seen) sets.set(key, { step: { player: n.player, infoset: n.infoset }, layer: n.layer, row: n.row });
    else sets.set(key, { ...seen, layer: Math.max(seen.layer, n.layer), row: Math.min(seen.row, n.row) });
  }
  return [...sets.values()]
    .filter((s) => specified(s.step.player, s.step.infoset))
    .sort((a, b) => b.layer - a.layer || a.row - b.row)
    .map((s) => s.step);
};

/**
 * For each node, the walk step from which its value is known: every information set in its subtree (itself
 * included) settled, and at least step 1 (so the first key press starts the induction). Terminal nodes: 0. A node
 * whose subtree holds a set that is not a step (unspecified) never gets one (Infinity).
 */
export const valueSteps = (tree: GameTree, steps: readonly InductionStep[]): number[] => {
  const at = new Map<string, number>();
  steps.forEach((s, k) => at.set(`${s.player}:${s.infoset}`, k + 1));
  const out = new Array<number>(tree.nodes.length).fill(0);
  for (let i = tree.nodes.length - 1; i >= 0; i--) {
    const node = tree.nodes[i] as TreeNode;
    if (node.kind === 'terminal') continue;
    let need = node.kind === 'decision' ? (at.get(`${node.player}:${node.infoset}`) ?? Infinity) : 1;
    for (const c of node.children) need = Math.max(need, out[c] as number);
    out[i] = need;
  }
  return out;
};
