// Subgame-perfect equilibria (Selten 1965, 1975) by backward induction over subgames (subgame decomposition).
//
// Subgames are solved deepest first. At a subgame root r, every proper subgame directly below r has already been
// solved; for each combination of the solutions chosen below, those subgames are replaced by terminal nodes paying
// their solution's expected payoffs, and the resulting reduced subgame (with no proper subgame of its own) is
// solved:
// - a single decision node (always the case in a perfect-information tree): every action of maximal payoff for
//   its player — every tie-break is enumerated, one solution each;
// - a single chance node: the expectation;
// - otherwise the `subgames` method: "pure" (default: every pure Nash equilibrium of the reduced subgame, Gambit's
//   enumpure), "enummixed" (every extreme equilibrium, 2 players), "lcp" (sequence-form Lemke, 2 players) or "logit"
//   (the limit of the agent logit branch). With "pure", a reduced subgame that has no pure equilibrium (given the
//   continuation chosen below) is solved by "enummixed" (2 players; "lcp" when enummixed is over its work limit) or
//   "logit" (more players) instead.
// "All" SPEs therefore means: every profile assembled from one solution of each reduced subgame, for every
// combination of the solutions below it. For perfect-information trees that is exactly the set of pure SPEs (every
// tie-break); for other trees it is every pure SPE whose reduced subgames have pure equilibria, up to the actions at
// information sets that a player's own earlier move in the same reduced subgame excludes (left unspecified, zero
// rows, as in `pure`: any action there keeps the profile subgame perfect). Each answer is verified to be a Nash
// equilibrium in every subgame.
import type { Num } from '../Equilibrium';
import { Rational } from '../Rational';
import { SolverLimitError } from '../SolverLimitError';
import { SOLVER_LIMITS } from '../solverLimits';
import type { GameTree, TreeNode } from './GameTree';
import { FLOAT_FIELD, RATIONAL_FIELD, type NumField } from './NumField';
import { agentLogit } from './agentLogit';
import { sequenceFormLcp } from './sequenceFormLcp';
import { subgameRoots } from './subgameRoots';
import { TreeBuilder, type BuiltNumber } from './TreeBuilder';
import { treeIndex, treeNumbers } from './treeIndex';
import { treeEnumMixed, treePureEquilibria } from './treeNash';
import { makeTreeEquilibrium, type TreeEquilibrium } from './verifyBehaviour';

export type SubgameMethod = 'pure' | 'enummixed' | 'lcp' | 'logit';

/** Largest Σ over subgame roots of subtree size × players (the cost of verifying one SPE in every subgame). */
export const MAX_SPE_CHECK_WORK = 5_000_000;

export type SubgamePerfectOptions = {
  /** How reduced subgames with more than one node are solved (default "pure"; see the file comment). */
  readonly subgames?: SubgameMethod;
  /** Largest number of equilibria enumerated (default 1,000). Over → SolverLimitError. */
  readonly maxEquilibria?: number;
  /** Work budget of the solvers of each reduced subgame (lcp/enummixed work units; default: their own limits). */
  readonly maxWork?: number;
  /**
   * Only the first equilibrium in the order of the tie-breaks (each reduced subgame keeps its first solution), so a
   * tree with many ties (every tie-break of every node multiplies the count) still gets its first SPE quickly. It is
   * the first element of the full list. Default false.
   */
  readonly firstOnly?: boolean;
};

type Row = { readonly player: number; readonly infoset: number; readonly row: readonly Num[] };

/** One solution of a subgame: its value and the rows it fixes, with the solutions chosen below. */
type Solution = {
  readonly value: readonly Num[];
  readonly rows: readonly Row[];
  readonly below: readonly Solution[];
  readonly exact: boolean;
};

const isExact = (v: Num): boolean => v instanceof Rational;

/**
 * Every subgame-perfect equilibrium in the sense of the file comment, verified (Nash in every subgame), in the
 * order of the tie-breaks (first actions first). Throws SolverLimitError past `maxEquilibria` or a solver's limits,
 * TreeError without perfect recall.
 */
