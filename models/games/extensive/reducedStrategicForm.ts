// The reduced strategic (normal) form of a tree, as Gambit builds it (GamePlayerRep::MakeReducedStrats), so that
// every strategic-form solver in models/games applies to trees.
//
// A reduced pure strategy of a player chooses an action at exactly those of its information sets that its own
// earlier choices do not exclude (an information set is excluded when every path to it leaves one of the player's
// own earlier information sets by another action than the one chosen there). Pure strategies of the full strategic
// form that differ only at excluded information sets are identified: they are realization-equivalent, whatever the
// others do. Information sets excluded only by other players' or by chance's moves are NOT excluded (they are
// reached when the others play differently). Nothing else is merged: two reduced strategies with equal payoffs stay
// two strategies, as in Gambit.
//
// Order (Gambit's): a depth-first walk of the tree that follows the player's own choices and every branch of the
// others' and chance's moves meets the player's information sets in some order; strategies are listed in
// lexicographic order of their choices in that order, earlier information sets varying slowest, actions in order.
// Labels are Gambit's: one character per information set (ascending number), the action's number or `*`.
import type { Game } from '../Game';
import { Rational } from '../Rational';
import { SolverLimitError } from '../SolverLimitError';
import type { GameTree, TreeNode } from './GameTree';
import { treeIndex, treeNumbers } from './treeIndex';
import { RATIONAL_FIELD, FLOAT_FIELD } from './NumField';

export type ReducedStrategy = {
  /** choice[infoset] = action index, or -1 where the strategy's own earlier choices never reach the set. */
  readonly choice: Int32Array;
  /** Gambit's label: per information set, the action number (1-based) or `*`. */
  readonly label: string;
};

export type ReducedForm = {
  /** The reduced strategic form (exact when the tree is exact). Strategy labels as in ReducedStrategy. */
  readonly game: Game;
  /** strategies[player][k]: the k-th reduced strategy (the k-th strategy of `game`). */
  readonly strategies: readonly (readonly ReducedStrategy[])[];
};

export type ReducedFormOptions = {
  /** Largest number of pure-strategy profiles built (default MAX_REDUCED_PROFILES). Over → SolverLimitError. */
  readonly maxProfiles?: number;
  /** Largest work, in (profile, play) pairs summed (default MAX_REDUCED_WORK). Over → SolverLimitError. */
  readonly maxWork?: number;
  /** Name reported in SolverLimitError (default "reduced form"). */
  readonly method?: string;
};

/** Default limits of the reduced strategic form. */
export const MAX_REDUCED_PROFILES = 200_000;
export const MAX_REDUCED_WORK = 4_000_000;

/**
 * Number of reduced strategies of a player (a float: Infinity when it overflows), without listing them:
 * r(σ) = Π over the player's information sets I entered by sequence σ of Σ_a r(σ a), total r(∅) (perfect recall).
 */
export const reducedStrategyCount = (tree: GameTree, player: number): number => {
  const index = treeIndex(tree);
  const sets = tree.infosets[player] ?? [];
  const r = new Float64Array(index.seqCount[player] as number).fill(1);
  // Information sets in descending order of their first node: every set after the sets that enter it.
  const order = sets
    .map((_, k) => k)
    .sort((a, b) => (sets[b]?.nodes[0] as number) - (sets[a]?.nodes[0] as number));
  for (const k of order) {
    const base = (index.seqBase[player] as number[])[k] as number;
    let sum = 0;
    for (let a = 0; a < (sets[k]?.actions.length as number); a++) sum += r[base + a] as number;
    const parent = (index.parentSeq[player] as number[])[k] as number;
    r[parent] = (r[parent] as number) * sum;
  }
  return r[0] as number;
};

/** The player's reduced strategies in Gambit's order (see the file comment). Refuses more than `limit`. */
export const reducedStrategies = (
  tree: GameTree,
  player: number,
  limit = MAX_REDUCED_PROFILES,
): ReducedStrategy[] => {
  const count = reducedStrategyCount(tree, player);
  if (count > limit) {
    throw new SolverLimitError(
      'reduced form',
      `player ${player + 1} has ${count === Infinity ? 'too many' : count} reduced strategies (the limit is ${limit})`,
    );
  }
  const index = treeIndex(tree);
  const { nodes } = tree;
  const N = nodes.length;
  const sets = tree.infosets[player] ?? [];
  const assign = new Int32Array(sets.length).fill(-1);
  const order: number[] = [];
  // Walk the tree in preorder, skipping the children the player's own choices exclude; every newly met
  // information set gets its first action and joins `order` (the walk's encounter order).
  const complete = (): void => {
    let n = 0;
    while (n < N) {
      const node = nodes[n] as TreeNode;
      if (n > 0) {
        const par = nodes[node.parent] as TreeNode;
        if (par.kind === 'decision' && par.player === player && assign[par.infoset] !== node.action) {
          n = index.end[n] as number;
          continue;
        }
      }
      if (node.kind === 'decision' && node.player === player && (assign[node.infoset] as number) < 0) {
        assign[node.infoset] = 0;
        order.push(node.infoset);
      }
      n++;
    }
  };
  const out: ReducedStrategy[] = [];
  complete();
  for (;;) {
    let label = '';
    for (let k = 0; k < sets.length; k++)
      label += (assign[k] as number) < 0 ? '*' : String((assign[k] as number) + 1);
    out.push({ choice: assign.slice(), label: label || '*' });
    // Odometer: the last information set met with an action left advances; every set met after it is re-met.
    let i = order.length - 1;
    for (; i >= 0; i--) {
      const k = order[i] as number;
      if ((assign[k] as number) + 1 < (sets[k]?.actions.length as number)) break;
    }
    if (i < 0) break;
    const k = order[i] as number;
    assign[k] = (assign[k] as number) + 1;
    for (let j = i + 1; j < order.length; j++) assign[order[j] as number] = -1;
    order.length = i + 1;
    complete();
  }
  return out;
};

