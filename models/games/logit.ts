// Logit quantal response equilibria (N players): the QRE at a given λ, and the principal branch traced from
// the centroid (λ = 0) to large λ by predictor–corrector path following in log-probabilities (as gambit-logit),
// whose limit is refined to a Nash equilibrium (exactly for 2-player games when possible).
import type { Game } from './Game';
import { Rational } from './Rational';
import { makeEquilibrium, floatTolerance, type Equilibrium } from './Equilibrium';
import { regret } from './regret';
import { bimatrix } from './bimatrix';
import { solveExactUnique, solveFloat } from './linearSolve';
import { enumMixed } from './enumMixed';
import { solveMatrixGame } from './solveMatrixGame';
import { SolverLimitError } from './SolverLimitError';
import { exp } from '../math/exp';
import { log } from '../math/log';

const square = (x: number): number => x * x;

export type LogitPoint = {
  /** Rationality parameter λ (in the game's payoff units). */
  readonly lambda: number;
  /** profile[player][strategy]. */
  readonly profile: number[][];
};

export type LogitBranch = {
  /** Points along the principal branch, from λ = 0 to maxLambda. */
  readonly points: LogitPoint[];
  /** The limiting Nash equilibrium (method "logit"), refined and verified. */
  readonly limit: Equilibrium;
};

export type LogitOptions = {
  /** Where to stop tracing (payoff units, as gambit-logit's maxLambda). Default 1e6. */
  readonly maxLambda?: number;
  /**
   * Work budget: the largest number of predictor–corrector steps over every trace (default: no limit). Over
   * budget → SolverLimitError, never a partial answer.
   */
  readonly maxSteps?: number;
};

/** Precomputed float data of a game, payoffs normalised to [0, 1]. */
type Ctx = {
  n: number;
  K: number[];
  off: number[];
  nv: number;
  P: number;
  /** strategy of each player at each profile: strat[t * n + i]. */
  strat: Int32Array;
  /** normalised payoffs: pay[t * n + i]. */
  pay: Float64Array;
  range: number;
  /** Scratch buffers (σ, U, W) reused by every evaluation. */
  sSigma: Float64Array;
  sU: Float64Array;
  sW: Float64Array;
  /** Scratch residual and (nv + 1)-square matrix for the linear solves. */
  sH: Float64Array;
  sJ: number[][];
  sRhs: number[];
  /** Steps left (shared by every trace of one solve, including perturbed copies). */
  budget: { left: number; readonly max: number };
};

const makeCtx = (game: Game): Ctx => {
  const n = game.players.length;
  const K = game.strategies.map((s) => s.length);
  const off: number[] = [];
  let nv = 0;
  for (const k of K) {
    off.push(nv);
    nv += k;
  }
  const P = game.payoffs.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of game.payoffs) {
    for (const v of row) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const range = hi > lo ? hi - lo : 1;
  const strat = new Int32Array(P * n);
  const pay = new Float64Array(P * n);
  for (let t = 0; t < P; t++) {
    let rest = t;
    for (let i = 0; i < n; i++) {
      const k = K[i] as number;
      strat[t * n + i] = rest % k;
      rest = Math.floor(rest / k);
      pay[t * n + i] = (((game.payoffs[t] as readonly number[])[i] as number) - lo) / range;
    }
  }
  return {
    n,
    K,
    off,
    nv,
    P,
    strat,
    pay,
    range,
    sSigma: new Float64Array(nv),
    sU: new Float64Array(nv),
    sW: new Float64Array(nv * nv),
    sH: new Float64Array(nv),
    sJ: Array.from({ length: nv + 1 }, () => new Array<number>(nv + 1).fill(0)),
    sRhs: new Array<number>(nv + 1).fill(0),
    budget: { left: Infinity, max: Infinity },
  };
};

/**
 * U[off_i + k] = u_i(k, σ_-i); W (if given, nv × nv row-major) W[(i,k),(j,l)] = u_i(k, l, σ_-ij) for j ≠ i.
 */
