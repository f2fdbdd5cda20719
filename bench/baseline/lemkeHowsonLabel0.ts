// Lemke–Howson (1964) for an m×n bimatrix game, float, from the artificial equilibrium by dropping label 0 (the
// row player's first strategy): the bench baselines' fallback for a round whose game has no pure equilibrium,
// which is what the engine plays then (2 players: Lemke–Howson from label 0). Written for the baseline from the
// textbook method (B. von Stengel, "Computing equilibria for two-person games", Handbook of Game Theory 3, 2002,
// §3.4); no code shared with models/.
//
// Payoffs a[i * n + j] (row player) and b[i * n + j] (column player) are shifted to be positive; then
//   P = {x ≥ 0 : Bᵀx ≤ 1}  with variables x_i (label i) and slacks s_j (label m + j),
//   Q = {y ≥ 0 : A y ≤ 1}  with slacks r_i (label i) and variables y_j (label m + j).
// Each tableau row is  basic = rhs − Σ coef·nonbasic  stored densely over all m + n variables (+ rhs).
// Ties in the ratio test are broken lexicographically (rows of the inverse basis), so degenerate games terminate.

/** Writes the equilibrium found into x (length m) and y (length n); returns false if pivoting failed. */
export const lemkeHowsonLabel0 = (
  m: number,
  n: number,
  a: Float64Array,
  b: Float64Array,
  x: Float64Array,
  y: Float64Array,
): boolean => {
  const v = m + n;
  const w = v + 1;
  let minA = Infinity;
  let minB = Infinity;
  for (let k = 0; k < m * n; k++) {
    if ((a[k] as number) < minA) minA = a[k] as number;
    if ((b[k] as number) < minB) minB = b[k] as number;
  }
  // P: n rows (one per column-player strategy j): s_j + Σ_i B'[i][j] x_i = 1.
  const tp = new Float64Array(n * w);
  const bp = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) tp[j * w + i] = (b[i * n + j] as number) - minB + 1;
    tp[j * w + m + j] = 1;
    tp[j * w + v] = 1;
    bp[j] = m + j;
  }
  // Q: m rows (one per row-player strategy i): r_i + Σ_j A'[i][j] y_j = 1.
  const tq = new Float64Array(m * w);
  const bq = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) tq[i * w + m + j] = (a[i * n + j] as number) - minA + 1;
    tq[i * w + i] = 1;
    tq[i * w + v] = 1;
    bq[i] = i;
  }
  /** Pivot variable `e` into tableau t (rows, basis, the columns of its initial basis for the lexicographic
   * rule); returns the variable that left, or −1. */
  const pivot = (t: Float64Array, basis: Int32Array, rows: number, lexStart: number, e: number): number => {
    let r = -1;
    for (let k = 0; k < rows; k++) {
      const c = t[k * w + e] as number;
      if (!(c > 1e-12)) continue;
      if (r < 0) {
        r = k;
        continue;
      }
      const cr = t[r * w + e] as number;
      let d = (t[k * w + v] as number) / c - (t[r * w + v] as number) / cr;
      for (let l = 0; Math.abs(d) <= 1e-12 && l < rows; l++)
        d = (t[k * w + lexStart + l] as number) / c - (t[r * w + lexStart + l] as number) / cr;
      if (d < -1e-12) r = k;
    }
    if (r < 0) return -1;
    const p = t[r * w + e] as number;
    for (let c = 0; c < w; c++) t[r * w + c] = (t[r * w + c] as number) / p;
    for (let k = 0; k < rows; k++) {
      if (k === r) continue;
      const f = t[k * w + e] as number;
      if (f !== 0)
        for (let c = 0; c < w; c++) t[k * w + c] = (t[k * w + c] as number) - f * (t[r * w + c] as number);
    }
    const left = basis[r] as number;
    basis[r] = e;
    return left;
  };
  let label = 0;
  let inP = true;
  for (let step = 0; step < 10_000; step++) {
    const left = inP ? pivot(tp, bp, n, m, label) : pivot(tq, bq, m, 0, label);
    if (left < 0) return false;
    if (left === 0) {
      x.fill(0);
      y.fill(0);
      let sx = 0;
      let sy = 0;
      for (let j = 0; j < n; j++) {
        const k = bp[j] as number;
        if (k < m) sx += x[k] = Math.max(0, tp[j * w + v] as number);
      }
      for (let i = 0; i < m; i++) {
        const k = bq[i] as number;
        if (k >= m) sy += y[k - m] = Math.max(0, tq[i * w + v] as number);
      }
      if (!(sx > 0 && sy > 0)) return false;
      for (let i = 0; i < m; i++) x[i] = (x[i] as number) / sx;
      for (let j = 0; j < n; j++) y[j] = (y[j] as number) / sy;
      return true;
    }
    label = left;
    inP = !inP;
  }
  return false;
};
