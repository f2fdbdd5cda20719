// Derived data of a tree shared by every solver (computed once per tree, cached): subtree ranges, each player's
// sequences (von Stengel 1996: a sequence is the empty sequence or an information set's action; with perfect
// recall every node and every information set has one own sequence per player), chance move probabilities and
// payoffs summed along each path (Gambit: a play pays the sum of the outcomes it meets).
import type { Rational } from '../Rational';
import type { GameTree, TreeNode } from './GameTree';
import { FLOAT_FIELD, type NumField } from './NumField';
import { requirePerfectRecall } from './perfectRecall';

export type TreeIndex = {
  readonly tree: GameTree;
  /** end[n]: one past the last node of n's subtree (nodes are in preorder: the subtree is [n, end[n])). */
  readonly end: Int32Array;
  /** Terminal nodes, in preorder. */
  readonly leaves: readonly number[];
  /** seqAt[player][node]: the player's own sequence at the node (0: the empty sequence). */
  readonly seqAt: readonly Int32Array[];
  /** Number of sequences of each player (1 + its actions over all its information sets). */
  readonly seqCount: readonly number[];
  /** seqBase[player][infoset]: the sequence of the information set's action a is seqBase + a. */
  readonly seqBase: readonly (readonly number[])[];
  /** parentSeq[player][infoset]: the player's own sequence leading to the information set. */
  readonly parentSeq: readonly (readonly number[])[];
  /** seqInfoset[player][seq]: the information set whose action ends the sequence (-1 for the empty one). */
  readonly seqInfoset: readonly Int32Array[];
  /** seqAction[player][seq]: that action (-1 for the empty sequence). */
  readonly seqAction: readonly Int32Array[];
};

/** Numbers of a tree in one field (see NumField): exact Rationals or floats. */
export type TreeNumbers<T> = {
  /** moveProb[node]: probability of the chance move leading to the node (one when its parent is not chance). */
  readonly moveProb: readonly T[];
  /** chanceReach[node]: product of the chance probabilities on the path from the root. */
  readonly chanceReach: readonly T[];
  /** pathPayoff[node][player]: sum of the outcome payoffs from the root to the node, inclusive. */
  readonly pathPayoff: readonly (readonly T[])[];
};

const indexCache = new WeakMap<GameTree, TreeIndex>();
const numberCache = new WeakMap<GameTree, { exact?: TreeNumbers<Rational>; float?: TreeNumbers<number> }>();

/** The tree's index (cached). Throws TreeError when the tree does not have perfect recall. */
export const treeIndex = (tree: GameTree, method = 'this solver'): TreeIndex => {
  const cached = indexCache.get(tree);
  if (cached) return cached;
  requirePerfectRecall(tree, method);
  const { nodes } = tree;
  const N = nodes.length;
  const end = new Int32Array(N);
  const leaves: number[] = [];
  for (let n = N - 1; n >= 0; n--) {
    const node = nodes[n] as TreeNode;
    if (node.kind === 'terminal') end[n] = n + 1;
    else end[n] = end[node.children[node.children.length - 1] as number] as number;
  }
  for (let n = 0; n < N; n++) if ((nodes[n] as TreeNode).kind === 'terminal') leaves.push(n);
  const seqBase = tree.infosets.map((sets) => {
    let base = 1;
    return sets.map((s) => {
      const b = base;
      base += s.actions.length;
      return b;
    });
  });
  const seqCount = tree.infosets.map((sets) => 1 + sets.reduce((a, s) => a + s.actions.length, 0));
  const seqInfoset = seqCount.map((c) => new Int32Array(c).fill(-1));
  const seqAction = seqCount.map((c) => new Int32Array(c).fill(-1));
  tree.infosets.forEach((sets, p) =>
    sets.forEach((s, k) =>
      s.actions.forEach((_, a) => {
        const q = ((seqBase[p] as number[])[k] as number) + a;
        (seqInfoset[p] as Int32Array)[q] = k;
        (seqAction[p] as Int32Array)[q] = a;
      }),
    ),
  );
  const seqAt = tree.players.map(() => new Int32Array(N));
  for (let n = 1; n < N; n++) {
    const node = nodes[n] as TreeNode;
    const parent = nodes[node.parent] as TreeNode;
    for (let p = 0; p < tree.players.length; p++) {
      const s = seqAt[p] as Int32Array;
      s[n] =
        parent.kind === 'decision' && parent.player === p
          ? ((seqBase[p] as number[])[parent.infoset] as number) + node.action
          : (s[node.parent] as number);
    }
  }
  const parentSeq = tree.infosets.map((sets, p) =>
    sets.map((s) => (seqAt[p] as Int32Array)[s.nodes[0] as number] as number),
  );
  const index: TreeIndex = { tree, end, leaves, seqAt, seqCount, seqBase, parentSeq, seqInfoset, seqAction };
  indexCache.set(tree, index);
  return index;
};

/** The tree's numbers in a field (cached). Exact numbers need an exact tree. */
export const treeNumbers = <T>(tree: GameTree, field: NumField<T>): TreeNumbers<T> => {
  let entry = numberCache.get(tree);
  if (!entry) {
    entry = {};
    numberCache.set(tree, entry);
  }
  const hit = field.exact ? entry.exact : entry.float;
  if (hit) return hit as unknown as TreeNumbers<T>;
  if (field.exact && !tree.exact)
    throw new RangeError('treeNumbers: exact numbers of a tree without exact payoffs');
  const { nodes, players } = tree;
  const N = nodes.length;
  const moveProb = new Array<T>(N);
  const chanceReach = new Array<T>(N);
  const pathPayoff = new Array<T[]>(N);
  const outcomeValues = tree.outcomes.map((o) =>
    field.exact ? (o.exact as unknown as T[]) : (o.payoffs as unknown as T[]),
  );
  const zeros = players.map(() => field.zero);
  for (let n = 0; n < N; n++) {
    const node = nodes[n] as TreeNode;
    let prob = field.one;
    let reach = field.one;
    let base = zeros;
    if (node.parent >= 0) {
      const parent = nodes[node.parent] as TreeNode;
      if (parent.kind === 'chance') {
        const set = tree.chance[parent.infoset];
        prob = (field.exact
          ? (set?.exactProbs as readonly Rational[])[node.action]
          : set?.probs[node.action]) as unknown as T;
      }
      reach = field.mul(chanceReach[node.parent] as T, prob);
      base = pathPayoff[node.parent] as T[];
    }
    moveProb[n] = prob;
    chanceReach[n] = reach;
    pathPayoff[n] =
      node.outcome >= 0
        ? base.map((v, p) => field.add(v, (outcomeValues[node.outcome] as T[])[p] as T))
        : base;
  }
  const out: TreeNumbers<T> = { moveProb, chanceReach, pathPayoff };
  if (field.exact) entry.exact = out as unknown as TreeNumbers<Rational>;
  else entry.float = out as unknown as TreeNumbers<number>;
  return out;
};

/** Payoff range (max − min over every play, at least 1): the scale of float tolerances. */
export const treePayoffScale = (tree: GameTree): number => {
  const nums = treeNumbers(tree, FLOAT_FIELD);
  let lo = Infinity;
  let hi = -Infinity;
  tree.nodes.forEach((node, n) => {
    if (node.kind !== 'terminal') return;
    for (const v of nums.pathPayoff[n] as number[]) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  });
  return Number.isFinite(hi - lo) ? Math.max(1, hi - lo) : 1;
};
