// Verification of behaviour profiles, the check every tree solver's answer passes before it is returned:
// - agent form: no player gains by changing its play at one information set, the rest of the profile fixed
//   (ex-ante gains, so information sets reached with probability 0 cannot fail it);
// - behaviour Nash: no player gains by changing its play at any set of its information sets (its best response,
//   computed by backward induction over its own sequences, von Stengel 1996);
// - strategic form: the realization-equivalent mixed profile of the reduced strategic form has zero regret there
//   (models/games/regret), whenever that form is within its limits;
// - subgame perfection (SPE answers): the behaviour Nash check in every subgame.
// Exact (zero regret) when the tree and the probabilities are exact, else within 1e-9 × the payoff range.
import { EquilibriumCheckError, type Num } from '../Equilibrium';
import { Rational } from '../Rational';
import { regret as strategicRegret } from '../regret';
import { SolverLimitError } from '../SolverLimitError';
import { describeInfoset, type Behaviour, type GameTree, type TreeNode } from './GameTree';
import { FLOAT_FIELD, RATIONAL_FIELD, type NumField } from './NumField';
import { behaviourToMixed, behaviourToRealization } from './realizationPlans';
import { reducedStrategicForm, type ReducedForm } from './reducedStrategicForm';
import { subgameRoots } from './subgameRoots';
import { treeIndex, treeNumbers, treePayoffScale } from './treeIndex';

/** A verified equilibrium of a tree. */
export type TreeEquilibrium = {
  /** The solver: "spe", "pure", "lcp", "enummixed", "logit". */
  readonly method: string;
  /** behaviour[player][infoset][action] (Rational when exact); a zero row: unspecified, never reached by its player. */
  readonly behaviour: Num[][][];
  /** Expected payoff of each player. */
  readonly payoffs: Num[];
  /** Largest gain of a player deviating at any set of its information sets (0 for a Nash equilibrium). */
  readonly regret: Num;
  /** Largest gain of a player deviating at one information set (0 for an agent-form equilibrium). */
  readonly agentRegret: Num;
  /** True when behaviour, payoffs and regrets are exact Rationals. */
  readonly exact: boolean;
  /** True when verified to be a Nash equilibrium in every subgame. */
  readonly subgamePerfect: boolean;
};

export type BehaviourCheck<T> = {
  /** Expected payoff of each player (in the subgame's root conditional terms when root ≠ 0). */
  readonly payoffs: T[];
  /** Best-response gain of each player. */
  readonly playerRegret: T[];
  /** max over players of playerRegret. */
  readonly regret: T;
  /** Largest one-information-set gain. */
  readonly agentRegret: T;
  /** Information sets with an unspecified (zero) row that are reached with positive probability. */
  readonly unspecifiedReached: { player: number; infoset: number }[];
};

/**
 * Payoffs and regrets of a behaviour profile in the subgame rooted at `root` (default: the whole tree). `root` must
 * root a subgame (or be 0). O(nodes × players).
 */