const payoffsAt = (c: Ctx, sigma: Float64Array, U: Float64Array, W: Float64Array | null): void => {
  const { n, nv, P, strat, pay, off } = c;
  U.fill(0);
  if (W) W.fill(0);
  for (let t = 0; t < P; t++) {
    const base = t * n;
    for (let i = 0; i < n; i++) {
      const ui = pay[base + i] as number;
      if (ui === 0) continue;
      const ri = (off[i] as number) + (strat[base + i] as number);
      let w = 1;
      for (let q = 0; q < n; q++)
        if (q !== i) w *= sigma[(off[q] as number) + (strat[base + q] as number)] as number;
      U[ri] = (U[ri] as number) + ui * w;
      if (!W) continue;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        let w2 = 1;
        for (let q = 0; q < n; q++) {
          if (q !== i && q !== j) w2 *= sigma[(off[q] as number) + (strat[base + q] as number)] as number;
        }
        const cj = (off[j] as number) + (strat[base + j] as number);
        W[ri * nv + cj] = (W[ri * nv + cj] as number) + ui * w2;
      }
    }
  }
};

/** H(z) and its Jacobian (nv × (nv + 1)) at z = (v, λ) with σ = exp(v). */
const system = (c: Ctx, z: Float64Array, H: Float64Array, J: number[][] | null): void => {
  const { n, K, off, nv } = c;
  const lambda = z[nv] as number;
  const sigma = c.sSigma;
  for (let a = 0; a < nv; a++) sigma[a] = exp(z[a] as number);
  const U = c.sU;
  const W = J ? c.sW : null;
  payoffsAt(c, sigma, U, W);
  if (J) for (const row of J) row.fill(0);
  for (let i = 0; i < n; i++) {
    const o = off[i] as number;
    const k0 = o;
    let sum = 0;
    for (let k = 0; k < (K[i] as number); k++) sum += sigma[o + k] as number;
    H[o] = sum - 1;
    if (J) for (let k = 0; k < (K[i] as number); k++) (J[o] as number[])[o + k] = sigma[o + k] as number;
    for (let k = 1; k < (K[i] as number); k++) {
      const r = o + k;
      H[r] = (z[r] as number) - (z[k0] as number) - lambda * ((U[r] as number) - (U[k0] as number));
      if (!J || !W) continue;
      const row = J[r] as number[];
      row[r] = (row[r] as number) + 1;
      row[k0] = (row[k0] as number) - 1;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        for (let l = 0; l < (K[j] as number); l++) {
          const cl = (off[j] as number) + l;
          row[cl] =
            -lambda * ((W[r * nv + cl] as number) - (W[k0 * nv + cl] as number)) * (sigma[cl] as number);
        }
      }
      row[nv] = -((U[r] as number) - (U[k0] as number));
    }
  }
};

const norm = (v: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (v[i] as number);
  return Math.sqrt(s);
};

/**
 * Unit tangent of the branch at z. With `orientation` (±1) it is oriented so that det([J; tᵀ]) has that sign,
 * which is constant along a smooth branch (so a corrector that lands on another sheet near a fold is
 * detected: its oriented tangent points backwards); without, it is oriented along `prev`.
 */
const tangent = (c: Ctx, z: Float64Array, prev: Float64Array, orientation = 0): Float64Array | null => {
  const nv = c.nv;
  const J = c.sJ;
  system(c, z, c.sH, J);
  const last = J[nv] as number[];
  const rhs = c.sRhs;
  for (let a = 0; a <= nv; a++) {
    last[a] = prev[a] as number;
    rhs[a] = 0;
  }
  rhs[nv] = 1;
  // t·prev = 1 > 0, so sign det([J; tᵀ]) = sign det([J; prevᵀ]) (the determinant is linear in the last row
  // and proportional to its component along the null vector of J).
  const info = { detSign: 0 };
  const t = solveFloat(J, rhs, info);
  if (!t) return null;
  const len = norm(t);
  const flip = orientation !== 0 && info.detSign !== orientation ? -1 : 1;
  const out = new Float64Array(nv + 1);
  for (let a = 0; a <= nv; a++) out[a] = (flip * (t[a] as number)) / len;
  return out;
};

/** Sign of det([J; tᵀ]) at z for a tangent t there. */
const orientationOf = (c: Ctx, z: Float64Array, t: Float64Array): number => {
  const nv = c.nv;
  const J = c.sJ;
  system(c, z, c.sH, J);
  const last = J[nv] as number[];
  const rhs = c.sRhs;
  for (let a = 0; a <= nv; a++) {
    last[a] = t[a] as number;
    rhs[a] = 0;
  }
  rhs[nv] = 1;
  const info = { detSign: 0 };
  return solveFloat(J, rhs, info) ? info.detSign : 0;
};

