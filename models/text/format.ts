// THE number formatter of the UI (every view, chart label and table uses these; no other copy):
//  - probabilities as percentages with enough digits that a value is never rounded to 0% or 100% unless it is
//    exactly that, and an interval never collapses to one value: 99.65% (99.51–99.79%), 9.8% (9.4–10.2%);
//  - differences of probabilities in percentage points: +1.6 pts (+1.4 to +1.8 pts);
//  - other numbers to 3 significant digits.

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

const MAX_DIGITS = 6;

/** Decimals of a percentage: at least 1, and 2 significant digits of the smaller of p and 1 − p. */
const percentDigits = (p: number): number => {
  const m = Math.min(p, 1 - p) * 100;
  if (!(m > 0)) return 1;
  return Math.min(MAX_DIGITS, Math.max(1, firstDigit(m) + 1));
};

/** The decimal position of m's first significant digit (0.35 → 1, 0.001 → 3, 9.8 → 0), robust to last-bit noise
 *  (0.001 computed as 0.0010000000000065 still gives 3). */
const firstDigit = (m: number): number => {
  // −(decimal exponent) of m rounded to 9 significant digits: ⌈−log10 m⌉ exactly, with no engine-dependent log
  const e = Number(Number(m.toPrecision(9)).toExponential().split('e')[1]);
  return e === 0 ? 0 : -e;
};

const pctText = (p: number, d: number): string => (p * 100).toFixed(d);

/** The decimals at which every given probability is shown apart from the others it differs from, and never as 0
 *  or 100 unless it is exactly that. */
const digitsFor = (values: readonly number[]): number => {
  let d = Math.max(...values.map(percentDigits));
  const distinct = (): boolean =>
    values.every((a, i) => values.every((b, j) => j <= i || a === b || pctText(a, d) !== pctText(b, d))) &&
    values.every((v) => (v > 0 && v < 1 ? Number(pctText(v, d)) > 0 && Number(pctText(v, d)) < 100 : true));
  while (d < MAX_DIGITS && !distinct()) d++;
  return d;
};

/** A probability as a percentage ("9.8%", "99.65%", "0%" and "100%" only when exact). */
export const formatPercent = (p: number): string => {
  if (!Number.isFinite(p)) return '–';
  if (p === 0 || p === 1) return `${p * 100}%`;
  return `${pctText(p, digitsFor([p]))}%`;
};

/** A probability and its interval bounds as three percentages at shared digits that keep them apart (for tables
 *  with one column each). */
export const formatPercentTriple = (p: number, low: number, high: number): [string, string, string] => {
  if (![p, low, high].every(Number.isFinite))
    return [formatPercent(p), formatPercent(low), formatPercent(high)];
  const d = digitsFor([p, low, high]);
  const f = (x: number): string => (x === 0 || x === 1 ? `${x * 100}%` : `${pctText(x, d)}%`);
  return [f(p), f(low), f(high)];
};

/** A probability with its interval, digits chosen so the three never collapse: "99.65% (99.51–99.79%)". */
export const formatPercentInterval = (p: number, low: number, high: number): string => {
  const [a, b, c] = formatPercentTriple(p, low, high);
  return `${a} (${b.slice(0, -1)}–${c})`;
};

/** Percentage points, signed: "+1.6 pts", "−0.2 pts", "0.0 pts". */
const pointsText = (diff: number, d: number): string => {
  const t = (Math.abs(diff) * 100).toFixed(d);
  const zero = Number(t) === 0;
  return `${zero ? '' : diff > 0 ? '+' : '−'}${t}`;
};

const pointDigits = (values: readonly number[]): number => {
  const m = Math.min(...values.map((v) => Math.abs(v * 100)).filter((v) => v > 0));
  return Number.isFinite(m) ? Math.min(MAX_DIGITS, Math.max(1, firstDigit(m))) : 1;
};

/** A difference of probabilities in percentage points: "+1.6 pts". */
export const formatPoints = (diff: number): string =>
  Number.isFinite(diff) ? `${pointsText(diff, pointDigits([diff]))} pts` : '–';

/** A difference in percentage points without the unit, for chart axes whose label names it: "+5.0", "−2.5", "0.0". */
export const formatPointsValue = (diff: number): string =>
  Number.isFinite(diff) ? pointsText(diff, pointDigits([diff])) : '–';

/** A difference with its interval, in points: "+1.6 pts (+1.4 to +1.8)". */
export const formatPointsInterval = (diff: number, low: number, high: number): string => {
  if (![diff, low, high].every(Number.isFinite)) return formatPoints(diff);
  let d = pointDigits([diff, low, high]);
  while (
    d < MAX_DIGITS &&
    ((low !== diff && pointsText(low, d) === pointsText(diff, d)) ||
      (high !== diff && pointsText(high, d) === pointsText(diff, d)))
  )
    d++;
  return `${pointsText(diff, d)} pts (${pointsText(low, d)} to ${pointsText(high, d)})`;
};

/** Any other number: integers as is, else 3 significant digits ("0.249", "1.2e+3" never: "1200"). */
export const formatNumber = (v: number): string => {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1000) return String(Math.round(v));
  return v
    .toPrecision(3)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
};

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
