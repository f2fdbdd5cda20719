// The standard normal Z conditioned on a ≤ Z ≤ b, for ANY window: far in a tail (38, 100 or 1,000 sd out, where
// Φ underflows), narrow (width 1e-12), one-sided or straddling 0. The normal, truncated normal, lognormal and
// "low to high" families all sample and measure through this one object.
//
// Method. The window is split at 0 into at most two one-sided parts; a part [α, β] with 0 ≤ α < β ≤ ∞ is handled in
// upper-tail coordinates T (the left part is reflected, T = −Z). Everything is written with the offset Y = T − α and
//   h(α, y) = ln(Φ̄(α + y)/Φ̄(α)) = −y(α + y/2) + ln(erfcx((α + y)/√2)/erfcx(α/√2))      (logNormalTailRatio)
// which has no cancellation however far out the part is. Inversion: P(T ≤ t | part) = g means
//   h(α, t − α) = L,  L = ln(1 − g(1 − r)),  r = e^{h(α, β − α)},
// solved by Newton's method (h is concave and decreasing in y with h' = −1/R(α + y), R Mills' ratio) from
// y₀ = −α + √(α² − 2L), which lies right of the root, so the iterates decrease monotonically to it. Near the centre
// (α < 8, part not narrow) the same target is inverted in one step with AS 241: t = −Φ⁻¹(Φ̄(α)·e^L).
// References: Mills' ratio and the offset form as in Chopin, "Fast simulation of truncated Gaussian distributions"
// (Stat. Comput. 2011) and Botev, "The normal law under linear restrictions" (JRSS B 2017, §"tail"), here in an
// inversion (not rejection) form, so draws stay monotone in u (Latin hypercube, Iman–Conover).
import { exp, expm1 } from '../../math/exp';
import { log, log1p } from '../../math/log';
import { pow } from '../../math/pow';
import {
  inverseNormalCdf,
  logNormalTailRatio,
  logNormalUpperTail,
  millsRatio,
  normalUpperTail,
} from '../specialFunctions';

/** One side of 0: T ∈ [alpha, beta] in upper-tail coordinates (T = Z, or T = −Z when reflected). */
type Part = {
  readonly alpha: number;
  readonly beta: number;
  readonly reflected: boolean;
  /** ln P(α ≤ T ≤ β) for the standard normal. */
  readonly logMass: number;
  /** r = Φ̄(β)/Φ̄(α) and 1 − r, both accurate. */
  readonly r: number;
  readonly oneMinusR: number;
  /** Φ̄(α) and Φ̄(β) when the one-step AS 241 inversion is accurate for this part, else 0 and 0. */
  readonly direct: number;
  readonly directBeta: number;
  readonly mean: number;
  readonly variance: number;
};

/** ∫₀ʷ yⁿ e^{−αy} dy (α ≥ 0), by Kummer's series when αw is small, by the incomplete-gamma complement otherwise. */
const expMoment = (n: number, alpha: number, w: number): number => {
  const x = alpha * w;
  if (x <= n + 1) {
    // e^{−x} w^{n+1} Σ_j x^j / ((n+1)(n+2)…(n+1+j))
    let term = 1 / (n + 1);
    let sum = term;
    for (let j = 1; j < 500; j++) {
      term *= x / (n + 1 + j);
      sum += term;
      if (term <= 1e-17 * sum) break;
    }
    return exp(-x) * pow(w, n + 1) * sum;
  }
  // n!/α^{n+1} (1 − e^{−x} Σ_{j≤n} x^j/j!)
  let fact = 1;
  for (let j = 2; j <= n; j++) fact *= j;
  if (x === Infinity) return fact / pow(alpha, n + 1);
  let term = 1;
  let sum = 1;
  for (let j = 1; j <= n; j++) {
    term *= x / j;
    sum += term;
  }
  return (fact / pow(alpha, n + 1)) * (1 - exp(-x) * sum);
};

/**
 * Mean and variance of Y = T − α for T ~ N(0,1) on [α, α + w]: the weight e^{−αy − y²/2} expanded as
 * Σ_k (−½)^k y^{2k}/k! e^{−αy}. For w ≤ 2 the series converges (terms ≤ (w²/2)^k/k!); for α ≥ 9 it is asymptotic
 * and summed to its smallest term, below e^{−α²/2} ≤ 3e-18. Used for far or narrow parts, where the textbook
 * φ/Φ̄ formulas cancel.
 */
