// Fast vertex enumeration of a best-response polytope {z ≥ 0 : M z ≤ 1} (M > 0, integer), in floating point with
// every step CERTIFIED, so the answer is exact or there is none (the caller then uses the exact enumerateVertices).
// This is the hot loop of enummixed on larger games, where exact fraction-free pivoting on bigints costs tens of
// microseconds per basis and doubles a few.
//
// The traversal visits every LEXICO-FEASIBLE basis (the simplex method's lexicographic rule, as in lrs: D. Avis,
// "lrs: a revised implementation of the reverse search vertex enumeration algorithm", 2000): the right-hand side
// is perturbed symbolically to 1 + (ε, ε², …, εᵏ), which makes the polytope simple, so the graph of these bases is
// connected and each basis has exactly one lexico-feasible neighbour per entering variable. Degenerate vertices
// are several bases; every vertex is reported once, with all its labels.
//
// Each visited basis is solved afresh (no error accumulates) and certified by a rigorous a-posteriori bound
// (S. M. Rump, "Verification methods", Acta Numerica 19, 2010, §10; N. J. Higham, "Accuracy and Stability of
// Numerical Algorithms", 2002, §3.1 for γₙ):
//   R ≈ Mₜ⁻¹ (Gauss–Jordan), ‖I − R·Mₜ‖∞ ≤ β < 1 ⇒ ‖Mₜ⁻¹‖∞ ≤ ‖R‖∞ / (1 − β),  |z − ẑ| ≤ ‖Mₜ⁻¹‖∞ · ‖1 − Mₜẑ‖∞,
// every rounding bounded by γₙ = n·u / (1 − n·u), u = 2⁻⁵³ (IEEE round to nearest), each bound doubled. A basis
// whose basic variables are all certified positive is lexico-feasible and its neighbours are found by float ratio
// tests; a basis with a value that float cannot certify (a zero: a degenerate vertex; or an ill-conditioned basis)
// and every near-tie of a float ratio test are decided in exact (bigint) arithmetic, with the lexicographic rule.
// A float pivot that picked a wrong leaving variable yields a basis that is not lexico-feasible, which its own
// certification detects: then the enumeration gives up (returns 'uncertain') rather than guess.
// Why one file over 400 lines: the reverse-search traversal, its certified pivots and the lexicographic ratio test
// share one dictionary in typed arrays; split apart they would need it passed through every call of the hot loop.
import { pow } from '../math/pow';
import { bareissGaussJordan } from './bareissGaussJordan';

/** One vertex z ≠ 0, with a basis that gives it (views: copy what you keep). */
export type CertifiedVertex = {
  /** The basis: z solves M[basisRows, basisCols] z = 1 on basisCols (zero elsewhere). */
  readonly basisCols: Int32Array;
  readonly basisRows: Int32Array;
  /** Indices j with z_j > 0, ascending. */
  readonly support: Int32Array;
  /** Rows i with (M z)_i = 1, ascending (|tight| ≥ |support|; more when degenerate). */
  readonly tight: Int32Array;
  /** More than d labels (some basic variable is 0). */
  readonly degenerate: boolean;
};

const U = Number.EPSILON / 2; // 2^-53, the unit round-off
/** Higham's γₙ. */
export const gamma = (n: number): number => (n * U) / (1 - n * U);

/**
 * Certified solutions of square systems M[rows, cols] w = 1 (t × t, t ≤ maxT; M row-major with `stride` columns):
 * ŵ with a rigorous bound |w − ŵ|∞ ≤ err on the exact solution w, or a refusal (singular or badly conditioned).
 */
export class CertifiedSolver {
  private readonly r: Float64Array;
  private readonly a: Float64Array;
  private readonly absRowSums: Float64Array;
  readonly w: Float64Array;
  /** |w − ŵ|∞ bound of the last successful solve. */
  err = 0;

  constructor(maxT: number) {
    this.r = new Float64Array(maxT * maxT);
    this.a = new Float64Array(maxT * maxT);
    this.absRowSums = new Float64Array(maxT);
    this.w = new Float64Array(maxT);
  }

  /** R[i][j] of the last solve (the approximate inverse, row-major t × t). */
  inverse(i: number, j: number, t: number): number {
    return this.r[i * t + j] as number;
  }

