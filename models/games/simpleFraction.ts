// The simplest fraction near a float (continued fractions: the convergents h/k of x are its best rational
// approximations, Khinchin 1964, "Continued Fractions", ch. II): how the logit solvers turn a float limit into exact
// candidates that the exact checks then verify.
import { Rational } from './Rational';

/**
 * The first convergent of x's continued fraction within tol of x, or null when none has a denominator up to
 * `maxDenominator` (or x is reached exactly before: a fraction part under 1e-15).
 */
export const simpleFraction = (x: number, tol: number, maxDenominator = 1_000_000n): Rational | null => {
  let h0 = 0n;
  let h1 = 1n;
  let k0 = 1n;
  let k1 = 0n;
  let r = x;
  for (let it = 0; it < 40; it++) {
    const a = Math.floor(r);
    const ab = BigInt(a);
    [h0, h1] = [h1, ab * h1 + h0];
    [k0, k1] = [k1, ab * k1 + k0];
    if (k1 > maxDenominator) return null;
    if (Math.abs(Number(h1) / Number(k1) - x) <= tol) return Rational.of(h1, k1);
    const frac = r - a;
    if (frac < 1e-15) return null;
    r = 1 / frac;
  }
  return null;
};
