// Float entry points for the engine: a tree's shape compiled once into typed arrays, then solved per trial with that
// trial's payoffs and chance probabilities, without allocation (hand-written loops: this is the hot path).
import type { GameTree, TreeNode } from './GameTree';
import { TreeBuilder } from './TreeBuilder';

/** The shape of a tree in typed arrays (nodes in preorder, as GameTree). */
export type TreeKernel = {
  readonly tree: GameTree;
  readonly nodeCount: number;
  readonly players: number;
  /** 0 terminal, 1 chance, 2 decision. */
  readonly kind: Int8Array;
  /** Decision nodes: player index; else -1. */
  readonly player: Int32Array;
  /** Decision nodes: flat information-set index (players in order, then their sets); chance: -1. */
  readonly infoset: Int32Array;
  /** Children of node n, in action order: children[childStart[n] + a] for a < childCount[n]. */
  readonly childStart: Int32Array;
  readonly childCount: Int32Array;
  readonly children: Int32Array;
  /** Terminal nodes: their index among the leaves (preorder); else -1. */
  readonly leaf: Int32Array;
  readonly leafCount: number;
  /** Number of flat information sets. */
  readonly infosetCount: number;
  /** True when every information set has one node (backward induction applies). */
  readonly perfectInformation: boolean;
};

/** Compile a tree's shape (payoffs and probabilities are supplied per solve). */
export const compileTreeKernel = (tree: GameTree): TreeKernel => {
  const N = tree.nodes.length;
  const kind = new Int8Array(N);
  const player = new Int32Array(N).fill(-1);
  const infoset = new Int32Array(N).fill(-1);
  const childStart = new Int32Array(N);
  const childCount = new Int32Array(N);
  const leaf = new Int32Array(N).fill(-1);
  const offsets: number[] = [];
  let flat = 0;
  for (const sets of tree.infosets) {
    offsets.push(flat);
    flat += sets.length;
  }
  const children: number[] = [];
  let leaves = 0;
  for (let n = 0; n < N; n++) {
    const node = tree.nodes[n] as TreeNode;
    childStart[n] = children.length;
    if (node.kind === 'terminal') {
      leaf[n] = leaves++;
      continue;
    }
    kind[n] = node.kind === 'chance' ? 1 : 2;
    if (node.kind === 'decision') {
      player[n] = node.player;
      infoset[n] = (offsets[node.player] as number) + node.infoset;
    }
    childCount[n] = node.children.length;
    children.push(...node.children);
  }
  return {
    tree,
    nodeCount: N,
    players: tree.players.length,
    kind,
    player,
    infoset,
    childStart,
    childCount,
    children: Int32Array.from(children),
    leaf,
    leafCount: leaves,
    infosetCount: flat,
    perfectInformation: tree.infosets.every((sets) => sets.every((s) => s.nodes.length === 1)),
  };
};

export type BackwardInductionOutput = {
  /** choice[flat information set]: the action chosen (−1 where the set is not a decision of this tree). */
  readonly choice: Int32Array;
  /** value[node × players + p]: expected payoff of p from the node on (path payoffs included in the leaves). */
  readonly value: Float64Array;
};

/** Scratch/output arrays for backwardInductionFloat (allocate once per worker). */
export const makeBackwardInductionOutput = (k: TreeKernel): BackwardInductionOutput => ({
  choice: new Int32Array(k.infosetCount).fill(-1),
  value: new Float64Array(k.nodeCount * k.players),
});

/**
 * Subgame-perfect play of a perfect-information tree by backward induction, in floats, for one trial.
 * - leafPayoffs[leaf × players + p]: total payoff of p at each leaf (outcomes along the path summed), leaves in
 *   preorder (TreeKernel.leaf);
 * - moveProb[node]: probability of the chance move leading to each node (ignored elsewhere).
 * Selection (documented for the engine): at each decision node the FIRST action whose value for the mover is
 * within `tol` (absolute) of the best; with tol = 0, the first maximal action. This is the first equilibrium that
 * `subgamePerfect` lists. Work: O(nodes × players), no allocation. Throws RangeError unless perfect information.
 */
