// Kuhn's theorem in sequence form (Kuhn 1953; von Stengel 1996): mixed strategies of the reduced strategic form,
// realization plans and behaviour strategies, translated into each other realization-equivalently.
//
// Unspecified information sets: an information set that the player's own strategy never reaches (its own sequence
// into the set has probability 0, or every node of the set lies behind a chance move of probability 0) gets a row of
// zeros: the strategy says nothing there, and nothing that happens depends on it. This is Gambit's convention for a
// behaviour profile built from a mixed strategy profile (MixedBehaviorProfile(const MixedStrategyProfile &)), so
// `pure` answers equal gambit-enumpure's output.
import type { Num } from '../Equilibrium';
import { Rational } from '../Rational';
import type { GameTree } from './GameTree';
import { FLOAT_FIELD, RATIONAL_FIELD, type NumField } from './NumField';
import type { ReducedForm, ReducedStrategy } from './reducedStrategicForm';
import { treeIndex, treeNumbers } from './treeIndex';

/** The realization plan x[σ] (x[0] = 1) of a player's behaviour rows; zero rows give zero below them. */
export const behaviourToRealization = <T>(
  tree: GameTree,
  player: number,
  rows: readonly (readonly T[])[],
  field: NumField<T>,
): T[] => {
  const index = treeIndex(tree);
  const x = new Array<T>(index.seqCount[player] as number).fill(field.zero);
  x[0] = field.one;
  const sets = tree.infosets[player] ?? [];
  // Information sets in ascending order of their first node: each after the set whose sequence enters it.
  const order = sets
    .map((_, k) => k)
    .sort((a, b) => (sets[a]?.nodes[0] as number) - (sets[b]?.nodes[0] as number));
  for (const k of order) {
    const parent = x[(index.parentSeq[player] as number[])[k] as number] as T;
    const base = (index.seqBase[player] as number[])[k] as number;
    const row = rows[k] as readonly T[];
    for (let a = 0; a < (sets[k]?.actions.length as number); a++)
      x[base + a] = field.mul(parent, row[a] as T);
  }
  return x;
};

/** For each information set of the player: can a node of it be reached with positive chance probability? */
const chancePossible = <T>(tree: GameTree, player: number, field: NumField<T>): boolean[] => {
  const reach = treeNumbers(tree, field).chanceReach;
  return (tree.infosets[player] ?? []).map((s) => s.nodes.some((h) => !field.isZero(reach[h] as T)));
};

/**
 * Behaviour rows from a realization plan: β(a | I) = x(σ_I a) / x(σ_I) where the player's own strategy reaches I,
 * a row of zeros elsewhere (see the file comment).
 */
export const realizationToBehaviour = <T>(
  tree: GameTree,
  player: number,
  x: readonly T[],
  field: NumField<T>,
): T[][] => {
  const index = treeIndex(tree);
  const possible = chancePossible(tree, player, field);
  return (tree.infosets[player] ?? []).map((s, k) => {
    const parent = x[(index.parentSeq[player] as number[])[k] as number] as T;
    const base = (index.seqBase[player] as number[])[k] as number;
    if (field.isZero(parent) || !possible[k]) return s.actions.map(() => field.zero);
    return s.actions.map((_, a) => field.div(x[base + a] as T, parent));
  });
};

/** The realization plan of a mixed strategy over the player's reduced strategies. */
export const mixedToRealization = <T>(
  tree: GameTree,
  player: number,
  strategies: readonly ReducedStrategy[],
  mixed: readonly T[],
  field: NumField<T>,
): T[] => {
  const index = treeIndex(tree);
  const x = new Array<T>(index.seqCount[player] as number).fill(field.zero);
  strategies.forEach((s, k) => {
    const w = mixed[k] as T;
    if (field.isZero(w)) return;
    x[0] = field.add(x[0] as T, w);
    s.choice.forEach((a, I) => {
      if (a < 0) return;
      const q = ((index.seqBase[player] as number[])[I] as number) + a;
      x[q] = field.add(x[q] as T, w);
    });
  });
  return x;
};

/**
 * The mixed strategy over reduced strategies of behaviour rows: μ(s) = Π over sets s specifies of β(s(I) | I).
 * A zero row (an unspecified set, see the file comment) counts as its first action: where the player's own choices
 * exclude the set, the strategies specifying it already weigh 0; where only a chance move of probability 0 leads
 * there, every completion gives the same payoffs, and a zero factor would make the whole mixed strategy 0.
 */
export const behaviourToMixed = <T>(
  strategies: readonly ReducedStrategy[],
  rows: readonly (readonly T[])[],
  field: NumField<T>,
): T[] => {
  const unspecified = rows.map((row) => row.every((v) => field.isZero(v)));
  return strategies.map((s) => {
    let w = field.one;
    s.choice.forEach((a, I) => {
      if (a < 0) return;
      if (unspecified[I]) {
        if (a > 0) w = field.zero;
      } else w = field.mul(w, (rows[I] as readonly T[])[a] as T);
    });
    return w;
  });
};

const isExactProfile = (profile: readonly (readonly Num[])[]): boolean =>
  profile.every((row) => row.every((v) => v instanceof Rational));

/**
 * A mixed profile of the reduced strategic form (an Equilibrium's profile) as a behaviour profile: exact when every
 * probability is a Rational and the tree is exact.
 */
export const mixedToBehaviour = (
  tree: GameTree,
  form: ReducedForm,
  profile: readonly (readonly Num[])[],
): Num[][][] => {
  if (tree.exact && isExactProfile(profile)) {
    return tree.players.map((_, p) => {
      const x = mixedToRealization(
        tree,
        p,
        form.strategies[p] ?? [],
        profile[p] as readonly Rational[],
        RATIONAL_FIELD,
      );
      return realizationToBehaviour(tree, p, x, RATIONAL_FIELD);
    });
  }
  return tree.players.map((_, p) => {
    const mixed = (profile[p] ?? []).map((v) => (v instanceof Rational ? v.toNumber() : v));
    const x = mixedToRealization(tree, p, form.strategies[p] ?? [], mixed, FLOAT_FIELD);
    return realizationToBehaviour(tree, p, x, FLOAT_FIELD);
  });
};
