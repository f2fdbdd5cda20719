// Perfect recall (Kuhn 1953): every player remembers everything it knew and did. Checked as in Gambit
// (GameTreeRep::IsPerfectRecall): all nodes of an information set have the same last own move of its player
// (equivalently, the same sequence of own moves, von Stengel 1996), which also excludes absent-mindedness.
import { describeNode, type DecisionNode, type GameTree, type TreeNode } from './GameTree';
import { TreeError } from './TreeError';

export type PerfectRecallViolation = {
  /** 0-based player index. */
  readonly player: number;
  /** Index into tree.infosets[player]. */
  readonly infoset: number;
  /** Two member nodes whose own histories differ. */
  readonly nodes: readonly [number, number];
  /** What was forgotten, in words (player, information set, both nodes, both last moves). */
  readonly message: string;
};

/**
 * The last own move of each player at each node: lastMove[player][node] = -1 (none yet) or the node index of the
 * player's last own decision node above `node` (its information set and action follow from the tree).
 */
const lastMoves = (tree: GameTree): Int32Array[] => {
  const out = tree.players.map(() => new Int32Array(tree.nodes.length).fill(-1));
  const lastAction = tree.players.map(() => new Int32Array(tree.nodes.length).fill(-1));
  for (let n = 1; n < tree.nodes.length; n++) {
    const node = tree.nodes[n] as TreeNode;
    const parent = tree.nodes[node.parent] as TreeNode;
    tree.players.forEach((_, p) => {
      const lm = out[p] as Int32Array;
      const la = lastAction[p] as Int32Array;
      if (parent.kind === 'decision' && parent.player === p) {
        lm[n] = node.parent;
        la[n] = node.action;
      } else {
        lm[n] = lm[node.parent] as number;
        la[n] = la[node.parent] as number;
      }
    });
  }
  // Encode (node of the last move, action) as one number: node * width + action.
  const width = 1 + Math.max(1, ...tree.nodes.map((nd) => (nd.kind === 'terminal' ? 0 : nd.children.length)));
  return out
    .map((lm, p) => lm.map((m, n) => (m < 0 ? -1 : m * width + ((lastAction[p] as Int32Array)[n] as number))))
    .map((arr) => Int32Array.from(arr));
};

/** null when the tree has perfect recall, else the first violation found (players, then information sets in order). */
export const perfectRecallViolation = (tree: GameTree): PerfectRecallViolation | null => {
  const width = 1 + Math.max(1, ...tree.nodes.map((nd) => (nd.kind === 'terminal' ? 0 : nd.children.length)));
  const moves = lastMoves(tree);
  for (let p = 0; p < tree.players.length; p++) {
    const lm = moves[p] as Int32Array;
    const sets = tree.infosets[p] ?? [];
    for (let k = 0; k < sets.length; k++) {
      const set = sets[k];
      if (!set) continue;
      const first = set.nodes[0] as number;
      for (const h of set.nodes) {
        // Compare the information set and action of the last own move (not the node: two nodes of one earlier
        // information set are the same move).
        const a = lm[first] as number;
        const b = lm[h] as number;
        const keyOf = (code: number): string => {
          if (code < 0) return 'none';
          const node = tree.nodes[Math.floor(code / width)] as DecisionNode;
          return `${node.infoset}:${code % width}`;
        };
        if (keyOf(a) === keyOf(b)) continue;
        return {
          player: p,
          infoset: k,
          nodes: [first, h],
          message: describeViolation(tree, p, k, first, h, a, b, width),
        };
      }
    }
  }
  return null;
};

const describeViolation = (
  tree: GameTree,
  p: number,
  k: number,
  first: number,
  h: number,
  a: number,
  b: number,
  width: number,
): string => {
  const set = tree.infosets[p]?.[k];
  const setText = `information set ${set?.number ?? k + 1}${set?.label ? ` ("${set.label}")` : ''}`;
  const move = (code: number): string => {
    if (code < 0) return 'it had not moved yet';
    const node = tree.nodes[Math.floor(code / width)] as DecisionNode;
    const s = tree.infosets[p]?.[node.infoset];
    return `its last own move was "${s?.actions[code % width] ?? '?'}" at information set ${s?.number ?? node.infoset + 1}`;
  };
  const isAncestor = (x: number, y: number): boolean => {
    let at = y;
    while (at > x) at = (tree.nodes[at] as TreeNode).parent;
    return at === x;
  };
  let what: string;
  if (isAncestor(first, h) || isAncestor(h, first)) {
    what = `the player is absent-minded: one node of the information set follows another`;
  } else if (a >= 0 && b >= 0) {
    const na = tree.nodes[Math.floor(a / width)] as DecisionNode;
    const nb = tree.nodes[Math.floor(b / width)] as DecisionNode;
    what =
      na.infoset === nb.infoset
        ? `the player forgets which action it took at information set ${tree.infosets[p]?.[na.infoset]?.number ?? na.infoset + 1}`
        : `the player forgets which of its information sets it moved at before`;
  } else {
    what = `the player forgets whether it has already moved`;
  }
  return `perfect recall fails for player "${tree.players[p]}" (${p + 1}), ${setText}: at node ${describeNode(tree, first)} ${move(a)}, at node ${describeNode(tree, h)} ${move(b)} (${what})`;
};

/** Throw a TreeError (`<method> needs perfect recall: …`) unless the tree has perfect recall. */
export const requirePerfectRecall = (tree: GameTree, method: string): void => {
  const v = perfectRecallViolation(tree);
  if (v) throw new TreeError(`${method} needs a game with perfect recall; ${v.message}`);
};
