// High-precision references for the distribution tests, computed independently of models/random: 60-digit decimal
// arithmetic (mathjs' BigNumber, i.e. decimal.js) with textbook series and continued fractions — a different method
// at ~45 more digits, so the double-precision code can be measured against it.
import { all, create, type BigNumber, type FactoryFunctionMap } from 'mathjs';

const math = create(all as FactoryFunctionMap, { number: 'BigNumber', precision: 60 });
/** The 60-digit decimal type. */
export const D = (math as unknown as { BigNumber: new (x: number | string) => BigNumber }).BigNumber;
export type Dec = InstanceType<typeof D>;

/**
 * A double's EXACT value as a decimal (decimal.js would take a number's shortest decimal form: 0.001 for the double
 * 0.001000000000000000020816681711721685…, which is a different number).
 */
export const exact = (x: number): Dec => {
  if (x === 0 || !Number.isFinite(x)) return new D(x);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const e = (biased === 0 ? 1 : biased) - 1075;
  const v = new D(mantissa.toString()).times(new D(2).pow(e));
  return negative ? v.neg() : v;
};

const dec = (x: number | string | Dec): Dec =>
  typeof x === 'object' ? x : typeof x === 'number' ? exact(x) : new D(x);
const ONE = dec(1);
const TWO = dec(2);
const PI = dec(math.pi as unknown as Dec);
const SQRT_2PI = PI.times(2).sqrt();
const LN_2PI_HALF = PI.times(2).ln().div(2);

/** φ(t), the standard normal density. */
export const normalPdf = (t: Dec): Dec => t.times(t).div(-2).exp().div(SQRT_2PI);

/**
 * Φ̄(t) = P(Z > t) for any t: the power series of erf for |t| ≤ 10 (60 digits absorb its cancellation of up to
 * e^50), Laplace's continued fraction for Mills' ratio beyond (evaluated backwards from 400 terms).
 */
export const normalUpperTail = (x: number | Dec): Dec => {
  const t = dec(x);
  if (t.isNegative()) return ONE.minus(normalUpperTail(t.neg()));
  if (t.lte(10)) {
    // Φ(t) − ½ = φ-series: Σ t^{2n+1} / (1·3·5⋯(2n+1)) · φ(t)
    let term = t;
    let sum = t;
    const t2 = t.times(t);
    for (let n = 1; n < 2000; n++) {
      term = term.times(t2).div(2 * n + 1);
      sum = sum.plus(term);
      if (term.lt(sum.times('1e-62'))) break;
    }
    return dec(0.5).minus(sum.times(normalPdf(t)));
  }
  // R(t) = 1/(t + 1/(t + 2/(t + 3/(t + …))))
  let r = t;
  for (let k = 400; k >= 1; k--) r = t.plus(dec(k).div(r));
  return normalPdf(t).div(r);
};

/** P(0 ≤ Z ≤ t) for t ≥ 0, by the series itself when t ≤ 10 (no subtraction: right for tiny t too). */
const halfMass = (t: Dec): Dec => {
  if (t.gt(10)) return dec(0.5).minus(normalUpperTail(t));
  let term = t;
  let sum = t;
  const t2 = t.times(t);
  for (let n = 1; n < 2000; n++) {
    term = term.times(t2).div(2 * n + 1);
    sum = sum.plus(term);
    if (term.lt(sum.times('1e-62'))) break;
  }
  return sum.times(normalPdf(t));
};

const INF = new D(Infinity);

/** P(a ≤ Z ≤ b) (either end may be infinite), each part from the side where it is small. */
export const normalMass = (lo: number | Dec, hi: number | Dec): Dec => {
  const a = dec(lo);
  const b = dec(hi);
  if (b.lte(0)) return normalMass(b.neg(), a.neg());
  if (a.gte(0)) {
    if (b.eq(INF)) return normalUpperTail(a);
    return a.lte(10) && b.lte(10)
      ? halfMass(b).minus(halfMass(a))
      : normalUpperTail(a).minus(normalUpperTail(b));
  }
  return (a.eq(INF.neg()) ? dec(0.5) : halfMass(a.neg())).plus(b.eq(INF) ? dec(0.5) : halfMass(b));
};

/**
 * The reference quantile of the standard normal conditioned on [a, b] at u: Newton's method at 60 digits from the
 * double result `start` on P(a ≤ Z ≤ z) = u·P(a ≤ Z ≤ b).
 */
export const truncatedNormalQuantile = (a: number, b: number, u: number, start: number): Dec => {
  const target = dec(u).times(normalMass(a, b));
  let z = dec(start);
  for (let i = 0; i < 8; i++) {
    const step = normalMass(a, z).minus(target).div(normalPdf(z));
    z = z.minus(step);
    // quadratic convergence: after a step below 1e-30 relative the error is of order 1e-60 (the tests need ~1e-20)
    if (step.abs().lt(z.abs().plus('1e-300').times('1e-30'))) break;
  }
  return z;
};

// Bernoulli numbers B2, B4, …, B30 (Stirling's series for ln Γ).
const BERNOULLI: [number, number][] = [
  [1, 6],
  [-1, 30],
  [1, 42],
  [-1, 30],
  [5, 66],
  [-691, 2730],
  [7, 6],
  [-3617, 510],
  [43867, 798],
  [-174611, 330],
  [854513, 138],
  [-236364091, 2730],
  [8553103, 6],
  [-23749461029, 870],
  [8615841276005, 14322],
];

