// Predictor–corrector path following — the ONE tracer of Parley's logit solvers: the principal branch of a logit
// QRE system from the centroid (λ = 0), or from any point of it, to a given λ, by arc-length continuation (as
// Gambit's src/solvers/logit/path.cc) or, when the branch has no turning point, by natural-parameter continuation in
// λ. It follows any ContinuationSystem: the strategic-form QreSystem (./QreSystem.ts, used by LogitKernel) and the
// agent QRE system of a game tree (../extensive/agentQreSystem.ts, used by agentLogit/agentQre). Allocation-free
// after construction (callers' `visit` aside).
import { gaussSolve } from './gaussSolve';

/**
 * A smooth system H(z) = 0 in z = (v, λ) with nv equations in nv + 1 unknowns (λ last) whose solution set through
 * the centroid is a curve: what PathTracer follows. Both logit systems implement it (McKelvey–Palfrey 1995 for
 * strategic games, McKelvey–Palfrey 1998 for the agent form of trees; the log-probability form is Turocy 2005).
 *
 * Shapes: `H` has nv entries; `J` is a row-major (nv + 1) × (nv + 1) matrix whose first nv rows `evaluate` fills
 * with ∂H/∂z (the last row is the tracer's: it writes the tangent or the reference direction there); `rhs` and `sol`
 * have nv + 1 entries (scratch for the tracer's linear solves, overwritten by it).
 */
export type ContinuationSystem = {
  readonly nv: number;
  readonly H: Float64Array;
  readonly J: Float64Array;
  readonly rhs: Float64Array;
  readonly sol: Float64Array;
  /** H(z) into `H`; with `withJacobian`, ∂H/∂z into the first nv rows of `J` too. */
  evaluate(z: Float64Array, withJacobian: boolean): void;
  /** The start point (λ = 0, every strategy/action equally likely) into z (nv + 1 entries). */
  centroid(z: Float64Array): void;
};

/**
 * How the tangent is oriented from one step to the next: "prev" keeps the direction of the previous tangent
 * (passes straight through the symmetric pitchforks of non-generic games); "det" keeps the sign of det([J; tᵀ]),
 * which is constant along a smooth branch (never retraces the branch after a sharp fold). Callers try "prev" first.
 */
export type Orientation = 'prev' | 'det';

/** How a trace ended: λ reached; stopped short (step size underflow, singular system, a jump); step budget spent. */
export type TraceStatus = 'reached' | 'stopped' | 'over-budget';

/**
 * Follows the principal branch of a ContinuationSystem (Allgower & Georg 1990, "Numerical Continuation Methods", ch. 2 and
 * 10: Euler predictor along the unit tangent, Newton corrector orthogonal to it, step-size adaptation by Newton
 * iteration counts; Turocy 2005 for the logit homotopy). λ is in the system's normalised units.
 *
 * Results: after trace/continueInLambda, `point` holds z = (v, λ) — the point at the requested λ when reached,
 * else the point with the largest λ reached. `stepsLeft` is a work budget in predictor–corrector steps shared by
 * every trace until reset (Infinity: only the fixed bound of 100,000 steps per trace applies).
 */
export class PathTracer<S extends ContinuationSystem = ContinuationSystem> {
  readonly point: Float64Array;
  stepsLeft = Infinity;
  private readonly z: Float64Array;
  private readonly prev: Float64Array;
  private readonly t: Float64Array;
  private readonly t2: Float64Array;
  private readonly zp: Float64Array;
  private readonly pred: Float64Array;
  private readonly info = { detSign: 0 };

  constructor(readonly sys: S) {
    const len = sys.nv + 1;
    this.point = new Float64Array(len);
    this.z = new Float64Array(len);
    this.prev = new Float64Array(len);
    this.t = new Float64Array(len);
    this.t2 = new Float64Array(len);
    this.zp = new Float64Array(len);
    this.pred = new Float64Array(len);
  }

