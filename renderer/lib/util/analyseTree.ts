// Everything the tree view shows about a game tree's equilibria, as plain JSON (computed in a worker): the
// subgame-perfect equilibria (backward induction, every tie-break), every pure behaviour-strategy Nash equilibrium,
// and for 2 players the sequence-form Lemke equilibria; each solver guarded, so one failing solver is reported in
// place. Each equilibrium carries its behaviour at every information set (exact fractions when exact) and the
// value of every node under it (what backward induction writes beside a node).
import type { GameTree, TreeNode } from '../../../models/games/extensive/GameTree';
import { sequenceFormLcp } from '../../../models/games/extensive/sequenceFormLcp';
import { subgamePerfect } from '../../../models/games/extensive/subgamePerfect';
import { treePureEquilibria } from '../../../models/games/extensive/treeNash';
import type { TreeEquilibrium } from '../../../models/games/extensive/verifyBehaviour';
import { toFloat, type Num } from '../../../models/games/Equilibrium';
import { Rational } from '../../../models/games/Rational';
import { SOLVER_LIMITS } from '../../../models/games/solverLimits';
import { SolverLimitError } from '../../../models/games/SolverLimitError';
import { formatNice, formatPayoff } from '../../../models/text/format';

export type TreeEquilibriumView = {
  /** behaviour[player][infoset][action] for display; a row of "" marks an unspecified (unreached) set. */
  readonly text: readonly (readonly (readonly string[])[])[];
  readonly probs: readonly (readonly (readonly number[])[])[];
  readonly payoffs: readonly string[];
  /** values[node][player]: the expected payoff from that node on under the profile (unspecified rows: null). */
  readonly values: readonly (readonly string[] | null)[];
  readonly subgamePerfect: boolean;
  readonly exact: boolean;
};

export type TreeSolverRun = {
  readonly method: 'spe' | 'pure' | 'lcp';
  readonly label: string;
  readonly equilibria: readonly TreeEquilibriumView[];
  readonly skipped: string | null;
  readonly error: string | null;
  /** What the list is when it is not every equilibrium of the method, or null. */
  readonly note: string | null;
};

export type TreeAnalysis = { readonly runs: readonly TreeSolverRun[] };

/** Largest number of subgame-perfect equilibria listed (every tie-break of a large tree can be many). */
export const MAX_VIEW_SPE = 200;

const nice = (x: Num): string => (x instanceof Rational ? formatNice(x) : formatPayoff(x));

const nodeValues = (tree: GameTree, e: TreeEquilibrium): (readonly string[] | null)[] => {
  const players = tree.players.length;
  const zero: Num = e.exact ? Rational.int(0) : 0;
  const add = (a: Num, b: Num): Num =>
    a instanceof Rational ? a.add(b) : b instanceof Rational ? b.add(a) : a + b;
  const mul = (a: Num, b: Num): Num =>
    a instanceof Rational ? a.mul(b) : b instanceof Rational ? b.mul(a) : a * b;
  const values: (Num[] | null)[] = new Array<Num[] | null>(tree.nodes.length).fill(null);
  for (let i = tree.nodes.length - 1; i >= 0; i--) {
    const node = tree.nodes[i] as TreeNode;
    const out = node.outcome >= 0 ? tree.outcomes[node.outcome] : undefined;
    const own: Num[] = Array.from({ length: players }, (_, p) =>
      out ? (e.exact && out.exact ? (out.exact[p] as Rational) : (out.payoffs[p] ?? 0)) : zero,
    );
    if (node.kind === 'terminal') {
      values[i] = own;
      continue;
    }
    const chance = node.kind === 'chance' ? tree.chance[node.infoset] : undefined;
    const row: readonly Num[] | undefined = chance
      ? e.exact && chance.exactProbs
        ? chance.exactProbs
        : chance.probs
      : node.kind === 'decision'
        ? e.behaviour[node.player]?.[node.infoset]
        : undefined;
    if (!row || row.every((p) => toFloat(p) === 0)) continue; // unspecified: no value
    let v: Num[] | null = own;
    for (let k = 0; k < node.children.length && v; k++) {
      const p = row[k] ?? zero;
      if (toFloat(p) === 0) continue;
      const cv = values[node.children[k] as number];
      const acc: Num[] = v;
      v = cv ? acc.map((x, q) => add(x, mul(p, cv[q] as Num))) : null;
    }
    values[i] = v;
  }
  return values.map((v) => (v ? v.map(nice) : null));
};

/** The view of one verified tree equilibrium. */
export const treeEquilibriumView = (tree: GameTree, e: TreeEquilibrium): TreeEquilibriumView => ({
  text: e.behaviour.map((sets) =>
    sets.map((row) => (row.every((p) => toFloat(p) === 0) ? row.map(() => '') : row.map(nice))),
  ),
  probs: e.behaviour.map((sets) => sets.map((row) => row.map(toFloat))),
  payoffs: e.payoffs.map(nice),
  values: nodeValues(tree, e),
  subgamePerfect: e.subgamePerfect,
  exact: e.exact,
});

type TreeSolver = {
  readonly method: TreeSolverRun['method'];
  readonly label: string;
  readonly applies: (tree: GameTree) => string | null;
  readonly run: (tree: GameTree) => { eqs: TreeEquilibrium[]; note?: string };
};

/** Every SPE up to MAX_VIEW_SPE; past it (ties multiply them), the first one (ties broken toward the first action). */
const speForView = (t: GameTree): { eqs: TreeEquilibrium[]; note?: string } => {
  try {
    return { eqs: subgamePerfect(t, { maxEquilibria: MAX_VIEW_SPE }) };
  } catch (e) {
    if (!(e instanceof SolverLimitError)) throw e;
    return {
      eqs: subgamePerfect(t, { firstOnly: true }),
      note: `${e.message}: the first is shown (every tie broken toward the first action).`,
    };
  }
};

export const TREE_SOLVERS: readonly TreeSolver[] = [
  {
    method: 'spe',
    label: 'Subgame-perfect equilibria (backward induction)',
    applies: () => null,
    run: speForView,
  },
  {
    method: 'pure',
    label: 'Pure Nash equilibria',
    applies: () => null,
    run: (t) => ({ eqs: treePureEquilibria(t) }),
  },
  {
    method: 'lcp',
    label: 'Sequence-form Lemke (lcp)',
    applies: (t) => (t.players.length === 2 ? null : 'two-player trees only'),
    run: (t) => ({ eqs: sequenceFormLcp(t, { maxWork: SOLVER_LIMITS.lcpWork }) }),
  },
];

/** Run every tree solver that applies; a solver's failure (limits, imperfect recall) is reported in its run. */
export const analyseTree = (tree: GameTree): TreeAnalysis => ({
  runs: TREE_SOLVERS.map((s): TreeSolverRun => {
    const skipped = s.applies(tree);
    if (skipped)
      return { method: s.method, label: s.label, equilibria: [], skipped, error: null, note: null };
    try {
      const { eqs, note } = s.run(tree);
      return {
        method: s.method,
        label: s.label,
        equilibria: eqs.map((e) => treeEquilibriumView(tree, e)),
        skipped: null,
        error: null,
        note: note ?? null,
      };
    } catch (err) {
      return {
        method: s.method,
        label: s.label,
        equilibria: [],
        skipped: null,
        error: err instanceof Error ? err.message : String(err),
        note: null,
      };
    }
  }),
});
