// Special functions for the distribution families (pure, allocation-free): the normal CDF and its inverse, in
// log space where the tails underflow, ln Γ, ln B and the regularized incomplete beta function and its inverse.
// Hand-written because they are the exact mathematics the samplers stand on (no maintained JS library gives the
// far tails in log space); each function names its source.
// Why one file over 400 lines: most of it is published coefficient tables kept digit for digit beside the
// functions that use them (normal tails, ln Γ, the incomplete beta and its inverse share helpers).
/* eslint-disable no-loss-of-precision -- published coefficients are kept digit for digit */
import { exp, expm1 } from '../math/exp';
import { log, log1p } from '../math/log';
import { pow } from '../math/pow';

const SQRT_PI_INV = 0.56418958354775628695; // 1/√π
const SQRT_HALF = 0.7071067811865475244; // 1/√2
const LN_SQRT_2PI = 0.91893853320467274178; // ln √(2π)
const SQRT_HALF_PI = 1.2533141373155002512; // √(π/2)

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631–638, as in
// his CALERF (Netlib SPECFUN, 1990): near-minimax rational approximations good to about 18 significant digits.
const CODY_A = [
  3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153,
];
const CODY_B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const CODY_C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const CODY_D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const CODY_P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766,
  6.58749161529837803e-4, 0.0163153871373020978,
];
const CODY_Q = [
  2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191,
  0.00233520497626869185,
];

/** exp(−x²) for x ≥ 0 without the rounding of x² (Cody's split: x = h + (x − h) with h = ⌊16x⌋/16 exact). */
const expMinusSquare = (x: number): number => {
  const h = Math.trunc(x * 16) / 16;
  return exp(-h * h) * exp(-(x - h) * (x + h));
};

/**
 * The scaled complementary error function erfcx(x) = exp(x²)·erfc(x) (Cody 1969/1990; relative error ≲ 1e-16 on
 * x ≥ 0). For x → ∞ it behaves like 1/(x√π), so it never underflows: the far normal tails are built on it.
 */
export const erfcx = (x: number): number => {
  if (x !== x) return NaN;
  const y = Math.abs(x);
  let r: number;
  if (y <= 0.46875) {
    const ysq = y > 1.11e-16 ? y * y : 0;
    let num = (CODY_A[4] as number) * ysq;
    let den = ysq;
    for (let i = 0; i < 3; i++) {
      num = (num + (CODY_A[i] as number)) * ysq;
      den = (den + (CODY_B[i] as number)) * ysq;
    }
    return exp(ysq) * (1 - (x * (num + (CODY_A[3] as number))) / (den + (CODY_B[3] as number)));
  } else if (y <= 4) {
    let num = (CODY_C[8] as number) * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + (CODY_C[i] as number)) * y;
      den = (den + (CODY_D[i] as number)) * y;
    }
    r = (num + (CODY_C[7] as number)) / (den + (CODY_D[7] as number));
  } else if (y >= 6.71e7) {
    r = y === Infinity ? 0 : SQRT_PI_INV / y;
  } else {
    const ysq = 1 / (y * y);
    let num = (CODY_P[5] as number) * ysq;
    let den = ysq;
    for (let i = 0; i < 4; i++) {
      num = (num + (CODY_P[i] as number)) * ysq;
      den = (den + (CODY_Q[i] as number)) * ysq;
    }
    r = (ysq * (num + (CODY_P[4] as number))) / (den + (CODY_Q[4] as number));
    r = (SQRT_PI_INV - r) / y;
  }
  if (x < 0) {
    if (x < -26.628) return Infinity;
    const h = Math.trunc(x * 16) / 16;
    const e = exp(h * h) * exp((x - h) * (x + h));
    return e + e - r;
  }
  return r;
};

/** erfc(x) (Cody), relative error ≲ 1e-16 until it underflows (x ≈ 26.5). */
export const erfc = (x: number): number => {
  if (x !== x) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x > 27.3) return 0;
  return erfcx(x) * expMinusSquare(x);
};

/** Mills' ratio R(t) = Φ̄(t)/φ(t) = √(π/2)·erfcx(t/√2) (finite and positive for every t > −∞). */
export const millsRatio = (t: number): number => SQRT_HALF_PI * erfcx(t * SQRT_HALF);

