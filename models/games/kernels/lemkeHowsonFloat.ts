// Lemke–Howson for 2-player games in float arithmetic, allocation-free: the one float LH kernel, used by the Monte
// Carlo engine when a round's 2-player game has no pure equilibrium. (models/games' `lemkeHowson`/`lcp` pivot
// exactly on integers; this kernel trades exactness for speed and verifies its answer instead.)
import { isMixedProfile, maxRegret, regretTolerance, type FloatGame } from './FloatGame';

/** Tableaux and bases for an m × n game (reused by every call of lemkeHowsonFloat on games of that shape). */
export class LemkeHowsonWorkspace {
  readonly width: number;
  /** x-system: n rows Σ_i B'[i][j] x_i + s_j = 1; columns x_0…x_{m-1}, s_0…s_{n-1}, right-hand side. */
  readonly P: Float64Array;
  /** y-system: m rows Σ_j A'[i][j] y_j + r_i = 1; columns r_0…r_{m-1}, y_0…y_{n-1}, right-hand side. */
  readonly Q: Float64Array;
  readonly basisP: Int32Array;
  readonly basisQ: Int32Array;

  constructor(
    readonly m: number,
    readonly n: number,
  ) {
    this.width = m + n + 1;
    this.P = new Float64Array(n * this.width);
    this.Q = new Float64Array(m * this.width);
    this.basisP = new Int32Array(n);
    this.basisQ = new Int32Array(m);
  }
}

/** Pivot threshold: tableau entries are O(1) because payoffs are normalised to [1, 2]. */
const EPS = 1e-12;

/**
 * Lexicographic minimum-ratio pivot on column e of tableau T (rows × width), ties broken on the columns of the
 * initial identity (slackStart …), so degenerate games do not cycle. Returns the leaving variable, or -1 when the
 * column has no positive entry (the ray is unbounded: round-off, since the polytopes are bounded).
 */
const pivot = (
  T: Float64Array,
  basis: Int32Array,
  rows: number,
  width: number,
  slackStart: number,
  e: number,
): number => {
  const rhs = width - 1;
  let best = -1;
  for (let r = 0; r < rows; r++) {
    const a = T[r * width + e] as number;
    if (a <= EPS) continue;
    if (best < 0) {
      best = r;
      continue;
    }
    const b = T[best * width + e] as number;
    let cmp = (T[r * width + rhs] as number) / a - (T[best * width + rhs] as number) / b;
    for (let k = 0; Math.abs(cmp) <= EPS && k < rows; k++) {
      cmp = (T[r * width + slackStart + k] as number) / a - (T[best * width + slackStart + k] as number) / b;
    }
    if (cmp < -EPS) best = r;
  }
  if (best < 0) return -1;
  const piv = T[best * width + e] as number;
  for (let c = 0; c < width; c++) T[best * width + c] = (T[best * width + c] as number) / piv;
  for (let r = 0; r < rows; r++) {
    if (r === best) continue;
    const f = T[r * width + e] as number;
    if (f === 0) continue;
    for (let c = 0; c < width; c++)
      T[r * width + c] = (T[r * width + c] as number) - f * (T[best * width + c] as number);
    T[r * width + e] = 0;
  }
  const leaving = basis[best] as number;
  basis[best] = e;
  return leaving;
};

/**
 * One Nash equilibrium of the 2-player game g: the end of the Lemke–Howson path (Lemke & Howson 1964, "Equilibrium
 * points of bimatrix games", SIAM J. Appl. Math. 12) from the artificial equilibrium dropping `label` (0 … m-1: the
 * row player's strategies, m … m+n-1: the column player's), by complementary pivoting on the two best-response
 * polytopes in tableau form with the lexicographic ratio test (von Stengel 2002, "Computing equilibria for
 * two-person games", Handbook of Game Theory 3, §3.5–3.7).
 *
 * Shapes: g has 2 players with m and n strategies, `ws` was built for (m, n), `mix` (length m + n) receives x then y
 * (g.offsets). Payoffs in any unit: each player's are mapped to [1, 2] first (a positive affine map, which keeps
 * every equilibrium). Work: at most `maxPivots` pivots of O((m + n)²) each; no allocation.
 *
 * Returns true with a verified equilibrium in `mix` (probabilities ≥ 0 summing to 1, regret ≤ 1e-9 × payoff range),
 * false when round-off defeated the float path (no positive pivot, the pivot budget spent, or an answer that fails
 * the check) — then `mix` holds no answer; it never returns a non-equilibrium as a success.
 * @throws RangeError when g is not a 2-player game of the workspace's shape or `label` is out of range.
 */
