// Small dense linear systems over the rationals (exact Gauss–Jordan elimination). The float solve of the logit
// kernels is kernels/gaussSolve.ts.
import { Rational } from './Rational';

/**
 * The unique solution of M x = b over the rationals (M is rows × cols, any shape), or null when the system
 * is inconsistent or its solution is not unique.
 */
export const solveExactUnique = (
  M: readonly (readonly Rational[])[],
  b: readonly Rational[],
): Rational[] | null => {
  const rows = M.length;
  const cols = (M[0] ?? []).length;
  const A = M.map((row, i) => [...row, b[i] as Rational]);
  const pivCols: number[] = [];
  let r = 0;
  for (let c = 0; c < cols && r < rows; c++) {
    let piv = -1;
    for (let i = r; i < rows; i++) {
      if (!((A[i] as Rational[])[c] as Rational).isZero()) {
        piv = i;
        break;
      }
    }
    if (piv < 0) continue;
    [A[r], A[piv]] = [A[piv] as Rational[], A[r] as Rational[]];
    const pr = A[r] as Rational[];
    const p = pr[c] as Rational;
    for (let j = c; j <= cols; j++) pr[j] = (pr[j] as Rational).div(p);
    for (let i = 0; i < rows; i++) {
      if (i === r) continue;
      const ri = A[i] as Rational[];
      const f = ri[c] as Rational;
      if (f.isZero()) continue;
      for (let j = c; j <= cols; j++) ri[j] = (ri[j] as Rational).sub(f.mul(pr[j] as Rational));
    }
    pivCols.push(c);
    r++;
  }
  for (let i = r; i < rows; i++) if (!((A[i] as Rational[])[cols] as Rational).isZero()) return null;
  if (pivCols.length < cols) return null;
  const x = new Array<Rational>(cols).fill(Rational.ZERO);
  pivCols.forEach((c, i) => (x[c] = (A[i] as Rational[])[cols] as Rational));
  return x;
};
