// Predictor–corrector path following (Allgower & Georg 1990) for a smooth system H(x, λ) = 0 whose solution set
// near the start is a curve parameterised by arc length: Euler predictor along the unit tangent, Newton corrector
// orthogonal to it, step size adapted to the corrector's effort. Self-contained for the agent logit system; the
// strategic logit tracer (models/games/logit.ts) has its own, tuned to its system. SmoothSystem is the interface
// that a shared tracer can take over.
import { gaussSolve } from '../kernels/gaussSolve';
import { SolverLimitError } from '../SolverLimitError';
import type { SmoothSystem } from './agentQreSystem';

export type TraceOptions = {
  /** Stop when λ (the last coordinate) reaches this value. */
  readonly maxLambda: number;
  /** Largest number of accepted steps (a work budget). Over → SolverLimitError("logit"). */
  readonly maxSteps: number;
  /** Called at every accepted point (including the start and the end). */
  readonly onPoint?: (z: Float64Array) => void;
};

export type TraceResult = {
  /** The end point: at maxLambda when `reached`, else the point of largest λ. */
  readonly z: Float64Array;
  readonly reached: boolean;
  readonly steps: number;
};

/** M x = b for a small dense system (rows of M as arrays), through the kernels' one Gaussian elimination. */
const solveFloat = (M: readonly (readonly number[])[], b: readonly number[]): number[] | null => {
  const dim = b.length;
  const flat = new Float64Array(dim * dim);
  for (let r = 0; r < dim; r++)
    for (let c = 0; c < dim; c++) flat[r * dim + c] = (M[r] as number[])[c] as number;
  const x = new Float64Array(dim);
  return gaussSolve(flat, dim, dim, Float64Array.from(b), x) === 0 ? null : Array.from(x);
};

const norm = (v: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (v[i] as number);
  return Math.sqrt(s);
};

/** Trace from z0 (a solution at λ = z0[last]) toward increasing λ. */
export const tracePath = (sys: SmoothSystem, z0: Float64Array, opts: TraceOptions): TraceResult => {
  const n = sys.dim;
  const H = new Float64Array(n);
  const J: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(n + 1).fill(0));
  const tangent = (z: Float64Array, prev: Float64Array): Float64Array | null => {
    sys.evaluate(z, H, J);
    const M = J.map((row) => row.slice());
    M[n] = Array.from(prev);
    const rhs = new Array<number>(n + 1).fill(0);
    rhs[n] = 1;
    const t = solveFloat(M, rhs);
    if (!t) return null;
    const len = norm(t);
    if (!(len > 0) || !Number.isFinite(len)) return null;
    return Float64Array.from(t, (v) => v / len);
  };
  const correct = (z: Float64Array, t: Float64Array, limit: number): number => {
    let prevStep = Infinity;
    for (let it = 1; it <= 10; it++) {
      sys.evaluate(z, H, J);
      const M = J.map((row) => row.slice());
      M[n] = Array.from(t);
      const rhs = new Array<number>(n + 1).fill(0);
      for (let a = 0; a < n; a++) rhs[a] = -(H[a] as number);
      const d = solveFloat(M, rhs);
      if (!d) return -1;
      const step = norm(d);
      if (!Number.isFinite(step) || (it === 1 && step > limit) || step > 2 * prevStep) return -1;
      for (let a = 0; a <= n; a++) z[a] = (z[a] as number) + (d[a] as number);
      const zn = Math.max(1, norm(z));
      if (step <= 1e-11 * zn || (step <= 1e-8 * zn && step > 0.5 * prevStep)) return it;
      prevStep = step;
    }
    return -1;
  };
  /** Newton at fixed λ (square system in x). */
  const fixLambda = (z: Float64Array): boolean => {
    for (let it = 0; it < 30; it++) {
      sys.evaluate(z, H, J);
      const M = J.slice(0, n).map((row) => row.slice(0, n));
      const rhs = Array.from(H, (v) => -v);
      const d = solveFloat(M, rhs);
      if (!d) return false;
      for (let a = 0; a < n; a++) z[a] = (z[a] as number) + (d[a] as number);
      const step = norm(d);
      if (!Number.isFinite(step)) return false;
      if (step <= 1e-12 * Math.max(1, norm(z))) return true;
    }
    sys.evaluate(z, H, null);
    let r = 0;
    for (const v of H) r = Math.max(r, Math.abs(v));
    return r < 1e-9;
  };

  let z = z0.slice();
  opts.onPoint?.(z);
  const e = new Float64Array(n + 1);
  e[n] = 1;
  let t = tangent(z, e);
  if (!t) return { z, reached: false, steps: 0 };
  if ((t[n] as number) < 0) t = t.map((v) => -v);
  let best = z;
  let h = 0.1;
  let steps = 0;
  while (steps < opts.maxSteps) {
    h = Math.min(h, 0.5 + 0.5 * Math.abs(z[n] as number));
    const zp = z.map((v, a) => v + h * (t as Float64Array)[a]!);
    const its = correct(zp, t, Math.max(0.3 * h, 1e-8));
    let t2: Float64Array | null = null;
    if (its > 0) {
      t2 = tangent(zp, t);
      if (t2) {
        let dot = 0;
        for (let a = 0; a <= n; a++) dot += (t2[a] as number) * (t[a] as number);
        if (dot < 0.9) t2 = null;
      }
    }
    if (!t2) {
      h /= 2;
      if (h < 1e-12) return { z: best, reached: false, steps };
      continue;
    }
    steps++;
    if ((zp[n] as number) >= opts.maxLambda) {
      const l0 = z[n] as number;
      const l1 = zp[n] as number;
      const w = l1 > l0 ? (opts.maxLambda - l0) / (l1 - l0) : 1;
      const zf = z.map((v, a) => v + w * ((zp[a] as number) - v));
      zf[n] = opts.maxLambda;
      if (fixLambda(zf)) {
        opts.onPoint?.(zf);
        return { z: zf, reached: true, steps };
      }
      h /= 2;
      if (h < 1e-12) return { z: best, reached: false, steps };
      continue;
    }
    z = zp;
    t = t2;
    opts.onPoint?.(z);
    if ((z[n] as number) > (best[n] as number)) best = z;
    if ((z[n] as number) <= 0) return { z: best, reached: false, steps };
    if (its <= 3) h *= 2;
    else if (its >= 6) h /= 2;
  }
  throw new SolverLimitError(
    'logit',
    `tracing the agent logit branch needs more than the allowed ${opts.maxSteps} steps`,
  );
};