export const lemkeHowsonFloat = (
  g: FloatGame,
  mix: Float64Array,
  ws: LemkeHowsonWorkspace,
  label = 0,
  maxPivots = 10_000,
): boolean => {
  const m = ws.m;
  const nn = ws.n;
  if (g.n !== 2 || g.counts[0] !== m || g.counts[1] !== nn) {
    throw new RangeError(`lemkeHowsonFloat: the workspace is for ${m}×${nn} games`);
  }
  if (!(Number.isInteger(label) && label >= 0 && label < m + nn)) {
    throw new RangeError(`lemkeHowsonFloat: label ${label} is out of range 0..${m + nn - 1}`);
  }
  const pay = g.payoffs;
  let minA = Infinity;
  let maxA = -Infinity;
  let minB = Infinity;
  let maxB = -Infinity;
  for (let p = 0; p < g.profiles; p++) {
    const a = pay[p * 2] as number;
    const b = pay[p * 2 + 1] as number;
    if (a < minA) minA = a;
    if (a > maxA) maxA = a;
    if (b < minB) minB = b;
    if (b > maxB) maxB = b;
  }
  const scaleA = maxA > minA ? 1 / (maxA - minA) : 0;
  const scaleB = maxB > minB ? 1 / (maxB - minB) : 0;
  const { P, Q, basisP, basisQ, width } = ws;
  const vars = m + nn;
  P.fill(0);
  Q.fill(0);
  for (let j = 0; j < nn; j++) {
    for (let i = 0; i < m; i++) P[j * width + i] = 1 + ((pay[(i + j * m) * 2 + 1] as number) - minB) * scaleB;
    P[j * width + m + j] = 1;
    P[j * width + vars] = 1;
    basisP[j] = m + j;
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < nn; j++)
      Q[i * width + m + j] = 1 + ((pay[(i + j * m) * 2] as number) - minA) * scaleA;
    Q[i * width + i] = 1;
    Q[i * width + vars] = 1;
    basisQ[i] = i;
  }
  // A variable's column is its label in both systems (x_i, r_i: label i; s_j, y_j: label m + j), so the
  // complement of a leaving variable enters the other system at the same column.
  let entering = label;
  let inP = label < m;
  for (let step = 0; step < maxPivots; step++) {
    const leaving = inP ? pivot(P, basisP, nn, width, m, entering) : pivot(Q, basisQ, m, width, 0, entering);
    if (leaving < 0) return false;
    if (leaving === label) return readProfile(g, mix, ws) && verified(g, mix);
    entering = leaving;
    inP = !inP;
  }
  return false;
};

/** x and y from the final bases, normalised; false when either is zero (back at the artificial equilibrium). */
const readProfile = (g: FloatGame, mix: Float64Array, ws: LemkeHowsonWorkspace): boolean => {
  const { m, n: nn, P, Q, basisP, basisQ, width } = ws;
  const o0 = g.offsets[0] as number;
  const o1 = g.offsets[1] as number;
  for (let i = 0; i < m; i++) mix[o0 + i] = 0;
  for (let j = 0; j < nn; j++) mix[o1 + j] = 0;
  let sx = 0;
  let sy = 0;
  for (let r = 0; r < nn; r++) {
    const v = basisP[r] as number;
    if (v < m) {
      const val = Math.max(0, P[r * width + width - 1] as number);
      mix[o0 + v] = val;
      sx += val;
    }
  }
  for (let r = 0; r < m; r++) {
    const v = basisQ[r] as number;
    if (v >= m) {
      const val = Math.max(0, Q[r * width + width - 1] as number);
      mix[o1 + v - m] = val;
      sy += val;
    }
  }
  if (!(sx > 0 && sy > 0)) return false;
  for (let i = 0; i < m; i++) mix[o0 + i] = (mix[o0 + i] as number) / sx;
  for (let j = 0; j < nn; j++) mix[o1 + j] = (mix[o1 + j] as number) / sy;
  return true;
};

const verified = (g: FloatGame, mix: Float64Array): boolean =>
  isMixedProfile(g, mix) && maxRegret(g, mix) <= regretTolerance(g);