  /**
   * The unit tangent of the branch at z, written to `out`: the solution of [J(z); refᵀ] t = e_{nv+1}, normalised.
   * With `orientation` = ±1 it is flipped so that sign det([J; tᵀ]) equals it; with 0 it points along `ref`
   * (t·ref > 0). Returns sign det([J; tᵀ]) of the returned tangent before any flip (±1; t·ref = 1 > 0, so it is the
   * sign of det([J; refᵀ]): the determinant is linear in the last row and proportional to its component along the
   * null vector of J), or 0 when the system is singular.
   */
  tangent(z: Float64Array, ref: Float64Array, out: Float64Array, orientation = 0): number {
    const sys = this.sys;
    const nv = sys.nv;
    const width = nv + 1;
    const J = sys.J;
    sys.evaluate(z, true);
    const rhs = sys.rhs;
    for (let a = 0; a <= nv; a++) {
      J[nv * width + a] = ref[a] as number;
      rhs[a] = 0;
    }
    rhs[nv] = 1;
    const det = gaussSolve(J, width, width, rhs, sys.sol);
    if (det === 0) return 0;
    const t = sys.sol;
    const len = norm(t, width);
    const flip = orientation !== 0 && det !== orientation ? -1 : 1;
    for (let a = 0; a <= nv; a++) out[a] = (flip * (t[a] as number)) / len;
    return det;
  }

  /** Newton corrector orthogonal to t, in place on z; returns the iterations used, or -1 on failure. */
  private correct(z: Float64Array, t: Float64Array, firstLimit: number): number {
    const sys = this.sys;
    const nv = sys.nv;
    const width = nv + 1;
    const { H, J, rhs, sol } = sys;
    let prevStep = Infinity;
    for (let it = 1; it <= 12; it++) {
      sys.evaluate(z, true);
      for (let a = 0; a <= nv; a++) J[nv * width + a] = t[a] as number;
      for (let a = 0; a < nv; a++) rhs[a] = -(H[a] as number);
      rhs[nv] = 0;
      if (gaussSolve(J, width, width, rhs, sol) === 0) return -1;
      const step = norm(sol, width);
      if (!Number.isFinite(step) || (it === 1 && step > firstLimit) || step > 2 * prevStep) return -1;
      for (let a = 0; a <= nv; a++) z[a] = (z[a] as number) + (sol[a] as number);
      // Converged, or stagnating at the round-off floor.
      const zn = Math.max(1, norm(z, width));
      if (step <= 1e-11 * zn || (step <= 1e-8 * zn && step > 0.5 * prevStep)) return it;
      prevStep = step;
    }
    return -1;
  }

  /** Newton at fixed λ = z[nv] (the square system in v), in place on z; true on convergence. */
  correctAtLambda(z: Float64Array, maxIt = 30): boolean {
    const sys = this.sys;
    const nv = sys.nv;
    const width = nv + 1;
    const { H, J, rhs, sol } = sys;
    let prevStep = Infinity;
    for (let it = 0; it < maxIt; it++) {
      sys.evaluate(z, true);
      for (let a = 0; a < nv; a++) rhs[a] = -(H[a] as number);
      if (gaussSolve(J, nv, width, rhs, sol) === 0) return false;
      const step = norm(sol, nv);
      if (!Number.isFinite(step) || step > 1 + 10 * nv) return false;
      for (let a = 0; a < nv; a++) z[a] = (z[a] as number) + (sol[a] as number);
      const zn = Math.max(1, norm(z, width));
      if (step < 1e-13 * zn || (step <= 1e-9 * zn && step > 0.5 * prevStep)) return true;
      prevStep = step;
    }
    if (maxIt < 30) return false;
    let r = 0;
    sys.evaluate(z, false);
    for (let a = 0; a < nv; a++) r = Math.max(r, Math.abs(H[a] as number));
    return r < 1e-9 * Math.max(1, z[nv] as number);
  }

