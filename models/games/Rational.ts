// Exact rational numbers on bigint: always normalised (gcd(num, den) = 1, den > 0).
// Immutable; every operation returns a new (normalised) value.

const bigAbs = (a: bigint): bigint => (a < 0n ? -a : a);

/** Greatest common divisor of |a| and |b| (gcd(0, 0) = 0). */
export const bigGcd = (a: bigint, b: bigint): bigint => {
  let x = bigAbs(a);
  let y = bigAbs(b);
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
};

const DECIMAL = /^([+-]?)(\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const FRACTION = /^([+-]?\d+)\s*\/\s*([+-]?\d+)$/;

export type RationalLike = number | bigint | string | Rational;

export class Rational {
  /** Numerator (carries the sign). */
  readonly num: bigint;
  /** Denominator, always > 0. */
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO: Rational = new Rational(0n, 1n);
  static readonly ONE: Rational = new Rational(1n, 1n);

  /** num/den normalised; throws on a zero denominator. */
  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError('Rational: zero denominator');
    if (den === 1n) return num === 0n ? Rational.ZERO : new Rational(num, 1n);
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = bigGcd(num, den);
    if (g === 0n || g === 1n) return new Rational(num, den);
    return new Rational(num / g, den / g);
  }

  /** Integer value. */
  static int(n: bigint | number): Rational {
    if (typeof n === 'number') {
      if (!Number.isInteger(n)) throw new RangeError(`Rational.int: ${n} is not an integer`);
      n = BigInt(n);
    }
    return n === 0n ? Rational.ZERO : n === 1n ? Rational.ONE : new Rational(n, 1n);
  }

  /**
   * Convert a number (via its shortest round-trip decimal, so 0.1 is 1/10), a bigint, a string
   * ("2/3", "-0.25", "7", "1e-3") or a Rational. Throws on NaN, ±Infinity and malformed strings.
   */
  static from(x: RationalLike): Rational {
    if (x instanceof Rational) return x;
    if (typeof x === 'bigint') return Rational.int(x);
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) throw new RangeError(`Rational.from: ${x} is not a finite number`);
      if (Number.isInteger(x) && Number.isSafeInteger(x)) return Rational.int(x);
      const parsed = Rational.parse(String(x));
      if (!parsed) throw new RangeError(`Rational.from: cannot convert ${x}`);
      return parsed;
    }
    if (typeof x === 'string') {
      const parsed = Rational.parse(x.trim());
      if (!parsed) throw new RangeError(`Rational.from: "${x}" is not a rational number`);
      return parsed;
    }
    throw new TypeError(`Rational.from: unsupported value ${String(x)}`);
  }

  /** Parse "p/q", an integer or a decimal with optional exponent; null when malformed. */
  static parse(s: string): Rational | null {
    const f = FRACTION.exec(s);
    if (f) {
      const den = BigInt(f[2] as string);
      if (den === 0n) return null;
      return Rational.of(BigInt(f[1] as string), den);
    }
    const d = DECIMAL.exec(s);
    if (!d) return null;
    const [, sign, intPart = '', fracPart = '', expPart] = d;
    if (intPart === '' && fracPart === '') return null;
    let num = BigInt((intPart || '0') + fracPart);
    if (sign === '-') num = -num;
    let exp = (expPart === undefined ? 0 : Number(expPart)) - fracPart.length;
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > 100_000) return null;
    if (exp >= 0) return Rational.of(num * 10n ** BigInt(exp), 1n);
    exp = -exp;
    return Rational.of(num, 10n ** BigInt(exp));
  }

  add(o: RationalLike): Rational {
    const b = Rational.from(o);
    if (this.den === 1n && b.den === 1n) return Rational.int(this.num + b.num);
    return Rational.of(this.num * b.den + b.num * this.den, this.den * b.den);
  }

  sub(o: RationalLike): Rational {
    const b = Rational.from(o);
    if (this.den === 1n && b.den === 1n) return Rational.int(this.num - b.num);
    return Rational.of(this.num * b.den - b.num * this.den, this.den * b.den);
  }

  mul(o: RationalLike): Rational {
    const b = Rational.from(o);
    if (this.den === 1n && b.den === 1n) return Rational.int(this.num * b.num);
    return Rational.of(this.num * b.num, this.den * b.den);
  }

  div(o: RationalLike): Rational {
    const b = Rational.from(o);
    if (b.num === 0n) throw new RangeError('Rational: division by zero');
    return Rational.of(this.num * b.den, this.den * b.num);
  }

  neg(): Rational {
    return this.num === 0n ? this : new Rational(-this.num, this.den);
  }

  abs(): Rational {
    return this.num < 0n ? new Rational(-this.num, this.den) : this;
  }

  inv(): Rational {
    if (this.num === 0n) throw new RangeError('Rational: inverse of zero');
    return Rational.of(this.den, this.num);
  }

  /** -1, 0 or 1. */
  cmp(o: RationalLike): -1 | 0 | 1 {
    const b = Rational.from(o);
    const l = this.num * b.den;
    const r = b.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  equals(o: RationalLike): boolean {
    const b = Rational.from(o);
    return this.num === b.num && this.den === b.den;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  lt(o: RationalLike): boolean {
    return this.cmp(o) < 0;
  }
  le(o: RationalLike): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: RationalLike): boolean {
    return this.cmp(o) > 0;
  }
  ge(o: RationalLike): boolean {
    return this.cmp(o) >= 0;
  }

  /** Nearest double (also for numerators/denominators beyond the double range). */
  toNumber(): number {
    const n = Number(this.num);
    const d = Number(this.den);
    if (Math.abs(n) <= 2 ** 53 && d <= 2 ** 53) return n / d;
    // Scale to ~40 significant decimal digits and let the (correctly rounded) decimal parser finish.
    const a = bigAbs(this.num);
    const k = a.toString().length - this.den.toString().length;
    const shift = 40 - k;
    const q = shift >= 0 ? (a * 10n ** BigInt(shift)) / this.den : a / (this.den * 10n ** BigInt(-shift));
    return Number(`${this.num < 0n ? '-' : ''}${q}e${-shift}`);
  }

  /** "2/3", "-1", "0". */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  toJSON(): string {
    return this.toString();
  }

  static min(a: Rational, ...rest: Rational[]): Rational {
    let m = a;
    for (const r of rest) if (r.lt(m)) m = r;
    return m;
  }

  static max(a: Rational, ...rest: Rational[]): Rational {
    let m = a;
    for (const r of rest) if (r.gt(m)) m = r;
    return m;
  }
}
