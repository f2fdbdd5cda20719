// Nash equilibria of trees through the reduced strategic form: every strategic-form solver applies, and its
// answers are translated back to behaviour strategies (realizationPlans.ts) and verified on the tree.
import { enumMixed } from '../enumMixed';
import type { Equilibrium } from '../Equilibrium';
import { pureEquilibria } from '../pureEquilibria';
import { SolverLimitError } from '../SolverLimitError';
import type { GameTree } from './GameTree';
import { mixedToBehaviour } from './realizationPlans';
import { reducedStrategicForm, type ReducedFormOptions } from './reducedStrategicForm';
import { makeTreeEquilibrium, type TreeEquilibrium } from './verifyBehaviour';

const keyOf = (e: TreeEquilibrium): string =>
  e.behaviour.map((sets) => sets.map((row) => row.map(String).join(',')).join(';')).join('|');

/**
 * Most verification work of one solve, in (equilibrium × (tree nodes + reduced-form profiles) × players) units:
 * every answer is verified on the tree and on the reduced form, so a tree with thousands of tied pure equilibria
 * (one node with 8,000 equal actions) would otherwise verify for minutes.
 */
export const MAX_TREE_VERIFY_WORK = 50_000_000;

/** Translate strategic-form equilibria of the reduced form to verified behaviour profiles, merging duplicates. */
const translate = (
  tree: GameTree,
  form: ReturnType<typeof reducedStrategicForm>,
  method: string,
  eqs: readonly Equilibrium[],
): TreeEquilibrium[] => {
  const profiles = form.strategies.reduce((n, list) => n * list.length, 1);
  const work = eqs.length * (tree.nodes.length + profiles) * tree.players.length;
  if (work > MAX_TREE_VERIFY_WORK) {
    throw new SolverLimitError(
      method,
      `verifying its ${eqs.length} equilibria needs ${work} steps (the limit is ${MAX_TREE_VERIFY_WORK})`,
    );
  }
  const seen = new Set<string>();
  const out: TreeEquilibrium[] = [];
  for (const e of eqs) {
    const te = makeTreeEquilibrium(tree, method, mixedToBehaviour(tree, form, e.profile));
    const k = keyOf(te);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(te);
  }
  return out;
};

/**
 * Gambit's enumpure on a tree: every pure-strategy Nash equilibrium of the reduced strategic form (Nash, not agent
 * form: a player may deviate at several information sets at once), in Gambit's profile order, as behaviour
 * profiles. Information sets a player's own strategy excludes are unspecified (zero rows), as gambit-enumpure
 * prints them; so equilibria differing only there are one answer. Throws SolverLimitError when the reduced form is
 * too large, TreeError without perfect recall.
 */
export const treePureEquilibria = (tree: GameTree, opts: ReducedFormOptions = {}): TreeEquilibrium[] => {
  const form = reducedStrategicForm(tree, { method: 'pure', ...opts });
  return translate(tree, form, 'pure', pureEquilibria(form.game));
};

export type TreeEnumMixedOptions = ReducedFormOptions & {
  /** Work budget of the vertex enumeration (see enumMixed). */
  readonly maxEnumWork?: number;
};

/**
 * Every extreme Nash equilibrium of the reduced strategic form of a 2-player tree (Gambit's enummixed), as
 * behaviour profiles; extreme equilibria that translate to the same behaviour profile are merged. Throws
 * RangeError unless 2 players, SolverLimitError over the limits, TreeError without perfect recall.
 */
export const treeEnumMixed = (tree: GameTree, opts: TreeEnumMixedOptions = {}): TreeEquilibrium[] => {
  if (tree.players.length !== 2) {
    throw new RangeError(`enummixed solves 2-player trees; this tree has ${tree.players.length} players`);
  }
  const form = reducedStrategicForm(tree, { method: 'enummixed', ...opts });
  const eqs = enumMixed(form.game, opts.maxEnumWork === undefined ? {} : { maxWork: opts.maxEnumWork });
  return translate(tree, form, 'enummixed', eqs);
};