  /** Solve M[rows, cols] w = 1 (t × t). False when not certifiable; else `w` holds ŵ and `err` the bound. */
  solve(M: Float64Array, stride: number, rows: Int32Array, cols: Int32Array, t: number): boolean {
    const a = this.a;
    const r = this.r;
    for (let i = 0; i < t; i++) {
      const ri = rows[i] as number;
      for (let j = 0; j < t; j++) {
        a[i * t + j] = M[ri * stride + (cols[j] as number)] as number;
        r[i * t + j] = i === j ? 1 : 0;
      }
    }
    // Gauss–Jordan with partial pivoting: a → I, r → a⁻¹ (float).
    for (let c = 0; c < t; c++) {
      let p = c;
      let best = Math.abs(a[c * t + c] as number);
      for (let i = c + 1; i < t; i++) {
        const v = Math.abs(a[i * t + c] as number);
        if (v > best) {
          best = v;
          p = i;
        }
      }
      if (!(best > 0)) return false;
      if (p !== c) {
        for (let j = 0; j < t; j++) {
          let x = a[c * t + j] as number;
          a[c * t + j] = a[p * t + j] as number;
          a[p * t + j] = x;
          x = r[c * t + j] as number;
          r[c * t + j] = r[p * t + j] as number;
          r[p * t + j] = x;
        }
      }
      const inv = 1 / (a[c * t + c] as number);
      for (let j = 0; j < t; j++) {
        a[c * t + j] = (a[c * t + j] as number) * inv;
        r[c * t + j] = (r[c * t + j] as number) * inv;
      }
      for (let i = 0; i < t; i++) {
        if (i === c) continue;
        const f = a[i * t + c] as number;
        if (f === 0) continue;
        for (let j = 0; j < t; j++) {
          a[i * t + j] = (a[i * t + j] as number) - f * (a[c * t + j] as number);
          r[i * t + j] = (r[i * t + j] as number) - f * (r[c * t + j] as number);
        }
      }
    }
    // ŵ = R·1 (any ŵ will do: the bound is on its exact residual); ‖R‖∞; row sums c_l of |Mₜ|.
    const w = this.w;
    const cs = this.absRowSums;
    let normR = 0;
    for (let i = 0; i < t; i++) {
      let s = 0;
      let sa = 0;
      for (let j = 0; j < t; j++) {
        const v = r[i * t + j] as number;
        s += v;
        sa += Math.abs(v);
      }
      w[i] = s;
      if (sa > normR) normR = sa;
      const ri = rows[i] as number;
      let c = 0;
      for (let j = 0; j < t; j++) c += Math.abs(M[ri * stride + (cols[j] as number)] as number);
      cs[i] = c;
    }
    // β ≥ ‖I − R·Mₜ‖∞: computed entries plus γ(|I| + |R||Mₜ|) (row sums of |R||Mₜ| are Σ_l |R_il| c_l).
    const g = gamma(t + 2);
    let beta = 0;
    for (let i = 0; i < t; i++) {
      let rowE = 0;
      let rc = 0;
      for (let l = 0; l < t; l++) rc += Math.abs(r[i * t + l] as number) * (cs[l] as number);
      for (let j = 0; j < t; j++) {
        const cj = cols[j] as number;
        let s = i === j ? 1 : 0;
        for (let l = 0; l < t; l++)
          s -= (r[i * t + l] as number) * (M[(rows[l] as number) * stride + cj] as number);
        rowE += Math.abs(s);
      }
      const b = rowE + g * (1 + rc);
      if (b > beta) beta = b;
    }
    beta = 2 * beta * (1 + 1e-10);
    if (!(beta < 0.5)) return false;
    // ρ ≥ ‖1 − Mₜŵ‖∞, the exact residual of ŵ.
    let rho = 0;
    for (let i = 0; i < t; i++) {
      const ri = rows[i] as number;
      let s = 1;
      let sa = 1;
      for (let j = 0; j < t; j++) {
        const m = (M[ri * stride + (cols[j] as number)] as number) * (w[j] as number);
        s -= m;
        sa += Math.abs(m);
      }
      const b = Math.abs(s) + g * sa;
      if (b > rho) rho = b;
    }
    this.err = ((2 * normR * rho) / (1 - beta)) * (1 + 1e-10);
    return Number.isFinite(this.err);
  }
}