/** Newton corrector orthogonal to t; returns iterations used or -1 on failure. */
const correct = (c: Ctx, z: Float64Array, t: Float64Array, firstLimit: number): number => {
  const nv = c.nv;
  const H = c.sH;
  const J = c.sJ;
  const rhs = c.sRhs;
  let prevStep = Infinity;
  for (let it = 1; it <= 12; it++) {
    system(c, z, H, J);
    const last = J[nv] as number[];
    for (let a = 0; a <= nv; a++) last[a] = t[a] as number;
    for (let a = 0; a < nv; a++) rhs[a] = -(H[a] as number);
    rhs[nv] = 0;
    const d = solveFloat(J, rhs);
    if (!d) return -1;
    const step = norm(d);
    if (!Number.isFinite(step) || (it === 1 && step > firstLimit) || step > 2 * prevStep) return -1;
    for (let a = 0; a <= nv; a++) z[a] = (z[a] as number) + (d[a] as number);
    // Converged, or stagnating at the round-off floor.
    const zn = Math.max(1, norm(z));
    if (step <= 1e-11 * zn || (step <= 1e-8 * zn && step > 0.5 * prevStep)) return it;
    prevStep = step;
  }
  return -1;
};

/** Newton at fixed λ (square system in v); true on convergence. */
const correctFixedLambda = (c: Ctx, z: Float64Array, maxIt = 30): boolean => {
  const nv = c.nv;
  const H = c.sH;
  // An nv-row view of the scratch matrix: solveFloat only reads the first nv columns of each row.
  const M = c.sJ.slice(0, nv);
  const rhs = new Array<number>(nv);
  let prevStep = Infinity;
  for (let it = 0; it < maxIt; it++) {
    system(c, z, H, M);
    for (let a = 0; a < nv; a++) rhs[a] = -(H[a] as number);
    const d = solveFloat(M, rhs);
    if (!d) return false;
    const step = norm(d);
    if (!Number.isFinite(step) || step > 1 + 10 * nv) return false;
    for (let a = 0; a < nv; a++) z[a] = (z[a] as number) + (d[a] as number);
    const zn = Math.max(1, norm(z));
    if (step < 1e-13 * zn || (step <= 1e-9 * zn && step > 0.5 * prevStep)) return true;
    prevStep = step;
  }
  if (maxIt < 30) return false;
  let r = 0;
  system(c, z, H, null);
  for (const v of H) r = Math.max(r, Math.abs(v));
  return r < 1e-9 * Math.max(1, z[nv] as number);
};

const profileOfZ = (c: Ctx, z: Float64Array): number[][] =>
  c.K.map((k, i) => {
    const row = Array.from({ length: k }, (_, s) => exp(z[(c.off[i] as number) + s] as number));
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / sum);
  });

/** z + w * d, as a new vector. */
const axpy = (z: Float64Array, w: number, d: Float64Array): Float64Array => {
  const out = new Float64Array(z.length);
  for (let a = 0; a < z.length; a++) out[a] = (z[a] as number) + w * (d[a] as number);
  return out;
};

/**
 * Trace the principal branch from λ = 0 up to `stopLambda` (internal, normalised units). Calls `visit` at every
 * accepted point; returns the final z (exactly at stopLambda).
 */
type TraceResult = {
  /** The point at stopLambda when reached, else the point with the largest λ reached. */
  readonly z: Float64Array;
  readonly reached: boolean;
};

/**
 * Tangent orientation: "prev" keeps the direction of the previous tangent (passes straight through the
 * symmetric pitchforks of non-generic games); "det" keeps the sign of det([J; tᵀ]) (never retraces the branch
 * after a sharp fold). The caller tries "prev" first and falls back to "det".
 */
type Orientation = 'prev' | 'det';

