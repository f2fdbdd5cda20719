import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imanConover } from '../../../models/random/imanConover';
import { cholesky } from '../../../models/random/rankCorrelations';
import { RandomStream } from '../../../models/random/RandomStream';
import { inverseNormalCdf } from '../../../models/random/specialFunctions';
import { PURPOSE, seedKey } from '../../../models/random/seedKey';

// The stable order of keys[koff, koff + n) (ascending; equal keys in row order) into idx, by a plain comparison sort:
// what imanConover's O(n) index sort computes.
const stableOrderReference = (keys: Float64Array, koff: number, n: number, idx: Int32Array): void => {
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (p, q) => (keys[koff + p] as number) - (keys[koff + q] as number) || p - q,
  );
  idx.set(order);
};

// imanConover as it was before the first target column's order was read off its score permutation (every column
// through the stable index sort), self-contained (its own buffers), kept as the oracle: same rows, same values.
const imanConoverReference = (
  x: Float64Array,
  rows: number,
  stride: number,
  cols: readonly number[],
  targetCholesky: Float64Array,
  stream: RandomStream,
): void => {
  const m = cols.length;
  if (rows < 3 || m < 2) return;
  const yv = new Float64Array(m);
  const s = new Float64Array(rows * m);
  const t = new Float64Array(rows * m);
  // Scores: van der Waerden scores, randomly permuted per column (column c at s[c·rows ...]).
  const base = new Float64Array(rows);
  for (let i = 0; i < rows; i++) base[i] = inverseNormalCdf((i + 1) / (rows + 1));
  for (let c = 0; c < m; c++) {
    const o = c * rows;
    s.set(base, o);
    for (let i = rows - 1; i > 0; i--) {
      const j = stream.nextBelow(i + 1);
      const v = s[o + i] as number;
      s[o + i] = s[o + j] as number;
      s[o + j] = v;
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
  const srt = new Float64Array(rows);
  const col2 = new Float64Array(rows);
  const idx = new Int32Array(rows);
  for (let a = 0; a < m; a++) {
    const col = cols[a] as number;
    // the column's values in ascending order, by the same O(n) index sort (values equal as numbers are the same
    // number here: the engine's columns are uniforms in (0, 1), never ±0)
    for (let i = 0; i < rows; i++) col2[i] = x[i * stride + col] as number;
    stableOrderReference(col2, 0, rows, idx);
    for (let k = 0; k < rows; k++) srt[k] = col2[idx[k] as number] as number;
    stableOrderReference(t, a * rows, rows, idx);
    for (let k = 0; k < rows; k++) x[(idx[k] as number) * stride + col] = srt[k] as number;
  }
};

/** A target's Cholesky factor from a random lower-triangular matrix with a positive diagonal (rows normalised). */
const targetOf = (m: number, entries: readonly number[]): Float64Array => {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    let norm = 0;
    for (let j = 0; j <= i; j++) {
      const v =
        j === i
          ? 0.2 + Math.abs(entries[(i * m + j) % entries.length] as number)
          : (entries[(i * m + j) % entries.length] as number);
      l[i * m + j] = v;
      norm += v * v;
    }
    for (let j = 0; j <= i; j++) l[i * m + j] = (l[i * m + j] as number) / Math.sqrt(norm);
  }
  return l;
};

const run = (
  f: typeof imanConover,
  x: Float64Array,
  rows: number,
  stride: number,
  cols: readonly number[],
  target: Float64Array,
  seed: number,
): number[] => {
  const out = x.slice();
  f(out, rows, stride, cols, target, new RandomStream().reseed(seedKey(seed), 0, PURPOSE.imanConover));
  return Array.from(out);
};

describe("Iman–Conover: the first column's order from its score permutation, the same rows as sorting it", () => {
  it("property: any block (ties, 3 to 1,500 rows, 2 to 4 columns) and target gives the oracle's sample", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 1500 }),
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.double({ min: -0.95, max: 0.95, noNaN: true }), { minLength: 1, maxLength: 16 }),
        fc.integer(),
        fc.boolean(),
        (rows, m, entries, seed, ties) => {
          const stride = m + 1;
          let s = seed | 0;
          const x = Float64Array.from({ length: rows * stride }, () => {
            s = (Math.imul(s, 1103515245) + 12345) | 0;
            const u = ((s >>> 0) + 0.5) / 2 ** 32;
            return ties ? Math.round(u * 7) / 7 : u;
          });
          const cols = Array.from({ length: m }, (_, k) => (k === 0 ? 0 : k + 1));
          const target = targetOf(m, entries);
          expect(run(imanConover, x, rows, stride, cols, target, seed)).toEqual(
            run(imanConoverReference, x, rows, stride, cols, target, seed),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a target whose first column reverses the scores (its order is not the permutation's): sorted instead", () => {
    const rows = 1024;
    const x = Float64Array.from({ length: rows * 2 }, (_, i) => ((i * 7919) % 10007) / 10007 + 1e-6);
    const target = Float64Array.from([-1, 0, 0.6, 0.8]);
    expect(run(imanConover, x, rows, 2, [0, 1], target, 3)).toEqual(
      run(imanConoverReference, x, rows, 2, [0, 1], target, 3),
    );
  });
});
