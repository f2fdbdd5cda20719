// Nash equilibria of 2-player trees by the sequence form (Koller, Megiddo & von Stengel 1996; von Stengel 1996):
// Lemke's algorithm on the sequence-form linear complementarity problem, exact (fraction-free bigint pivoting,
// shared with lemkeHowson) with lexicographic degeneracy resolution, from several covering vectors.
//
// The LCP. Realization plans x (player 1, sequences σ) and y (player 2, sequences τ) satisfy E x = e, F y = f,
// x, y ≥ 0 (E: one row for the empty sequence, x(∅) = 1, and one row per information set, Σ_a x(σ_I a) = x(σ_I)).
// With A, B the sequence-form payoff matrices shifted so that every play pays less than 0 (strategically
// equivalent), x and y are an equilibrium iff, for free u, v,
//   E^T u − A y ≥ 0 ⊥ x ≥ 0,   F^T v − B^T x ≥ 0 ⊥ y ≥ 0,   E x = e,   F y = f.
// The free duals are split, u = u⁺ − u⁻ (u⁺, u⁻ ≥ 0), and each equality is written as two inequalities
// complementary to u⁺ and u⁻, which gives a standard LCP w = q + M z ≥ 0 ⊥ z ≥ 0. Lemke's algorithm with any
// positive covering vector d ends at a solution, never on a secondary ray: along a ray (ž, ž0), copositivity of M
// (−A, −B ≥ 0) and d > 0 force ž0 = 0 and then E x̌ = 0, F y̌ = 0, so x̌ = y̌ = 0; the remaining direction in (u, v)
// has E^T ǔ ≤ 0, hence ǔ ≤ 0, and complementarity with the point's x (E x = e + d z0 > e where ǔ < 0) forces
// ǔ = 0, v̌ = 0, i.e. no ray. (Gambit's efglcp.cc relaxes E x = e to E x ≥ e instead and reads behaviour as
// x(σa)/x(σ); a solution of that relaxation can carry excess weight at information sets the opponent never lets be
// reached. The split form keeps E x = e exact.)
//
// Starting points: d = 1 (Gambit's covering vector), then d = 1 + (the costs of playing against the opponent's
// uniform behaviour), then d = 1 + L·e_s for each sequence row s, while the work budget lasts; distinct
// equilibria are returned in the order found, each verified (makeTreeEquilibrium).
import type { IntegerTableau } from '../lemkeHowson';
import { lexMinRow, pivotTableau } from '../lemkeHowson';
import { Rational, bigGcd } from '../Rational';
import { SolverLimitError } from '../SolverLimitError';
import { entryWork } from '../solverLimits';
import type { GameTree } from './GameTree';
import { RATIONAL_FIELD } from './NumField';
import { behaviourToRealization, realizationToBehaviour } from './realizationPlans';
import { treeIndex, treeNumbers, type TreeIndex } from './treeIndex';
import { makeTreeEquilibrium, type TreeEquilibrium } from './verifyBehaviour';
import { TreeError } from './TreeError';

/** Largest LCP (rows) built, whatever the work budget: its exact tableau has rows × (2 rows + 2) entries. */
export const MAX_LCP_ROWS = 3_000;

export type SequenceFormLcpOptions = {
  /**
   * Work budget in exact tableau entries updated (default: no limit). When the first path alone needs more →
   * SolverLimitError; later starting points are tried only while the budget lasts.
   */
  readonly maxWork?: number;
  /** Largest number of starting points (covering vectors) tried (default: 2 + the number of sequences). */
  readonly maxStarts?: number;
};

/** The exact sequence form of a 2-player tree (sparse payoffs shifted below 0). */
export type SequenceForm = {
  readonly index: TreeIndex;
  readonly n1: number;
  readonly n2: number;
  /** Constraint rows: 1 + information sets of each player. */
  readonly m1: number;
  readonly m2: number;
  /** Sparse shifted payoffs: entries (σ, τ, a, b) with a = Σ c(z)(u1(z) − K), b = Σ c(z)(u2(z) − K). */
  readonly entries: readonly { s: number; t: number; a: Rational; b: Rational }[];
};

