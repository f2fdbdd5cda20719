// Iman–Conover rank correlation: rearranges the values of some columns of a sample so that their Spearman rank
// correlations approach a target matrix, without changing any column's multiset of values (marginals and
// Latin-hypercube strata are preserved).
import { sinPi } from '../math/sinPi';
import { inverseNormalCdf } from './specialFunctions';
import { sortFloat64 } from './sortFloat64';
import type { RandomStream } from './RandomStream';

/** Lower Cholesky factor of a symmetric matrix (row-major m×m), or null when it is not positive definite. */
export const cholesky = (a: Float64Array, m: number): Float64Array | null => {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * m + k] as number) * (l[j * m + k] as number);
      if (i === j) {
        if (!(s > 1e-12)) return null;
        l[i * m + i] = Math.sqrt(s);
      } else {
        l[i * m + j] = s / (l[j * m + j] as number);
      }
    }
  }
  return l;
};

const scoreCache = new Map<number, Float64Array>();
/** van der Waerden scores Φ⁻¹(i / (rows + 1)), i = 1..rows (cached per size). */
const scoresFor = (rows: number): Float64Array => {
  let s = scoreCache.get(rows);
  if (!s) {
    s = new Float64Array(rows);
    for (let i = 0; i < rows; i++) s[i] = inverseNormalCdf((i + 1) / (rows + 1));
    if (scoreCache.size > 8) scoreCache.clear();
    scoreCache.set(rows, s);
  }
  return s;
};

/** Pearson correlation of normal scores that gives Spearman rho: r = 2 sin(pi rho / 6). */
export const spearmanToPearson = (rho: number): number => 2 * sinPi(rho / 6);

/**
 * Rearrange columns `cols` of the row-major sample `x` (rows × stride) in place toward the target Spearman
 * correlation matrix (m×m, m = cols.length). The target's Cholesky factor is passed in (computed once).
 * Random score permutations come from `stream`.
 */
export const imanConover = (
  x: Float64Array,
  rows: number,
  stride: number,
  cols: readonly number[],
  targetCholesky: Float64Array,
  stream: RandomStream,
): void => {
  const m = cols.length;
  if (rows < 3 || m < 2) return;
  // Scores: van der Waerden scores, randomly permuted per column.
  const base = scoresFor(rows);
  const s = new Float64Array(rows * m);
  for (let c = 0; c < m; c++) {
    const col = Float64Array.from(base);
    for (let i = rows - 1; i > 0; i--) {
      const j = stream.nextBelow(i + 1);
      const t = col[i] as number;
      col[i] = col[j] as number;
      col[j] = t;
    }
    for (let i = 0; i < rows; i++) s[i * m + c] = col[i] as number;
  }
  // Correlation of the scores (their mean is 0 and every column has the same variance).
  const e = new Float64Array(m * m);
  let v = 0;
  for (let i = 0; i < rows; i++) v += (base[i] as number) * (base[i] as number);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = 0;
      for (let i = 0; i < rows; i++) sum += (s[i * m + a] as number) * (s[i * m + b] as number);
      e[a * m + b] = e[b * m + a] = sum / v;
    }
  }
  const le = cholesky(e, m);
  if (!le) return;
  // T = S (L_E^T)^-1 L_C^T, row by row: solve L_E y = s, then t = L_C y.
  const t = new Float64Array(rows * m);
  const y = new Float64Array(m);
  for (let i = 0; i < rows; i++) {
    for (let a = 0; a < m; a++) {
      let sum = s[i * m + a] as number;
      for (let k = 0; k < a; k++) sum -= (le[a * m + k] as number) * (y[k] as number);
      y[a] = sum / (le[a * m + a] as number);
    }
    for (let a = 0; a < m; a++) {
      let sum = 0;
      for (let k = 0; k <= a; k++) sum += (targetCholesky[a * m + k] as number) * (y[k] as number);
      t[i * m + a] = sum;
    }
  }
  // Give each column of x the rank order of the matching column of T.
  // Rank of each row's T value by binary search in the sorted column (ties, which continuous scores make
  // vanishingly rare, go to the next free rank in row order), then the column's sorted values by those ranks.
  const sorted = new Float64Array(rows);
  const keys = new Float64Array(rows);
  const used = new Uint8Array(rows);
  for (let a = 0; a < m; a++) {
    const col = cols[a] as number;
    for (let i = 0; i < rows; i++) sorted[i] = x[i * stride + col] as number;
    sortFloat64(sorted);
    for (let i = 0; i < rows; i++) keys[i] = t[i * m + a] as number;
    const tk = sortFloat64(Float64Array.from(keys));
    used.fill(0);
    for (let i = 0; i < rows; i++) {
      const v = keys[i] as number;
      let lo = 0;
      let hi = rows;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((tk[mid] as number) < v) lo = mid + 1;
        else hi = mid;
      }
      while (lo < rows - 1 && used[lo]) lo++;
      while (used[lo]) lo--;
      used[lo] = 1;
      x[i * stride + col] = sorted[lo] as number;
    }
  }
};
