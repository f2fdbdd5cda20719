// CONTRACT (shared by the extensive-form solvers, the .efg reader/writer, and later the scenario compiler, the engine
// and the tree view). A finite game tree in Gambit's model (Kuhn 1953; Gambit's `GameTreeRep`): players, decision
// nodes grouped in information sets, chance nodes with exact probabilities, outcomes attached to nodes.
import type { Rational } from '../Rational';
import type { Num } from '../Equilibrium';

/** An information set of a player: its nodes share the player, the action labels and the information. */
export type Infoset = {
  /** The information set's number (Gambit's infoset number; unique within its player, ≥ 1). */
  readonly number: number;
  readonly label: string;
  /** Action labels, in order (child k of each member node follows action k). */
  readonly actions: readonly string[];
  /** Member nodes (indices into GameTree.nodes), ascending. */
  readonly nodes: readonly number[];
};

/** A chance information set (Gambit's player 0): nodes sharing one probability distribution over actions. */
export type ChanceInfoset = Infoset & {
  /** Probability of each action, as floats (always present). */
  readonly probs: readonly number[];
  /** The same probabilities as exact rationals (exact trees), else null. */
  readonly exactProbs: readonly Rational[] | null;
};

/** Payoffs attached to a node; a play's payoff is the sum of the outcomes met along it (Gambit's convention). */
export type Outcome = {
  /** Gambit's outcome number (≥ 1, unique). */
  readonly number: number;
  readonly label: string;
  /** payoffs[player] as floats (always present). */
  readonly payoffs: readonly number[];
  /** The same payoffs as exact rationals (exact trees), else null. */
  readonly exact: readonly Rational[] | null;
};

type NodeBase = {
  readonly label: string;
  /** Parent node index, -1 for the root. */
  readonly parent: number;
  /** Index of the parent's action that leads here, -1 for the root. */
  readonly action: number;
  /** Index into GameTree.outcomes, -1 for none (Gambit's null outcome 0). */
  readonly outcome: number;
};

export type TerminalNode = NodeBase & { readonly kind: 'terminal' };

export type ChanceNode = NodeBase & {
  readonly kind: 'chance';
  /** Index into GameTree.chance. */
  readonly infoset: number;
  /** Child node indices, one per action. */
  readonly children: readonly number[];
};

export type DecisionNode = NodeBase & {
  readonly kind: 'decision';
  /** Player index (0-based; Gambit's player number − 1). */
  readonly player: number;
  /** Index into GameTree.infosets[player]. */
  readonly infoset: number;
  /** Child node indices, one per action. */
  readonly children: readonly number[];
};

export type TreeNode = TerminalNode | ChanceNode | DecisionNode;

/**
 * A finite extensive-form game. Invariants (checked by `validateTree`, which every constructor runs):
 * - `nodes` are in preorder (depth first, children in action order), `nodes[0]` is the root, so a node's subtree is
 *   the contiguous range [n, n + size) and every child has a larger index than its parent;
 * - each player's information sets are listed in ascending order of `number`; every member of an information set
 *   has as many children as it has actions;
 * - chance probabilities are ≥ 0 and sum to 1 (exactly in exact trees);
 * - `exact` is true iff every outcome has `exact` payoffs and every chance set has `exactProbs`.
 * Perfect recall is NOT an invariant (Gambit reads imperfect-recall trees too); see `perfectRecallViolation`.
 */
export type GameTree = {
  readonly title: string;
  /** Gambit's game comment (description); "" when none. */
  readonly comment: string;
  readonly players: readonly string[];
  /** infosets[player][k]: the player's k-th information set (ascending number). */
  readonly infosets: readonly (readonly Infoset[])[];
  /** Chance information sets (ascending number). */
  readonly chance: readonly ChanceInfoset[];
  readonly outcomes: readonly Outcome[];
  readonly nodes: readonly TreeNode[];
  readonly exact: boolean;
};

/**
 * A behaviour-strategy profile: behaviour[player][infoset][action] = probability (Rational in exact results).
 * Information sets follow GameTree.infosets (ascending number). A row of zeros marks an information set left
 * unspecified because the player's own strategy never reaches it (see `realizationToBehaviour`).
 */
export type Behaviour = readonly (readonly (readonly Num[])[])[];

/** A readable path to a node: `root`, or the action labels from the root (`root/In/Fight`). */
export const describeNode = (tree: GameTree, n: number): string => {
  const parts: string[] = [];
  let at = n;
  let guard = 0;
  while (at > 0 && guard++ < 10_000) {
    const node = tree.nodes[at] as TreeNode;
    const parent = tree.nodes[node.parent] as TreeNode;
    parts.push(actionLabel(tree, parent, node.action));
    at = node.parent;
  }
  if (at > 0) parts.push('…');
  const path = parts.reverse().map((p) => (/[/\s"]|^$/.test(p) ? JSON.stringify(p) : p));
  return ['root', ...path].join('/');
};

/** The label of action k at a (non-terminal) node. */
export const actionLabel = (tree: GameTree, node: TreeNode, k: number): string => {
  if (node.kind === 'decision') return tree.infosets[node.player]?.[node.infoset]?.actions[k] ?? `#${k + 1}`;
  if (node.kind === 'chance') return tree.chance[node.infoset]?.actions[k] ?? `#${k + 1}`;
  return `#${k + 1}`;
};

/** "player "Seoul" (1), information set 2 ("offer")". */
export const describeInfoset = (tree: GameTree, player: number, infoset: number): string => {
  const set = tree.infosets[player]?.[infoset];
  const label = set?.label ? ` (${JSON.stringify(set.label)})` : '';
  return `player ${JSON.stringify(tree.players[player] ?? '')} (${player + 1}), information set ${set?.number ?? infoset + 1}${label}`;
};

/** Number of information sets of each player. */
export const infosetCounts = (tree: GameTree): number[] => tree.infosets.map((s) => s.length);

/** Total number of decision nodes' actions over every player information set (the length of a flat profile). */
export const behaviourLength = (tree: GameTree): number =>
  tree.infosets.reduce((a, sets) => a + sets.reduce((b, s) => b + s.actions.length, 0), 0);