/**
 * The reduced strategic form as a Game (Gambit's profile order, player 0 fastest), exact when the tree is exact.
 * A profile's payoff is Σ over plays consistent with it of chance probability × payoff. Throws SolverLimitError
 * when the form has more profiles, or needs more work, than allowed; TreeError without perfect recall.
 */
export const reducedStrategicForm = (tree: GameTree, opts: ReducedFormOptions = {}): ReducedForm => {
  const method = opts.method ?? 'reduced form';
  const maxProfiles = opts.maxProfiles ?? MAX_REDUCED_PROFILES;
  const maxWork = opts.maxWork ?? MAX_REDUCED_WORK;
  const index = treeIndex(tree, method);
  const P = tree.players.length;
  let profiles = 1;
  for (let p = 0; p < P; p++) profiles *= reducedStrategyCount(tree, p);
  if (!(profiles <= maxProfiles)) {
    const sizes = tree.players.map((_, p) => reducedStrategyCount(tree, p)).join('×');
    throw new SolverLimitError(
      method,
      `the reduced strategic form has ${sizes} strategies, more than the limit of ${maxProfiles} profiles`,
    );
  }
  const strategies = tree.players.map((_, p) => reducedStrategies(tree, p, maxProfiles));
  // consistent[p][σ]: the player's strategies that play every move of sequence σ.
  const consistent = strategies.map((list, p) => {
    const bySeq: number[][] = Array.from({ length: index.seqCount[p] as number }, () => []);
    list.forEach((s, k) => {
      (bySeq[0] as number[]).push(k);
      s.choice.forEach((a, I) => {
        if (a >= 0) (bySeq[((index.seqBase[p] as number[])[I] as number) + a] as number[]).push(k);
      });
    });
    return bySeq;
  });
  const exact = tree.exact;
  const numbers = exact ? treeNumbers(tree, RATIONAL_FIELD) : null;
  const floats = treeNumbers(tree, FLOAT_FIELD);
  const liveLeaves = index.leaves.filter(
    (z) =>
      (floats.chanceReach[z] as number) !== 0 || (exact && !(numbers?.chanceReach[z] as Rational).isZero()),
  );
  let work = 0;
  for (const z of liveLeaves) {
    let w = 1;
    for (let p = 0; p < P; p++)
      w *= ((consistent[p] as number[][])[(index.seqAt[p] as Int32Array)[z] as number] as number[]).length;
    work += w;
  }
  if (work > maxWork) {
    throw new SolverLimitError(
      method,
      `building the reduced strategic form needs more than the allowed ${maxWork} units of work`,
    );
  }
  const strides: number[] = [];
  let acc = 1;
  for (let p = 0; p < P; p++) {
    strides.push(acc);
    acc *= (strategies[p] as ReducedStrategy[]).length;
  }
  const total = acc;
  const fl = Array.from({ length: total }, () => new Array<number>(P).fill(0));
  const ex = exact ? Array.from({ length: total }, () => new Array<Rational>(P).fill(Rational.ZERO)) : null;
  const pos = new Array<number>(P).fill(0);
  for (const z of liveLeaves) {
    const lists = tree.players.map(
      (_, p) => (consistent[p] as number[][])[(index.seqAt[p] as Int32Array)[z] as number] as number[],
    );
    if (lists.some((l) => l.length === 0)) continue;
    const fv = (floats.pathPayoff[z] as number[]).map((v) => v * (floats.chanceReach[z] as number));
    const ev = numbers
      ? (numbers.pathPayoff[z] as Rational[]).map((v) => v.mul(numbers.chanceReach[z] as Rational))
      : null;
    pos.fill(0);
    for (;;) {
      let idx = 0;
      for (let p = 0; p < P; p++)
        idx += ((lists[p] as number[])[pos[p] as number] as number) * (strides[p] as number);
      const row = fl[idx] as number[];
      for (let p = 0; p < P; p++) row[p] = (row[p] as number) + (fv[p] as number);
      if (ex && ev) {
        const erow = ex[idx] as Rational[];
        for (let p = 0; p < P; p++) erow[p] = (erow[p] as Rational).add(ev[p] as Rational);
      }
      let p = 0;
      for (; p < P; p++) {
        pos[p] = (pos[p] as number) + 1;
        if ((pos[p] as number) < (lists[p] as number[]).length) break;
        pos[p] = 0;
      }
      if (p === P) break;
    }
  }
  // Exact games carry the floats of their exact values (as makeGame does), not the float sums.
  const payoffs = ex
    ? ex.map((row) => row.map((v) => v.toNumber() || 0))
    : fl.map((row) => row.map((v) => v || 0));
  const game: Game = {
    title: tree.title,
    players: [...tree.players],
    strategies: strategies.map((list) => list.map((s) => s.label)),
    payoffs,
    exact: ex,
  };
  return { game, strategies };
};