const trace = (
  c: Ctx,
  stopLambda: number,
  visit: ((z: Float64Array) => void) | null,
  mode: Orientation = 'prev',
): TraceResult => {
  const nv = c.nv;
  let z: Float64Array = new Float64Array(nv + 1);
  for (let i = 0; i < c.n; i++) {
    for (let k = 0; k < (c.K[i] as number); k++) z[(c.off[i] as number) + k] = -log(c.K[i] as number);
  }
  visit?.(z);
  if (stopLambda <= 0) return { z, reached: true };
  let best = z;
  const failed = (): TraceResult => ({ z: best, reached: false });
  let prev: Float64Array = new Float64Array(nv + 1);
  prev[nv] = 1;
  let h = Math.min(0.5, stopLambda);
  // Orientation of the branch: the sign of det([J; tᵀ]) at the centroid with λ increasing.
  const t0 = tangent(c, z, prev);
  if (!t0) return failed();
  if ((t0[nv] as number) < 0) t0.forEach((v, a) => (t0[a] = -v));
  const orientation = mode === 'det' ? orientationOf(c, z, t0) : 0;
  if (mode === 'det' && orientation === 0) return failed();
  for (let steps = 0; steps < 100_000; steps++) {
    if (--c.budget.left < 0) {
      throw new SolverLimitError(
        'logit',
        `tracing the logit branch of this game needs more than the allowed ${c.budget.max} steps`,
      );
    }
    const t = steps === 0 ? t0 : tangent(c, z, prev, orientation);
    if (!t) return failed();
    let accepted: Float64Array | null = null;
    let its = 0;
    while (!accepted) {
      // Steps stay below half the current λ (plus a constant), so the predictor cannot jump over a turning
      // point onto another branch; the branch is nearly straight where λ is large, so this costs few steps.
      h = Math.min(h, 0.5 + 0.5 * Math.abs(z[nv] as number));
      const zp = axpy(z, h, t);
      its = correct(c, zp, t, Math.max(0.3 * h, 1e-8 * Math.max(1, norm(z))));
      if (its > 0) {
        const t2 = tangent(c, zp, t, orientation);
        let dot = 0;
        if (t2) for (let a = 0; a <= nv; a++) dot += (t2[a] as number) * (t[a] as number);
        if (t2 && dot > 0.95) accepted = zp;
      }
      if (!accepted) {
        h /= 2;
        if (h < 1e-13) return failed();
      }
    }
    if ((accepted[nv] as number) >= stopLambda) {
      // Land exactly on stopLambda: interpolate, then Newton at fixed λ.
      const l0 = z[nv] as number;
      const l1 = accepted[nv] as number;
      const w = l1 > l0 ? (stopLambda - l0) / (l1 - l0) : 1;
      const zf = axpy(z, w, axpy(accepted, -1, z));
      zf[nv] = stopLambda;
      if (!correctFixedLambda(c, zf)) {
        // Retry with a shorter step so that the interpolation starts closer to the branch.
        h /= 2;
        if (h < 1e-13) return failed();
        continue;
      }
      visit?.(zf);
      return { z: zf, reached: true };
    }
    prev = t;
    z = accepted;
    visit?.(z);
    if ((z[nv] as number) > (best[nv] as number)) best = z;
    // The principal branch never returns to λ <= 0 (the centroid is the only QRE there): a jump to another
    // component happened.
    if ((z[nv] as number) <= 0) return failed();
    if (its <= 3) h *= 2;
    else if (its >= 6) h /= 2;
  }
  return failed();
};

/**
 * Natural-parameter continuation in λ (fast path): Newton at fixed λ with a secant predictor. Returns null when
 * a step fails or the Jacobian's determinant changes sign (a turning point), so the caller falls back to the
 * arc-length trace.
 */
const continueInLambda = (c: Ctx, target: number): Float64Array | null => {
  const nv = c.nv;
  let z: Float64Array = new Float64Array(nv + 1);
  for (let i = 0; i < c.n; i++) {
    for (let k = 0; k < (c.K[i] as number); k++) z[(c.off[i] as number) + k] = -log(c.K[i] as number);
  }
  if (target <= 0) return z;
  const e = new Float64Array(nv + 1);
  e[nv] = 1;
  const t0 = tangent(c, z, e);
  if (!t0 || !((t0[nv] as number) > 0)) return null;
  let t: Float64Array = t0;
  let dl = Math.min(1, target);
  for (let steps = 0; steps < 200; steps++) {
    const lam = z[nv] as number;
    const next = Math.min(target, lam + dl);
    // Tangent predictor (dz/dλ = t / t_λ), then Newton at fixed λ.
    const scale = (next - lam) / (t[nv] as number);
    const zp = axpy(z, scale, t);
    zp[nv] = next;
    const pred = zp.slice();
    let ok = correctFixedLambda(c, zp, 6);
    let t2: Float64Array | null = null;
    if (ok) {
      let corr = 0;
      let stepLen = 0;
      for (let a = 0; a <= nv; a++) {
        corr += square((zp[a] as number) - (pred[a] as number));
        stepLen += square((zp[a] as number) - (z[a] as number));
      }
      t2 = tangent(c, zp, t);
      ok = corr <= 0.09 * stepLen && t2 !== null && (t2[nv] as number) > 0;
    }
    if (ok && t2) {
      z = zp;
      t = t2;
      if (next >= target) return z;
      dl *= 2;
    } else {
      dl /= 4;
      if (dl < 1e-6 * target) return null;
    }
  }
  return null;
};

