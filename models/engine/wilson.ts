// Wilson score interval for a binomial proportion.

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/** Wilson interval of `successes` out of `n` at confidence given by z (default 95%). */
export const wilson = (successes: number, n: number, z = Z_95): { p: number; low: number; high: number } => {
  if (n <= 0) return { p: NaN, low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
};