export const backwardInductionFloat = (
  k: TreeKernel,
  leafPayoffs: ArrayLike<number>,
  moveProb: ArrayLike<number>,
  out: BackwardInductionOutput,
  tol = 0,
): BackwardInductionOutput => {
  if (!k.perfectInformation)
    throw new RangeError('backwardInductionFloat needs a tree of perfect information');
  const P = k.players;
  const { value, choice } = out;
  for (let n = k.nodeCount - 1; n >= 0; n--) {
    const base = n * P;
    const kd = k.kind[n] as number;
    if (kd === 0) {
      const l = (k.leaf[n] as number) * P;
      for (let p = 0; p < P; p++) value[base + p] = leafPayoffs[l + p] as number;
      continue;
    }
    const start = k.childStart[n] as number;
    const count = k.childCount[n] as number;
    if (kd === 1) {
      for (let p = 0; p < P; p++) value[base + p] = 0;
      for (let a = 0; a < count; a++) {
        const c = k.children[start + a] as number;
        const w = moveProb[c] as number;
        if (w === 0) continue;
        for (let p = 0; p < P; p++)
          value[base + p] = (value[base + p] as number) + w * (value[c * P + p] as number);
      }
      continue;
    }
    const i = k.player[n] as number;
    let best = -Infinity;
    for (let a = 0; a < count; a++) {
      const v = value[(k.children[start + a] as number) * P + i] as number;
      if (v > best) best = v;
    }
    let pick = 0;
    for (let a = 0; a < count; a++) {
      if ((value[(k.children[start + a] as number) * P + i] as number) >= best - tol) {
        pick = a;
        break;
      }
    }
    choice[k.infoset[n] as number] = pick;
    const c = (k.children[start + pick] as number) * P;
    for (let p = 0; p < P; p++) value[base + p] = value[c + p] as number;
  }
  return out;
};

/**
 * The same tree with this trial's float numbers (for the general solvers: subgamePerfect, agentLogit/agentQre on
 * imperfect-information trees). Each leaf gets one outcome paying leafPayoffs; chance sets take the probabilities
 * of their first node's moves from moveProb. Validated (probabilities must be ≥ 0 and sum to 1 within 1e-9).
 */
export const treeWithNumbers = (
  k: TreeKernel,
  leafPayoffs: ArrayLike<number>,
  moveProb: ArrayLike<number>,
): GameTree => {
  const { tree } = k;
  const P = k.players;
  const b = new TreeBuilder(tree.title, tree.comment, tree.players);
  b.markInexact();
  const fail = (m: string): never => {
    throw new RangeError(`treeWithNumbers: ${m}`);
  };
  const map = new Int32Array(k.nodeCount);
  for (let n = 0; n < k.nodeCount; n++) {
    const node = tree.nodes[n] as TreeNode;
    const parent = node.parent < 0 ? -1 : (map[node.parent] as number);
    if (node.kind === 'terminal') {
      const l = (k.leaf[n] as number) * P;
      const pay = Array.from({ length: P }, (_, p) => ({ value: leafPayoffs[l + p] as number, exact: null }));
      map[n] = b.terminal(node.label, parent, node.action, b.outcome(null, '', pay, fail));
    } else if (node.kind === 'chance') {
      const s = tree.chance[node.infoset];
      if (!s) return fail('chance set');
      const probs = node.children.map((c) => ({ value: moveProb[c] as number, exact: null }));
      const draft = b.chanceInfoset(s.number, s.label, s.actions, probs, fail);
      map[n] = b.move(node.label, -1, draft, parent, node.action, -1);
    } else {
      const s = tree.infosets[node.player]?.[node.infoset];
      if (!s) return fail('information set');
      const draft = b.infoset(node.player, s.number, s.label, s.actions, fail);
      map[n] = b.move(node.label, node.player, draft, parent, node.action, -1);
    }
  }
  return b.finish();
};