/** Float logit QRE on the principal branch at rationality λ (payoff units). Engine entry point. */
export const logitQre = (game: Game, lambda: number): number[][] => {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) {
    throw new RangeError(`logitQre: λ must be a finite number >= 0, got ${lambda}`);
  }
  const c = makeCtx(game);
  const target = lambda * c.range;
  const fast = continueInLambda(c, target);
  if (fast) return profileOfZ(c, fast);
  let traced = trace(c, target, null);
  if (!traced.reached) traced = trace(c, target, null, 'det');
  // A bifurcating branch (degenerate game): the branch of a slightly perturbed, generic game.
  for (const eps of PERTURBATIONS) {
    if (traced.reached) break;
    traced = trace(perturbCtx(c, eps), target, null, 'det');
  }
  if (!traced.reached) {
    throw new Error(
      `logitQre: path following failed at λ = ${(traced.z[c.nv] as number) / c.range} before λ = ${lambda}`,
    );
  }
  return profileOfZ(c, traced.z);
};

/** Exact 2-player support solve: the unique equilibrium with these supports, or null. */
const exactSupportEquilibrium = (game: Game, S1: number[], S2: number[]): Rational[][] | null => {
  const { m, n, A, B } = bimatrix(game);
  const solveSide = (M: Rational[][], rows: number[], cols: number[]): Rational[] | null => {
    // unknowns: w_c for c in cols, then v; equations: sum_c M[r][c] w_c - v = 0 for r in rows; sum w = 1.
    const eqs: Rational[][] = rows.map((r) => [
      ...cols.map((cc) => (M[r] as Rational[])[cc] as Rational),
      Rational.ONE.neg(),
    ]);
    eqs.push([...cols.map(() => Rational.ONE), Rational.ZERO]);
    const b = [...rows.map(() => Rational.ZERO), Rational.ONE];
    const sol = solveExactUnique(eqs, b);
    return sol ? sol.slice(0, cols.length) : null;
  };
  const y = solveSide(A, S1, S2);
  const Bt = Array.from({ length: n }, (_, j) =>
    Array.from({ length: m }, (_, i) => (B[i] as Rational[])[j] as Rational),
  );
  const x = solveSide(Bt, S2, S1);
  if (!x || !y || x.some((v) => v.sign() < 0) || y.some((v) => v.sign() < 0)) return null;
  const fx = new Array<Rational>(m).fill(Rational.ZERO);
  const fy = new Array<Rational>(n).fill(Rational.ZERO);
  S1.forEach((i, k) => (fx[i] = x[k] as Rational));
  S2.forEach((j, k) => (fy[j] = y[k] as Rational));
  const prof = [fx, fy];
  const r = regret(game, prof);
  return r instanceof Rational && r.isZero() ? prof : null;
};

/** Float Newton on the indifference equations of given supports (N players); verified profile or null. */
const floatSupportEquilibrium = (
  game: Game,
  c: Ctx,
  supports: number[][],
  start: number[][],
): number[][] | null => {
  const { n, nv, off } = c;
  const idx: number[] = [];
  supports.forEach((S, i) => S.forEach((k) => idx.push((off[i] as number) + k)));
  const sigma = new Float64Array(nv);
  start.forEach((row, i) => {
    const S = supports[i] as number[];
    const sum = S.reduce((a, k) => a + (row[k] as number), 0);
    S.forEach((k) => (sigma[(off[i] as number) + k] = (row[k] as number) / sum));
  });
  const U = new Float64Array(nv);
  const W = new Float64Array(nv * nv);
  const dim = idx.length;
  for (let it = 0; it < 50; it++) {
    payoffsAt(c, sigma, U, W);
    const F: number[] = [];
    const J: number[][] = [];
    for (let i = 0; i < n; i++) {
      const S = supports[i] as number[];
      const f = (off[i] as number) + (S[0] as number);
      const sumRow = new Array<number>(dim).fill(0);
      let sum = 0;
      idx.forEach((a, col) => {
        if (a >= (off[i] as number) && a < (off[i] as number) + (c.K[i] as number)) {
          sumRow[col] = 1;
          sum += sigma[a] as number;
        }
      });
      F.push(sum - 1);
      J.push(sumRow);
      for (let s = 1; s < S.length; s++) {
        const r = (off[i] as number) + (S[s] as number);
        F.push((U[r] as number) - (U[f] as number));
        J.push(idx.map((a) => (W[r * nv + a] as number) - (W[f * nv + a] as number)));
      }
    }
    const d = solveFloat(
      J,
      F.map((v) => -v),
    );
    if (!d) return null;
    idx.forEach((a, col) => (sigma[a] = (sigma[a] as number) + (d[col] as number)));
    if (norm(d) < 1e-15) break;
  }
  const prof = c.K.map((k, i) =>
    Array.from({ length: k }, (_, s) => sigma[(off[i] as number) + s] as number),
  );
  if (prof.some((row) => row.some((v) => !(v >= -1e-12)))) return null;
  const clean = prof.map((row) => {
    const r = row.map((v) => Math.max(0, v));
    const s = r.reduce((a, b) => a + b, 0);
    return r.map((v) => v / s);
  });
  const rg = regret({ ...game, exact: null }, clean) as number;
  return rg <= floatTolerance(game) ? clean : null;
};