export const behaviourCheck = <T>(
  tree: GameTree,
  behaviour: readonly (readonly (readonly T[])[])[],
  field: NumField<T>,
  root = 0,
): BehaviourCheck<T> => {
  const index = treeIndex(tree);
  const nums = treeNumbers(tree, field);
  const { nodes } = tree;
  const P = tree.players.length;
  const stop = index.end[root] as number;
  const prob = (node: TreeNode, a: number): T =>
    node.kind === 'decision'
      ? ((behaviour[node.player]?.[node.infoset] as readonly T[])[a] as T)
      : field.zero;
  // Values (expected total payoff below each node) and reach probabilities from the root.
  const V = new Array<T[]>(stop - root);
  for (let n = stop - 1; n >= root; n--) {
    const node = nodes[n] as TreeNode;
    if (node.kind === 'terminal') {
      V[n - root] = nums.pathPayoff[n] as T[];
      continue;
    }
    const v = new Array<T>(P).fill(field.zero);
    node.children.forEach((c, a) => {
      const w = node.kind === 'chance' ? (nums.moveProb[c] as T) : prob(node, a);
      if (field.isZero(w)) return;
      const vc = V[c - root] as T[];
      for (let p = 0; p < P; p++) v[p] = field.add(v[p] as T, field.mul(w, vc[p] as T));
    });
    V[n - root] = v;
  }
  const R = new Array<T>(stop - root);
  R[0] = field.one;
  for (let n = root; n < stop; n++) {
    const node = nodes[n] as TreeNode;
    if (node.kind === 'terminal') continue;
    const r = R[n - root] as T;
    node.children.forEach((c, a) => {
      R[c - root] = field.isZero(r)
        ? field.zero
        : field.mul(r, node.kind === 'chance' ? (nums.moveProb[c] as T) : prob(node, a));
    });
  }
  const payoffs = V[0] as T[];
  // Best responses over own sequences (von Stengel 1996): seqValue(σ) = Σ plays ending with σ of reach × payoff
  // + Σ over sets entered by σ of max_a seqValue(σ_I a). bestAction records the maximiser at each set.
  const bestActions: Int32Array[] = [];
  const playerRegret = tree.players.map((_, i) => {
    const Rm = new Array<T>(stop - root);
    Rm[0] = field.one;
    const seqValue = new Array<T>(index.seqCount[i] as number).fill(field.zero);
    const seqAt = index.seqAt[i] as Int32Array;
    for (let n = root; n < stop; n++) {
      const node = nodes[n] as TreeNode;
      const r = Rm[n - root] as T;
      if (node.kind === 'terminal') {
        if (!field.isZero(r)) {
          const q = seqAt[n] as number;
          seqValue[q] = field.add(seqValue[q] as T, field.mul(r, (nums.pathPayoff[n] as T[])[i] as T));
        }
        continue;
      }
      node.children.forEach((c, a) => {
        if (field.isZero(r)) Rm[c - root] = field.zero;
        else if (node.kind === 'decision' && node.player === i) Rm[c - root] = r;
        else Rm[c - root] = field.mul(r, node.kind === 'chance' ? (nums.moveProb[c] as T) : prob(node, a));
      });
    }
    const sets = tree.infosets[i] ?? [];
    const best = new Int32Array(sets.length).fill(0);
    const inside = sets
      .map((s, k) => ({ k, first: s.nodes[0] as number }))
      .filter(({ first }) => first >= root && first < stop)
      .sort((a, b) => b.first - a.first);
    for (const { k } of inside) {
      const base = (index.seqBase[i] as number[])[k] as number;
      let bestValue: T | null = null;
      for (let a = 0; a < (sets[k]?.actions.length as number); a++) {
        const v = seqValue[base + a] as T;
        if (bestValue === null || field.cmp(v, bestValue) > 0) {
          bestValue = v;
          best[k] = a;
        }
      }
      const parent = (index.parentSeq[i] as number[])[k] as number;
      seqValue[parent] = field.add(seqValue[parent] as T, bestValue as T);
    }
    bestActions.push(best);
    const br = seqValue[seqAt[root] as number] as T;
    const g = field.sub(br, payoffs[i] as T);
    return field.cmp(g, field.zero) > 0 ? g : field.zero;
  });
  // Agent regret: one-set deviations of each player, ex ante. Where the profile leaves a set of the deviating
  // player unspecified (a zero row: its own strategy never gets there), the player is taken to continue optimally
  // (bestActions), so a deviation into such a set is valued, not counted as 0.
  let agentRegret = field.zero;
  const unspecifiedReached: { player: number; infoset: number }[] = [];
  tree.infosets.forEach((sets, i) => {
    const own = behaviour[i] as readonly (readonly T[])[];
    const filled = sets.map((s, k) => {
      const row = own[k] as readonly T[];
      if (!row.every((v) => field.isZero(v))) return row;
      const b = (bestActions[i] as Int32Array)[k] as number;
      return s.actions.map((_, a) => (a === b ? field.one : field.zero));
    });
    const Vi = new Array<T>(stop - root);
    for (let n = stop - 1; n >= root; n--) {
      const node = nodes[n] as TreeNode;
      if (node.kind === 'terminal') {
        Vi[n - root] = (nums.pathPayoff[n] as T[])[i] as T;
        continue;
      }
      let v = field.zero;
      node.children.forEach((c, a) => {
        const w =
          node.kind === 'chance'
            ? (nums.moveProb[c] as T)
            : node.player === i
              ? ((filled[node.infoset] as readonly T[])[a] as T)
              : prob(node, a);
        if (!field.isZero(w)) v = field.add(v, field.mul(w, Vi[c - root] as T));
      });
      Vi[n - root] = v;
    }
    sets.forEach((s, k) => {
      const first = s.nodes[0] as number;
      if (first < root || first >= stop) return;
      let reach = field.zero;
      const byAction = s.actions.map(() => field.zero);
      let current = field.zero;
      for (const h of s.nodes) {
        const r = R[h - root] as T;
        if (field.isZero(r)) continue;
        reach = field.add(reach, r);
        const node = nodes[h] as TreeNode & { children: readonly number[] };
        node.children.forEach((c, a) => {
          byAction[a] = field.add(byAction[a] as T, field.mul(r, Vi[c - root] as T));
        });
        current = field.add(current, field.mul(r, Vi[h - root] as T));
      }
      if (field.isZero(reach)) return;
      if ((own[k] as readonly T[]).every((v) => field.isZero(v)))
        unspecifiedReached.push({ player: i, infoset: k });
      for (const v of byAction) {
        const g = field.sub(v, current);
        if (field.cmp(g, agentRegret) > 0) agentRegret = g;
      }
    });
  });
  let regret = field.zero;
  for (const g of playerRegret) if (field.cmp(g, regret) > 0) regret = g;
  return { payoffs, playerRegret, regret, agentRegret, unspecifiedReached };
};

