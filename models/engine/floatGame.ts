// Allocation-free float routines for the engine's hot path, on a small strategic-form game stored flat:
// payoffs[profile * n + player], profiles in Gambit order (player 0 fastest), mixed strategies flattened with
// offsets[player]. Cross-checked against models/games in tests.
import type { SelectionRule } from '../scenario/RuntimeModel';
import { exp } from '../math/exp';

export class FloatGame {
  readonly n: number;
  readonly counts: Int32Array;
  readonly strides: Int32Array;
  readonly offsets: Int32Array;
  readonly profiles: number;
  readonly totalStrategies: number;
  readonly payoffs: Float64Array;
  /** Scratch: decoded profile. */
  readonly digits: Int32Array;
  /** own[p * n + i]: player i's strategy in profile p; base[p * n + i]: p with player i's strategy set to 0. */
  readonly own: Int32Array;
  readonly base: Int32Array;
  /** Scratch: a best-reply payoff per strategy (2-player pure-equilibrium scan). */
  readonly bestPay: Float64Array;

  constructor(counts: readonly number[]) {
    this.n = counts.length;
    this.counts = Int32Array.from(counts);
    this.strides = new Int32Array(this.n);
    this.offsets = new Int32Array(this.n);
    let p = 1;
    let o = 0;
    for (let i = 0; i < this.n; i++) {
      this.strides[i] = p;
      this.offsets[i] = o;
      p *= counts[i] as number;
      o += counts[i] as number;
    }
    this.profiles = p;
    this.totalStrategies = o;
    this.payoffs = new Float64Array(p * this.n);
    this.digits = new Int32Array(this.n);
    this.own = new Int32Array(p * this.n);
    this.base = new Int32Array(p * this.n);
    this.bestPay = new Float64Array(o);
    for (let q = 0; q < p; q++) {
      for (let i = 0; i < this.n; i++) {
        const s = Math.floor(q / (this.strides[i] as number)) % (counts[i] as number);
        this.own[q * this.n + i] = s;
        this.base[q * this.n + i] = q - s * (this.strides[i] as number);
      }
    }
  }

  /** Strategy of `player` in profile index `p`. */
  strategyOf(p: number, player: number): number {
    return Math.floor(p / (this.strides[player] as number)) % (this.counts[player] as number);
  }
}

const TOL = 1e-12;

/** Comparison tolerance of a game: 1e-12 × max(1, largest |payoff|). */
export const tolerance = (g: FloatGame): number => {
  let m = 0;
  const pay = g.payoffs;
  for (let k = 0; k < pay.length; k++) {
    const a = Math.abs(pay[k] as number);
    if (a > m) m = a;
  }
  return TOL * Math.max(1, m);
};

/** Pure Nash equilibria (profile indices, ascending) written to `out`; returns their count. */
export const pureEquilibria = (g: FloatGame, out: Int32Array, tol = tolerance(g)): number => {
  if (g.n === 2 && tol >= 0) return pureEquilibria2(g, out, tol);
  const { n, counts, strides, payoffs, profiles } = g;
  const ownOf = g.own;
  const baseOf = g.base;
  let found = 0;
  for (let p = 0; p < profiles; p++) {
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      const ci = counts[i] as number;
      const si = strides[i] as number;
      const own = ownOf[p * n + i] as number;
      const base = baseOf[p * n + i] as number;
      const u = payoffs[p * n + i] as number;
      for (let s = 0; s < ci; s++) {
        if (s !== own && (payoffs[(base + s * si) * n + i] as number) > u + tol) {
          ok = false;
          break;
        }
      }
    }
    if (ok) out[found++] = p;
  }
  return found;
};

/**
 * pureEquilibria for 2 players: a profile (r, c) is an equilibrium iff no payoff in its column (player 0) or row
 * (player 1) exceeds its own by more than tol, i.e. iff the column/row maximum does not (the own payoff is in the
 * maximum and never exceeds itself + tol ≥ it). Same profiles, same order, O(profiles) instead of
 * O(profiles × strategies).
 */
const pureEquilibria2 = (g: FloatGame, out: Int32Array, tol: number): number => {
  const m = g.counts[0] as number;
  const k = g.counts[1] as number;
  const pay = g.payoffs;
  const best = g.bestPay;
  // best[c] (c < k): max over rows of player 0's payoff in column c; best[k + r]: max over columns of player 1's.
  for (let c = 0; c < k; c++) {
    let b = pay[c * m * 2] as number;
    for (let r = 1; r < m; r++) {
      const v = pay[(r + c * m) * 2] as number;
      if (v > b) b = v;
    }
    best[c] = b;
  }
  for (let r = 0; r < m; r++) {
    let b = pay[r * 2 + 1] as number;
    for (let c = 1; c < k; c++) {
      const v = pay[(r + c * m) * 2 + 1] as number;
      if (v > b) b = v;
    }
    best[k + r] = b;
  }
  let found = 0;
  for (let c = 0; c < k; c++) {
    const b0 = best[c] as number;
    for (let r = 0; r < m; r++) {
      const p = r + c * m;
      if (
        !(b0 > (pay[p * 2] as number) + tol) &&
        !((best[k + r] as number) > (pay[p * 2 + 1] as number) + tol)
      )
        out[found++] = p;
    }
  }
  return found;
};

