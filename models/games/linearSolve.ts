// Small dense linear systems: float Gaussian elimination with partial pivoting, and exact rational elimination.
import { Rational } from './Rational';

/**
 * Solve M x = b in place (M square, row-major number[][]; only the first b.length columns are read); null when
 * (numerically) singular. When `info` is given, info.detSign receives the sign of det(M).
 */
export const solveFloat = (M: number[][], b: number[], info?: { detSign: number }): number[] | null => {
  const n = b.length;
  let sign = 1;
  for (let c = 0; c < n; c++) {
    let piv = c;
    let best = Math.abs((M[c] as number[])[c] as number);
    for (let r = c + 1; r < n; r++) {
      const v = Math.abs((M[r] as number[])[c] as number);
      if (v > best) {
        best = v;
        piv = r;
      }
    }
    if (!(best > 1e-300)) return null;
    if (piv !== c) {
      [M[c], M[piv]] = [M[piv] as number[], M[c] as number[]];
      [b[c], b[piv]] = [b[piv] as number, b[c] as number];
      sign = -sign;
    }
    const rc = M[c] as number[];
    const p = rc[c] as number;
    if (p < 0) sign = -sign;
    for (let r = c + 1; r < n; r++) {
      const rr = M[r] as number[];
      const f = (rr[c] as number) / p;
      if (f === 0) continue;
      for (let j = c; j < n; j++) rr[j] = (rr[j] as number) - f * (rc[j] as number);
      b[r] = (b[r] as number) - f * (b[c] as number);
    }
  }
  if (info) info.detSign = sign;
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const rr = M[r] as number[];
    let s = b[r] as number;
    for (let j = r + 1; j < n; j++) s -= (rr[j] as number) * (x[j] as number);
    x[r] = s / (rr[r] as number);
  }
  return x;
};

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