/** ln φ(t), the standard normal log density. */
export const normalLogPdf = (t: number): number => -0.5 * t * t - LN_SQRT_2PI;

/** exp(−t²/2) for any t, without the rounding of t² (the split of expMinusSquare). */
const expHalfSquare = (t: number): number => {
  const a = Math.abs(t);
  const h = Math.trunc(a * 16) / 16;
  return exp(-0.5 * h * h) * exp(-0.5 * (a - h) * (a + h));
};

/**
 * The standard normal upper tail Φ̄(t) = P(Z > t) = ½·erfcx(t/√2)·exp(−t²/2): relative error ≲ 2e-16 for t ≥ 0
 * down to the smallest subnormal (t ≈ 38.5); 1 − Φ̄(−t) for t < 0.
 */
export const normalUpperTail = (t: number): number => {
  if (t !== t) return NaN;
  if (t < 0) return 1 - normalUpperTail(-t);
  if (t > 39) return 0;
  return 0.5 * erfcx(t * SQRT_HALF) * expHalfSquare(t);
};

/** Standard normal CDF Φ(x) = Φ̄(−x) (relative error ≲ 2e-16 in the lower tail, down to x ≈ −38.5). */
export const normalCdf = (x: number): number => normalUpperTail(-x);

/** ln Φ̄(t) for every t, never underflowing: ln(½·erfcx(t/√2)) − t²/2 for t ≥ 0, log1p(−Φ̄(−t)) below. */
export const logNormalUpperTail = (t: number): number => {
  if (t !== t) return NaN;
  if (t < 0) return log1p(-normalUpperTail(-t));
  if (t === Infinity) return -Infinity;
  return log(0.5 * erfcx(t * SQRT_HALF)) - 0.5 * t * t;
};

/** ln Φ(x) for every x (= ln Φ̄(−x)). */
export const logNormalCdf = (x: number): number => logNormalUpperTail(-x);

// 5-point Gauss–Legendre nodes and weights on [−1, 1].
const GL_X = [0, 0.5384693101056831, 0.906179845938664];
const GL_W = [0.5688888888888889, 0.47862867049936647, 0.23692688505618908];

/** d/dz ln erfcx(z) = 2z − 2/(√π erfcx(z)). */
const dLogErfcx = (z: number): number => 2 * z - (2 * SQRT_PI_INV) / erfcx(z);

/**
 * ln erfcx(z0 + d) − ln erfcx(z0) for z0 ≥ 0, d ≥ 0 (d given, never formed as a difference): the log of the ratio
 * when d is large enough, else the integral of the derivative by 5-point Gauss–Legendre (error below 1e-17 for
 * d ≤ 0.05), so a tiny difference keeps its relative precision instead of being the rounding error of a ratio
 * close to 1.
 */
const logErfcxDifference = (z0: number, d: number): number => {
  if (d > 0.05) return log(erfcx(z0 + d) / erfcx(z0));
  const mid = z0 + 0.5 * d;
  const half = 0.5 * d;
  let sum = (GL_W[0] as number) * dLogErfcx(mid);
  for (let i = 1; i < 3; i++) {
    sum +=
      (GL_W[i] as number) *
      (dLogErfcx(mid - half * (GL_X[i] as number)) + dLogErfcx(mid + half * (GL_X[i] as number)));
  }
  return half * sum;
};

/**
 * ln(Φ̄(t + y)/Φ̄(t)) for t ≥ 0, y ≥ 0, without the cancellation of subtracting two large logarithms:
 * −y(t + y/2) + ln(erfcx((t + y)/√2)/erfcx(t/√2)), the second term by logErfcxDifference. Used to invert far-tail
 * and narrow truncated normals; relative accuracy a few ε for every t and y (including y = 1e-12 at t = 0).
 */
export const logNormalTailRatio = (t: number, y: number): number => {
  if (y === 0) return 0;
  if (y === Infinity) return -Infinity;
  return -y * (t + 0.5 * y) + logErfcxDifference(t * SQRT_HALF, y * SQRT_HALF);
};

