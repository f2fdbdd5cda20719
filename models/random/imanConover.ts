// Iman–Conover rank correlation: rearranges the values of some columns of a sample so that their Spearman rank
// correlations approach a target matrix, without changing any column's multiset of values (marginals and
// Latin-hypercube strata are preserved). Iman & Conover, "A distribution-free approach to inducing rank correlation
// among input variables", Commun. Statist. B11 (1982).
//
// Speed: the engine applies it once per block of 1,024 trials (models/engine/ParamSampler.ts), so its cost per trial
// is its cost per block / 1,024. Every buffer is module scratch grown on demand (no allocation per block after the
// first), the scores are column-major, and each column's values and target ranks come from stable O(n) index sorts
// (counting sort + insertion pass, typed arrays throughout) instead of quicksorts and a binary search per row; the
// first target column's order is read off its score permutation instead (orderOfFirstColumn: checked, not assumed).
import { inverseNormalCdf } from './specialFunctions';
import type { RandomStream } from './RandomStream';

import { cholesky } from './rankCorrelations';

export { cholesky, spearmanToPearson } from './rankCorrelations';

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

// Scratch, grown on demand: scores and targets (column-major, rows × m), one sorted column, one index order.
let scores = new Float64Array(0);
let targets = new Float64Array(0);
let sorted = new Float64Array(0);
let column = new Float64Array(0);
let order = new Int32Array(0);
let buckets = new Int32Array(0);
/** scoreRank[i]: which of the sorted scores row i of the first score column holds (its Fisher–Yates permutation). */
let scoreRank = new Int32Array(0);
const y = new Float64Array(64);

const grow = (rows: number, m: number): void => {
  if (scores.length < rows * m) {
    scores = new Float64Array(rows * m);
    targets = new Float64Array(rows * m);
  }
  if (sorted.length < rows) {
    sorted = new Float64Array(rows);
    column = new Float64Array(rows);
    order = new Int32Array(rows);
    buckets = new Int32Array(rows + 1);
    scoreRank = new Int32Array(rows);
  }
};

/**
 * idx[0..n) = 0..n−1 sorted by (keys[koff + i], i) ascending: a STABLE index sort (equal keys keep row order), so
 * the k-th row in that order has rank k — the same ranks as "first free rank ≥ the key's position in the sorted
 * keys, rows taken in order". A counting sort into n buckets by a monotone map of the key (linear between the
 * smallest and largest key: one row per bucket on average for these continuous keys), then an insertion pass that
 * fixes the order inside buckets: expected O(n), and exact whatever the keys (the pass is a complete insertion sort).
 */
const stableOrder = (keys: Float64Array, koff: number, n: number, idx: Int32Array): void => {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const k = keys[koff + i] as number;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  const count = buckets;
  for (let b = 0; b <= n; b++) count[b] = 0;
  const scale = max > min ? n / (max - min) : 0;
  // (max − min may overflow to ∞ for huge keys: scale 0 puts every row in bucket 0, still exact)
  for (let i = 0; i < n; i++) {
    let b = Math.floor(((keys[koff + i] as number) - min) * scale);
    if (!(b < n)) b = n - 1;
    count[b + 1] = (count[b + 1] as number) + 1;
  }
  for (let b = 1; b <= n; b++) count[b] = (count[b] as number) + (count[b - 1] as number);
  for (let i = 0; i < n; i++) {
    let b = Math.floor(((keys[koff + i] as number) - min) * scale);
    if (!(b < n)) b = n - 1;
    const at = count[b] as number;
    idx[at] = i;
    count[b] = at + 1;
  }
  for (let i = 1; i < n; i++) {
    const r = idx[i] as number;
    const kr = keys[koff + r] as number;
    let j = i - 1;
    for (; j >= 0; j--) {
      const q = idx[j] as number;
      const kq = keys[koff + q] as number;
      if (kq < kr || (kq === kr && q < r)) break;
      idx[j + 1] = q;
    }
    idx[j + 1] = r;
  }
};

