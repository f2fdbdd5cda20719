// Fraction-free Gauss–Jordan elimination over the integers (Bareiss 1968, "Sylvester's identity and multistep
// integer-preserving Gaussian elimination", Math. Comp. 22): every division is exact, so bigint entries stay integers
// whose size grows only linearly with the dimension. The one exact elimination of the vertex enumerators
// (enumMixed's support systems, certifiedVertices' basis inverses).

/**
 * Eliminates in place the first t columns of the t × w bigint matrix `a` (w ≥ t; the columns beyond t are
 * right-hand sides carried along), with row exchanges for zero pivots. Afterwards a[i][i] = D for every i, a[i][j] = 0
 * for the other j < t, and row i's columns beyond t hold D times the solution's row i, where D = ± det of the leading
 * t × t block (its sign follows the row exchanges) is returned; null when that block is singular.
 */
export const bareissGaussJordan = (a: bigint[][], t: number, w: number): bigint | null => {
  let prev = 1n;
  for (let c = 0; c < t; c++) {
    let p = c;
    while (p < t && (a[p] as bigint[])[c] === 0n) p++;
    if (p === t) return null;
    if (p !== c) [a[p], a[c]] = [a[c] as bigint[], a[p] as bigint[]];
    const pr = a[c] as bigint[];
    const piv = pr[c] as bigint;
    for (let i = 0; i < t; i++) {
      if (i === c) continue;
      const row = a[i] as bigint[];
      const f = row[c] as bigint;
      for (let j = 0; j < w; j++) {
        if (j === c) continue;
        row[j] = ((row[j] as bigint) * piv - f * (pr[j] as bigint)) / prev;
      }
      row[c] = 0n;
    }
    // (rows above c keep their diagonal at the current determinant: (piv·prev − f·0) / prev = piv)
    prev = piv;
  }
  return prev;
};