/** Inverse standard normal CDF: Wichura's algorithm AS 241 (PPND16), relative accuracy about 1e-16. */
export const inverseNormalCdf = (p: number): number => {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-log(r));
  let v: number;
  if (r <= 5) {
    r -= 1.6;
    v =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    v =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.2426609473880784386e-3) * r +
        2.6532189526576123093e-2) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -v : v;
};

/**
 * The t ≥ 0 with ln Φ̄(t) = logq, for logq ≤ ln ½ and as far out as wanted (logq = −1e6 is t ≈ 1414): AS 241 while
 * q is a normal double, below that Newton's method on ln Φ̄ (its derivative is −1/R(t), R Mills' ratio) from the
 * asymptotic start √(2L − ln(2L) − ln 2π), L = −logq; ln Φ̄ is concave, so the iteration is monotone after one step.
 */
export const inverseLogNormalUpperTail = (logq: number): number => {
  if (logq !== logq) return NaN;
  if (logq >= -0.6931471805599453) return -inverseNormalCdf(exp(logq));
  if (logq > -700) return -inverseNormalCdf(exp(logq));
  if (logq === -Infinity) return Infinity;
  const L2 = -2 * logq;
  let t = Math.sqrt(L2 - log(L2) - 2 * LN_SQRT_2PI);
  for (let i = 0; i < 50; i++) {
    const step = (logNormalUpperTail(t) - logq) * millsRatio(t);
    t += step;
    if (Math.abs(step) <= 1e-16 * t) break;
  }
  return t;
};

// W. J. Cody's rational minimax approximation of Γ on (1, 2) (Netlib SPECFUN GAMMA, 1988; at least 20 significant
// digits there), carried to (0, 12) by Γ(x + 1) = xΓ(x).
const CODY_GAMMA_P = [
  -1.71618513886549492533811, 24.7656508055759199108314, -379.804256470945635097577,
  629.331155312818442661052, 866.966202790413211295064, -31451.2729688483675254357,
  -36144.4134186911729807069, 66456.1438202405440627855,
];
const CODY_GAMMA_Q = [
  -30.8402300119738975254353, 315.350626979604161529144, -1015.15636749021914166146,
  -3107.77167157231109440444, 22538.1184209801510330112, 4755.84627752788110767815,
  -134659.959864969306392456, -115132.259675553483497211,
];

/** Γ(x) for 0 < x < 12 (Cody; relative error a few units in the last place). */
const gammaSmall = (x: number): number => {
  let y = x;
  let n = 0;
  if (y < 1) y += 1;
  else {
    n = Math.floor(y) - 1;
    y -= n;
  }
  const z = y - 1;
  let num = 0;
  let den = 1;
  for (let i = 0; i < 8; i++) {
    num = (num + (CODY_GAMMA_P[i] as number)) * z;
    den = den * z + (CODY_GAMMA_Q[i] as number);
  }
  let r = num / den + 1;
  if (x < 1) return r / x;
  for (let i = 0; i < n; i++) r *= y + i;
  return r;
};

/**
 * Stirling's remainder Δ(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π] for x ≥ 10: the asymptotic series
 * 1/(12x) − 1/(360x³) + … to the x⁻¹³ term (the next term is below 3e-17 there).
 */
export const stirlingCorrection = (x: number): number => {
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 +
          r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156)))))))
  );
};

/** ln Γ(x) for x > 0: ln of Cody's Γ below 12 (−ln x − γx below 1e-300), Stirling's series with Δ(x) above. */
export const lnGamma = (x: number): number => {
  if (x >= 12) return (x - 0.5) * log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
  if (x < 1e-300) return -log(x) - 0.5772156649015329 * x;
  return log(gammaSmall(x));
};

/**
 * ln B(a, b) without the cancellation of ln Γ(a) + ln Γ(b) − ln Γ(a + b) for large arguments (the rearrangement of
 * Didonato & Morris, TOMS 708: Stirling's series with the remainders Δ kept apart).
 */
export const lnBeta = (a: number, b: number): number => {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (lo >= 10) {
    const s = lo + hi;
    return (
      (lo - 0.5) * log(lo / s) +
      (hi - 0.5) * log1p(-lo / s) -
      0.5 * log(s) +
      LN_SQRT_2PI +
      stirlingCorrection(lo) +
      stirlingCorrection(hi) -
      stirlingCorrection(s)
    );
  }
  if (hi >= 10) {
    const s = lo + hi;
    // ln Γ(hi) − ln Γ(lo + hi) by Stirling, the large terms combined first
    const d = (hi - 0.5) * log1p(-lo / s) - lo * log(s) + lo + stirlingCorrection(hi) - stirlingCorrection(s);
    return lnGamma(lo) + d;
  }
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
};

