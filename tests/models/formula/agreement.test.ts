// Property: a compiled formula (both back ends) agrees with mathjs' own evaluation of the same text.
import fc from 'fast-check';
import { all, create, type FactoryFunctionMap } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../../models/formula/compileFormula';
import { SymbolTable } from '../../../models/formula/SymbolTable';
import { instantiateFormula } from '../../../models/formula/instantiateFormula';

// A plain (unlocked) reference instance used only here. Parley formulas use real arithmetic ("predictable"
// mode: sqrt/log of a negative is NaN, not a complex number), and a negative base with a fractional exponent is
// NaN (Math.pow) where mathjs' predictable mode would try to find an odd-root fraction: the reference's pow is
// patched for exactly that case, and is mathjs' own otherwise.
const ref = create(all as FactoryFunctionMap, { predictable: true });
const mathjsPow = ref.pow;
ref.import(
  {
    pow: (x: number, y: number) =>
      x < 0 && Number.isFinite(y) && !Number.isInteger(y) ? NaN : mathjsPow(x, y),
  },
  { override: true },
);

const VARS = ['a', 'b', 'c'];
const symbols = new SymbolTable([
  ['a', { slot: 0, kind: 'parameter' }],
  ['b', { slot: 1, kind: 'parameter' }],
  ['c', { slot: 2, kind: 'state' }],
  ['P.x', { slot: 3, kind: 'choice' }],
  ['P.y', { slot: 4, kind: 'choice' }],
]);

const leaf = fc.oneof(
  fc.constantFrom(...VARS, 'P.x', 'P.y', 'pi', 'e', 'true', 'false'),
  fc.integer({ min: 0, max: 9 }).map(String),
  fc
    .double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true })
    .map((x) => String(Math.round(x * 1000) / 1000)),
);

const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .tuple(
        tie('expr'),
        fc.constantFrom(
          '+',
          '-',
          '*',
          '/',
          '^',
          ' mod ',
          ' < ',
          ' <= ',
          ' > ',
          ' >= ',
          ' == ',
          ' != ',
          ' and ',
          ' or ',
          ' xor ',
        ),
        tie('expr'),
      )
      .map(([x, op, y]) => `(${x}${op}${y})`),
    tie('expr').map((x) => `(-${x})`),
    tie('expr').map((x) => `(not ${x})`),
    fc.tuple(fc.constantFrom('abs', 'exp', 'log', 'sqrt'), tie('expr')).map(([f, x]) => `${f}(${x})`),
    fc
      .tuple(fc.constantFrom('min', 'max'), tie('expr'), tie('expr'), tie('expr'))
      .map(([f, x, y, z]) => `${f}(${x}, ${y}, ${z})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([x, y, z]) => `clamp(${x}, ${y}, ${z})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([x, y, z]) => `if(${x}, ${y}, ${z})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([x, y, z]) => `(${x} ? ${y} : ${z})`),
  ),
}));

const value = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true }),
);

const toNumber = (v: unknown): number => {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return NaN; // Complex (sqrt/log/pow of negatives) → NaN in Parley's real arithmetic
};

const same = (x: number, y: number): boolean => {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return x === y;
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
};

describe('compiled formulas agree with mathjs', () => {
  it('on random formulas and random inputs (codegen and closures)', () => {
    let compared = 0;
    fc.assert(
      fc.property(expr, fc.tuple(value, value, value), fc.boolean(), (src, [a, b, c], xFirst) => {
        const r = compileFormula(src, { symbols });
        if (!r.ok) {
          // only constant subexpressions overflowing (e.g. 99^99^99) are rejected; division by a constant 0 too
          expect(r.errors.join('; ')).toMatch(/out of range|divides by 0/);
          return;
        }
        const x = xFirst ? 1 : 0;
        const env = Float64Array.from([a, b, c, x, 1 - x]);
        const scope = {
          a,
          b,
          c,
          P: { x, y: 1 - x },
          clamp: (v: number, lo: number, hi: number) => ref.min(ref.max(v, lo), hi),
          if: (cond: unknown, t: unknown, f: unknown) => (cond ? t : f),
        };
        let want: number;
        try {
          want = toNumber(ref.evaluate(src, scope));
        } catch {
          return; // mathjs refuses (e.g. a Complex used in a comparison): no reference value
        }
        const got = instantiateFormula(r.ir, 5, 'codegen')(env);
        const gotClosure = instantiateFormula(r.ir, 5, 'closure')(env);
        expect(Object.is(got, gotClosure) || same(got, gotClosure)).toBe(true);
        if (!same(got, want))
          throw new Error(`${src} at a=${a}, b=${b}, c=${c}, x=${x}: compiled ${got}, mathjs ${want}`);
        compared++;
      }),
      { numRuns: 600, seed: 20250728 },
    );
    expect(compared).toBeGreaterThan(300);
  });
});
