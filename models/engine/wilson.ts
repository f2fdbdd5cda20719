// Wilson score interval for a binomial proportion (Wilson 1927, "Probable inference, the law of succession, and
// statistical inference", JASA 22:209–212).

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/**
 * Wilson interval of `successes` out of `n` trials at the confidence given by z (default 95%): the estimate p and
 * the bounds, within [0, 1] exactly. The bounds' exact values at the ends (low = 0 when there is no success, high =
 * 1 when every trial is one) are returned as such: the floating-point formula leaves 1e-19 or 1 − 2⁻⁵³ there.
 * n ≤ 0: p = NaN, [0, 1].
 */
export const wilson = (successes: number, n: number, z = Z_95): { p: number; low: number; high: number } => {
  if (n <= 0) return { p: NaN, low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const low = successes <= 0 ? 0 : Math.min(p, Math.max(0, centre - half));
  const high = successes >= n ? 1 : Math.max(p, Math.min(1, centre + half));
  return { p, low, high };
};
