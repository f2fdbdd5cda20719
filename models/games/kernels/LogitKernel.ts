// The logit QRE kernel for one game shape: the QRE at a given λ on the principal branch, and the limit of the
// principal branch refined to a verified Nash equilibrium (float). Used by the Monte Carlo engine every round that
// needs it (allocation-free) and, with an exact refinement, by models/games' `logit`/`logitBranch`.
import { gaussSolve } from './gaussSolve';
import { isMixedProfile, maxRegret, regretTolerance, type FloatGame } from './FloatGame';
import { PathTracer, type Orientation } from './PathTracer';
import { QreSystem } from './QreSystem';

/** Perturbation sizes tried, in order, when the branch of the game itself cannot be followed (normalised units). */
export const PERTURBATIONS: readonly number[] = [1e-7, 1e-5];

/** Support thresholds tried, in order, when reading the support of a traced end point. */
export const SUPPORT_THRESHOLDS: readonly number[] = [1e-6, 1e-9, 1e-3, 1e-12, 5e-3];

/** Default end of the traced branch, in payoff units (gambit-logit's maxLambda). */
export const DEFAULT_MAX_LAMBDA = 1e6;

/** The unperturbed game first, then PERTURBATIONS. */
const EPSILONS: readonly number[] = [0, ...PERTURBATIONS];
/** How much further (× maxLambda) a branch is followed when its end does not refine. */
const FURTHER: readonly number[] = [1e4, 1e8];
/** The points list when not recording (never written). */
const NO_POINTS: Float64Array[] = [];

/**
 * Refines the end point of a traced branch (a mixed profile in `approx`, FloatGame layout) to an answer, or null.
 * Called with the system's perturbation cleared.
 */
export type LimitRefinement<R> = (approx: Float64Array) => R | null;

/**
 * Sources: McKelvey & Palfrey 1995 (the logit QRE and its principal branch, whose limit as λ → ∞ is a Nash
 * equilibrium — unique for almost all games: the "limiting logit equilibrium"); Turocy 2005 (tracing it in
 * log-probabilities); Allgower & Georg 1990 (predictor–corrector continuation). Shapes: one kernel per strategy-count
 * vector; games passed in must have that shape. Units: λ in payoff units (λ · payoff differences is dimensionless).
 */
export class LogitKernel {
  readonly sys: QreSystem;
  readonly tracer: PathTracer;
  /** After principalLimit: the profile at the end of the unperturbed game's trace (the best-effort limit). */
  readonly firstApprox: Float64Array;
  /** After principalLimit with `record`: the points (z = (v, λ) copies) of the trace whose end was refined. */
  points: Float64Array[] = [];
  /** After principalLimit: true when the tracer's step budget ran out (the search was abandoned). */
  overBudget = false;
  /** After limit(): the verified equilibrium (FloatGame layout). */
  readonly result: Float64Array;
  private game: FloatGame | null = null;
  private readonly approx: Float64Array;
  private readonly endZ: Float64Array;
  // Support refinement scratch.
  private readonly idx: Int32Array;
  private readonly sigma: Float64Array;
  private readonly F: Float64Array;
  private readonly Jm: Float64Array;
  private readonly d: Float64Array;
  private readonly floatRefine: LimitRefinement<true>;

  constructor(counts: readonly number[] | Int32Array) {
    this.sys = new QreSystem(counts);
    this.tracer = new PathTracer(this.sys);
    const nv = this.sys.nv;
    this.firstApprox = new Float64Array(nv);
    this.result = new Float64Array(nv);
    this.approx = new Float64Array(nv);
    this.endZ = new Float64Array(nv + 1);
    this.idx = new Int32Array(nv);
    this.sigma = new Float64Array(nv);
    this.F = new Float64Array(nv);
    this.Jm = new Float64Array(nv * nv);
    this.d = new Float64Array(nv);
    this.floatRefine = (approx) => (this.refineFloat(approx) ? true : null);
  }

