// The logit QRE system of an N-player strategic-form game, in log-probabilities, with its Jacobian: the equations
// the path tracer follows (as Gambit's logit solver, src/solvers/logit/nfglogit.cc). Allocation-free after
// construction; reloaded in place when the game (of the same shape) changes.
import type { FloatGame } from './FloatGame';
import { perturbPayoffs } from './perturbPayoffs';
import { exp } from '../../math/exp';
import { log } from '../../math/log';

/**
 * H(z) = 0 with z = (v, λ), v[off_i + k] = log σ_i(k) (nv = Σ_i K_i unknowns plus λ):
 *   H[off_i]     = Σ_k σ_i(k) - 1                                   (one per player)
 *   H[off_i + k] = v_i(k) - v_i(0) - λ (U_i(k) - U_i(0)),  k ≥ 1      (the logit response, in log form)
 * where U_i(k) = u_i(k, σ_-i) is player i's expected payoff of pure strategy k against the others' mixed strategies
 * (McKelvey & Palfrey 1995, "Quantal response equilibria for normal form games", Games Econ. Behav. 10, eq. (5);
 * the log form is Turocy 2005, "A dynamic homotopy interpretation of the logistic quantal response equilibrium
 * correspondence", Games Econ. Behav. 51).
 *
 * Units: payoffs are mapped to [0, 1] (u - min) / range over the whole game before anything else, so λ here is in
 * "range units": λ_payoff = λ / range. Optional per-player weights multiply player i's normalised payoffs (a QRE
 * with player-specific λ_i = w_i · λ).
 */
export class QreSystem {
  readonly n: number;
  /** Strategies per player. */
  readonly K: Int32Array;
  /** off[i]: index of player i's first strategy in v. */
  readonly off: Int32Array;
  /** Number of strategies in all (z has nv + 1 entries). */
  readonly nv: number;
  /** Number of pure profiles. */
  readonly P: number;
  /** strat[t * n + i]: player i's strategy in profile t. */
  readonly strat: Int32Array;
  /** Normalised payoffs of the game, base[t * n + i] ∈ [0, 1] (times the player's weight). */
  readonly base: Float64Array;
  /** Payoffs the equations use: `base`, or `base` plus a perturbation (see perturb). */
  readonly pay: Float64Array;
  /** Payoff range of the loaded game (max - min, or 1 when all payoffs are equal). */
  range = 1;
  /** Scratch: σ = exp(v), U (length nv), W (nv × nv), H (nv). */
  readonly sigma: Float64Array;
  readonly U: Float64Array;
  readonly W: Float64Array;
  readonly H: Float64Array;
  /** Scratch: an (nv + 1) × (nv + 1) row-major matrix, right-hand side and solution for the linear solves. */
  readonly J: Float64Array;
  readonly rhs: Float64Array;
  readonly sol: Float64Array;

  constructor(counts: readonly number[] | Int32Array) {
    this.n = counts.length;
    this.K = Int32Array.from(counts);
    this.off = new Int32Array(this.n);
    let nv = 0;
    let P = 1;
    for (let i = 0; i < this.n; i++) {
      this.off[i] = nv;
      nv += this.K[i] as number;
      P *= this.K[i] as number;
    }
    this.nv = nv;
    this.P = P;
    this.strat = new Int32Array(P * this.n);
    for (let t = 0; t < P; t++) {
      let rest = t;
      for (let i = 0; i < this.n; i++) {
        const k = this.K[i] as number;
        this.strat[t * this.n + i] = rest % k;
        rest = Math.floor(rest / k);
      }
    }
    this.base = new Float64Array(P * this.n);
    this.pay = new Float64Array(P * this.n);
    this.sigma = new Float64Array(nv);
    this.U = new Float64Array(nv);
    this.W = new Float64Array(nv * nv);
    this.H = new Float64Array(nv);
    this.J = new Float64Array((nv + 1) * (nv + 1));
    this.rhs = new Float64Array(nv + 1);
    this.sol = new Float64Array(nv + 1);
  }

