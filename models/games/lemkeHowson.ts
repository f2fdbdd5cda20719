// Lemke–Howson for 2-player games. Exact mode: fraction-free integer pivoting with the lexicographic minimum
// ratio test, so it never cycles on degenerate games. Float mode: a fast Float64Array kernel for the engine.
import type { Game } from './Game';
import { Rational } from './Rational';
import { makeEquilibrium, type Equilibrium } from './Equilibrium';
import { bimatrix, positiveIntegerMatrix, requireTwoPlayers, transpose } from './bimatrix';
import { SolverLimitError } from './SolverLimitError';

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
      budget.left -= s.T.length * (s.T[0] as bigint[]).length;
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

/**
 * Fast float Lemke–Howson kernel (for the engine; no allocation beyond one tableau). A and B are m×n
 * row-major (A[i*n+j]). Returns [x, y] mixed strategies, or null if the float path failed (e.g. cycling under
 * round-off); callers may then fall back to the exact `lemkeHowson`.
 */
export const lemkeHowsonFloat = (
  m: number,
  n: number,
  A: ArrayLike<number>,
  B: ArrayLike<number>,
  label = 0,
): [Float64Array, Float64Array] | null => {
  let minA = Infinity;
  let minB = Infinity;
  let maxAbs = 0;
  for (let t = 0; t < m * n; t++) {
    const a = A[t] as number;
    const b = B[t] as number;
    if (a < minA) minA = a;
    if (b < minB) minB = b;
    maxAbs = Math.max(maxAbs, Math.abs(a), Math.abs(b));
  }
  const eps = 1e-12 * Math.max(1, maxAbs);
  // X: n rows, columns m (x) + n (s) + 1. Y: m rows, columns n (y) + m (r) + 1.
  const wx = m + n + 1;
  const X = new Float64Array(n * wx);
  const Y = new Float64Array(m * wx);
  const bx = new Int32Array(n);
  const by = new Int32Array(m);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) X[j * wx + i] = (B[i * n + j] as number) - minB + 1;
    X[j * wx + m + j] = 1;
    X[j * wx + m + n] = 1;
    bx[j] = m + j;
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) Y[i * wx + j] = (A[i * n + j] as number) - minA + 1;
    Y[i * wx + n + i] = 1;
    Y[i * wx + m + n] = 1;
    by[i] = n + i;
  }
  const step = (T: Float64Array, rows: number, basis: Int32Array, d: number, c: number): number => {
    let best = -1;
    const rhs = wx - 1;
    for (let i = 0; i < rows; i++) {
      const a = T[i * wx + c] as number;
      if (a <= eps) continue;
      if (best < 0) {
        best = i;
        continue;
      }
      const ab = T[best * wx + c] as number;
      let cmp = 0;
      for (let col = -1; col < rows && cmp === 0; col++) {
        const cc = col < 0 ? rhs : d + col;
        const l = (T[i * wx + cc] as number) / a;
        const r = (T[best * wx + cc] as number) / ab;
        if (l < r - 1e-12) cmp = -1;
        else if (l > r + 1e-12) cmp = 1;
      }
      if (cmp < 0) best = i;
    }
    if (best < 0) return -1;
    const p = T[best * wx + c] as number;
    for (let j = 0; j < wx; j++) T[best * wx + j] = (T[best * wx + j] as number) / p;
    for (let i = 0; i < rows; i++) {
      if (i === best) continue;
      const f = T[i * wx + c] as number;
      if (f === 0) continue;
      for (let j = 0; j < wx; j++)
        T[i * wx + j] = (T[i * wx + j] as number) - f * (T[best * wx + j] as number);
      T[i * wx + c] = 0;
    }
    const leaving = basis[best] as number;
    basis[best] = c;
    return leaving;
  };
  let inX = label < m;
  let col = inX ? label : label - m;
  for (let it = 0; it < 10_000; it++) {
    const leaving = inX ? step(X, n, bx, m, col) : step(Y, m, by, n, col);
    if (leaving < 0) return null;
    const lab = inX ? leaving : leaving < n ? m + leaving : leaving - n;
    if (lab === label) {
      const x = new Float64Array(m);
      const y = new Float64Array(n);
      let sx = 0;
      let sy = 0;
      for (let j = 0; j < n; j++) {
        const v = bx[j] as number;
        if (v < m) {
          const val = Math.max(0, X[j * wx + wx - 1] as number);
          x[v] = val;
          sx += val;
        }
      }
      for (let i = 0; i < m; i++) {
        const v = by[i] as number;
        if (v < n) {
          const val = Math.max(0, Y[i * wx + wx - 1] as number);
          y[v] = val;
          sy += val;
        }
      }
      if (!(sx > 0 && sy > 0)) return null;
      for (let i = 0; i < m; i++) x[i] = (x[i] as number) / sx;
      for (let j = 0; j < n; j++) y[j] = (y[j] as number) / sy;
      return [x, y];
    }
    inX = !inX;
    col = inX ? lab : lab < m ? n + lab : lab - m;
  }
  return null;
};