  /**
   * The logit QRE on the principal branch at rationality λ ≥ 0 (payoff units), written to `mix`: players' λ_i =
   * λ · weights[i] when weights are given (0 ≤ weights ≤ 1). Continuation in λ, falling back to arc-length tracing
   * (both orientations) and to slightly perturbed payoffs for bifurcating branches. Returns false when no method
   * reached λ (mix then holds no answer). No allocation.
   */
  qre(g: FloatGame, lambda: number, mix: Float64Array, weights: Float64Array | null = null): boolean {
    const { sys, tracer } = this;
    this.game = g;
    sys.load(g, weights);
    tracer.stepsLeft = Infinity;
    const target = lambda * sys.range;
    if (tracer.continueInLambda(target) || tracer.trace(target, 'prev') === 'reached') {
      sys.profileOf(tracer.point, mix);
      return true;
    }
    for (let e = 0; e < EPSILONS.length; e++) {
      sys.perturb(EPSILONS[e] as number);
      if (tracer.trace(target, 'det') === 'reached') {
        sys.profileOf(tracer.point, mix);
        return true;
      }
    }
    return false;
  }

  /**
   * The limit of the principal logit branch of g as a verified float Nash equilibrium (regret ≤ 1e-9 × payoff
   * range), written to `mix`; false when it could not be refined (mix then holds no answer). The branch is traced to
   * λ = 10⁶ (payoff units) and further if needed; its end point's support is read at several thresholds and the
   * equilibrium on that support solved by Newton's method. No allocation.
   */
  limit(g: FloatGame, mix: Float64Array): boolean {
    this.tracer.stepsLeft = Infinity;
    if (this.principalLimit(g, DEFAULT_MAX_LAMBDA, this.floatRefine, false) === null) return false;
    mix.set(this.result);
    return true;
  }

  /**
   * Trace the principal branch of g to maxLambda (payoff units) and refine its end with `refine`; on failure follow
   * the branch further (λ × 10⁴, × 10⁸: degenerate games converge slowly), then try slightly perturbed payoffs
   * (PERTURBATIONS; a generic game's branch is a smooth path). Returns the first refinement, or null (then
   * `firstApprox` holds the end of the unperturbed trace, and `overBudget` says whether the step budget stopped the
   * search). With `record`, `points` receives the traced points (allocates).
   */
  principalLimit<R>(g: FloatGame, maxLambda: number, refine: LimitRefinement<R>, record: boolean): R | null {
    this.game = g;
    this.sys.load(g);
    this.overBudget = false;
    let firstPoints = NO_POINTS;
    for (let e = 0; e < EPSILONS.length; e++) {
      const eps = EPSILONS[e] as number;
      const r = this.branchLimit(eps, maxLambda, refine, record);
      if (eps === 0) {
        this.firstApprox.set(this.approx);
        firstPoints = this.points;
      }
      if (r !== null || this.overBudget) {
        if (r === null) this.points = firstPoints;
        return r;
      }
    }
    this.points = firstPoints;
    return null;
  }

  /** One branch (at perturbation eps): trace in "prev" then "det" orientation, refine, follow further. */
  private branchLimit<R>(
    eps: number,
    maxLambda: number,
    refine: LimitRefinement<R>,
    record: boolean,
  ): R | null {
    const { sys, tracer, endZ, approx } = this;
    const stop = maxLambda * sys.range;
    let points = record ? [] : NO_POINTS;
    const visit = record ? (z: Float64Array): void => void points.push(z.slice()) : null;
    sys.perturb(eps);
    let status = tracer.trace(stop, 'prev', visit);
    let mode: Orientation = 'prev';
    if (status === 'over-budget') return this.abandon();
    endZ.set(tracer.point);
    if (status !== 'reached') {
      const prevPoints = points;
      points = record ? [] : NO_POINTS;
      const det = tracer.trace(stop, 'det', visit);
      if (det === 'over-budget') return this.abandon();
      if (det === 'reached') {
        status = det;
        mode = 'det';
        endZ.set(tracer.point);
      } else points = prevPoints;
    }
    this.points = points;
    sys.perturb(0);
    sys.profileOf(endZ, approx);
    let limit = refine(approx);
    for (let f = 0; f < FURTHER.length; f++) {
      if (limit !== null || status !== 'reached') break;
      sys.perturb(eps);
      const further = tracer.trace(stop * (FURTHER[f] as number), mode);
      if (further === 'over-budget') return this.abandon();
      sys.perturb(0);
      sys.profileOf(tracer.point, approx);
      limit = refine(approx);
    }
    return limit;
  }