const offsetMoments = (alpha: number, w: number): [number, number] => {
  const m = [0, 0, 0];
  const last = [Infinity, Infinity, Infinity];
  let c = 1;
  for (let k = 0; k < 200; k++) {
    if (k > 0) c *= -0.5 / k;
    let done = true;
    for (let i = 0; i < 3; i++) {
      const add = c * expMoment(2 * k + i, alpha, w);
      // an asymptotic series: stop before the terms grow again
      if (w > 2 && Math.abs(add) > (last[i] as number)) return finish(m);
      last[i] = Math.abs(add);
      m[i] = (m[i] as number) + add;
      if (Math.abs(add) > 1e-17 * Math.abs(m[i] as number)) done = false;
    }
    if (done) break;
  }
  return finish(m);
};

const finish = (m: readonly number[]): [number, number] => {
  const mean = (m[1] as number) / (m[0] as number);
  return [mean, Math.max(0, (m[2] as number) / (m[0] as number) - mean * mean)];
};

const normalPdf = (t: number): number => (t === Infinity ? 0 : exp(-0.5 * t * t) / 2.5066282746310002);

const makePart = (alpha: number, beta: number, reflected: boolean): Part => {
  const width = beta - alpha;
  const hW = logNormalTailRatio(alpha, width);
  const r = exp(hW);
  const oneMinusR = -expm1(hW);
  const logMass = logNormalUpperTail(alpha) + log(oneMinusR); // = oneSidedLogMass(alpha, beta)
  const direct = alpha < 8 && oneMinusR > 0.01 ? normalUpperTail(alpha) : 0;
  const directBeta = direct > 0 ? normalUpperTail(beta) : 0;
  let mean: number;
  let variance: number;
  if (width <= 2 || alpha >= 9) {
    const [m, v] = offsetMoments(alpha, width);
    mean = alpha + m;
    variance = v;
  } else {
    // textbook forms (α < 20 here, no cancellation to speak of)
    const z = normalUpperTail(alpha) * oneMinusR;
    const pa = normalPdf(alpha);
    const pb = normalPdf(beta);
    mean = (pa - pb) / z;
    const second = 1 + (alpha * pa - (beta === Infinity ? 0 : beta * pb)) / z;
    variance = Math.max(0, second - mean * mean);
  }
  return { alpha, beta, reflected, logMass, r, oneMinusR, direct, directBeta, mean, variance };
};

/** The t ∈ [α, β] with P(T ≤ t | part) = g (g ∈ [0, 1]); gc = 1 − g, passed exactly where the caller has it. */
const partQuantile = (p: Part, g: number, gc: number): number => {
  if (!(g > 0)) return p.alpha;
  if (!(gc > 0)) return p.beta;
  // L = ln(1 − g(1 − r)), written so neither end loses digits
  // (1 − g(1 − r) = gc + g·r: the first form when g(1 − r) ≤ ½, the sum of two positive terms otherwise)
  const cut = g * p.oneMinusR;
  const L = cut <= 0.5 ? log1p(-cut) : log(gc + g * p.r);
  if (p.direct > 0) {
    const t = -inverseNormalCdf(p.direct * exp(L));
    return t < p.alpha ? p.alpha : t > p.beta ? p.beta : t;
  }
  const a = p.alpha;
  const w = p.beta - a;
  // y₀ = −α + √(α² − 2L), in the form without cancellation; right of the root (h ≤ −αy − y²/2)
  let y = (-2 * L) / (a + Math.sqrt(a * a - 2 * L));
  if (!(y <= w)) y = w;
  for (let i = 0; i < 100; i++) {
    const step = (logNormalTailRatio(a, y) - L) * millsRatio(a + y);
    // monotone decrease to the root: stop when the step no longer moves y
    if (!(step < 0) || y + step === y) break;
    y += step;
    if (y < 0) {
      y = 0;
      break;
    }
  }
  const t = a + y;
  return t > p.beta ? p.beta : t;
};

/** P(T ≤ t | part) and P(T > t | part), each without cancellation. */
const partLowerFraction = (p: Part, t: number): number =>
  t <= p.alpha ? 0 : t >= p.beta ? 1 : -expm1(logNormalTailRatio(p.alpha, t - p.alpha)) / p.oneMinusR;
const partUpperFraction = (p: Part, t: number): number =>
  t <= p.alpha
    ? 1
    : t >= p.beta
      ? 0
      : (exp(logNormalTailRatio(p.alpha, t - p.alpha)) * -expm1(logNormalTailRatio(t, p.beta - t))) /
        p.oneMinusR;

/** ln P(α ≤ T ≤ β) for 0 ≤ α < β ≤ ∞. */
const oneSidedLogMass = (alpha: number, beta: number): number =>
  logNormalUpperTail(alpha) + log(-expm1(logNormalTailRatio(alpha, beta - alpha)));

