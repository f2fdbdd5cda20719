// The tree view's geometry, computed from a GameTree by a pure function (tested without a DOM): a layered layout,
// root on the left and plays running to the right as in Gambit's tree window.
// - Layers: a node sits one layer right of its parent; the members of an information set share the deepest layer
//   among them (so an information set is one vertical dashed line, as textbooks draw it); chance sets (shared
//   distributions, not information) are not aligned.
// - Rows: leaves take consecutive rows in preorder (action order); a decision or chance node sits midway between
//   its first and last child. Subtrees therefore occupy disjoint row intervals: no two nodes overlap and no two
//   edges cross.
// - Text: action labels on the edges, chance probabilities beside them (exact fractions when the tree is exact,
//   through the one formatter), the sum of the outcomes met along each play at its leaf.
import type { GameTree, TreeNode } from '../../../models/games/extensive/GameTree';
import { actionLabel } from '../../../models/games/extensive/GameTree';
import { Rational } from '../../../models/games/Rational';
import { formatNice, formatPayoff } from '../../../models/text/format';

export type LaidNode = {
  /** Index into GameTree.nodes. */
  readonly index: number;
  readonly kind: TreeNode['kind'];
  readonly label: string;
  /** Player index for decision nodes, -1 for chance and terminal nodes. */
  readonly player: number;
  /** Index into tree.infosets[player] (decision) or tree.chance (chance), -1 for terminal nodes. */
  readonly infoset: number;
  readonly layer: number;
  readonly row: number;
  readonly x: number;
  readonly y: number;
  /** A leaf's payoff per player (sum of the outcomes along its play), formatted; null at inner nodes. */
  readonly payoffs: readonly string[] | null;
};

export type LaidEdge = {
  /** Parent and child node indices. */
  readonly from: number;
  readonly to: number;
  /** The parent's action index leading to `to`. */
  readonly action: number;
  readonly label: string;
  /** A chance move's probability, formatted (exact fraction when exact), else null. */
  readonly prob: string | null;
};

/** A dashed link between two consecutive members (by row) of one information set. */
export type InfosetLink = {
  readonly player: number;
  readonly infoset: number;
  readonly from: number;
  readonly to: number;
};

export type TreeLayout = {
  readonly nodes: readonly LaidNode[];
  readonly edges: readonly LaidEdge[];
  readonly links: readonly InfosetLink[];
  readonly layers: number;
  readonly rows: number;
  /** True when every information set's members share a layer (false: depth layers, see treeLayout). */
  readonly aligned: boolean;
  readonly width: number;
  readonly height: number;
};

export type TreeLayoutOptions = {
  /** Horizontal distance between layers (px). */
  readonly layerGap?: number;
  /** Vertical distance between leaf rows (px). */
  readonly rowGap?: number;
  /** Space kept on the right of the last layer for the leaves' payoffs (px). */
  readonly payoffWidth?: number;
  readonly margin?: number;
};

/** Most alignment passes (one per chain of information sets pushing one another deeper). */
const MAX_ALIGN_PASSES = 64;

const fmt = (x: Rational | number): string => (typeof x === 'number' ? formatPayoff(x) : formatNice(x));

