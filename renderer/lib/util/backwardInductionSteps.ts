// The order in which backward induction settles a tree's information sets, for presentation mode's walk: the
// deepest layer first (a set is settled only after every set below it), top to bottom within a layer. Sets a
// profile leaves unspecified (zero rows: never reached by their player's own choices) are skipped.
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