  /**
   * Arc-length continuation of the principal branch from the centroid (or from `from`, a point of the branch, nv + 1
   * entries) to λ = stopLambda (normalised units), calling `visit` at every accepted point (the argument is reused:
   * copy what you keep). The result is left in `point`.
   */
  trace(
    stopLambda: number,
    mode: Orientation = 'prev',
    visit: ((z: Float64Array) => void) | null = null,
    from: Float64Array | null = null,
  ): TraceStatus {
    const sys = this.sys;
    const nv = sys.nv;
    const { z, prev, t, t2, zp, point } = this;
    if (from) z.set(from);
    else sys.centroid(z);
    point.set(z);
    visit?.(z);
    if (stopLambda <= (z[nv] as number)) return 'reached';
    prev.fill(0);
    prev[nv] = 1;
    let h = Math.min(0.5, stopLambda - (z[nv] as number));
    // Orientation of the branch: the sign of det([J; tᵀ]) at the centroid with λ increasing.
    if (this.tangent(z, prev, t) === 0) return 'stopped';
    if ((t[nv] as number) < 0) for (let a = 0; a <= nv; a++) t[a] = -(t[a] as number);
    const orientation = mode === 'det' ? this.tangent(z, t, t2) : 0;
    if (mode === 'det' && orientation === 0) return 'stopped';
    for (let steps = 0; steps < 100_000; steps++) {
      if (--this.stepsLeft < 0) return 'over-budget';
      // t is the tangent at z (from the previous step's acceptance test, oriented along the previous tangent).
      let its: number;
      for (;;) {
        // Steps stay below half the current λ (plus a constant), so the predictor cannot jump over a turning
        // point onto another branch; the branch is nearly straight where λ is large, so this costs few steps.
        h = Math.min(h, 0.5 + 0.5 * Math.abs(z[nv] as number));
        for (let a = 0; a <= nv; a++) zp[a] = (z[a] as number) + h * (t[a] as number);
        its = this.correct(zp, t, Math.max(0.3 * h, 1e-8 * Math.max(1, norm(z, nv + 1))));
        if (its > 0 && this.tangent(zp, t, t2, orientation) !== 0) {
          let dot = 0;
          for (let a = 0; a <= nv; a++) dot += (t2[a] as number) * (t[a] as number);
          if (dot > 0.95) break;
        }
        h /= 2;
        if (h < 1e-13) return 'stopped';
      }
      if ((zp[nv] as number) >= stopLambda) {
        // Land exactly on stopLambda: interpolate, then Newton at fixed λ.
        const l0 = z[nv] as number;
        const l1 = zp[nv] as number;
        const w = l1 > l0 ? (stopLambda - l0) / (l1 - l0) : 1;
        for (let a = 0; a <= nv; a++) zp[a] = (z[a] as number) + w * ((zp[a] as number) - (z[a] as number));
        zp[nv] = stopLambda;
        if (!this.correctAtLambda(zp)) {
          // Retry with a shorter step so that the interpolation starts closer to the branch.
          h /= 2;
          if (h < 1e-13) return 'stopped';
          continue;
        }
        visit?.(zp);
        point.set(zp);
        return 'reached';
      }
      prev.set(t);
      z.set(zp);
      t.set(t2);
      visit?.(z);
      if ((z[nv] as number) > (point[nv] as number)) point.set(z);
      // The principal branch never returns to λ <= 0 (the centroid is the only QRE there): a jump to another
      // component happened.
      if ((z[nv] as number) <= 0) return 'stopped';
      if (its <= 3) h *= 2;
      else if (its >= 6) h /= 2;
    }
    return 'stopped';
  }

  /**
   * Natural-parameter continuation in λ (the fast path to one λ): Newton at fixed λ with a tangent predictor.
   * Returns false when a step fails or the branch turns (dλ/ds ≤ 0: a fold), so the caller falls back to `trace`;
   * true with the point at λ = target in `point`.
   */
  continueInLambda(target: number): boolean {
    const sys = this.sys;
    const nv = sys.nv;
    const { z, t, t2, zp, pred, point, prev } = this;
    sys.centroid(z);
    point.set(z);
    if (target <= 0) return true;
    prev.fill(0);
    prev[nv] = 1;
    if (this.tangent(z, prev, t) === 0 || !((t[nv] as number) > 0)) return false;
    let dl = Math.min(1, target);
    for (let steps = 0; steps < 200; steps++) {
      const lam = z[nv] as number;
      const next = Math.min(target, lam + dl);
      // Tangent predictor (dz/dλ = t / t_λ), then Newton at fixed λ.
      const scale = (next - lam) / (t[nv] as number);
      for (let a = 0; a <= nv; a++) zp[a] = (z[a] as number) + scale * (t[a] as number);
      zp[nv] = next;
      pred.set(zp);
      let ok = this.correctAtLambda(zp, 6);
      if (ok) {
        let corr = 0;
        let stepLen = 0;
        for (let a = 0; a <= nv; a++) {
          const dc = (zp[a] as number) - (pred[a] as number);
          corr += dc * dc;
          const ds = (zp[a] as number) - (z[a] as number);
          stepLen += ds * ds;
        }
        ok = corr <= 0.09 * stepLen && this.tangent(zp, t, t2) !== 0 && (t2[nv] as number) > 0;
      }
      if (ok) {
        z.set(zp);
        t.set(t2);
        if (next >= target) {
          point.set(z);
          return true;
        }
        dl *= 2;
      } else {
        dl /= 4;
        if (dl < 1e-6 * target) return false;
      }
    }
    return false;
  }
}

/** Euclidean norm of v[0 … len - 1]. */
const norm = (v: Float64Array, len: number): number => {
  let s = 0;
  for (let i = 0; i < len; i++) s += (v[i] as number) * (v[i] as number);
  return Math.sqrt(s);
};
