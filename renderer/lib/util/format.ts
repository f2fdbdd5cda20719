// Number formatting for the UI.

/** Decimals implied by a slider step (0.05 → 2, 1 → 0, 0.001 → 3). */
export const decimalsOf = (step: number): number => {
  if (!Number.isFinite(step) || step <= 0) return 2;
  const s = step.toString();
  const e = /e-(\d+)$/.exec(s);
  if (e) return Number(e[1]);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : Math.min(6, s.length - dot - 1);
};

/** A value shown at the precision of its step. */
export const formatValue = (v: number, step = 0.01): string => {
  if (!Number.isFinite(v)) return String(v);
  return v.toFixed(decimalsOf(step));
};

/** A payoff in a matrix cell: integers as is, else up to 3 significant decimals. */
export const formatPayoff = (v: number): string => {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  const digits = a >= 100 ? 1 : a >= 1 ? 2 : 3;
  return String(Number(v.toFixed(digits)));
};

/** A probability as a percentage. */
export const formatPercent = (p: number, digits = 1): string => `${(p * 100).toFixed(digits)}%`;

/** Largest denominator shown as a fraction; beyond it an exact value is shown as a decimal (binary floats). */
export const MAX_NICE_DENOMINATOR = 1000n;

/**
 * An exact-or-float number for display: a Rational with a small denominator as a fraction ("2/3"), anything
 * else as a short decimal (decimals entered as floats become huge fractions such as 4499…/5000…, shown as 0.9).
 */
export const formatNice = (
  x: number | { num: bigint; den: bigint; toNumber(): number; toString(): string },
): string => {
  if (typeof x === 'number') return formatPayoff(x);
  if (x.den <= MAX_NICE_DENOMINATOR) return x.toString();
  return formatPayoff(x.toNumber());
};