/** ln P(a ≤ Z ≤ b) for the standard normal, a ≤ b: finite for every a < b, −Infinity for a = b. */
export const standardNormalLogMass = (a: number, b: number): number => {
  if (!(a < b)) return -Infinity;
  if (a >= 0) return oneSidedLogMass(a, b);
  if (b <= 0) return oneSidedLogMass(-b, -a);
  const l = oneSidedLogMass(0, -a);
  const r = oneSidedLogMass(0, b);
  return Math.max(l, r) + log1p(exp(-Math.abs(l - r)));
};

/** A standard normal conditioned on [a, b]: its quantile function, CDF, log mass and moments. */
export type StandardNormalWindow = {
  readonly a: number;
  readonly b: number;
  /** ln P(a ≤ Z ≤ b) (finite for every a < b: no underflow however far out). */
  readonly logMass: number;
  readonly mean: number;
  readonly variance: number;
  /** u ∈ [0, 1] → z ∈ [a, b], non-decreasing. */
  readonly quantile: (u: number) => number;
  /** P(Z ≤ z | a ≤ Z ≤ b). */
  readonly cdf: (z: number) => number;
  /** P(Z > z | a ≤ Z ≤ b). */
  readonly sf: (z: number) => number;
};

/**
 * The standard normal conditioned on [a, b] (a < b; either may be infinite). Accuracy (tests): quantiles within a
 * few units in the last place of 60-digit references for windows up to 1,000 sd out and down to widths of 1e-12.
 */
export const truncatedStandardNormal = (a: number, b: number): StandardNormalWindow => {
  if (!(a < b)) throw new Error(`truncatedStandardNormal: need a < b, got [${a}, ${b}]`);
  const left = a < 0 ? makePart(Math.max(-b, 0), -a, true) : null;
  const right = b > 0 ? makePart(Math.max(a, 0), b, false) : null;
  // masses: f = share of the left part, computed from the difference of logs (no underflow)
  let logMass: number;
  let fLeft: number;
  if (left && right) {
    const d = right.logMass - left.logMass;
    fLeft = d > 0 ? exp(-d) / (1 + exp(-d)) : 1 / (1 + exp(d));
    logMass = Math.max(left.logMass, right.logMass) + log1p(exp(-Math.abs(d)));
  } else {
    fLeft = left ? 1 : 0;
    logMass = (left ?? right)!.logMass;
  }
  const fRight = 1 - fLeft;
  let mean: number;
  let variance: number;
  if (left && right) {
    const ml = -left.mean;
    const mr = right.mean;
    mean = fLeft * ml + fRight * mr;
    variance =
      fLeft * (left.variance + (ml - mean) * (ml - mean)) +
      fRight * (right.variance + (mr - mean) * (mr - mean));
  } else if (left) {
    mean = -left.mean;
    variance = left.variance;
  } else {
    mean = right!.mean;
    variance = right!.variance;
  }
  let quantile = (u: number): number => {
    if (left && (u < fLeft || !right)) {
      // within the left part, s ∈ [0, 1) from a up to 0 (or b): T = −Z decreases, so P(T ≤ t) = 1 − s
      const s = right ? u / fLeft : u;
      const z = -partQuantile(left, 1 - s, s);
      return z < a ? a : z > 0 ? 0 : z;
    }
    const s = left ? (u - fLeft) / fRight : u;
    const z = partQuantile(right!, s, 1 - s);
    return z > b ? b : z < 0 ? 0 : z;
  };
  if (a === -Infinity && b === Infinity) quantile = inverseNormalCdf;
  else if (left && right && logMass > -0.6931471805599453) {
    // a window holding more than half the mass, around 0: Φ(z) = Φ(a) + u·Z below the median, Φ̄(z) = Φ̄(b) +
    // (1 − u)·Z above it (each side from its own tail, no cancellation), one AS 241 call per draw
    const pa = normalUpperTail(-a);
    const qb = normalUpperTail(b);
    const Z = exp(logMass);
    quantile = (u: number): number => {
      const p = pa + u * Z;
      const z = p <= 0.5 ? inverseNormalCdf(p) : -inverseNormalCdf(qb + (1 - u) * Z);
      return z < a ? a : z > b ? b : z;
    };
  }
  const cdf = (z: number): number => {
    if (z < a) return 0;
    if (z >= b) return 1;
    if (z < 0) return fLeft * partUpperFraction(left!, -z);
    return fLeft + fRight * partLowerFraction(right!, z);
  };
  const sf = (z: number): number => {
    if (z < a) return 1;
    if (z >= b) return 0;
    if (z < 0) return fRight + fLeft * partLowerFraction(left!, -z);
    return fRight * partUpperFraction(right!, z);
  };
  return { a, b, logMass, mean, variance, quantile, cdf, sf };
};
