// The arithmetic the tree algorithms are written against, once: exact rationals (bigint) or floats. One
// implementation of each algorithm serves the exact solvers and the engine's float paths.
import { Rational } from '../Rational';

/** A field of numbers: exact `Rational` or float `number`. */
export type NumField<T> = {
  readonly exact: boolean;
  readonly zero: T;
  readonly one: T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  /** a / b; b ≠ 0. */
  div(a: T, b: T): T;
  /** -1, 0 or 1 (exact comparison; floats compared as given). */
  cmp(a: T, b: T): -1 | 0 | 1;
  isZero(a: T): boolean;
  /** Exact value: a Rational (floats through their shortest decimal). */
  toRational(a: T): Rational;
  toNumber(a: T): number;
};

export const RATIONAL_FIELD: NumField<Rational> = {
  exact: true,
  zero: Rational.ZERO,
  one: Rational.ONE,
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  cmp: (a, b) => a.cmp(b),
  isZero: (a) => a.isZero(),
  toRational: (a) => a,
  toNumber: (a) => a.toNumber(),
};

export const FLOAT_FIELD: NumField<number> = {
  exact: false,
  zero: 0,
  one: 1,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  isZero: (a) => a === 0,
  toRational: (a) => Rational.from(a),
  toNumber: (a) => a,
};
