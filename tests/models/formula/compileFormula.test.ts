import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../../models/formula/compileFormula';
import { SymbolTable } from '../../../models/formula/SymbolTable';
import { instantiateFormula } from '../../../models/formula/instantiateFormula';

const symbols = new SymbolTable([
  ['russiaSupport', { slot: 0, kind: 'parameter', min: 0, max: 1 }],
  ['x', { slot: 1, kind: 'parameter', min: -1, max: 1 }],
  ['rok.offer', { slot: 2, kind: 'choice', min: 0, max: 1 }],
  ['month', { slot: 3, kind: 'builtin', min: 1, max: 12 }],
  ['tension', { slot: 4, kind: 'state' }],
]);
const ctx = { symbols, label: 'DPRK.provoke' };

const run = (src: string, env: number[]): number => {
  const r = compileFormula(src, ctx);
  if (!r.ok) throw new Error(r.errors.join('; '));
  const a = instantiateFormula(r.ir, 5, 'codegen')(Float64Array.from(env));
  const b = instantiateFormula(r.ir, 5, 'closure')(Float64Array.from(env));
  expect(Object.is(a, b) || Math.abs(a - b) < 1e-12).toBe(true);
  return a;
};
const errorsOf = (src: unknown): string[] => {
  const r = compileFormula(src, ctx);
  return r.ok ? [] : r.errors;
};

describe('compileFormula', () => {
  const env = [0.5, 0.25, 1, 3, 2];
  it.each([
    ['russiaSupport * 2', 1],
    ['if(x > 0, 1, 2) + clamp(x, 0, 0.1)', 1.1],
    ['x > 0 ? 10 : 20', 10],
    ['month == 3 or month == 8', 1],
    ['month == 3 and not (x < 0)', 1],
    ['rok.offer xor 1', 0],
    ['1 < month < 4', 1],
    ['min(x, russiaSupport, 3) + max(1, 2)', 2.25],
    ['abs(-x) + sqrt(4) + exp(0) + log(e) + log(8, 2)', 0.25 + 2 + 1 + 1 + 3],
    ['7 mod 3 + -7 mod 3', 1 + 2],
    ['2^3^2', 512],
    ['-x^2', -0.0625],
    ['2 rok.offer + pi - pi', 2],
    ['true + false', 1],
    ['tension / 4', 0.5],
    ['0.1 + 0.2 == 0.3', 1],
  ])('%s = %d', (src, want) => {
    expect(run(src, env)).toBeCloseTo(want, 12);
  });

  it('suggests the closest name for a typo', () => {
    expect(errorsOf('russiaSuport * 2')).toEqual([
      'unknown parameter "russiaSuport" — did you mean "russiaSupport"?',
    ]);
    expect(errorsOf('rok.ofer')).toEqual(['unknown strategy "rok.ofer" — did you mean "rok.offer"?']);
    expect(errorsOf('tensoin + 1')[0]).toContain('did you mean "tension"');
  });

  it('reports every problem in a formula at once', () => {
    expect(errorsOf('foo + bar + sin(x)')).toHaveLength(3);
  });

  it.each([
    ['import("fs")', /function "import" is not allowed/],
    ['createUnit("knot")', /function "createUnit" is not allowed/],
    ['evaluate("1+1")', /function "evaluate" is not allowed/],
    ['parse("1")', /function "parse" is not allowed/],
    ['simplify("x")', /function "simplify" is not allowed/],
    ['a = 3', /assignments/],
    ['f(x) = 2', /defining functions/],
    ['[1, 2]', /matrices/],
    ['{a: 1}', /objects/],
    ['"abc"', /only numbers/],
    ['1; 2', /only one expression/],
    ['x!', /operator "!" is not allowed/],
    ['x.y.z', /actor\.strategy/],
    ['1 +', /syntax error/],
    ['', /empty/],
    ['1e308^1e308', /Infinity: the numbers are out of range/],
    ['1e308 * 10', /Infinity/],
    ['2 / 0', /formula for DPRK\.provoke divides by 0/],
    ['min()', /min\(\) takes 1 to 64 arguments/],
    ['clamp(x, 1)', /clamp\(\) takes 3 arguments/],
    ['constructor', /unknown name "constructor"/],
    ['__proto__', /unknown name/],
  ])('rejects %s', (src, re) => {
    const errs = errorsOf(src);
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.join('\n')).toMatch(re);
  });

  it('rejects non-strings', () => {
    expect(errorsOf({})).toEqual(['a formula must be a string (or a number)']);
    expect(run(String(3), env)).toBe(3);
  });

  // Bounded work, not time: the long and deeply bracketed inputs are refused by checkFormulaText's length and
  // bracket checks BEFORE mathjs parses (their messages are that step's); the rest by the depth-limited walk.
  it('rejects 10,000-deep parentheses and 1 MB strings before parsing', () => {
    expect(errorsOf('('.repeat(10_000) + 'x' + ')'.repeat(10_000))[0]).toMatch(/too long/);
    expect(errorsOf('('.repeat(900) + 'x' + ')'.repeat(900))[0]).toMatch(/nested too deeply/);
    expect(errorsOf('x+'.repeat(500_000) + 'x')[0]).toMatch(/too long/);
    expect(errorsOf('-'.repeat(1990) + 'x')[0]).toMatch(/nested too deeply/);
    expect(errorsOf('x^'.repeat(990) + 'x')[0]).toMatch(/nested too deeply/);
    expect(errorsOf('('.repeat(900) + 'x' + ')'.repeat(900))[0]).toMatch(/levels of brackets/);
  });

  // Division by a parameter that can be 0 (and every other domain rule) is checked once the whole scenario is
  // compiled, with the true range of every input: tests/models/scenario/checkDomains.test.ts.

  it('respects the allowed kinds of a context', () => {
    const r = compileFormula('rok.offer + x', {
      symbols,
      allowed: new Set(['parameter']),
      notAllowedReason: 'only parameters here',
    });
    expect(r.ok ? [] : r.errors).toEqual(['"rok.offer" cannot be used here: only parameters here']);
  });

  it('keeps the source text on the root and lists the names used', () => {
    const r = compileFormula('x + rok.offer', ctx);
    expect(r.ok && r.ir.src).toBe('x + rok.offer');
    expect(r.ok && r.uses.sort()).toEqual(['rok.offer', 'x']);
  });
});

describe('the locked mathjs instance', () => {
  it('has the dangerous functions disabled (mathjs security guidance)', async () => {
    const { lockedMath } = await import('../../../models/formula/lockedMath');
    const m = lockedMath as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of [
      'import',
      'createUnit',
      'evaluate',
      'parse',
      'simplify',
      'derivative',
      'resolve',
      'compile',
    ]) {
      expect(() => m[name]?.('1'), name).toThrow(`function ${name} is disabled in Parley formulas`);
    }
  });
});
