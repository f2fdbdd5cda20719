// Beta(α, β) quantiles for the bench baselines (α, β ≥ 1), scaled to [min, max]: a table of exact quantiles at
// u = i/N with cubic Hermite interpolation (slopes dx/du = 1/density, exact at the nodes) in the interior. In the
// first and last `tail` intervals x(u) ~ u^(1/α) (resp. 1 − (1 − u)^(1/β)) bends too fast for a cubic in u, so
// there the table is in w = (u/u_T)^(1/α) (resp. ((1 − u)/u_T)^(1/β)), in which x is smooth (linear interpolation
// on TAIL_CELLS cells); the power is paid on those few draws only.
//
// "Exact" here is this file's own CDF: the density x^(α−1)(1−x)^(β−1) integrated by 5-point Gauss–Legendre on
// 4,096 equal cells (cumulative sums; normalised by the total, so no beta function is needed), inverted by
// safeguarded Newton within a cell. Written independently of models/random (which inverts a continued-fraction
// incomplete beta); `maxTableError` measures the interpolation error against the exact inversion.

const GL_X = [-0.906179845938664, -0.5384693101056831, 0, 0.5384693101056831, 0.906179845938664];
const GL_W = [
  0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891,
];

/** Quadrature cells of the CDF on [0, 1]. */
const CELLS = 4096;
/** Cells of each tail table (in w). */
const TAIL_CELLS = 512;

export class BetaQuantile {
  /** cum[j]: CDF at j / CELLS (normalised). */
  private readonly cum = new Float64Array(CELLS + 1);
  private readonly total: number;
  private readonly xs: Float64Array;
  private readonly slopes: Float64Array;
  private readonly n: number;
  private readonly tailT: number;
  private readonly uT: number;
  private readonly lowTail = new Float64Array(TAIL_CELLS + 1);
  private readonly highTail = new Float64Array(TAIL_CELLS + 1);
  private readonly span: number;

  /**
   * @param nodes table intervals N in u
   * @param tail  intervals at each end served by exact inversion
   */
  constructor(
    private readonly alpha: number,
    private readonly beta: number,
    private readonly min = 0,
    max = 1,
    nodes = 2048,
    tail = 16,
  ) {
    if (!(alpha >= 1 && beta >= 1)) throw new Error('BetaQuantile: alpha and beta must be ≥ 1');
    this.span = max - min;
    let acc = 0;
    for (let j = 0; j < CELLS; j++) {
      acc += this.integral(j / CELLS, (j + 1) / CELLS);
      this.cum[j + 1] = acc;
    }
    this.total = acc;
    for (let j = 0; j <= CELLS; j++) this.cum[j] = (this.cum[j] as number) / acc;
    this.n = nodes;
    this.tailT = tail;
    this.xs = new Float64Array(nodes + 1);
    this.slopes = new Float64Array(nodes + 1);
    this.xs[nodes] = 1;
    for (let i = 1; i < nodes; i++) {
      const x = this.exactStandard(i / nodes);
      this.xs[i] = x;
      this.slopes[i] = 1 / (nodes * this.density(x));
    }
    this.uT = tail / nodes;
    for (let k = 0; k <= TAIL_CELLS; k++) {
      const w = k / TAIL_CELLS;
      this.lowTail[k] = k === 0 ? 0 : this.exactStandard(this.uT * w ** alpha);
      this.highTail[k] = k === 0 ? 1 : this.exactStandard(1 - this.uT * w ** beta);
    }
  }

  /** Linear interpolation in a tail table at w in [0, 1]. */
  private static tailValue(table: Float64Array, w: number): number {
    const t = w * TAIL_CELLS;
    const k = Math.min(TAIL_CELLS - 1, Math.floor(t));
    const f = t - k;
    return (table[k] as number) + f * ((table[k + 1] as number) - (table[k] as number));
  }

  /** Normalised density of the standard beta at x. */
  private density(x: number): number {
    return (x ** (this.alpha - 1) * (1 - x) ** (this.beta - 1)) / this.total;
  }

  /** Unnormalised ∫_a^b x^(α−1)(1−x)^(β−1) dx by 5-point Gauss–Legendre (a, b within one or a few cells). */
  private integral(a: number, b: number): number {
    const h = (b - a) / 2;
    const c = (a + b) / 2;
    let s = 0;
    for (let k = 0; k < 5; k++) {
      const x = c + h * (GL_X[k] as number);
      s += (GL_W[k] as number) * x ** (this.alpha - 1) * (1 - x) ** (this.beta - 1);
    }
    return s * h;
  }

  /** CDF of the standard beta at x in [0, 1]. */
  cdf(x: number): number {
    if (!(x > 0)) return 0;
    if (!(x < 1)) return 1;
    const j = Math.min(CELLS - 1, Math.floor(x * CELLS));
    return (this.cum[j] as number) + this.integral(j / CELLS, x) / this.total;
  }

  /** Exact inversion of `cdf` (standard beta): the cell by binary search, then safeguarded Newton. */
  private exactStandard(u: number): number {
    const cum = this.cum;
    let lo = 0;
    let hi = CELLS;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] as number) <= u) lo = mid;
      else hi = mid;
    }
    let a = lo / CELLS;
    let b = hi / CELLS;
    const fa = cum[lo] as number;
    const fb = cum[hi] as number;
    let x = fb > fa ? a + ((u - fa) / (fb - fa)) * (b - a) : a;
    for (let it = 0; it < 60; it++) {
      const f = this.cdf(x) - u;
      if (f === 0) return x;
      if (f < 0) a = x;
      else b = x;
      const d = this.density(x);
      let next = d > 0 ? x - f / d : (a + b) / 2;
      if (!(next > a && next < b)) next = (a + b) / 2;
      // Newton converges quadratically: a step this small leaves an error far below it
      if (Math.abs(next - x) <= 1e-13 * x) return next;
      x = next;
    }
    return x;
  }

  /** The exact quantile (slow: for tests and the tails). */
  exact(u: number): number {
    return this.min + this.span * this.exactStandard(u);
  }

  /** The quantile at u in (0, 1) (the hot path). */
  quantile(u: number): number {
    const N = this.n;
    const t = u * N;
    const i = Math.floor(t);
    if (i < this.tailT)
      return this.min + this.span * BetaQuantile.tailValue(this.lowTail, (u / this.uT) ** (1 / this.alpha));
    if (i >= N - this.tailT)
      return (
        this.min + this.span * BetaQuantile.tailValue(this.highTail, ((1 - u) / this.uT) ** (1 / this.beta))
      );
    const f = t - i;
    const X = this.xs;
    const S = this.slopes;
    const x0 = X[i] as number;
    const x1 = X[i + 1] as number;
    const g = 1 - f;
    // cubic Hermite on [x0, x1] with node slopes (per table interval)
    const x =
      g * g * ((1 + 2 * f) * x0 + f * (S[i] as number)) +
      f * f * ((3 - 2 * f) * x1 - g * (S[i + 1] as number));
    return this.min + this.span * (x < x0 ? x0 : x > x1 ? x1 : x);
  }

  /** Largest |table − exact| over `probes` points per table interval, in units of the range (max − min). */
  maxTableError(probes = 7): number {
    let worst = 0;
    for (let i = 0; i < this.n; i++) {
      for (let k = 1; k <= probes; k++) {
        const u = (i + k / (probes + 1)) / this.n;
        const e = Math.abs(this.quantile(u) - this.exact(u)) / this.span;
        if (e > worst) worst = e;
      }
    }
    return worst;
  }
}