  /**
   * Load a game of this shape: payoffs normalised to [0, 1] over the whole game, times weights[i] for player i
   * when given (weights ≥ 0). Clears any perturbation.
   */
  load(g: FloatGame, weights: Float64Array | null = null): void {
    const { n, P } = this;
    const pay = g.payoffs;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < P * n; k++) {
      const v = pay[k] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const range = hi > lo ? hi - lo : 1;
    this.range = range;
    for (let t = 0; t < P; t++) {
      for (let i = 0; i < n; i++) {
        const v = ((pay[t * n + i] as number) - lo) / range;
        this.base[t * n + i] = weights ? v * (weights[i] as number) : v;
      }
    }
    this.pay.set(this.base);
  }

  /**
   * Equations on the base payoffs plus at most eps (normalised units) in a fixed pseudo-random pattern (eps = 0:
   * the base payoffs): see perturbPayoffs. Used when the branch of a degenerate game bifurcates.
   */
  perturb(eps: number): void {
    perturbPayoffs(this.base, eps, this.pay);
  }

  /**
   * U[off_i + k] = u_i(k, σ_-i); when `withW`, also W[(i,k) * nv + (j,l)] = u_i(k, l, σ_-ij) for j ≠ i (the
   * derivative of U_i(k) with respect to σ_j(l)). Work: profiles × players² (× players with W).
   */
  payoffsAt(sigma: Float64Array, withW: boolean): void {
    const { n, nv, P, strat, pay, off, U, W } = this;
    U.fill(0);
    if (withW) W.fill(0);
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
        if (!withW) continue;
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
  }

  /**
   * H(z) into this.H and, when `withJacobian`, dH/dz into the first nv rows of this.J (row stride nv + 1; column nv
   * is ∂H/∂λ). Row nv of J is left for the caller (the tangent or corrector condition).
   */
  evaluate(z: Float64Array, withJacobian: boolean): void {
    const { n, K, off, nv, sigma, U, W, H, J } = this;
    const width = nv + 1;
    const lambda = z[nv] as number;
    for (let a = 0; a < nv; a++) sigma[a] = exp(z[a] as number);
    this.payoffsAt(sigma, withJacobian);
    if (withJacobian) J.fill(0, 0, nv * width);
    for (let i = 0; i < n; i++) {
      const o = off[i] as number;
      const k0 = o;
      const ki = K[i] as number;
      let sum = 0;
      for (let k = 0; k < ki; k++) sum += sigma[o + k] as number;
      H[o] = sum - 1;
      if (withJacobian) for (let k = 0; k < ki; k++) J[o * width + o + k] = sigma[o + k] as number;
      for (let k = 1; k < ki; k++) {
        const r = o + k;
        H[r] = (z[r] as number) - (z[k0] as number) - lambda * ((U[r] as number) - (U[k0] as number));
        if (!withJacobian) continue;
        const row = r * width;
        J[row + r] = (J[row + r] as number) + 1;
        J[row + k0] = (J[row + k0] as number) - 1;
        for (let j = 0; j < n; j++) {
          if (j === i) continue;
          for (let l = 0; l < (K[j] as number); l++) {
            const cl = (off[j] as number) + l;
            J[row + cl] =
              -lambda * ((W[r * nv + cl] as number) - (W[k0 * nv + cl] as number)) * (sigma[cl] as number);
          }
        }
        J[row + nv] = -((U[r] as number) - (U[k0] as number));
      }
    }
  }

  /** The mixed profile σ = exp(v), each player's probabilities renormalised to sum 1, written to `mix`. */
  profileOf(z: Float64Array, mix: Float64Array): void {
    for (let i = 0; i < this.n; i++) {
      const o = this.off[i] as number;
      const k = this.K[i] as number;
      let sum = 0;
      for (let s = 0; s < k; s++) {
        const v = exp(z[o + s] as number);
        mix[o + s] = v;
        sum += v;
      }
      for (let s = 0; s < k; s++) mix[o + s] = (mix[o + s] as number) / sum;
    }
  }

  /** The centroid (every player uniform) at λ = 0, written to z. */
  centroid(z: Float64Array): void {
    for (let i = 0; i < this.n; i++) {
      const k = this.K[i] as number;
      for (let s = 0; s < k; s++) z[(this.off[i] as number) + s] = -log(k);
    }
    z[this.nv] = 0;
  }
}