/**
 * The stable order of T's first column without sorting it, when that can be proven: T[i][0] = L_C[0][0]·(S[i][0] /
 * L_E[0][0]) is a non-decreasing function of the first score column, whose rows hold the sorted van der Waerden
 * scores in the order `rank` (the column's Fisher–Yates permutation), so row i is expected at position rank[i]. If
 * T's column is strictly increasing in that order, no two keys tie and it is THE stable order (what stableOrder
 * gives): true. Otherwise (ties, or the order reversed) false, and nothing is claimed.
 */
const orderOfFirstColumn = (t: Float64Array, n: number, rank: Int32Array, idx: Int32Array): boolean => {
  for (let i = 0; i < n; i++) idx[rank[i] as number] = i;
  for (let k = 1; k < n; k++)
    if (!((t[idx[k - 1] as number] as number) < (t[idx[k] as number] as number))) return false;
  return true;
};

/**
 * Rearrange columns `cols` of the row-major sample `x` (rows × stride) in place toward the target Spearman
 * correlation matrix (m×m, m = cols.length). The target's Cholesky factor is passed in (computed once).
 * Random score permutations come from `stream` (Fisher–Yates per column, in column order).
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
  grow(rows, m);
  const yv = m <= y.length ? y : new Float64Array(m);
  const s = scores;
  const t = targets;
  // Scores: van der Waerden scores, randomly permuted per column (column c at s[c·rows ...]).
  const base = scoresFor(rows);
  const rank = scoreRank;
  for (let i = 0; i < rows; i++) rank[i] = i;
  for (let c = 0; c < m; c++) {
    const o = c * rows;
    s.set(base, o);
    for (let i = rows - 1; i > 0; i--) {
      const j = stream.nextBelow(i + 1);
      const v = s[o + i] as number;
      s[o + i] = s[o + j] as number;
      s[o + j] = v;
      if (c === 0) {
        const r = rank[i] as number;
        rank[i] = rank[j] as number;
        rank[j] = r;
      }
    }
  }
  // Correlation of the scores (their mean is 0 and every column has the same variance).
  const e = new Float64Array(m * m);
  let v = 0;
  for (let i = 0; i < rows; i++) v += (base[i] as number) * (base[i] as number);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = 0;
      const oa = a * rows;
      const ob = b * rows;
      for (let i = 0; i < rows; i++) sum += (s[oa + i] as number) * (s[ob + i] as number);
      e[a * m + b] = e[b * m + a] = sum / v;
    }
  }
  const le = cholesky(e, m);
  if (!le) return;
  // T = S (L_E^T)^-1 L_C^T, row by row: solve L_E y = s, then t = L_C y.
  for (let i = 0; i < rows; i++) {
    for (let a = 0; a < m; a++) {
      let sum = s[a * rows + i] as number;
      for (let k = 0; k < a; k++) sum -= (le[a * m + k] as number) * (yv[k] as number);
      yv[a] = sum / (le[a * m + a] as number);
    }
    for (let a = 0; a < m; a++) {
      let sum = 0;
      for (let k = 0; k <= a; k++) sum += (targetCholesky[a * m + k] as number) * (yv[k] as number);
      t[a * rows + i] = sum;
    }
  }
  // Give each column of x the rank order of the matching column of T: the row of rank k (k-th in the stable order
  // of T's column; ties, which continuous scores make vanishingly rare, in row order) takes the k-th smallest value.
  const srt = sorted;
  const col2 = column;
  const idx = order;
  for (let a = 0; a < m; a++) {
    const col = cols[a] as number;
    // the column's values in ascending order, by the same O(n) index sort (values equal as numbers are the same
    // number here: the engine's columns are uniforms in (0, 1), never ±0)
    for (let i = 0; i < rows; i++) col2[i] = x[i * stride + col] as number;
    stableOrder(col2, 0, rows, idx);
    for (let k = 0; k < rows; k++) srt[k] = col2[idx[k] as number] as number;
    if (a > 0 || !orderOfFirstColumn(t, rows, rank, idx)) stableOrder(t, a * rows, rows, idx);
    for (let k = 0; k < rows; k++) x[(idx[k] as number) * stride + col] = srt[k] as number;
  }
};