/** The simplest fraction within tol of x (continued fractions, denominators up to 1e6), or null. */
const simpleFraction = (x: number, tol: number): Rational | null => {
  let h0 = 0n;
  let h1 = 1n;
  let k0 = 1n;
  let k1 = 0n;
  let r = x;
  for (let it = 0; it < 40; it++) {
    const a = Math.floor(r);
    const ab = BigInt(a);
    [h0, h1] = [h1, ab * h1 + h0];
    [k0, k1] = [k1, ab * k1 + k0];
    if (k1 > 1_000_000n) return null;
    if (Math.abs(Number(h1) / Number(k1) - x) <= tol) return Rational.of(h1, k1);
    const frac = r - a;
    if (frac < 1e-15) return null;
    r = 1 / frac;
  }
  return null;
};

/** Round a float profile to simple fractions and keep it if it is exactly an equilibrium. */
const roundToExact = (game: Game, prof: number[][]): Rational[][] | null => {
  if (!game.exact) return null;
  const out: Rational[][] = [];
  for (const row of prof) {
    const r: Rational[] = [];
    let sum = Rational.ZERO;
    for (const v of row) {
      const f = simpleFraction(Math.max(0, v), 1e-7);
      if (!f) return null;
      r.push(f);
      sum = sum.add(f);
    }
    if (!sum.equals(Rational.ONE)) return null;
    out.push(r);
  }
  const rg = regret(game, out);
  return rg instanceof Rational && rg.isZero() ? out : null;
};

const closeTo = (
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  tol: number,
): boolean =>
  a.every((row, i) => row.every((v, k) => Math.abs(v - ((b[i] as readonly number[])[k] as number)) <= tol));

/** Refine a float limit point to a verified Nash equilibrium (exact when possible). */
/**
 * 2-player LP refinement: some equilibrium in which every strategy of S1 (S2) is a best response and only
 * they are played. Each side is a feasibility LP, solved as the matrix game
 * max_{y on S2} min_{i in S1, k} (A_i - A_k) y >= 0 (exact).
 */
const lpSupportEquilibrium = (game: Game, S1: number[], S2: number[]): Rational[][] | null => {
  const { m, n, A, B } = bimatrix(game);
  const side = (
    M: (r: number, c: number) => Rational,
    rows: number,
    own: number[],
    other: number[],
  ): Rational[] | null => {
    // Columns: pairs (i in `other`, k any row of the other player != i); rows: strategies in `own`.
    const cols: [number, number][] = [];
    for (const i of other) for (let k = 0; k < rows; k++) if (k !== i) cols.push([i, k]);
    const full = (w: Rational[]): Rational[] => {
      const out = new Array<Rational>(own.length === 0 ? 0 : Math.max(...own) + 1).fill(Rational.ZERO);
      own.forEach((j, t) => (out[j] = w[t] as Rational));
      return out;
    };
    if (cols.length === 0) return full(own.map(() => Rational.of(1n, BigInt(own.length))));
    const D = own.map((j) => cols.map(([i, k]) => M(i, j).sub(M(k, j))));
    const sol = solveMatrixGame(D);
    return sol.value.sign() >= 0 ? full(sol.row) : null;
  };
  const y = side((i, j) => (A[i] as Rational[])[j] as Rational, m, S2, S1);
  const x = side((j, i) => (B[i] as Rational[])[j] as Rational, n, S1, S2);
  if (!x || !y) return null;
  const pad = (v: Rational[], len: number): Rational[] =>
    Array.from({ length: len }, (_, k) => v[k] ?? Rational.ZERO);
  const prof = [pad(x, m), pad(y, n)];
  const r = regret(game, prof);
  return r instanceof Rational && r.isZero() ? prof : null;
};

