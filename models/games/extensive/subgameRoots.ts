// Proper subgames (Selten 1965): a non-terminal node whose subtree contains, with each of its nodes, every node of
// that node's information set. Chance information sets carry no information (they only share a distribution) and
// do not bound subgames.
import type { GameTree, TreeNode } from './GameTree';

/** end[n]: one past the last node of n's subtree (nodes are in preorder). */
export const subtreeEnds = (tree: GameTree): Int32Array => {
  const N = tree.nodes.length;
  const end = new Int32Array(N);
  for (let n = N - 1; n >= 0; n--) {
    const node = tree.nodes[n] as TreeNode;
    end[n] =
      node.kind === 'terminal' ? n + 1 : (end[node.children[node.children.length - 1] as number] as number);
  }
  return end;
};

/**
 * The roots of every subgame, in preorder (the root first, when it is not terminal). O(nodes): a node roots a
 * subgame iff every information set met in its subtree has all its members in the subtree.
 */
export const subgameRoots = (tree: GameTree): number[] => {
  const { nodes } = tree;
  const N = nodes.length;
  const end = subtreeEnds(tree);
  const setMin = tree.infosets.map((sets) => sets.map((s) => s.nodes[0] as number));
  const setMax = tree.infosets.map((sets) => sets.map((s) => s.nodes[s.nodes.length - 1] as number));
  const lo = new Int32Array(N).fill(N);
  const hi = new Int32Array(N).fill(-1);
  for (let n = N - 1; n >= 0; n--) {
    const node = nodes[n] as TreeNode;
    if (node.kind === 'terminal') continue;
    let l = N;
    let h = -1;
    if (node.kind === 'decision') {
      l = (setMin[node.player] as number[])[node.infoset] as number;
      h = (setMax[node.player] as number[])[node.infoset] as number;
    }
    for (const c of node.children) {
      l = Math.min(l, lo[c] as number);
      h = Math.max(h, hi[c] as number);
    }
    lo[n] = l;
    hi[n] = h;
  }
  const out: number[] = [];
  for (let n = 0; n < N; n++) {
    const node = nodes[n] as TreeNode;
    if (node.kind !== 'terminal' && (lo[n] as number) >= n && (hi[n] as number) < (end[n] as number))
      out.push(n);
  }
  return out;
};

/** True when every information set has a single node (perfect information; chance moves allowed). */
export const isPerfectInformation = (tree: GameTree): boolean =>
  tree.infosets.every((sets) => sets.every((s) => s.nodes.length === 1));