/** Pick one of `count` pure equilibria by the selection rule (`u` is a uniform used by 'random'). */
export const selectPure = (
  g: FloatGame,
  eqs: Int32Array,
  count: number,
  rule: SelectionRule,
  u: number,
  tol = tolerance(g),
): number => {
  if (count === 1 || rule === 'first') return eqs[0] as number;
  if (rule === 'random') return eqs[Math.min(count - 1, Math.floor(u * count))] as number;
  const { n, counts, strides, payoffs } = g;
  let best = eqs[0] as number;
  let bestScore = -Infinity;
  for (let e = 0; e < count; e++) {
    const p = eqs[e] as number;
    let score: number;
    if (rule === 'payoff-dominant') {
      score = 0;
      for (let i = 0; i < n; i++) score += payoffs[p * n + i] as number;
    } else {
      // risk-dominant: product over players of the loss from the best unilateral deviation.
      score = 1;
      for (let i = 0; i < n; i++) {
        const ci = counts[i] as number;
        const si = strides[i] as number;
        const own = Math.floor(p / si) % ci;
        const base = p - own * si;
        let dev = -Infinity;
        for (let s = 0; s < ci; s++) {
          if (s !== own) dev = Math.max(dev, payoffs[(base + s * si) * n + i] as number);
        }
        score *= ci > 1 ? (payoffs[p * n + i] as number) - dev : 1;
      }
    }
    if (score > bestScore + tol) {
      bestScore = score;
      best = p;
    }
  }
  return best;
};

/** Expected payoff of each of `player`'s strategies against the others' mixed strategies; written to eu. */
export const expectedPayoffs = (g: FloatGame, mix: Float64Array, player: number, eu: Float64Array): void => {
  const { n, counts, offsets, payoffs, profiles, digits } = g;
  const ci = counts[player] as number;
  for (let s = 0; s < ci; s++) eu[s] = 0;
  digits.fill(0);
  for (let p = 0; p < profiles; p++) {
    let w = 1;
    for (let j = 0; j < n; j++)
      if (j !== player) w *= mix[(offsets[j] as number) + (digits[j] as number)] as number;
    if (w !== 0) {
      const s = digits[player] as number;
      eu[s] = (eu[s] as number) + w * (payoffs[p * n + player] as number);
    }
    // odometer
    for (let j = 0; j < n; j++) {
      const d = (digits[j] as number) + 1;
      if (d < (counts[j] as number)) {
        digits[j] = d;
        break;
      }
      digits[j] = 0;
    }
  }
};

/** Logit response: mix[player] ∝ exp(lambda · eu). */
export const logitResponse = (
  eu: Float64Array,
  count: number,
  lambda: number,
  out: Float64Array,
  off: number,
): void => {
  let max = -Infinity;
  for (let s = 0; s < count; s++) if ((eu[s] as number) > max) max = eu[s] as number;
  let sum = 0;
  for (let s = 0; s < count; s++) {
    const e = exp(lambda * ((eu[s] as number) - max));
    out[off + s] = e;
    sum += e;
  }
  for (let s = 0; s < count; s++) out[off + s] = (out[off + s] as number) / sum;
};

/**
 * Logit QRE among the players with `free[i]` set (others held at `mix`), rationality lambdas[i]; damped fixed-point
 * iteration starting from `mix`. Returns true when it converged (max change < 1e-10).
 */
export const logitFixedPoint = (
  g: FloatGame,
  mix: Float64Array,
  free: Uint8Array,
  lambdas: Float64Array,
  eu: Float64Array,
  next: Float64Array,
  maxIter = 500,
): boolean => {
  const { n, counts, offsets } = g;
  let damping = 1;
  for (let it = 0; it < maxIter; it++) {
    let change = 0;
    for (let i = 0; i < n; i++) {
      if (!free[i]) continue;
      expectedPayoffs(g, mix, i, eu);
      logitResponse(eu, counts[i] as number, lambdas[i] as number, next, offsets[i] as number);
    }
    for (let i = 0; i < n; i++) {
      if (!free[i]) continue;
      const o = offsets[i] as number;
      for (let s = 0; s < (counts[i] as number); s++) {
        const v = (1 - damping) * (mix[o + s] as number) + damping * (next[o + s] as number);
        change = Math.max(change, Math.abs(v - (mix[o + s] as number)));
        mix[o + s] = v;
      }
    }
    if (change < 1e-10) return true;
    if (it > 50 && it % 50 === 0) damping *= 0.7;
  }
  return false;
};

/**
 * Approximates the limit of the logit QRE principal branch (from the centroid at λ = 0 to large λ) by following
 * it on a geometric λ grid with warm-started fixed-point iterations. Result written to `mix` for free players.
 */