/** A basis matrix that is singular: a float pivot went wrong (the enumeration gives up). */
class SingularBasis extends Error {}

/**
 * One basis in exact arithmetic (scaled by D = |det Mₜ| > 0): basic values, the rows of the basis inverse that
 * the lexicographic rule compares, and exact lexicographic ratio tests.
 */
class ExactBasis {
  /** D·z_S and D·s_i (loose rows) by basic position: structural q < t, then loose rows. */
  readonly values: bigint[];
  /** lex[b][l]: coefficient of ε^(l+1) in basic variable b (scaled by D). */
  readonly lex: bigint[][];
  readonly D: bigint;
  private readonly inv: bigint[][];

  constructor(
    private readonly M: readonly (readonly bigint[])[],
    private readonly k: number,
    private readonly support: Int32Array,
    private readonly tight: Int32Array,
    private readonly loose: Int32Array,
    private readonly t: number,
    private readonly nl: number,
  ) {
    // fraction-free Gauss–Jordan on [Mₜ | I | 1]: ends with D·I | D·Mₜ⁻¹ | D·z (D = ± det)
    const w = 2 * t + 1;
    const a: bigint[][] = [];
    for (let i = 0; i < t; i++) {
      const row = new Array<bigint>(w).fill(0n);
      const mi = M[tight[i] as number] as readonly bigint[];
      for (let j = 0; j < t; j++) row[j] = mi[support[j] as number] as bigint;
      row[t + i] = 1n;
      row[2 * t] = 1n;
      a.push(row);
    }
    const prev = bareissGaussJordan(a, t, w);
    if (prev === null) throw new SingularBasis();
    const sign = prev < 0n ? -1n : 1n;
    this.D = prev * sign;
    const D = this.D;
    this.inv = a.map((row) => row.slice(t, 2 * t).map((x) => x * sign));
    const zs = a.map((row) => (row[2 * t] as bigint) * sign);
    const posOf = new Map<number, number>();
    for (let p = 0; p < t; p++) posOf.set(tight[p] as number, p);
    this.values = [...zs];
    this.lex = [];
    for (let q = 0; q < t; q++) {
      const row = new Array<bigint>(k).fill(0n);
      for (let p = 0; p < t; p++) row[tight[p] as number] = (this.inv[q] as bigint[])[p] as bigint;
      this.lex.push(row);
    }
    for (let l = 0; l < nl; l++) {
      const i = loose[l] as number;
      const mi = M[i] as readonly bigint[];
      let v = D;
      for (let q = 0; q < t; q++) v -= (mi[support[q] as number] as bigint) * (zs[q] as bigint);
      this.values.push(v);
      const row = new Array<bigint>(k).fill(0n);
      row[i] = D;
      for (const [r, p] of posOf) {
        let s = 0n;
        for (let q = 0; q < t; q++)
          s += (mi[support[q] as number] as bigint) * ((this.inv[q] as bigint[])[p] as bigint);
        row[r] = (row[r] as bigint) - s;
      }
      this.lex.push(row);
    }
  }

  /** Every basic row lexicographically positive (value > 0, or 0 and first nonzero coefficient > 0). */
  lexicoFeasible(): boolean {
    for (let b = 0; b < this.values.length; b++) {
      const v = this.values[b] as bigint;
      if (v > 0n) continue;
      if (v < 0n) return false;
      const row = this.lex[b] as bigint[];
      let l = 0;
      while (l < this.k && row[l] === 0n) l++;
      if (l === this.k || (row[l] as bigint) < 0n) return false;
    }
    return true;
  }

  /** Basic positions whose value is 0. */
  zeroPositions(): number[] {
    const out: number[] = [];
    this.values.forEach((v, b) => v === 0n && out.push(b));
    return out;
  }

