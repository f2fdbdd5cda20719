// Lemke–Howson for 2-player games (Gambit's lcp), exact: fraction-free integer pivoting with the lexicographic
// minimum ratio test, so it never cycles on degenerate games. The float kernel the engine uses is
// kernels/lemkeHowsonFloat.ts.
import type { Game } from './Game';
import { Rational } from './Rational';
import { makeEquilibrium, type Equilibrium } from './Equilibrium';
import { bimatrix, positiveIntegerMatrix, requireTwoPlayers, transpose } from './bimatrix';
import { SolverLimitError } from './SolverLimitError';
import { entryWork } from './solverLimits';

/** One system of the LCP: rows × (vars + 1) integer tableau with common denominator D > 0. */
type System = {
  T: bigint[][];
  D: bigint;
  basis: number[];
  /** Columns of the initial identity (for the lexicographic ratio test). */
  lexCols: number[];
};

const makeSystem = (M: readonly (readonly bigint[])[]): System => {
  const k = M.length;
  const d = (M[0] ?? []).length;
  const vars = d + k;
  const T = M.map((row, i) => {
    const r = new Array<bigint>(vars + 1).fill(0n);
    row.forEach((v, j) => (r[j] = v));
    r[d + i] = 1n;
    r[vars] = 1n;
    return r;
  });
  return {
    T,
    D: 1n,
    basis: Array.from({ length: k }, (_, i) => d + i),
    lexCols: Array.from({ length: k }, (_, i) => d + i),
  };
};

const cloneSystem = (s: System): System => ({
  T: s.T.map((r) => r.slice()),
  D: s.D,
  basis: s.basis.slice(),
  lexCols: s.lexCols,
});

/** Lexicographic minimum ratio row for entering column c; -1 when the column is unbounded. */
const lexMinRow = (s: System, c: number): number => {
  const rhs = (s.T[0] as bigint[]).length - 1;
  let best = -1;
  for (let i = 0; i < s.T.length; i++) {
    const row = s.T[i] as bigint[];
    const a = row[c] as bigint;
    if (a <= 0n) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    const b = s.T[best] as bigint[];
    const ab = b[c] as bigint;
    let cmp = 0;
    for (const col of [rhs, ...s.lexCols]) {
      const l = (row[col] as bigint) * ab;
      const r = (b[col] as bigint) * a;
      if (l !== r) {
        cmp = l < r ? -1 : 1;
        break;
      }
    }
    if (cmp < 0) best = i;
  }
  return best;
};

const pivot = (s: System, r: number, c: number): number => {
  const pr = s.T[r] as bigint[];
  const p = pr[c] as bigint;
  const D = s.D;
  const width = pr.length;
  for (let i = 0; i < s.T.length; i++) {
    if (i === r) continue;
    const row = s.T[i] as bigint[];
    const f = row[c] as bigint;
    for (let j = 0; j < width; j++) row[j] = ((row[j] as bigint) * p - f * (pr[j] as bigint)) / D;
  }
  s.D = p;
  const leaving = s.basis[r] as number;
  s.basis[r] = c;
  return leaving;
};

const values = (s: System, d: number): bigint[] => {
  const out = new Array<bigint>(d).fill(0n);
  const rhs = (s.T[0] as bigint[]).length - 1;
  s.basis.forEach((v, i) => {
    if (v < d) out[v] = (s.T[i] as bigint[])[rhs] as bigint;
  });
  return out;
};

const normalise = (v: readonly bigint[]): Rational[] | null => {
  let sum = 0n;
  for (const x of v) sum += x;
  return sum === 0n ? null : v.map((x) => Rational.of(x, sum));
};

/** Exact LH state: X is the x-system (B'^T x + s = 1, columns = labels), Y the y-system (A' y + r = 1). */
type LhState = { X: System; Y: System; m: number; n: number };

const initialState = (game: Game): LhState => {
  const { m, n, A, B } = bimatrix(game);
  return {
    X: makeSystem(transpose(positiveIntegerMatrix(B))),
    Y: makeSystem(positiveIntegerMatrix(A)),
    m,
    n,
  };
};

/** Column of label l in X (identity) and in Y (y_j has label m + j, r_i has label i). */
const yCol = (st: LhState, l: number): number => (l < st.m ? st.n + l : l - st.m);
const yLabel = (st: LhState, c: number): number => (c < st.n ? st.m + c : c - st.n);