/** t − ln(1 + t) for t > −1, accurate near 0 (series in s = t/(2 + t), from ln(1 + t) = 2 atanh s). */
const log1pmx = (t: number): number => {
  if (Math.abs(t) >= 0.5) return t - log1p(t);
  const s = t / (2 + t);
  const s2 = s * s;
  let term = s2 * s;
  let sum = 0;
  for (let k = 3; k < 80; k += 2) {
    const add = term / k;
    sum += add;
    if (Math.abs(add) <= 1e-17 * Math.abs(sum)) break;
    term *= s2;
  }
  return s * t - 2 * sum;
};

/**
 * The constants of Beta(a, b), computed once per distribution; every incomplete-beta function below takes one.
 * `mirror` is the shape of Beta(b, a) (the law of 1 − X).
 */
export type BetaShape = {
  readonly a: number;
  readonly b: number;
  readonly lnB: number;
  /** 1/B(a, b) when representable (for the pow-based front factor), else 0. */
  readonly invB: number;
  /** a, b ≥ 10: the front factor is Didonato & Morris' BRCOMP arrangement, with this constant. */
  readonly big: boolean;
  readonly brcomp: number;
  /** (a + 1)/(a + b + 2): the continued fraction is evaluated for the lower tail below it, the upper above. */
  readonly split: number;
  /** I_½(a, b) and 1 − I_½(a, b), each accurate (which side of ½ a quantile lies on). */
  readonly halfLower: number;
  readonly halfUpper: number;
  readonly mirror: BetaShape;
};

const makeShape = (a: number, b: number, mirror: BetaShape | null): BetaShape => {
  const lnB = lnBeta(a, b);
  const invB = exp(-lnB);
  const big = a >= 10 && b >= 10;
  const s = a + b;
  const shape = {
    a,
    b,
    lnB,
    invB: Number.isFinite(invB) && invB > 1e-300 ? invB : 0,
    big,
    brcomp: big
      ? 0.5 * log((a / s) * b) -
        LN_SQRT_2PI -
        stirlingCorrection(a) -
        stirlingCorrection(b) +
        stirlingCorrection(s)
      : 0,
    split: (a + 1) / (a + b + 2),
    halfLower: 0,
    halfUpper: 0,
    mirror: mirror as BetaShape,
  };
  if (!mirror) shape.mirror = a === b ? shape : makeShape(b, a, shape);
  const t = betaTails(0.5, 0.5, shape, new Float64Array(2));
  shape.halfLower = t[0] as number;
  shape.halfUpper = t[1] as number;
  return shape;
};

/** The shape of Beta(a, b) (a, b > 0). */
export const betaShape = (a: number, b: number): BetaShape => makeShape(a, b, null);

/**
 * ln[x^a (1 − x)^b / B(a, b)], the front factor of I_x(a, b), given x and y = 1 − x (both, so neither is rounded
 * by a subtraction). For a, b ≥ 10 it is Didonato & Morris' BRCOMP arrangement (TOMS 708, 1992):
 * −a·φ(x/x₀ − 1) − b·φ(y/y₀ − 1) + ½ ln(ab / (2π(a + b))) − Δ(a) − Δ(b) + Δ(a + b), x₀ = a/(a + b), φ(t) = t − ln(1 + t).
 */
export const betaLogFront = (x: number, y: number, s: BetaShape): number => {
  const { a, b } = s;
  if (s.big) {
    const x0 = a / (a + b);
    const y0 = b / (a + b);
    // x − x0 = y0 − y: take it from whichever of x, y is the smaller (not rounded by a subtraction)
    const dx = x <= 0.5 ? x - x0 : y0 - y;
    return -a * log1pmx(dx / x0) - b * log1pmx(-dx / y0) + s.brcomp;
  }
  return a * log(x) + b * log(y) - s.lnB;
};