/** The sequence form of a 2-player tree with perfect recall and exact payoffs. */
export const sequenceForm = (tree: GameTree): SequenceForm => {
  if (tree.players.length !== 2) {
    throw new RangeError(`lcp solves 2-player trees; this tree has ${tree.players.length} players`);
  }
  const index = treeIndex(tree, 'lcp');
  const nums = treeNumbers(tree, RATIONAL_FIELD);
  let max: Rational | null = null;
  for (const z of index.leaves) {
    for (const v of nums.pathPayoff[z] as Rational[]) if (max === null || v.gt(max)) max = v;
  }
  const K = (max ?? Rational.ZERO).add(Rational.ONE);
  const map = new Map<string, { s: number; t: number; a: Rational; b: Rational }>();
  for (const z of index.leaves) {
    const c = nums.chanceReach[z] as Rational;
    if (c.isZero()) continue;
    const s = (index.seqAt[0] as Int32Array)[z] as number;
    const t = (index.seqAt[1] as Int32Array)[z] as number;
    const pay = nums.pathPayoff[z] as Rational[];
    const a = c.mul((pay[0] as Rational).sub(K));
    const b = c.mul((pay[1] as Rational).sub(K));
    const key = `${s},${t}`;
    const e = map.get(key);
    if (e) {
      e.a = e.a.add(a);
      e.b = e.b.add(b);
    } else map.set(key, { s, t, a, b });
  }
  return {
    index,
    n1: index.seqCount[0] as number,
    n2: index.seqCount[1] as number,
    m1: 1 + (tree.infosets[0]?.length ?? 0),
    m2: 1 + (tree.infosets[1]?.length ?? 0),
    entries: [...map.values()],
  };
};

/** E(I, σ) of one player: row 0 is the empty sequence; row 1 + k is information set k. */
const constraintEntries = (index: TreeIndex, p: number): { row: number; col: number; v: number }[] => {
  const out = [{ row: 0, col: 0, v: 1 }];
  (index.parentSeq[p] as number[]).forEach((parent, k) => {
    out.push({ row: 1 + k, col: parent, v: -1 });
    const base = (index.seqBase[p] as number[])[k] as number;
    const count = (index.tree.infosets[p]?.[k]?.actions.length ?? 0) as number;
    for (let a = 0; a < count; a++) out.push({ row: 1 + k, col: base + a, v: 1 });
  });
  return out;
};

const lcm = (a: bigint, b: bigint): bigint => (a / bigGcd(a, b)) * b;

type Lcp = {
  /** Rows of M as sparse maps col → Rational, and q. */
  readonly M: Map<number, Rational>[];
  readonly q: Rational[];
  readonly size: number;
};

/** The split sequence-form LCP w = q + M z (see the file comment); z = (x, y, u⁺, u⁻, v⁺, v⁻). */
const buildLcp = (sf: SequenceForm): Lcp => {
  const { n1, n2, m1, m2, index } = sf;
  const ox = 0;
  const oy = n1;
  const oup = n1 + n2;
  const oum = oup + m1;
  const ovp = oum + m1;
  const ovm = ovp + m2;
  const size = ovm + m2;
  const M = Array.from({ length: size }, () => new Map<number, Rational>());
  const q = new Array<Rational>(size).fill(Rational.ZERO);
  const add = (r: number, c: number, v: Rational): void => {
    const row = M[r] as Map<number, Rational>;
    const old = row.get(c);
    const nv = old ? old.add(v) : v;
    if (nv.isZero()) row.delete(c);
    else row.set(c, nv);
  };
  for (const { s, t, a, b } of sf.entries) {
    add(ox + s, oy + t, a.neg()); // w_x = −A'' y …
    add(oy + t, ox + s, b.neg()); // w_y = −B''^T x …
  }
  for (const { row, col, v } of constraintEntries(index, 0)) {
    const r = Rational.int(v);
    add(ox + col, oup + row, r.neg()); // … − E^T u⁺
    add(ox + col, oum + row, r); //        … + E^T u⁻
    add(oup + row, ox + col, r); //     w_u⁺ = E x − e
    add(oum + row, ox + col, r.neg()); // w_u⁻ = −E x + e
  }
  for (const { row, col, v } of constraintEntries(index, 1)) {
    const r = Rational.int(v);
    add(oy + col, ovp + row, r.neg());
    add(oy + col, ovm + row, r);
    add(ovp + row, oy + col, r);
    add(ovm + row, oy + col, r.neg());
  }
  q[oup] = Rational.ONE.neg();
  q[oum] = Rational.ONE;
  q[ovp] = Rational.ONE.neg();
  q[ovm] = Rational.ONE;
  return { M, q, size };
};