  /**
   * The lexicographic ratio test for entering variable e (structural e < d, else the slack of row e − d, which
   * must be tight): the basic position that leaves, or −1 (unbounded: impossible in a polytope).
   */
  leaving(e: number, d: number): number {
    const { t, nl, support, tight, loose, M, D, inv } = this;
    const dz = new Array<bigint>(t);
    if (e < d) {
      for (let q = 0; q < t; q++) {
        let s = 0n;
        for (let p = 0; p < t; p++)
          s +=
            ((inv[q] as bigint[])[p] as bigint) * ((M[tight[p] as number] as readonly bigint[])[e] as bigint);
        dz[q] = -s;
      }
    } else {
      let p = 0;
      while (p < t && tight[p] !== e - d) p++;
      if (p === t) return -1;
      for (let q = 0; q < t; q++) dz[q] = -((inv[q] as bigint[])[p] as bigint);
    }
    const dirs: bigint[] = [...dz];
    for (let l = 0; l < nl; l++) {
      const mi = M[loose[l] as number] as readonly bigint[];
      let s = e < d ? -D * (mi[e] as bigint) : 0n;
      for (let q = 0; q < t; q++) s -= (mi[support[q] as number] as bigint) * (dz[q] as bigint);
      dirs.push(s);
    }
    let best = -1;
    for (let b = 0; b < dirs.length; b++) {
      const db = dirs[b] as bigint;
      if (db >= 0n) continue;
      if (best < 0 || this.lexLess(b, -db, best, -(dirs[best] as bigint))) best = b;
    }
    return best;
  }

  /** (row a)/da <lex (row b)/db for da, db > 0. */
  private lexLess(a: number, da: bigint, b: number, db: bigint): boolean {
    const va = (this.values[a] as bigint) * db;
    const vb = (this.values[b] as bigint) * da;
    if (va !== vb) return va < vb;
    const ra = this.lex[a] as bigint[];
    const rb = this.lex[b] as bigint[];
    for (let l = 0; l < this.k; l++) {
      const x = (ra[l] as bigint) * db;
      const y = (rb[l] as bigint) * da;
      if (x !== y) return x < y;
    }
    return false;
  }
}

/** Variables per mask word (integers below 2^52 are exact in a double). */
const WORD = 52;

/**
 * A set of variable subsets (bases, label sets) over up to 2 × 52 variables, each held as two doubles (lo: variables
 * 0–51, hi: 52–103): open addressing, no allocation per entry.
 */
class MaskSet {
  private lo = new Float64Array(1 << 12);
  private hi = new Float64Array(1 << 12);
  private used = new Uint8Array(1 << 12);
  size = 0;

  /** Add (lo, hi); false when it was already present. */
  add(lo: number, hi: number): boolean {
    if (2 * (this.size + 1) > this.used.length) this.grow();
    const n = this.used.length - 1;
    let h = Math.imul((lo >>> 0) ^ Math.imul((lo / 4294967296) >>> 0, 0x9e3779b1), 0x85ebca6b);
    h ^= Math.imul((hi >>> 0) ^ ((hi / 4294967296) >>> 0), 0xc2b2ae35);
    h ^= h >>> 15;
    for (let i = h & n; ; i = (i + 1) & n) {
      if (!this.used[i]) {
        this.used[i] = 1;
        this.lo[i] = lo;
        this.hi[i] = hi;
        this.size++;
        return true;
      }
      if (this.lo[i] === lo && this.hi[i] === hi) return false;
    }
  }

  private grow(): void {
    const { lo, hi, used } = this;
    this.lo = new Float64Array(used.length * 2);
    this.hi = new Float64Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    this.size = 0;
    for (let i = 0; i < used.length; i++) if (used[i]) this.add(lo[i] as number, hi[i] as number);
  }
}

/** An ExactBasis, or null when the basis matrix is singular. */
const exactBasis = (...args: ConstructorParameters<typeof ExactBasis>): ExactBasis | null => {
  try {
    return new ExactBasis(...args);
  } catch (err) {
    if (err instanceof SingularBasis) return null;
    throw err;
  }
};

/** Why a fast enumeration gave up. */
export type GiveUp = 'uncertain' | 'too large';

/**
 * Calls `onVertex` once for every vertex z ≠ 0 of {z ∈ R^d : z ≥ 0, M z ≤ 1}, certified (its arrays are views,
 * valid during the call); returns null when done, or why it gave up (then some vertices may have been reported:
 * discard them). M is k × d, positive integers below 2^53, given as floats (row-major) and as bigints. `maxWork`
 * bounds bases visited × k × (d + 1) (as enumerateVertices counts it); `onLimit` must throw.
 */
