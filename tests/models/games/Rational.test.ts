import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rational } from '../../../models/games/Rational';

describe('Rational', () => {
  it('converts numbers via their shortest decimal', () => {
    expect(Rational.from(0.1).toString()).toBe('1/10');
    expect(Rational.from(1e-7).toString()).toBe('1/10000000');
    expect(Rational.from(1.5e21).toString()).toBe('1500000000000000000000');
    expect(Rational.from(-2.5).toString()).toBe('-5/2');
    expect(Rational.from(0).toString()).toBe('0');
    expect(Rational.from(-0).toString()).toBe('0');
    expect(Rational.from(7n).toString()).toBe('7');
  });
  it('parses strings', () => {
    expect(Rational.from('2/3').toString()).toBe('2/3');
    expect(Rational.from('4/-6').toString()).toBe('-2/3');
    expect(Rational.from('-0.25').toString()).toBe('-1/4');
    expect(Rational.from('7').toString()).toBe('7');
    expect(Rational.from('1e-3').toString()).toBe('1/1000');
    expect(Rational.from('.5').toString()).toBe('1/2');
    expect(Rational.from('+3.').toString()).toBe('3');
  });
  it('throws clear errors', () => {
    expect(() => Rational.from(NaN)).toThrow(/not a finite number/);
    expect(() => Rational.from(Infinity)).toThrow(/not a finite number/);
    expect(() => Rational.from('abc')).toThrow(/"abc" is not a rational number/);
    expect(() => Rational.from('1/0')).toThrow(/not a rational/);
    expect(() => Rational.from('.')).toThrow(/not a rational/);
    expect(() => Rational.ONE.div(0)).toThrow(/division by zero/);
    expect(() => Rational.ZERO.inv()).toThrow(/inverse of zero/);
  });
  it('does arithmetic and comparisons', () => {
    const a = Rational.from('1/3');
    const b = Rational.from('1/6');
    expect(a.add(b).toString()).toBe('1/2');
    expect(a.sub(b).toString()).toBe('1/6');
    expect(a.mul(b).toString()).toBe('1/18');
    expect(a.div(b).toString()).toBe('2');
    expect(a.neg().toString()).toBe('-1/3');
    expect(a.neg().abs().equals(a)).toBe(true);
    expect(a.inv().toString()).toBe('3');
    expect(a.cmp(b)).toBe(1);
    expect(a.gt(b) && a.ge(b) && b.lt(a) && b.le(a) && a.le(a)).toBe(true);
    expect(Rational.ZERO.isZero() && Rational.ZERO.sign() === 0 && a.neg().sign() === -1).toBe(true);
    expect(Rational.min(a, b).equals(b)).toBe(true);
    expect(Rational.max(a, b).equals(a)).toBe(true);
    expect(Rational.from('2/3').toNumber()).toBeCloseTo(2 / 3, 15);
    expect(Rational.of(10n ** 400n + 1n, 3n * 10n ** 400n).toNumber()).toBeCloseTo(1 / 3, 15);
  });
  it('round-trips every finite double exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const r = Rational.from(x);
        expect(r.toNumber()).toBe(x === 0 ? 0 : x);
        expect(Rational.from(r.toString()).equals(r)).toBe(true);
        expect(r.den > 0n).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('obeys field laws', () => {
    const q = fc
      .tuple(fc.bigInt({ min: -50n, max: 50n }), fc.bigInt({ min: 1n, max: 50n }))
      .map(([n, d]) => Rational.of(n, d));
    fc.assert(
      fc.property(q, q, q, (a, b, c) => {
        expect(a.add(b).equals(b.add(a))).toBe(true);
        expect(a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c)))).toBe(true);
        expect(a.sub(a).isZero()).toBe(true);
        if (!b.isZero()) expect(a.div(b).mul(b).equals(a)).toBe(true);
        expect(a.cmp(b)).toBe(Math.sign(a.toNumber() - b.toNumber()));
      }),
      { numRuns: 200 },
    );
  });
});