const refineLimit = (game: Game, c: Ctx, approx: number[][]): Equilibrium | null => {
  for (const thr of [1e-6, 1e-9, 1e-3, 1e-12, 5e-3]) {
    const supports = approx.map((row) => row.flatMap((v, k) => (v > thr ? [k] : [])));
    if (supports.some((S) => S.length === 0)) continue;
    if (supports.every((S) => S.length === 1) && game.exact) {
      const prof = game.strategies.map((s, i) =>
        s.map((_, k) => (k === (supports[i] as number[])[0] ? Rational.ONE : Rational.ZERO)),
      );
      const r = regret(game, prof);
      if (r instanceof Rational && r.isZero()) return makeEquilibrium(game, 'logit', prof);
    }
    if (game.players.length === 2) {
      const ex = exactSupportEquilibrium(game, supports[0] as number[], supports[1] as number[]);
      if (
        ex &&
        closeTo(
          ex.map((r) => r.map((v) => v.toNumber())),
          approx,
          1e-2,
        )
      ) {
        return makeEquilibrium(game, 'logit', game.exact ? ex : ex.map((r) => r.map((v) => v.toNumber())));
      }
      const lp = lpSupportEquilibrium(game, supports[0] as number[], supports[1] as number[]);
      if (
        lp &&
        closeTo(
          lp.map((r) => r.map((v) => v.toNumber())),
          approx,
          1e-2,
        )
      ) {
        return makeEquilibrium(game, 'logit', game.exact ? lp : lp.map((r) => r.map((v) => v.toNumber())));
      }
    }
    const fl = floatSupportEquilibrium(game, c, supports, approx);
    if (fl && closeTo(fl, approx, 1e-2)) {
      const ex = roundToExact(game, fl);
      return ex ? makeEquilibrium(game, 'logit', ex) : makeEquilibrium({ ...game, exact: null }, 'logit', fl);
    }
  }
  if (game.players.length === 2) {
    // Bounded: exact enumeration is exponential in the game size (a 30×30 game would run for hours).
    const near = extremeEquilibria(game)?.find((e) =>
      closeTo(
        e.profile.map((r) => r.map((v) => (v instanceof Rational ? v.toNumber() : v))),
        approx,
        1e-4,
      ),
    );
    if (near)
      return {
        method: 'logit',
        profile: near.profile,
        payoffs: near.payoffs,
        regret: near.regret,
        exact: near.exact,
      };
  }
  const ex = roundToExact(game, approx);
  if (ex) return makeEquilibrium(game, 'logit', ex);
  if (game.players.length === 2) {
    // Degenerate games: an exact equilibrium of the face the limit lies on (same supports, same best responses).
    for (const thr of [1e-6, 1e-3]) {
      const supports = approx.map((row) => row.flatMap((v, k) => (v > thr ? [k] : [])));
      const lp = lpSupportEquilibrium(game, supports[0] as number[], supports[1] as number[]);
      if (lp)
        return makeEquilibrium(game, 'logit', game.exact ? lp : lp.map((r) => r.map((v) => v.toNumber())));
    }
  }
  const rg = regret({ ...game, exact: null }, approx) as number;
  return rg <= floatTolerance(game) ? makeEquilibrium({ ...game, exact: null }, 'logit', approx) : null;
};

/**
 * Trace the principal logit branch from the centroid to maxLambda (gambit-logit -e semantics) and refine its
 * limit to a verified Nash equilibrium.
 */
/**
 * The same game with payoffs perturbed by at most eps (normalised units) in a fixed pseudo-random pattern:
 * generic, so its principal branch is a smooth path. Used when the branch of a degenerate game bifurcates.
 */
const perturbCtx = (c: Ctx, eps: number): Ctx => {
  const pay = c.pay.slice();
  let h = 0x9e3779b9;
  for (let a = 0; a < pay.length; a++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + a;
    h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
    pay[a] = (pay[a] as number) + eps * (((h ^ (h >>> 15)) >>> 0) / 2 ** 32);
  }
  return {
    ...c,
    pay,
    sSigma: c.sSigma.slice(),
    sU: c.sU.slice(),
    sW: c.sW.slice(),
    sH: c.sH.slice(),
    sJ: c.sJ.map((r) => r.slice()),
    sRhs: c.sRhs.slice(),
  };
};