export const certifiedVertices = (
  M: Float64Array,
  Mbig: readonly (readonly bigint[])[],
  k: number,
  d: number,
  maxWork: number,
  onLimit: () => never,
  onVertex: (v: CertifiedVertex) => void,
): GiveUp | null => {
  const vars = d + k;
  if (vars > 2 * WORD) return 'too large';
  const maxT = Math.min(k, d);
  const solver = new CertifiedSolver(maxT);
  // a basis is the set of its basic variables: variable v is bit v % 52 of word ⌊v / 52⌋
  const bit = new Float64Array(vars);
  const word = new Uint8Array(vars);
  for (let v = 0; v < vars; v++) {
    bit[v] = pow(2, v % WORD); // exact: a power of two
    word[v] = v < WORD ? 0 : 1;
  }
  let startLo = 0;
  let startHi = 0;
  for (let i = 0; i < k; i++) {
    if (word[d + i]) startHi += bit[d + i] as number;
    else startLo += bit[d + i] as number;
  }
  const seen = new MaskSet();
  seen.add(startLo, startHi);
  let stack = new Float64Array(2048);
  let top = 0;
  stack[top++] = startLo;
  stack[top++] = startHi;
  const vertexKeys = new MaskSet();
  const support = new Int32Array(maxT);
  const tight = new Int32Array(maxT);
  const loose = new Int32Array(k);
  const basic = new Uint8Array(vars);
  const slack = new Float64Array(k);
  const dz = new Float64Array(maxT);
  const rowSums = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += Math.abs(M[i * d + j] as number);
    rowSums[i] = s;
  }
  const perBasis = k * (d + 1);
  const push = (lo: number, hi: number, leave: number, enter: number): void => {
    if (word[leave]) hi -= bit[leave] as number;
    else lo -= bit[leave] as number;
    if (word[enter]) hi += bit[enter] as number;
    else lo += bit[enter] as number;
    if (seen.add(lo, hi)) {
      if (top === stack.length) {
        const grown = new Float64Array(stack.length * 2);
        grown.set(stack);
        stack = grown;
      }
      stack[top++] = lo;
      stack[top++] = hi;
    }
  };
  while (top > 0) {
    if (seen.size * perBasis > maxWork) onLimit();
    const hi = stack[--top] as number;
    const lo = stack[--top] as number;
    let restLo = lo;
    let restHi = hi;
    for (let v = vars - 1; v >= 0; v--) {
      const b = bit[v] as number;
      if (word[v]) {
        basic[v] = restHi >= b ? 1 : 0;
        if (basic[v]) restHi -= b;
      } else {
        basic[v] = restLo >= b ? 1 : 0;
        if (basic[v]) restLo -= b;
      }
    }
    let t = 0;
    let tt = 0;
    let nl = 0;
    for (let j = 0; j < d; j++) if (basic[j]) support[t++] = j;
    for (let i = 0; i < k; i++) {
      if (basic[d + i]) loose[nl++] = i;
      else if (tt < maxT) tight[tt++] = i;
      else return 'uncertain';
    }
    if (t !== tt) return 'uncertain';
    // --- certify in floating point: every basic value strictly positive?
    let certain = true;
    let err = 0;
    const z = solver.w;
    if (t > 0) {
      if (!solver.solve(M, d, tight, support, t)) certain = false;
      else {
        err = solver.err;
        for (let q = 0; q < t && certain; q++) {
          const v = z[q] as number;
          if (v < -err) return 'uncertain';
          if (!(v > err)) certain = false;
        }
      }
    }
    const g = gamma(t + 2);
    for (let l = 0; l < nl && certain; l++) {
      const i = loose[l] as number;
      let s = 1;
      let sa = 1;
      for (let q = 0; q < t; q++) {
        const m = (M[i * d + (support[q] as number)] as number) * (z[q] as number);
        s -= m;
        sa += Math.abs(m);
      }
      const bound = 2 * (g * sa + (rowSums[i] as number) * err) * (1 + 1e-10);
      if (s < -bound) return 'uncertain';
      if (!(s > bound)) certain = false;
      slack[l] = s;
    }
    if (certain) {
      // nondegenerate: labels are the nonbasic variables
      if (t > 0) {
        const sl = support.subarray(0, t);
        const tl = tight.subarray(0, t);
        onVertex({ basisCols: sl, basisRows: tl, support: sl, tight: tl, degenerate: false });
      }
      let exact: ExactBasis | null | undefined;
      for (let e = 0; e < vars; e++) {
        if (basic[e]) continue;
        if (e < d) {
          for (let q = 0; q < t; q++) {
            let s = 0;
            for (let p = 0; p < t; p++)
              s += solver.inverse(q, p, t) * (M[(tight[p] as number) * d + e] as number);
            dz[q] = -s;
          }
        } else {
          let p = 0;
          while (p < t && tight[p] !== e - d) p++;
          for (let q = 0; q < t; q++) dz[q] = -solver.inverse(q, p, t);
        }
        let leave = -1;
        let best = Infinity;
        let second = Infinity;
        for (let q = 0; q < t; q++) {
          const dq = dz[q] as number;
          if (dq < 0) {
            const ratio = (z[q] as number) / -dq;
            if (ratio < best) {
              second = best;
              best = ratio;
              leave = support[q] as number;
            } else if (ratio < second) second = ratio;
          }
        }
        for (let l = 0; l < nl; l++) {
          const i = loose[l] as number;
          let ds = e < d ? -(M[i * d + e] as number) : 0;
          for (let q = 0; q < t; q++) ds -= (M[i * d + (support[q] as number)] as number) * (dz[q] as number);
          if (ds < 0) {
            const ratio = (slack[l] as number) / -ds;
            if (ratio < best) {
              second = best;
              best = ratio;
              leave = d + i;
            } else if (ratio < second) second = ratio;
          }
        }
        if (leave < 0 || !(second - best > 1e-9 * best)) {
          // a near tie (or no candidate): the exact lexicographic ratio test decides
          exact ??= exactBasis(Mbig, k, support, tight, loose, t, nl);
          if (!exact) return 'uncertain';
          const b = exact.leaving(e, d);
          if (b < 0) return 'uncertain';
          leave = b < t ? (support[b] as number) : d + (loose[b - t] as number);
        }
        push(lo, hi, leave, e);
      }
      continue;
    }
    // --- a value float could not certify: decide this basis exactly (lexicographic rule)
    const exact = exactBasis(Mbig, k, support, tight, loose, t, nl);
    if (!exact || !exact.lexicoFeasible()) return 'uncertain';
    const zeros = exact.zeroPositions();
    if (t > 0) {
      // the vertex's labels: nonbasic variables and basic ones at 0 (a degenerate vertex is several bases)
      const isLabel = basic.map((x) => 1 - x);
      for (const b of zeros) isLabel[b < t ? (support[b] as number) : d + (loose[b - t] as number)] = 1;
      let labelsLo = 0;
      let labelsHi = 0;
      for (let v = 0; v < vars; v++) {
        if (!isLabel[v]) continue;
        if (word[v]) labelsHi += bit[v] as number;
        else labelsLo += bit[v] as number;
      }
      if (vertexKeys.add(labelsLo, labelsHi)) {
        const sup: number[] = [];
        for (let q = 0; q < t; q++) if ((exact.values[q] as bigint) > 0n) sup.push(support[q] as number);
        const tig: number[] = Array.from(tight.slice(0, t));
        for (let l = 0; l < nl; l++) if (exact.values[t + l] === 0n) tig.push(loose[l] as number);
        tig.sort((x, y) => x - y);
        onVertex({
          basisCols: support.subarray(0, t),
          basisRows: tight.subarray(0, t),
          support: Int32Array.from(sup),
          tight: Int32Array.from(tig),
          degenerate: zeros.length > 0,
        });
      }
    }
    for (let e = 0; e < vars; e++) {
      if (basic[e]) continue;
      const b = exact.leaving(e, d);
      if (b < 0) return 'uncertain';
      push(lo, hi, b < t ? (support[b] as number) : d + (loose[b - t] as number), e);
    }
  }
  return null;
};