/**
 * The front factor x^a (1 − x)^b / B(a, b) itself: by pow (within an ulp, so better than the exponential of its
 * logarithm far in a tail) when a or b is below 10 and nothing under- or overflows; else exp(betaLogFront).
 */
const betaFront = (x: number, y: number, s: BetaShape): number => {
  if (s.invB > 0) {
    const v = pow(x, s.a) * pow(y, s.b) * s.invB;
    if (v > 1e-300 && v < 1e300) return v;
  }
  return exp(betaLogFront(x, y, s));
};

/** Continued fraction of the incomplete beta function (modified Lentz; Numerical Recipes §6.4). */
const betaContinuedFraction = (a: number, b: number, x: number): number => {
  const FPMIN = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 3e-16) break; // within 1 ulp of 1 (2e-16 can loop forever at 2.2e-16)
  }
  return h;
};

/**
 * ln I_x(a, b) and ln(1 − I_x(a, b)) at x (with y = 1 − x given exactly), each computed directly in the tail where
 * it is small (front factor × continued fraction, the fraction evaluated on the side where it converges), so
 * neither underflows nor loses digits to a subtraction. out[0] = ln lower, out[1] = ln upper.
 */
export const logBetaTails = (x: number, y: number, s: BetaShape, out: Float64Array): Float64Array => {
  if (x <= 0 || y <= 0) {
    out[0] = x <= 0 ? -Infinity : 0;
    out[1] = x <= 0 ? 0 : -Infinity;
    return out;
  }
  const front = betaLogFront(x, y, s);
  if (x < s.split) {
    const lower = front + log(betaContinuedFraction(s.a, s.b, x) / s.a);
    out[0] = lower;
    out[1] = log1p(-exp(lower));
  } else {
    const upper = front + log(betaContinuedFraction(s.b, s.a, y) / s.b);
    out[1] = upper;
    out[0] = log1p(-exp(upper));
  }
  return out;
};

/**
 * I_x(a, b) and 1 − I_x(a, b) in linear scale, the smaller computed directly (front factor × continued fraction)
 * and the other as its complement: out[0] = lower, out[1] = upper. out[2], when present, receives the density.
 */
export const betaTails = (x: number, y: number, s: BetaShape, out: Float64Array): Float64Array => {
  if (x <= 0 || y <= 0) {
    out[0] = x <= 0 ? 0 : 1;
    out[1] = x <= 0 ? 1 : 0;
    if (out.length > 2) out[2] = 0;
    return out;
  }
  const front = betaFront(x, y, s);
  if (x < s.split) {
    out[0] = (front * betaContinuedFraction(s.a, s.b, x)) / s.a;
    out[1] = 1 - (out[0] as number);
  } else {
    out[1] = (front * betaContinuedFraction(s.b, s.a, y)) / s.b;
    out[0] = 1 - (out[1] as number);
  }
  if (out.length > 2) out[2] = front / (x * y);
  return out;
};

const tails = new Float64Array(2);

/** The regularized incomplete beta function I_x(a, b) = P(X ≤ x) for X ~ Beta(a, b). */
export const regularizedBeta = (x: number, a: number, b: number, s = betaShape(a, b)): number => {
  if (!(x > 0)) return 0;
  if (!(x < 1)) return 1;
  const v = betaTails(x, 1 - x, s, tails)[0] as number;
  return v > 1e-300 ? v : exp(logBetaTails(x, 1 - x, s, tails)[0] as number);
};

/** ln of the Beta(a, b) density at x (y = 1 − x given exactly). */
export const betaLogPdf = (x: number, y: number, s: BetaShape): number =>
  betaLogFront(x, y, s) - log(x) - log(y);

const LN_HALF = -0.6931471805599453;

/**
 * The x ≤ ½ at which one tail of Beta(a, b) has a given probability `target` (tail 0: P(X ≤ x), increasing in x;
 * tail 1: P(X > x), decreasing): Newton's method on the tail's logarithm as a function of t = ln x, kept inside a
 * bisection bracket so it always converges, from the small-x asymptote I_x ≈ x^a/(a B(a, b)); then, when the
 * target is a normal double, up to three Newton steps on the tail itself in x (pow-based front factor), which
 * removes the ~|ln x|·ε relative error left by exponentiating a logarithm. Returns 0 when the root underflows.
 * Working in ln x keeps full relative precision for quantiles down to the smallest doubles.
 */