const formCache = new WeakMap<GameTree, ReducedForm | null>();

/** The reduced strategic form when it is within its default limits (cached), else null. */
export const reducedFormIfSmall = (tree: GameTree): ReducedForm | null => {
  if (formCache.has(tree)) return formCache.get(tree) ?? null;
  let form: ReducedForm | null = null;
  try {
    form = reducedStrategicForm(tree);
  } catch (err) {
    if (!(err instanceof SolverLimitError)) throw err;
  }
  formCache.set(tree, form);
  return form;
};

const isExactBehaviour = (b: Behaviour): b is readonly (readonly (readonly Rational[])[])[] =>
  b.every((sets) => sets.every((row) => row.every((v) => v instanceof Rational)));

export type MakeTreeEquilibriumOptions = {
  /** Also verify a Nash equilibrium in every subgame (SPE answers). */
  readonly subgamePerfect?: boolean;
  /** Skip the strategic-form check (callers that have just done it). Default false. */
  readonly skipStrategic?: boolean;
};

/** Float tolerance of tree checks: 1e-9 × the payoff range. */
export const treeTolerance = (tree: GameTree): number => 1e-9 * treePayoffScale(tree);

/**
 * Build a verified TreeEquilibrium (exact when the tree is exact and every probability is a Rational). Throws
 * EquilibriumCheckError (a solver bug) when a row is not a probability distribution (nor an all-zero row of an
 * information set its player never reaches), or any check of the file comment fails.
 */
export const makeTreeEquilibrium = (
  tree: GameTree,
  method: string,
  behaviour: Behaviour,
  opts: MakeTreeEquilibriumOptions = {},
): TreeEquilibrium => {
  const shapeOk =
    behaviour.length === tree.players.length &&
    behaviour.every(
      (sets, p) =>
        sets.length === (tree.infosets[p] ?? []).length &&
        sets.every((row, k) => row.length === (tree.infosets[p]?.[k]?.actions.length ?? -1)),
    );
  if (!shapeOk)
    throw new EquilibriumCheckError(
      `${method}: the behaviour profile does not match the tree's information sets`,
    );
  if (tree.exact && isExactBehaviour(behaviour)) {
    return finish(tree, method, behaviour, RATIONAL_FIELD, opts, (v) => v.isZero(), true);
  }
  const floats = behaviour.map((sets) =>
    sets.map((row) => row.map((v) => (v instanceof Rational ? v.toNumber() : v))),
  );
  const tol = treeTolerance(tree);
  return finish(tree, method, floats, FLOAT_FIELD, opts, (v) => v <= tol, false);
};

