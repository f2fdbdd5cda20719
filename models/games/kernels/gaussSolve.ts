// Dense float linear solve for the logit kernels (Newton steps and tangents of small systems), allocation-free.

/**
 * Solve M x = b by Gaussian elimination with partial pivoting (Golub & Van Loan, "Matrix Computations", alg. 3.4.1).
 * Shapes: M is row-major with row stride `stride` ≥ dim (only its first `dim` rows and columns are read); b and x
 * have length ≥ dim. M and b are overwritten (the factors and the permuted right-hand side); x receives the solution.
 * Returns the sign of det(M) (±1), or 0 when M is singular to working precision (a pivot ≤ 1e-300; x is then
 * unspecified).
 */
export const gaussSolve = (
  M: Float64Array,
  dim: number,
  stride: number,
  b: Float64Array,
  x: Float64Array,
): number => {
  let sign = 1;
  for (let c = 0; c < dim; c++) {
    let piv = c;
    let best = Math.abs(M[c * stride + c] as number);
    for (let r = c + 1; r < dim; r++) {
      const v = Math.abs(M[r * stride + c] as number);
      if (v > best) {
        best = v;
        piv = r;
      }
    }
    if (!(best > 1e-300)) return 0;
    if (piv !== c) {
      for (let j = c; j < dim; j++) {
        const t = M[c * stride + j] as number;
        M[c * stride + j] = M[piv * stride + j] as number;
        M[piv * stride + j] = t;
      }
      const t = b[c] as number;
      b[c] = b[piv] as number;
      b[piv] = t;
      sign = -sign;
    }
    const rc = c * stride;
    const p = M[rc + c] as number;
    if (p < 0) sign = -sign;
    for (let r = c + 1; r < dim; r++) {
      const rr = r * stride;
      const f = (M[rr + c] as number) / p;
      if (f === 0) continue;
      for (let j = c; j < dim; j++) M[rr + j] = (M[rr + j] as number) - f * (M[rc + j] as number);
      b[r] = (b[r] as number) - f * (b[c] as number);
    }
  }
  for (let r = dim - 1; r >= 0; r--) {
    const rr = r * stride;
    let s = b[r] as number;
    for (let j = r + 1; j < dim; j++) s -= (M[rr + j] as number) * (x[j] as number);
    x[r] = s / (M[rr + r] as number);
  }
  return sign;
};