export const subgamePerfect = (tree: GameTree, opts: SubgamePerfectOptions = {}): TreeEquilibrium[] => {
  treeIndex(tree, 'spe');
  const maxEq = opts.maxEquilibria ?? 1_000;
  const method = opts.subgames ?? 'pure';
  const field: NumField<Num> = (tree.exact ? RATIONAL_FIELD : FLOAT_FIELD) as NumField<Num>;
  const nums = treeNumbers(tree, field);
  const { nodes } = tree;
  const roots = subgameRoots(tree);
  const isRoot = new Uint8Array(nodes.length);
  for (const r of roots) isRoot[r] = 1;
  const end = treeIndex(tree).end;
  // Verifying Nash in every subgame costs Σ over subgame roots of the subtree size: bounded.
  let checkWork = 0;
  for (const r of roots) checkWork += ((end[r] as number) - r) * tree.players.length;
  if (checkWork > MAX_SPE_CHECK_WORK) {
    throw new SolverLimitError(
      'spe',
      `verifying subgame perfection needs ${checkWork} node visits per equilibrium (the limit is ${MAX_SPE_CHECK_WORK})`,
    );
  }
  const solutions = new Map<number, Solution[]>();
  const tooMany = (): never => {
    throw new SolverLimitError(
      'spe',
      `the tree has more than ${maxEq} subgame-perfect equilibria of this kind (the limit)`,
    );
  };
  for (let ri = roots.length - 1; ri >= 0; ri--) {
    const r = roots[ri] as number;
    // Direct sub-subgames: subgame roots strictly inside r not inside another one inside r.
    const direct: number[] = [];
    for (let n = r + 1; n < (end[r] as number);) {
      if (isRoot[n]) {
        direct.push(n);
        n = end[n] as number;
      } else n++;
    }
    let combos = 1;
    for (const s of direct) combos *= (solutions.get(s) as Solution[]).length;
    if (combos > maxEq) tooMany();
    const out: Solution[] = [];
    const pos = new Array<number>(direct.length).fill(0);
    for (let c = 0; c < combos; c++) {
      const chosen = direct.map((s, k) => (solutions.get(s) as Solution[])[pos[k] as number] as Solution);
      out.push(...solveReduced(tree, field, nums.pathPayoff, r, end, direct, chosen, method, opts));
      if (opts.firstOnly && out.length > 0) break;
      if (out.length > maxEq) tooMany();
      for (let k = 0; k < pos.length; k++) {
        pos[k] = (pos[k] as number) + 1;
        if ((pos[k] as number) < (solutions.get(direct[k] as number) as Solution[]).length) break;
        pos[k] = 0;
      }
    }
    for (const s of direct) solutions.delete(s);
    if (opts.firstOnly) out.length = Math.min(out.length, 1);
    solutions.set(r, out);
  }
  const top =
    nodes[0]?.kind === 'terminal'
      ? [{ value: [], rows: [], below: [], exact: tree.exact }]
      : (solutions.get(0) ?? []);
  return top.map((sol) => {
    const behaviour: Num[][][] = tree.infosets.map((sets) =>
      sets.map((s) => s.actions.map(() => field.zero)),
    );
    const stack: Solution[] = [sol];
    let exact = tree.exact;
    while (stack.length) {
      const s = stack.pop() as Solution;
      if (!s.exact) exact = false;
      for (const { player, infoset, row } of s.rows) (behaviour[player] as Num[][])[infoset] = [...row];
      stack.push(...s.below);
    }
    const b = exact
      ? behaviour
      : behaviour.map((sets) =>
          sets.map((row) => row.map((v) => (isExact(v) ? (v as Rational).toNumber() : v))),
        );
    return makeTreeEquilibrium(tree, 'spe', b, { subgamePerfect: true });
  });
};

/** Solutions of the reduced subgame at r given the solutions chosen for its direct sub-subgames. */
const solveReduced = (
  tree: GameTree,
  field: NumField<Num>,
  pathPayoff: readonly (readonly Num[])[],
  r: number,
  end: Int32Array,
  direct: readonly number[],
  chosen: readonly Solution[],
  method: SubgameMethod,
  opts: SubgamePerfectOptions,
): Solution[] => {
  const node = tree.nodes[r] as TreeNode & { children: readonly number[] };
  const valueOf = new Map<number, Solution>();
  direct.forEach((s, k) => valueOf.set(s, chosen[k] as Solution));
  const belowExact = chosen.every((s) => s.exact);
  const childValue = (c: number): readonly Num[] => {
    const sub = valueOf.get(c);
    if (sub) return sub.value;
    return pathPayoff[c] as readonly Num[];
  };
  const single = node.children.every((c) => valueOf.has(c) || tree.nodes[c]?.kind === 'terminal');
  if (single && node.kind === 'chance') {
    const P = tree.players.length;
    const nums = treeNumbers(tree, field);
    const v = new Array<Num>(P).fill(field.zero);
    node.children.forEach((c) => {
      const cv = childValue(c);
      for (let p = 0; p < P; p++) v[p] = mix(field, v[p] as Num, nums.moveProb[c] as Num, cv[p] as Num);
    });
    return [{ value: v, rows: [], below: chosen, exact: belowExact && v.every(isExact) }];
  }
  if (single && node.kind === 'decision') {
    const i = node.player;
    const vals = node.children.map(childValue);
    let best: Num | null = null;
    for (const v of vals) if (best === null || cmpNum(v[i] as Num, best) > 0) best = v[i] as Num;
    const out: Solution[] = [];
    const actions = node.children.length;
    vals.forEach((v, a) => {
      if (cmpNum(v[i] as Num, best as Num) !== 0) return;
      const row = Array.from({ length: actions }, (_, b) => (b === a ? field.one : field.zero));
      out.push({
        value: v,
        rows: [{ player: i, infoset: node.infoset, row }],
        below: chosen,
        exact: belowExact,
      });
    });
    return out;
  }
  // A reduced subgame with several nodes: build it as a tree of its own and solve it.
  const { reduced, setMap } = reducedSubgame(tree, r, end, valueOf, pathPayoff);
  const solve = (m: SubgameMethod): TreeEquilibrium[] => {
    switch (m) {
      case 'pure':
        return treePureEquilibria(reduced);
      case 'enummixed':
        return treeEnumMixed(reduced, { maxEnumWork: opts.maxWork ?? SOLVER_LIMITS.enummixedWork });
      case 'lcp':
        return sequenceFormLcp(reduced, { maxWork: opts.maxWork ?? SOLVER_LIMITS.lcpWork });
      case 'logit':
        return agentLogit(reduced);
    }
  };
  let eqs = solve(method);
  if (eqs.length === 0 && method === 'pure') {
    if (reduced.players.length !== 2) eqs = solve('logit');
    else {
      // Every extreme equilibrium when that is affordable, else the sequence-form equilibria.
      try {
        eqs = solve('enummixed');
      } catch (err) {
        if (!(err instanceof SolverLimitError)) throw err;
        eqs = solve('lcp');
      }
    }
  }
  return eqs.map((e) => {
    const rows: Row[] = [];
    e.behaviour.forEach((sets, p) =>
      sets.forEach((row, k) => rows.push({ player: p, infoset: (setMap[p] as number[])[k] as number, row })),
    );
    return { value: e.payoffs, rows, below: chosen, exact: belowExact && e.exact };
  });
};