/** Lay out a tree (O(nodes × depth) at worst for the information-set alignment; O(nodes) for trees without it). */
export const treeLayout = (tree: GameTree, opts: TreeLayoutOptions = {}): TreeLayout => {
  const layerGap = opts.layerGap ?? 170;
  const rowGap = opts.rowGap ?? 44;
  const payoffWidth = opts.payoffWidth ?? 120;
  const margin = opts.margin ?? 24;
  const { nodes } = tree;
  const n = nodes.length;

  // Layers: parent + 1, members of an information set aligned to the deepest of them; repeated until stable
  // (each pass can only push layers deeper; a pass is O(nodes), and a tree needing more than MAX_ALIGN_PASSES
  // passes, or that never settles, falls back to depth layers).
  const layer = new Int32Array(n);
  const setKey = (node: TreeNode): string | null =>
    node.kind === 'decision' ? `${node.player}:${node.infoset}` : null;
  let aligned = false;
  for (let pass = 0; pass < MAX_ALIGN_PASSES && !aligned; pass++) {
    let changed = false;
    const deepest = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const node = nodes[i] as TreeNode;
      const want = node.parent < 0 ? 0 : (layer[node.parent] as number) + 1;
      if (want > (layer[i] as number)) {
        layer[i] = want;
        changed = true;
      }
      const key = setKey(node);
      if (key !== null) deepest.set(key, Math.max(deepest.get(key) ?? 0, layer[i] as number));
    }
    for (let i = 0; i < n; i++) {
      const key = setKey(nodes[i] as TreeNode);
      const d = key === null ? undefined : deepest.get(key);
      if (d !== undefined && d > (layer[i] as number)) {
        layer[i] = d;
        changed = true;
      }
    }
    aligned = !changed;
  }
  if (!aligned) {
    // an information set holding a node and its own descendant (absent-mindedness) cannot be one vertical line:
    // plain depth layers instead
    for (let i = 0; i < n; i++) {
      const parent = (nodes[i] as TreeNode).parent;
      layer[i] = parent < 0 ? 0 : (layer[parent] as number) + 1;
    }
  }

  // Rows: leaves in preorder, inner nodes midway between their first and last child (children have larger indices).
  const row = new Float64Array(n);
  let leaves = 0;
  for (let i = 0; i < n; i++) if ((nodes[i] as TreeNode).kind === 'terminal') row[i] = leaves++;
  for (let i = n - 1; i >= 0; i--) {
    const node = nodes[i] as TreeNode;
    if (node.kind === 'terminal') continue;
    const first = node.children[0];
    const last = node.children[node.children.length - 1];
    row[i] =
      first === undefined || last === undefined ? 0 : ((row[first] as number) + (row[last] as number)) / 2;
  }

  // Payoffs along each play (exact when the tree is exact).
  const players = tree.players.length;
  const exactSum: (Rational[] | null)[] = new Array<Rational[] | null>(n).fill(null);
  const floatSum: number[][] = new Array<number[]>(n);
  for (let i = 0; i < n; i++) {
    const node = nodes[i] as TreeNode;
    const baseF = node.parent < 0 ? new Array<number>(players).fill(0) : (floatSum[node.parent] as number[]);
    const baseE =
      node.parent < 0 ? new Array<Rational>(players).fill(Rational.int(0)) : (exactSum[node.parent] ?? null);
    const out = node.outcome >= 0 ? tree.outcomes[node.outcome] : undefined;
    floatSum[i] = out ? baseF.map((v, p) => v + (out.payoffs[p] ?? 0)) : baseF;
    exactSum[i] =
      tree.exact && baseE ? (out?.exact ? baseE.map((v, p) => v.add(out.exact?.[p] ?? 0)) : baseE) : null;
  }

  const maxLayer = n === 0 ? 0 : Math.max(...layer);
  const laid: LaidNode[] = [];
  const edges: LaidEdge[] = [];
  for (let i = 0; i < n; i++) {
    const node = nodes[i] as TreeNode;
    const terminal = node.kind === 'terminal';
    const ex = exactSum[i];
    laid.push({
      index: i,
      kind: node.kind,
      label: node.label,
      player: node.kind === 'decision' ? node.player : -1,
      infoset: node.kind === 'terminal' ? -1 : node.infoset,
      layer: layer[i] as number,
      row: row[i] as number,
      x: margin + (layer[i] as number) * layerGap,
      y: margin + (row[i] as number) * rowGap,
      payoffs: terminal ? (ex ? ex.map(fmt) : (floatSum[i] as number[]).map(fmt)) : null,
    });
    if (node.kind === 'terminal') continue;
    const chance = node.kind === 'chance' ? tree.chance[node.infoset] : undefined;
    node.children.forEach((c, k) => {
      const exactP = chance?.exactProbs?.[k];
      edges.push({
        from: i,
        to: c,
        action: k,
        label: actionLabel(tree, node, k),
        prob: chance ? (exactP ? fmt(exactP) : fmt(chance.probs[k] ?? NaN)) : null,
      });
    });
  }

  const links: InfosetLink[] = [];
  tree.infosets.forEach((sets, player) =>
    sets.forEach((set, infoset) => {
      const members = [...set.nodes].sort((a, b) => (row[a] as number) - (row[b] as number));
      for (let k = 1; k < members.length; k++) {
        links.push({ player, infoset, from: members[k - 1] as number, to: members[k] as number });
      }
    }),
  );

  return {
    nodes: laid,
    edges,
    links,
    layers: maxLayer + 1,
    aligned,
    rows: Math.max(1, leaves),
    width: 2 * margin + maxLayer * layerGap + payoffWidth,
    height: 2 * margin + Math.max(0, leaves - 1) * rowGap,
  };
};

/**
 * The nodes a behaviour profile reaches with positive probability, and the edges it takes (child indices), given
 * behaviour[player][infoset][action] as floats: the equilibrium path (for a pure SPE of a perfect-information tree,
 * the backward-induction path; chance branches are all followed). A zero row (unspecified) takes no action.
 */
export const reachedPath = (
  tree: GameTree,
  behaviour: readonly (readonly (readonly number[])[])[],
): { readonly nodes: ReadonlySet<number>; readonly edges: ReadonlySet<number> } => {
  const reached = new Set<number>();
  const taken = new Set<number>();
  if (tree.nodes.length === 0) return { nodes: reached, edges: taken };
  reached.add(0);
  for (let i = 0; i < tree.nodes.length; i++) {
    if (!reached.has(i)) continue;
    const node = tree.nodes[i] as TreeNode;
    if (node.kind === 'terminal') continue;
    node.children.forEach((c, k) => {
      const p =
        node.kind === 'chance'
          ? (tree.chance[node.infoset]?.probs[k] ?? 0)
          : (behaviour[node.player]?.[node.infoset]?.[k] ?? 0);
      if (p > 0) {
        reached.add(c);
        taken.add(c);
      }
    });
  }
  return { nodes: reached, edges: taken };
};