export const logitLimit = (
  g: FloatGame,
  mix: Float64Array,
  free: Uint8Array,
  eu: Float64Array,
  next: Float64Array,
  lambdas: Float64Array,
): void => {
  const { n, counts, offsets } = g;
  let range = 0;
  for (let k = 0; k < g.payoffs.length; k++) range = Math.max(range, Math.abs(g.payoffs[k] as number));
  const scale = 1 / Math.max(range, 1e-300);
  for (let i = 0; i < n; i++) {
    if (!free[i]) continue;
    const c = counts[i] as number;
    for (let s = 0; s < c; s++) mix[(offsets[i] as number) + s] = 1 / c;
  }
  for (let lam = 0.05; lam <= 2e4; lam *= 1.25) {
    for (let i = 0; i < n; i++) lambdas[i] = lam * scale;
    logitFixedPoint(g, mix, free, lambdas, eu, next, 200);
  }
};

/**
 * Lemke–Howson for a 2-player game (players 0 and 1 of g) from label 0, float pivoting with a lexicographic ratio
 * test. Writes both mixed strategies into `mix` (offsets of g). Returns false if it failed (cycling guard).
 */
export const lemkeHowson2 = (g: FloatGame, mix: Float64Array): boolean => {
  const m = g.counts[0] as number;
  const nn = g.counts[1] as number;
  const vars = m + nn;
  let minA = Infinity;
  let minB = Infinity;
  for (let p = 0; p < g.profiles; p++) {
    minA = Math.min(minA, g.payoffs[p * 2] as number);
    minB = Math.min(minB, g.payoffs[p * 2 + 1] as number);
  }
  const shiftA = 1 - minA;
  const shiftB = 1 - minB;
  const A = (i: number, j: number): number => (g.payoffs[(i + j * m) * 2] as number) + shiftA;
  const B = (i: number, j: number): number => (g.payoffs[(i + j * m) * 2 + 1] as number) + shiftB;
  // Tableau P (x): rows j < nn: sum_i B[i][j] x_i + s_j = 1; variables x_i (index i), s_j (index m + j).
  // Tableau Q (y): rows i < m: sum_j A[i][j] y_j + r_i = 1; variables r_i (index i), y_j (index m + j).
  const width = vars + 1;
  const P = new Float64Array(nn * width);
  const Q = new Float64Array(m * width);
  const basisP = new Int32Array(nn);
  const basisQ = new Int32Array(m);
  for (let j = 0; j < nn; j++) {
    for (let i = 0; i < m; i++) P[j * width + i] = B(i, j);
    P[j * width + m + j] = 1;
    P[j * width + vars] = 1;
    basisP[j] = m + j;
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < nn; j++) Q[i * width + m + j] = A(i, j);
    Q[i * width + i] = 1;
    Q[i * width + vars] = 1;
    basisQ[i] = i;
  }
  const pivot = (
    T: Float64Array,
    basis: Int32Array,
    rows: number,
    slackStart: number,
    slackCount: number,
    e: number,
  ): number => {
    let best = -1;
    for (let r = 0; r < rows; r++) {
      const a = T[r * width + e] as number;
      if (a <= 1e-12) continue;
      if (best < 0) {
        best = r;
        continue;
      }
      const b = T[best * width + e] as number;
      // lexicographic comparison of (rhs, slack columns) / pivot element
      let cmp = (T[r * width + vars] as number) / a - (T[best * width + vars] as number) / b;
      for (let k = 0; Math.abs(cmp) <= 1e-12 && k < slackCount; k++) {
        cmp =
          (T[r * width + slackStart + k] as number) / a - (T[best * width + slackStart + k] as number) / b;
      }
      if (cmp < -1e-12) best = r;
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
    }
    const leaving = basis[best] as number;
    basis[best] = e;
    return leaving;
  };
  let entering = 0;
  let inP = true;
  for (let step = 0; step < 1000; step++) {
    const leaving = inP ? pivot(P, basisP, nn, m, nn, entering) : pivot(Q, basisQ, m, 0, m, entering);
    if (leaving < 0) return false;
    if (leaving === 0) {
      const o0 = g.offsets[0] as number;
      const o1 = g.offsets[1] as number;
      for (let i = 0; i < m; i++) mix[o0 + i] = 0;
      for (let j = 0; j < nn; j++) mix[o1 + j] = 0;
      let sx = 0;
      let sy = 0;
      for (let r = 0; r < nn; r++) {
        const v = basisP[r] as number;
        if (v < m) {
          const val = Math.max(0, P[r * width + vars] as number);
          mix[o0 + v] = val;
          sx += val;
        }
      }
      for (let r = 0; r < m; r++) {
        const v = basisQ[r] as number;
        if (v >= m) {
          const val = Math.max(0, Q[r * width + vars] as number);
          mix[o1 + v - m] = val;
          sy += val;
        }
      }
      if (!(sx > 0 && sy > 0)) return false;
      for (let i = 0; i < m; i++) mix[o0 + i] = (mix[o0 + i] as number) / sx;
      for (let j = 0; j < nn; j++) mix[o1 + j] = (mix[o1 + j] as number) / sy;
      return true;
    }
    entering = leaving;
    inP = !inP;
  }
  return false;
};