  private abandon(): null {
    this.overBudget = true;
    return null;
  }

  /** Float refinement: a support equilibrium near `approx` at some threshold, else approx itself if it verifies. */
  private refineFloat(approx: Float64Array): boolean {
    const g = this.game as FloatGame;
    const out = this.result;
    for (let k = 0; k < SUPPORT_THRESHOLDS.length; k++) {
      if (
        this.supportEquilibrium(approx, SUPPORT_THRESHOLDS[k] as number, out) &&
        maxDistance(out, approx) <= 1e-2
      )
        return true;
    }
    if (isMixedProfile(g, approx) && maxRegret(g, approx) <= regretTolerance(g)) {
      out.set(approx);
      return true;
    }
    return false;
  }

  /**
   * The Nash equilibrium whose support is {k : approx_k > thr} (every player's), by Newton's method on the
   * indifference equations U_i(k) = U_i(k') for k, k' in i's support plus Σ σ_i = 1, started from approx restricted to
   * the support (van der Laan, Talman & van der Heyden style support solve; Gambit's enumpoly solves the same system
   * exactly). Written to `out` when the solution is a probability profile whose regret in the loaded game is
   * ≤ 1e-9 × payoff range; false otherwise (or when a player's support is empty). Uses the unperturbed payoffs.
   */
  supportEquilibrium(approx: Float64Array, thr: number, out: Float64Array): boolean {
    const { sys, idx, sigma, F, Jm, d } = this;
    const g = this.game as FloatGame;
    const { n, nv, K, off } = sys;
    sys.perturb(0);
    let dim = 0;
    for (let i = 0; i < n; i++) {
      const o = off[i] as number;
      let sum = 0;
      let size = 0;
      for (let k = 0; k < (K[i] as number); k++)
        if ((approx[o + k] as number) > thr) sum += approx[o + k] as number;
      for (let k = 0; k < (K[i] as number); k++) {
        sigma[o + k] = 0;
        if ((approx[o + k] as number) > thr) {
          sigma[o + k] = (approx[o + k] as number) / sum;
          idx[dim++] = o + k;
          size++;
        }
      }
      if (size === 0) return false;
    }
    const U = sys.U;
    const W = sys.W;
    for (let it = 0; it < 50; it++) {
      sys.payoffsAt(sigma, true);
      let row = 0;
      for (let i = 0; i < n; i++) {
        const o = off[i] as number;
        const end = o + (K[i] as number);
        let first = -1;
        let sum = 0;
        for (let col = 0; col < dim; col++) {
          const a = idx[col] as number;
          const inside = a >= o && a < end;
          Jm[row * nv + col] = inside ? 1 : 0;
          if (inside) {
            sum += sigma[a] as number;
            if (first < 0) first = a;
          }
        }
        F[row++] = -(sum - 1);
        for (let col = 0; col < dim; col++) {
          const r = idx[col] as number;
          if (r <= first || r >= end) continue;
          F[row] = -((U[r] as number) - (U[first] as number));
          for (let c2 = 0; c2 < dim; c2++) {
            const a = idx[c2] as number;
            Jm[row * nv + c2] = (W[r * nv + a] as number) - (W[first * nv + a] as number);
          }
          row++;
        }
      }
      if (gaussSolve(Jm, dim, nv, F, d) === 0) return false;
      let step = 0;
      for (let col = 0; col < dim; col++) {
        const a = idx[col] as number;
        sigma[a] = (sigma[a] as number) + (d[col] as number);
        step += (d[col] as number) * (d[col] as number);
      }
      if (Math.sqrt(step) < 1e-15) break;
    }
    for (let i = 0; i < n; i++) {
      const o = off[i] as number;
      let sum = 0;
      for (let k = 0; k < (K[i] as number); k++) {
        const v = sigma[o + k] as number;
        if (!(v >= -1e-12)) return false;
        sum += Math.max(0, v);
      }
      for (let k = 0; k < (K[i] as number); k++) out[o + k] = Math.max(0, sigma[o + k] as number) / sum;
    }
    return maxRegret(g, out) <= regretTolerance(g);
  }
}

/** Largest |a_k - b_k| (the two profiles have the same layout). */
const maxDistance = (a: Float64Array, b: Float64Array): number => {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs((a[k] as number) - (b[k] as number)));
  return m;
};