/** Follow the LH path dropping label k from a complementary state (mutated in place). */
const followPath = (st: LhState, k: number, budget?: { left: number; onLimit: () => never }): void => {
  const inX = !st.X.basis.includes(k);
  let sys: 'X' | 'Y' = inX ? 'X' : 'Y';
  let col = inX ? k : yCol(st, k);
  const limit = 100_000;
  for (let step = 0; step < limit; step++) {
    const s = sys === 'X' ? st.X : st.Y;
    const r = lexMinRow(s, col);
    if (r < 0) throw new Error('lemkeHowson: internal error, unbounded ray');
    if (budget) {
      budget.left -= s.T.length * (s.T[0] as bigint[]).length * entryWork(s.D);
      if (budget.left < 0) budget.onLimit();
    }
    const leaving = pivot(s, r, col);
    const label = sys === 'X' ? leaving : yLabel(st, leaving);
    if (label === k) return;
    sys = sys === 'X' ? 'Y' : 'X';
    col = sys === 'X' ? label : yCol(st, label);
  }
  throw new Error('lemkeHowson: internal error, path did not terminate');
};

const stateProfile = (st: LhState): [Rational[], Rational[]] | null => {
  const x = normalise(values(st.X, st.m));
  const y = normalise(values(st.Y, st.n));
  return x && y ? [x, y] : null;
};

const toEquilibrium = (game: Game, method: string, xy: [Rational[], Rational[]]): Equilibrium =>
  makeEquilibrium(game, method, game.exact ? xy : xy.map((v) => v.map((r) => r.toNumber())));

/**
 * The equilibrium at the end of the Lemke–Howson path from the artificial equilibrium dropping `label`
 * (0..m-1: row strategies, m..m+n-1: column strategies). Exact pivoting (float-mode games are solved on
 * their decimal values and reported as floats).
 *
 * Source: Lemke & Howson 1964, "Equilibrium points of bimatrix games", SIAM J. Appl. Math. 12; the tableau form
 * with the lexicographic ratio test as in von Stengel 2002, "Computing equilibria for two-person games", Handbook
 * of Game Theory 3, §3.5–3.7. Shapes: a 2-player game, m × n. Errors: RangeError for a game that is not 2-player
 * or a label out of range.
 */
export const lemkeHowson = (game: Game, label = 0): Equilibrium => {
  requireTwoPlayers(game, 'lemkeHowson');
  const st = initialState(game);
  if (!Number.isInteger(label) || label < 0 || label >= st.m + st.n) {
    throw new RangeError(`lemkeHowson: label ${label} is out of range 0..${st.m + st.n - 1}`);
  }
  followPath(st, label);
  const xy = stateProfile(st);
  if (!xy) throw new Error('lemkeHowson: internal error, path returned to the artificial equilibrium');
  return toEquilibrium(game, 'lcp', xy);
};

export type LcpOptions = {
  /** false: only the m + n paths from the artificial equilibrium (default true: the whole LH graph). */
  readonly graph?: boolean;
  /**
   * Work budget in exact tableau entries updated (about 10⁷ per second; default: no limit). Over budget →
   * SolverLimitError, never a partial answer.
   */
  readonly maxWork?: number;
};

/**
 * Gambit's lcp: Lemke–Howson from every starting label, then from every equilibrium found with every label
 * (the LH graph reachable from the artificial equilibrium), deduplicated. Set `graph: false` to stop at the
 * m + n paths from the artificial equilibrium.
 *
 * Source: Shapley 1974, "A note on the Lemke–Howson algorithm", Math. Programming Study 1 (the LH graph: paths
 * between equilibria for every dropped label); Lemke & Howson 1964. Not every equilibrium need be reachable (use
 * enumMixed for all of them). Errors: RangeError for a game that is not 2-player; SolverLimitError when
 * opts.maxWork would be exceeded.
 */
export const lcp = (game: Game, opts: LcpOptions = {}): Equilibrium[] => {
  requireTwoPlayers(game, 'lcp');
  const start = initialState(game);
  const maxWork = opts.maxWork ?? Infinity;
  const budget = {
    left: maxWork,
    onLimit: (): never => {
      throw new SolverLimitError(
        'lcp',
        `the ${start.m}×${start.n} game needs more than the allowed ${maxWork} units of work to follow every Lemke–Howson path`,
      );
    },
  };
  const total = start.m + start.n;
  const found = new Map<string, { eq: Equilibrium; st: LhState }>();
  const queue: LhState[] = [start];
  const graph = opts.graph !== false;
  for (let q = 0; q < queue.length; q++) {
    const from = queue[q] as LhState;
    for (let k = 0; k < total; k++) {
      const st: LhState = { ...from, X: cloneSystem(from.X), Y: cloneSystem(from.Y) };
      followPath(st, k, budget);
      const xy = stateProfile(st);
      if (!xy) continue;
      const key = xy.map((v) => v.join(',')).join('|');
      if (found.has(key)) continue;
      found.set(key, { eq: toEquilibrium(game, 'lcp', xy), st });
      if (graph) queue.push(st);
    }
    if (!graph) break;
  }
  return [...found.values()].map((f) => f.eq);
};

// The exact tableau, its fraction-free pivot and lexicographic ratio test are shared with the sequence-form Lemke
// algorithm for trees (models/games/extensive/sequenceFormLcp.ts): one implementation of exact pivoting.
export { lexMinRow, pivot as pivotTableau };
export type { System as IntegerTableau };