/** a + w·b in the field, falling back to floats when a value is not exact. */
const mix = (field: NumField<Num>, a: Num, w: Num, b: Num): Num => {
  if (isExact(a) && isExact(w) && isExact(b)) return (a as Rational).add((w as Rational).mul(b as Rational));
  const f = (x: Num): number => (isExact(x) ? (x as Rational).toNumber() : (x as number));
  void field;
  return f(a) + f(w) * f(b);
};

const cmpNum = (a: Num, b: Num): number => {
  if (isExact(a) && isExact(b)) return (a as Rational).cmp(b as Rational);
  const f = (x: Num): number => (isExact(x) ? (x as Rational).toNumber() : (x as number));
  return f(a) < f(b) ? -1 : f(a) > f(b) ? 1 : 0;
};

/**
 * The subtree of r with each direct sub-subgame replaced by a terminal paying its chosen value, and every other
 * terminal paying its total payoff (so values are totals from the root, as pathPayoff). Information sets keep their
 * numbers; setMap[player][k] is the original index of the reduced tree's k-th information set of that player.
 */
const reducedSubgame = (
  tree: GameTree,
  r: number,
  end: Int32Array,
  collapsed: ReadonlyMap<number, Solution>,
  pathPayoff: readonly (readonly Num[])[],
): { reduced: GameTree; setMap: number[][] } => {
  const b = new TreeBuilder(tree.title, '', tree.players);
  if (!tree.exact) b.markInexact();
  const fail = (m: string): never => {
    throw new Error(`spe: internal error building a reduced subgame: ${m}`);
  };
  const num = (v: Num): BuiltNumber => {
    if (!tree.exact) return { value: isExact(v) ? (v as Rational).toNumber() : (v as number), exact: null };
    return isExact(v)
      ? { value: (v as Rational).toNumber(), exact: v as Rational }
      : { value: v as number, exact: Rational.from(v as number) };
  };
  const map = new Map<number, number>();
  let n = r;
  while (n < (end[r] as number)) {
    const node = tree.nodes[n] as TreeNode;
    const parent = n === r ? -1 : (map.get(node.parent) as number);
    const action = n === r ? -1 : node.action;
    const sub = collapsed.get(n);
    if (sub || node.kind === 'terminal') {
      const value = sub ? sub.value : (pathPayoff[n] as readonly Num[]);
      const out = b.outcome(null, '', value.map(num), fail);
      b.terminal(node.label, parent, action, out);
      n = sub ? (end[n] as number) : n + 1;
      continue;
    }
    let idx: number;
    if (node.kind === 'chance') {
      const set = tree.chance[node.infoset];
      if (!set) return fail('chance set');
      const probs = set.probs.map((v, k) => ({
        value: v,
        exact: tree.exact ? (set.exactProbs?.[k] ?? null) : null,
      }));
      const draft = b.chanceInfoset(set.number, set.label, set.actions, probs, fail);
      idx = b.move(node.label, -1, draft, parent, action, -1);
    } else {
      const set = tree.infosets[node.player]?.[node.infoset];
      if (!set) return fail('information set');
      const draft = b.infoset(node.player, set.number, set.label, set.actions, fail);
      idx = b.move(node.label, node.player, draft, parent, action, -1);
    }
    map.set(n, idx);
    n++;
  }
  const reduced = b.finish();
  const setMap = reduced.infosets.map((sets, p) =>
    sets.map((s) => (tree.infosets[p] ?? []).findIndex((o) => o.number === s.number)),
  );
  return { reduced, setMap };
};