const finish = <T extends Num>(
  tree: GameTree,
  method: string,
  behaviour: readonly (readonly (readonly T[])[])[],
  field: NumField<T>,
  opts: MakeTreeEquilibriumOptions,
  small: (v: T) => boolean,
  exact: boolean,
): TreeEquilibrium => {
  const fail = (msg: string): never => {
    throw new EquilibriumCheckError(`${method}: internal error, ${msg}`);
  };
  // Rows: distributions, or zero rows where the player's own strategy does not reach the set.
  behaviour.forEach((sets, p) => {
    const x = behaviourToRealization(tree, p, sets, field);
    const index = treeIndex(tree);
    const reach = treeNumbers(tree, field).chanceReach;
    sets.forEach((row, k) => {
      let sum = field.zero;
      for (const v of row) {
        if (exact ? field.cmp(v, field.zero) < 0 : !((v as number) >= -1e-12)) {
          fail(`negative probability ${String(v)} at ${describeInfoset(tree, p, k)}`);
        }
        sum = field.add(sum, v);
      }
      if (field.isZero(sum)) {
        const parent = x[(index.parentSeq[p] as number[])[k] as number] as T;
        const possible = tree.infosets[p]?.[k]?.nodes.some((h) => !field.isZero(reach[h] as T));
        if (!field.isZero(parent) && possible)
          fail(`no behaviour at ${describeInfoset(tree, p, k)}, which its player reaches`);
        return;
      }
      const off = field.sub(sum, field.one);
      if (exact ? !field.isZero(off) : Math.abs(off as number) > 1e-9) {
        fail(`probabilities at ${describeInfoset(tree, p, k)} sum to ${String(sum)}`);
      }
    });
  });
  const check = behaviourCheck(tree, behaviour, field);
  const describe = (): string =>
    behaviour.map((sets) => sets.map((row) => row.map((v) => String(v)).join(',')).join(';')).join(' | ');
  if (!small(check.regret)) fail(`profile ${describe()} has regret ${String(check.regret)}`);
  if (!small(check.agentRegret)) fail(`profile ${describe()} has agent regret ${String(check.agentRegret)}`);
  if (!opts.skipStrategic) {
    const form = reducedFormIfSmall(tree);
    if (form) {
      const mixed = form.strategies.map((list, p) =>
        behaviourToMixed(list, behaviour[p] as readonly (readonly T[])[], field),
      );
      const r = strategicRegret(exact ? form.game : { ...form.game, exact: null }, mixed as Num[][]);
      const rv = r instanceof Rational ? r : (r as number);
      if (exact ? !(rv as Rational).isZero() : (rv as number) > treeTolerance(tree)) {
        fail(`profile ${describe()} has regret ${String(rv)} in the reduced strategic form`);
      }
    }
  }
  let subgamePerfect = false;
  if (opts.subgamePerfect) {
    for (const r of subgameRoots(tree)) {
      const c = r === 0 ? check : behaviourCheck(tree, behaviour, field, r);
      if (c.unspecifiedReached.length) {
        const u = c.unspecifiedReached[0] as { player: number; infoset: number };
        fail(
          `the subgame at node ${r} reaches ${describeInfoset(tree, u.player, u.infoset)}, where no behaviour is given`,
        );
      }
      if (!small(c.regret))
        fail(`profile ${describe()} has regret ${String(c.regret)} in the subgame at node ${r}`);
    }
    subgamePerfect = true;
  }
  const clamp = (v: T): Num => (exact ? v : Math.max(0, v as number));
  return {
    method,
    behaviour: behaviour.map((sets) => sets.map((row) => [...row] as Num[])),
    payoffs: check.payoffs.map((v) => v as Num),
    regret: clamp(check.regret),
    agentRegret: clamp(check.agentRegret),
    exact,
    subgamePerfect,
  };
};