/**
 * Lemke's algorithm on w = q + M z + d z0 (exact): the solution z, or throws on budget exhaustion. Tableau columns:
 * w (size) | z (size) | z0 | rhs, with each row scaled to integers (w̃_i = s_i w_i keeps the identity).
 */
const lemke = (
  lcp: Lcp,
  d: readonly Rational[],
  budget: { left: number; onLimit: () => never },
): Rational[] => {
  const N = lcp.size;
  const width = 2 * N + 2;
  const T: bigint[][] = [];
  for (let i = 0; i < N; i++) {
    const row = lcp.M[i] as Map<number, Rational>;
    let s = (d[i] as Rational).den;
    s = lcm(s, (lcp.q[i] as Rational).den);
    for (const v of row.values()) s = lcm(s, v.den);
    const r = new Array<bigint>(width).fill(0n);
    r[i] = 1n;
    // w̃ − M̃ z − d̃ z0 = q̃
    for (const [c, v] of row) r[N + c] = -((v.num * s) / v.den);
    r[2 * N] = -(((d[i] as Rational).num * s) / (d[i] as Rational).den);
    r[2 * N + 1] = ((lcp.q[i] as Rational).num * s) / (lcp.q[i] as Rational).den;
    // The scaled slack w̃_i is basic with coefficient 1, so the whole row is scaled: w̃_i = s_i w_i.
    T.push(r);
  }
  const tab: IntegerTableau = {
    T,
    D: 1n,
    basis: Array.from({ length: N }, (_, i) => i),
    lexCols: Array.from({ length: N }, (_, i) => i),
  };
  const spend = (): void => {
    budget.left -= N * width * entryWork(tab.D);
    if (budget.left < 0) budget.onLimit();
  };
  // First pivot: z0 enters where q̃_i / d̃_i is smallest (ties: the largest row, the lexicographic perturbation).
  const z0 = 2 * N;
  let r = -1;
  for (let i = 0; i < N; i++) {
    const row = T[i] as bigint[];
    const qi = row[width - 1] as bigint;
    const di = -(row[z0] as bigint);
    if (r < 0) {
      r = i;
      continue;
    }
    const best = T[r] as bigint[];
    const qb = best[width - 1] as bigint;
    const db = -(best[z0] as bigint);
    // qi/di <= qb/db  ⇔ qi·db <= qb·di (d̃ > 0)
    if (qi * db <= qb * di) r = i;
  }
  if (((T[r] as bigint[])[width - 1] as bigint) >= 0n) {
    // q ≥ 0: z = 0 solves the LCP (cannot happen here: q has −1 entries).
    return new Array<Rational>(N).fill(Rational.ZERO);
  }
  spend();
  let leaving = pivotTableau(tab, r, z0);
  if (tab.D < 0n) {
    for (const row of tab.T) for (let j = 0; j < width; j++) row[j] = -(row[j] as bigint);
    tab.D = -tab.D;
  }
  for (let step = 0; step < 1_000_000; step++) {
    const entering = leaving < N ? N + leaving : leaving - N;
    const row = lexMinRow(tab, entering);
    if (row < 0) throw new Error('sequence-form lcp: internal error, Lemke path ended on a ray');
    spend();
    leaving = pivotTableau(tab, row, entering);
    if (leaving === z0) {
      const z = new Array<Rational>(N).fill(Rational.ZERO);
      tab.basis.forEach((v, i) => {
        if (v >= N && v < 2 * N) z[v - N] = Rational.of((tab.T[i] as bigint[])[width - 1] as bigint, tab.D);
      });
      return z;
    }
  }
  throw new Error('sequence-form lcp: internal error, Lemke path did not terminate');
};

/**
 * Nash equilibria of a 2-player tree with perfect recall by Lemke's algorithm on the sequence-form LCP, exact,
 * from several covering vectors (see the file comment); each answer verified, duplicates merged. Float trees are
 * solved exactly on the decimal values of their numbers and reported as floats. Throws RangeError unless 2 players,
 * TreeError without perfect recall, SolverLimitError over the work budget.
 */
