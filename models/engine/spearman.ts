// Spearman rank correlation (average ranks for ties), for global sensitivity.

/** Average ranks (1-based) of `x`. */
export const ranks = (x: Float64Array): Float64Array => {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (x[a] as number) - (x[b] as number) || a - b,
  );
  const r = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && x[order[j + 1] as number] === x[order[i] as number]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k] as number] = avg;
    i = j + 1;
  }
  return r;
};

const pearson = (a: Float64Array, b: Float64Array): number | null => {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] as number;
    mb += b[i] as number;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : null;
};

/** Spearman's rho of two equally long samples; null when either is constant. */
export const spearman = (a: Float64Array, b: Float64Array): number | null => {
  if (a.length !== b.length) throw new Error('spearman: samples differ in length');
  if (a.length < 3) return null;
  return pearson(ranks(a), ranks(b));
};
