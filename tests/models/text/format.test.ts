import { describe, expect, it } from 'vitest';
import { Rational } from '../../../models/games/Rational';
import { decimalsOf, formatNice, formatPayoff, formatValue } from '../../../models/text/format';

describe('format', () => {
  it('shows values at the precision of the slider step', () => {
    expect(decimalsOf(0.05)).toBe(2);
    expect(decimalsOf(1)).toBe(0);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(formatValue(0.123456, 0.01)).toBe('0.12');
  });

  it('formats payoffs compactly', () => {
    expect(formatPayoff(3)).toBe('3');
    expect(formatPayoff(0.30000000000000004)).toBe('0.3');
    expect(formatPayoff(-1234.567)).toBe('-1234.6');
  });

  it('keeps exact small fractions, and turns binary-float fractions into decimals', () => {
    expect(formatNice(Rational.of(2n, 3n))).toBe('2/3');
    expect(formatNice(Rational.of(-4499999999999999n, 5000000000000000n))).toBe('-0.9');
    expect(formatNice(Rational.of(11n, 10n))).toBe('11/10');
    expect(formatNice(0.25)).toBe('0.25');
  });
});