export const sequenceFormLcp = (tree: GameTree, opts: SequenceFormLcpOptions = {}): TreeEquilibrium[] => {
  const exactTree = tree.exact ? tree : toExactTree(tree);
  const sf = sequenceForm(exactTree);
  const maxWork = opts.maxWork ?? Infinity;
  const size = sf.n1 + sf.n2 + 2 * (sf.m1 + sf.m2);
  if (size > MAX_LCP_ROWS || size * (2 * size + 2) > maxWork) {
    throw new SolverLimitError(
      'lcp',
      `the sequence form (${sf.n1}×${sf.n2} sequences) gives a ${size}-row tableau, too large for the allowed work`,
    );
  }
  const lcp = buildLcp(sf);
  const N = lcp.size;
  const budget = {
    left: maxWork,
    onLimit: (): never => {
      throw new SolverLimitError(
        'lcp',
        `the sequence form (${sf.n1}×${sf.n2} sequences) needs more than the allowed ${maxWork} units of work to follow a Lemke path`,
      );
    },
  };
  const ones = new Array<Rational>(N).fill(Rational.ONE);
  const starts: Rational[][] = [ones];
  // Costs against the opponent's uniform behaviour (a van den Elzen–Talman-like prior).
  const uniform = (p: number): Rational[] =>
    behaviourToRealization(
      exactTree,
      p,
      (exactTree.infosets[p] ?? []).map((s) =>
        s.actions.map(() => Rational.of(1n, BigInt(s.actions.length))),
      ),
      RATIONAL_FIELD,
    );
  const x0 = uniform(0);
  const y0 = uniform(1);
  const prior = ones.slice();
  for (const { s, t, a, b } of sf.entries) {
    prior[s] = (prior[s] as Rational).sub(a.mul(y0[t] as Rational));
    prior[sf.n1 + t] = (prior[sf.n1 + t] as Rational).sub(b.mul(x0[s] as Rational));
  }
  starts.push(prior);
  const L = Rational.int(sf.n1 + sf.n2 + 1);
  for (let s = 0; s < sf.n1 + sf.n2; s++) {
    const d = ones.slice();
    d[s] = Rational.ONE.add(L);
    starts.push(d);
  }
  const maxStarts = Math.max(1, opts.maxStarts ?? starts.length);
  const found = new Map<string, TreeEquilibrium>();
  for (let k = 0; k < Math.min(maxStarts, starts.length); k++) {
    let z: Rational[];
    try {
      z = lemke(lcp, starts[k] as Rational[], budget);
    } catch (err) {
      if (err instanceof SolverLimitError && found.size > 0) break;
      throw err;
    }
    const x = z.slice(0, sf.n1);
    const y = z.slice(sf.n1, sf.n1 + sf.n2);
    const behaviour = [
      realizationToBehaviour(exactTree, 0, x, RATIONAL_FIELD),
      realizationToBehaviour(exactTree, 1, y, RATIONAL_FIELD),
    ];
    const key = behaviour.map((sets) => sets.map((row) => row.join(',')).join(';')).join('|');
    if (found.has(key)) continue;
    const out = tree.exact
      ? behaviour
      : behaviour.map((sets) => sets.map((row) => row.map((v) => v.toNumber())));
    found.set(key, makeTreeEquilibrium(tree, 'lcp', out));
  }
  return [...found.values()];
};

/** The same tree read exactly (each float through its shortest decimal), for the exact combinatorial solvers. */
export const toExactTree = (tree: GameTree): GameTree => {
  if (tree.exact) return tree;
  try {
    return {
      ...tree,
      exact: true,
      outcomes: tree.outcomes.map((o) => ({ ...o, exact: o.payoffs.map((v) => Rational.from(v)) })),
      chance: tree.chance.map((c) => {
        const probs = c.probs.map((v) => Rational.from(v));
        // Decimal probabilities that sum to 1 only in floating point: give the rounding to the last action.
        const rest = probs.slice(0, -1).reduce((a, v) => a.add(v), Rational.ZERO);
        const last = Rational.ONE.sub(rest);
        if (last.sign() < 0) throw new TreeError('chance probabilities sum to more than 1');
        return { ...c, exactProbs: [...probs.slice(0, -1), last] };
      }),
    };
  } catch (err) {
    if (err instanceof TreeError) throw err;
    throw new TreeError(`the tree's numbers cannot be read exactly: ${(err as Error).message}`);
  }
};