/**
 * Float-mode LH for a Game (engine entry point): float kernel, verified in float; falls back to exact
 * pivoting on the decimal payoffs if the float path fails or its result does not verify.
 */
export const lemkeHowsonFast = (game: Game, label = 0): Equilibrium => {
  requireTwoPlayers(game, 'lemkeHowsonFast');
  const m = (game.strategies[0] as readonly string[]).length;
  const n = (game.strategies[1] as readonly string[]).length;
  const A = new Float64Array(m * n);
  const B = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      const row = game.payoffs[j * m + i] as readonly number[];
      A[i * n + j] = row[0] as number;
      B[i * n + j] = row[1] as number;
    }
  }
  const r = lemkeHowsonFloat(m, n, A, B, label);
  if (r) {
    const eq = verifyBimatrixFloat(m, n, A, B, r[0], r[1]);
    if (eq) return eq;
  }
  // Round-off defeated the float path: exact pivoting on the decimal payoffs (verified inside).
  return lemkeHowson({ ...game, exact: null }, label);
};

/** Float verification of (x, y) in the bimatrix game (A, B): the Equilibrium, or null when regret is too large. */
const verifyBimatrixFloat = (
  m: number,
  n: number,
  A: Float64Array,
  B: Float64Array,
  x: Float64Array,
  y: Float64Array,
): Equilibrium | null => {
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = 0; t < m * n; t++) {
    lo = Math.min(lo, A[t] as number, B[t] as number);
    hi = Math.max(hi, A[t] as number, B[t] as number);
  }
  const tol = 1e-9 * Math.max(1, hi - lo);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < m; i++) {
    if (!((x[i] as number) >= 0)) return null;
    sx += x[i] as number;
  }
  for (let j = 0; j < n; j++) {
    if (!((y[j] as number) >= 0)) return null;
    sy += y[j] as number;
  }
  if (Math.abs(sx - 1) > 1e-9 || Math.abs(sy - 1) > 1e-9) return null;
  let u0 = 0;
  let best0 = -Infinity;
  for (let i = 0; i < m; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += (A[i * n + j] as number) * (y[j] as number);
    u0 += (x[i] as number) * v;
    if (v > best0) best0 = v;
  }
  let u1 = 0;
  let best1 = -Infinity;
  for (let j = 0; j < n; j++) {
    let v = 0;
    for (let i = 0; i < m; i++) v += (B[i * n + j] as number) * (x[i] as number);
    u1 += (y[j] as number) * v;
    if (v > best1) best1 = v;
  }
  const reg = Math.max(0, best0 - u0, best1 - u1);
  if (!(reg <= tol)) return null;
  return {
    method: 'lcp',
    profile: [Array.from(x), Array.from(y)],
    payoffs: [u0, u1],
    regret: reg,
    exact: false,
  };
};

// The exact tableau, its fraction-free pivot and lexicographic ratio test are shared with the sequence-form Lemke
// algorithm for trees (models/games/extensive/sequenceFormLcp.ts): one implementation of exact pivoting.
export { lexMinRow, pivot as pivotTableau };
export type { System as IntegerTableau };