/** Perturbation sizes tried, in order, when the branch of the game itself cannot be followed. */
const PERTURBATIONS = [1e-7, 1e-5];

export const logitBranch = (game: Game, opts: LogitOptions = {}): LogitBranch => {
  const maxLambda = opts.maxLambda ?? 1e6;
  const c = makeCtx(game);
  if (opts.maxSteps !== undefined) c.budget = { left: opts.maxSteps, max: opts.maxSteps };
  const first = branchOf(game, c, c, maxLambda);
  if (first.limit) return { points: first.points, limit: first.limit };
  // Degenerate games whose branch bifurcates: follow the branch of a slightly perturbed (generic) game and
  // refine its limit on the original game.
  for (const eps of PERTURBATIONS) {
    const other = branchOf(game, c, perturbCtx(c, eps), maxLambda);
    if (other.limit) return { points: other.points, limit: other.limit };
  }
  // Badly scaled payoffs (1e9 next to 1/7: differences below double precision of the normalised game) leave the
  // traced end point short of any equilibrium. For small 2-player games, return the extreme equilibrium nearest
  // to where the branch ends (verified like every other answer).
  const near = game.players.length === 2 ? nearestExtreme(game, first.approx) : null;
  if (near) return { points: first.points, limit: near };
  const rg = regret({ ...game, exact: null }, first.approx) as number;
  throw new Error(
    `logit: could not refine the end of the logit branch to an equilibrium (regret ${rg.toPrecision(3)}); the payoffs may be too badly scaled for floating point`,
  );
};

/** Every extreme equilibrium when enumerating them is cheap (about a second at most), else null. */
const extremeEquilibria = (game: Game): Equilibrium[] | null => {
  try {
    return enumMixed(game, { maxWork: 2_000_000 });
  } catch (err) {
    if (err instanceof SolverLimitError) return null;
    throw err;
  }
};

/** The extreme equilibrium (enummixed) closest to a float profile, as method "logit"; null if too costly. */
const nearestExtreme = (game: Game, approx: readonly (readonly number[])[]): Equilibrium | null => {
  const eqs = extremeEquilibria(game);
  if (!eqs) return null;
  let best: Equilibrium | null = null;
  let bestDist = Infinity;
  for (const e of eqs) {
    let d = 0;
    e.profile.forEach((row, p) =>
      row.forEach((v, k) => {
        d = Math.max(d, Math.abs((v instanceof Rational ? v.toNumber() : v) - (approx[p]?.[k] ?? 0)));
      }),
    );
    if (d < bestDist) {
      bestDist = d;
      best = e;
    }
  }
  if (!best) return null;
  return {
    method: 'logit',
    profile: best.profile,
    payoffs: best.payoffs,
    regret: best.regret,
    exact: best.exact,
  };
};

/** Trace `tc`'s principal branch and refine its limit on `game` (whose context is c). */
const branchOf = (
  game: Game,
  c: Ctx,
  tc: Ctx,
  maxLambda: number,
): { points: LogitPoint[]; limit: Equilibrium | null; approx: number[][] } => {
  let points: LogitPoint[] = [];
  const attempt = (mode: Orientation): TraceResult => {
    points = [];
    return trace(
      tc,
      maxLambda * c.range,
      (z) => points.push({ lambda: (z[c.nv] as number) / c.range, profile: profileOfZ(c, z) }),
      mode,
    );
  };
  let end = attempt('prev');
  let mode: Orientation = 'prev';
  if (!end.reached) {
    const firstPoints = points;
    const other = attempt('det');
    if (other.reached) {
      end = other;
      mode = 'det';
    } else points = firstPoints;
  }
  let approx = profileOfZ(c, end.z);
  let limit = refineLimit(game, c, approx);
  // Degenerate games converge slowly (regret ~ 1/λ): follow the branch further before giving up.
  for (const factor of [1e4, 1e8]) {
    if (limit || !end.reached) break;
    const further = trace(tc, maxLambda * factor * c.range, null, mode);
    approx = profileOfZ(c, further.z);
    limit = refineLimit(game, c, approx);
  }
  return { points, limit, approx };
};

/** The limiting equilibrium of the principal logit branch, as a one-element list. */
export const logit = (game: Game, opts: LogitOptions = {}): Equilibrium[] => [logitBranch(game, opts).limit];