const solveBetaTail = (target: number, tail: 0 | 1, s: BetaShape): number => {
  const { a } = s;
  const logTarget = log(target);
  const sign = tail === 0 ? 1 : -1;
  // g increasing in t, root where g = 0
  const g = (t: number): number => {
    const x = exp(t);
    if (x === 0) return tail === 0 ? -Infinity : -logTarget;
    return sign * ((logBetaTails(x, -expm1(t), s, tails)[tail] as number) - logTarget);
  };
  const lowerTarget = tail === 0 ? logTarget : log1p(-target);
  let t = (lowerTarget + log(a) + s.lnB) / a;
  if (!(t < LN_HALF)) t = Math.min(LN_HALF, log(a / (a + s.b)));
  let lo: number;
  let hi = LN_HALF;
  let gt = g(t);
  if (gt > 0) {
    hi = t;
    for (let step = 1; ; step *= 2) {
      const tt = t - step;
      const gv = g(tt);
      if (!(gv > 0)) {
        lo = tt;
        t = tt;
        gt = gv;
        break;
      }
      hi = tt;
      if (tt < -1e6) return 0;
    }
  } else lo = t;
  if (gt === -Infinity) return 0; // e^t underflowed: the root is below the smallest double
  for (let iter = 0; iter < 200 && gt !== 0; iter++) {
    const x = exp(t);
    const logTail = sign * gt + logTarget;
    // d ln tail / d ln x = ±x·pdf(x)/tail(x)
    const slope = exp(log(x) + betaLogPdf(x, -expm1(t), s) - logTail);
    let next = t - gt / slope;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const done = Math.abs(next - t) <= 2e-16 * Math.max(1, Math.abs(t));
    t = next;
    if (done) break;
    gt = g(t);
    if (gt === -Infinity) return 0;
    if (gt < 0) lo = t;
    else hi = t;
    if (hi - lo <= 2e-16 * Math.max(1, Math.abs(t))) break;
  }
  let x = exp(t);
  if (target > 1e-305 && x > 1e-305) {
    const out = new Float64Array(3);
    let err = Infinity;
    for (let i = 0; i < 3; i++) {
      betaTails(x, 1 - x, s, out);
      const r = (out[tail] as number) - target;
      if (!(Math.abs(r) < err) || r === 0) break;
      err = Math.abs(r);
      const next = x - (sign * r) / (out[2] as number);
      if (!(next > 0 && next < 1) || Math.abs(next - x) > 0.5 * x) break;
      x = next;
    }
  }
  return x;
};

/**
 * The quantile of Beta(a, b) at p, with q = 1 − p given exactly (for p near 1): the root is found in x when it is
 * at most ½ and in y = 1 − x (as a quantile of Beta(b, a)) when it is above, each time from the tail probability
 * that is given exactly (p when p ≤ ½, else q), so the result keeps full relative precision at both ends.
 * Robust (always converges) but a few µs: samplers start from a table instead (Beta.ts).
 */
export const inverseBeta = (p: number, q: number, s: BetaShape): number => {
  if (!(p > 0)) return 0;
  if (!(q > 0)) return 1;
  const useP = p <= 0.5;
  const belowHalf = useP ? p <= s.halfLower : q >= s.halfUpper;
  if (belowHalf) return useP ? solveBetaTail(p, 0, s) : solveBetaTail(q, 1, s);
  // Y = 1 − X ~ Beta(b, a): P(Y ≤ y) = q, P(Y > y) = p
  return 1 - inverseBetaUpper(p, q, s);
};

/** As inverseBeta, for a quantile above ½: y = 1 − x itself, to full relative precision (p, q as there). */
export const inverseBetaUpper = (p: number, q: number, s: BetaShape): number =>
  p <= 0.5 ? solveBetaTail(p, 1, s.mirror) : solveBetaTail(q, 0, s.mirror);

/** Inverse of I_x(a, b) in x: the p-quantile of Beta(a, b) (q = 1 − p may be passed exactly). */
export const inverseRegularizedBeta = (p: number, a: number, b: number, q = 1 - p): number =>
  inverseBeta(p, q, betaShape(a, b));
