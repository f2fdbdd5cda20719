// Two-sample tests for comparing the engine with the hand-written bench baselines (p-values; the caller applies a
// Bonferroni correction over every test it runs). Counts, not raw samples, wherever possible.
import { normalCdf } from '../../models/random/specialFunctions';

/** Two-sided p-value of the pooled two-proportion z test of x1/n1 vs x2/n2 (1 when both are 0 or all). */
export const twoProportionP = (x1: number, n1: number, x2: number, n2: number): number => {
  const p = (x1 + x2) / (n1 + n2);
  if (p === 0 || p === 1) return 1;
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return 2 * normalCdf(-Math.abs(z));
};

/** Survival function of the chi-square distribution with integer df ≥ 1 (closed forms). */
export const chiSquareSurvival = (x: number, df: number): number => {
  if (!(x > 0)) return 1;
  const h = x / 2;
  if (df % 2 === 0) {
    // Q = e^{-h} Σ_{k < df/2} h^k / k!
    let term = Math.exp(-h);
    let sum = term;
    for (let k = 1; k < df / 2; k++) {
      term *= h / k;
      sum += term;
    }
    return Math.min(1, sum);
  }
  // Q = 2 Φ(−√x) + e^{-h} Σ_{k=1}^{(df−1)/2} h^{k−1/2} / Γ(k + 1/2)
  let sum = 2 * normalCdf(-Math.sqrt(x));
  let term = (Math.exp(-h) * Math.sqrt(h)) / (Math.sqrt(Math.PI) / 2);
  for (let k = 1; k <= (df - 1) / 2; k++) {
    if (k > 1) term *= h / (k - 0.5);
    sum += term;
  }
  return Math.min(1, sum);
};

/**
 * Chi-square test of homogeneity of two count vectors over the same categories: categories empty in both are
 * dropped and those with an expected count below 5 in either sample are pooled into one. p-value (1 if < 2 cells).
 */
export const homogeneityP = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  const na = Array.from(a).reduce((s, x) => s + x, 0);
  const nb = Array.from(b).reduce((s, x) => s + x, 0);
  const cells: [number, number][] = [];
  let poolA = 0;
  let poolB = 0;
  for (let k = 0; k < a.length; k++) {
    const x = a[k] as number;
    const y = b[k] as number;
    const tot = x + y;
    if (tot === 0) continue;
    if ((tot * na) / (na + nb) < 5 || (tot * nb) / (na + nb) < 5) {
      poolA += x;
      poolB += y;
    } else cells.push([x, y]);
  }
  if (poolA + poolB > 0) cells.push([poolA, poolB]);
  if (cells.length < 2) return 1;
  let chi = 0;
  for (const [x, y] of cells) {
    const tot = x + y;
    const ea = (tot * na) / (na + nb);
    const eb = (tot * nb) / (na + nb);
    chi += (x - ea) ** 2 / ea + (y - eb) ** 2 / eb;
  }
  return chiSquareSurvival(chi, cells.length - 1);
};

/** Two-sample Kolmogorov–Smirnov p-value (asymptotic Kolmogorov distribution with Stephens' correction). */
export const kolmogorovSmirnovP = (x: Float64Array, y: Float64Array): number => {
  const a = Float64Array.from(x).sort();
  const b = Float64Array.from(y).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i] as number, b[j] as number);
    while (i < a.length && (a[i] as number) <= v) i++;
    while (j < b.length && (b[j] as number) <= v) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  const ne = (a.length * b.length) / (a.length + b.length);
  const lambda = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d;
  let p = 0;
  for (let k = 1; k <= 100; k++) p += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return Math.min(1, Math.max(0, p));
};

/** Spearman rank correlation of two equal-length samples (no ties expected: continuous values). */
export const spearman = (x: Float64Array, y: Float64Array): number => {
  const rank = (v: Float64Array): Float64Array => {
    const idx = Array.from(v.keys()).sort((p, q) => (v[p] as number) - (v[q] as number));
    const r = new Float64Array(v.length);
    idx.forEach((k, i) => (r[k] = i));
    return r;
  };
  const rx = rank(x);
  const ry = rank(y);
  const n = x.length;
  const mean = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < n; k++) {
    sxy += ((rx[k] as number) - mean) * ((ry[k] as number) - mean);
    sxx += ((rx[k] as number) - mean) ** 2;
  }
  return sxy / sxx;
};

/** Two-sided p-value that two Spearman correlations (samples of n1, n2) are equal (Fisher z, var 1.06/(n−3)). */
export const spearmanDifferenceP = (r1: number, n1: number, r2: number, n2: number): number => {
  const z = (Math.atanh(r1) - Math.atanh(r2)) / Math.sqrt(1.06 / (n1 - 3) + 1.06 / (n2 - 3));
  return 2 * normalCdf(-Math.abs(z));
};