/** ln Γ(x), x > 0: shifted to x + N ≥ 40, then Stirling's series to the B30 term (error below 1e-40). */
export const lnGamma = (x: number | Dec): Dec => {
  let z = dec(x);
  let shift = dec(0);
  while (z.lt(40)) {
    shift = shift.plus(z.ln());
    z = z.plus(1);
  }
  let s = z.minus(0.5).times(z.ln()).minus(z).plus(LN_2PI_HALF);
  let zp = z;
  const z2 = z.times(z);
  BERNOULLI.forEach(([n, d], k) => {
    const twoK = 2 * (k + 1);
    s = s.plus(
      dec(n).div(
        dec(d)
          .times(twoK * (twoK - 1))
          .times(zp),
      ),
    );
    zp = zp.times(z2);
  });
  return s.minus(shift);
};

/** ln B(a, b) (a, b the exact values of the doubles, and a + b their exact sum). */
export const lnBeta = (a: number, b: number): Dec =>
  lnGamma(exact(a))
    .plus(lnGamma(exact(b)))
    .minus(lnGamma(exact(a).plus(exact(b))));

/**
 * I_x(a, b) for x ≤ a/(a + b) by the hypergeometric series x^a (1−x)^b / (a B) · Σ (a+b)_n/(a+1)_n xⁿ when
 * a + b ≤ 2000, else by the continued fraction (Numerical Recipes' form) evaluated backwards at 60 digits. Every
 * double enters exactly (x^a is sensitive to the last bit of a when ln x is large).
 */
const lowerTailBelowMean = (x: Dec, a: number, b: number): Dec => {
  const A = exact(a);
  const B = exact(b);
  const AB = A.plus(B);
  const front = x.ln().times(A).plus(ONE.minus(x).ln().times(B)).minus(lnBeta(a, b)).exp();
  if (a + b <= 2000) {
    let term = ONE;
    let sum = ONE;
    for (let n = 0; n < 200000; n++) {
      term = term
        .times(AB.plus(n))
        .div(A.plus(1 + n))
        .times(x);
      sum = sum.plus(term);
      if (term.lt(sum.times('1e-50'))) break;
    }
    return front.times(sum).div(A);
  }
  // continued fraction 1/(1+ d1/(1+ d2/(1+ …))), d_{2m+1} = −(a+m)(a+b+m)x/((a+2m)(a+2m+1)), d_{2m} = m(b−m)x/((a+2m−1)(a+2m))
  const terms = Math.ceil(20 * Math.sqrt(a + b)) + 200;
  let f = ONE;
  for (let j = terms; j >= 1; j--) {
    const m = Math.floor(j / 2);
    const dj =
      j % 2 === 1
        ? A.plus(m)
            .times(AB.plus(m))
            .times(x)
            .neg()
            .div(A.plus(2 * m).times(A.plus(2 * m + 1)))
        : dec(m)
            .times(B.minus(m))
            .times(x)
            .div(A.plus(2 * m - 1).times(A.plus(2 * m)));
    f = ONE.plus(dj.div(f));
  }
  return front.div(f).div(A);
};

/** I_x(a, b) = P(X ≤ x) and its complement, for X ~ Beta(a, b), each from the side it is small on. */
export const betaTails = (x: Dec, a: number, b: number): [Dec, Dec] => {
  if (x.lte(exact(a).div(exact(a).plus(exact(b))))) {
    const lo = lowerTailBelowMean(x, a, b);
    return [lo, ONE.minus(lo)];
  }
  const up = lowerTailBelowMean(ONE.minus(x), b, a);
  return [ONE.minus(up), up];
};

/** The Beta(a, b) density. */
export const betaPdf = (x: Dec, a: number, b: number): Dec =>
  x
    .ln()
    .times(exact(a).minus(1))
    .plus(ONE.minus(x).ln().times(exact(b).minus(1)))
    .minus(lnBeta(a, b))
    .exp();

/**
 * The reference p-quantile of Beta(a, b): Newton's method at 60 digits from the double result, on the tail that is
 * small (P(X ≤ x) = p for p ≤ ½, P(X > x) = 1 − p otherwise), with the conditioning of x in that tail,
 * κ = |d ln x / d ln tail| = tail / (x · pdf) (two digits are enough: it scales the test's tolerance), taken at the
 * last iterate so that no extra 60-digit tail is computed. Newton converges quadratically from a start good to
 * ~1e-16, so a step below 1e-30 · x leaves an error of order 1e-60: far below the ~1e-20 the tests need.
 */
export const betaQuantile = (a: number, b: number, p: number, start: number): { x: Dec; kappa: number } => {
  const upper = p > 0.5;
  const target = upper ? ONE.minus(exact(p)) : exact(p);
  let x = exact(start);
  if (x.lte(0) || x.gte(1)) return { x, kappa: NaN };
  let kappa = NaN;
  for (let i = 0; i < 12; i++) {
    const [lo, up] = betaTails(x, a, b);
    const tail = upper ? up : lo;
    const pdf = betaPdf(x, a, b);
    kappa = tail.div(x.times(pdf)).abs().toNumber();
    const r = upper ? target.minus(up) : lo.minus(target);
    const step = r.div(pdf);
    let next = x.minus(step);
    if (next.lte(0)) next = x.div(2);
    if (next.gte(1)) next = x.plus(ONE).div(2);
    x = next;
    if (step.abs().lt(x.times('1e-30'))) break;
  }
  return { x, kappa };
};

/** |a − b| / |b| as a double. */
export const relativeError = (a: number, b: Dec): number => {
  if (b.isZero()) return Math.abs(a);
  return dec(a).minus(b).div(b).abs().toNumber();
};

export { TWO };
