import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formulaToJs, instantiateFormula, validateIR } from '../../../models/formula/instantiateFormula';

describe('instantiateFormula', () => {
  it('evaluates IR with both back ends', () => {
    const ir = {
      op: 'add',
      a: { op: 'slot', i: 0 },
      b: { op: 'mul', a: { op: 'num', v: 2 }, b: { op: 'slot', i: 1 } },
    };
    for (const backend of ['codegen', 'closure'] as const) {
      expect(instantiateFormula(ir, 2, backend)(Float64Array.from([1, 3]))).toBe(7);
    }
  });

  it('keeps negative zero and exponent literals intact in generated code', () => {
    expect(Object.is(instantiateFormula({ op: 'num', v: -0 }, 0, 'codegen')(new Float64Array(0)), -0)).toBe(
      true,
    );
    expect(instantiateFormula({ op: 'num', v: 1e-300 }, 0, 'codegen')(new Float64Array(0))).toBe(1e-300);
  });

  it.each([
    [{ op: 'num', v: '1); globalThis.pwned = 1; (1' }, /finite number/],
    [{ op: 'num', v: Infinity }, /finite number/],
    [{ op: 'slot', i: '0] + globalThis.pwned + env[0' }, /outside the environment/],
    [{ op: 'slot', i: 1.5 }, /outside the environment/],
    [{ op: 'slot', i: 99 }, /outside the environment/],
    [{ op: 'eval', a: { op: 'num', v: 1 } }, /unknown formula IR op/],
    [{ op: 'add', a: { op: 'num', v: 1 } }, /not an object/],
    [{ op: 'min', args: [] }, /at least one argument/],
    [null, /not an object/],
  ])('rejects hand-made IR %j (no injection)', (ir, re) => {
    expect(() => instantiateFormula(ir, 2, 'codegen')).toThrow(re);
    expect(() => instantiateFormula(ir, 2, 'closure')).toThrow(re);
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('rejects over-deep IR', () => {
    let ir: unknown = { op: 'num', v: 1 };
    for (let i = 0; i < 200; i++) ir = { op: 'neg', a: ir };
    expect(() => validateIR(ir, 0)).toThrow(/nested too deeply/);
  });

  it('generates source containing only operators, helpers, numbers and slots', () => {
    const ir = validateIR(
      {
        op: 'if',
        c: { op: 'lt', a: { op: 'slot', i: 0 }, b: { op: 'num', v: 1e21 } },
        a: {
          op: 'max',
          args: [
            { op: 'sqrt', a: { op: 'slot', i: 1 } },
            { op: 'num', v: -2.5 },
          ],
        },
        b: { op: 'mod', a: { op: 'slot', i: 0 }, b: { op: 'num', v: 3 } },
      },
      2,
    );
    const src = formulaToJs(ir);
    const stripped = src
      .replace(/\bH\.(lt|le|gt|ge|eq|ne|mod|min|max)\b/g, '')
      .replace(/\bMath\.(abs|exp|log|sqrt|min|max)\b/g, '')
      .replace(/\benv\[\d+\]/g, '')
      .replace(/\d+(\.\d+)?(e[+-]?\d+)?/g, '');
    expect(stripped).toMatch(/^[\s()+\-*/?:!=&|,<>]*$/);
  });

  it('never imports mathjs from the runtime side (import graph)', () => {
    const root = resolve(import.meta.dirname, '../../..');
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      expect(text, `${file} imports mathjs`).not.toMatch(/from\s+['"]mathjs['"]|import\(\s*['"]mathjs['"]/);
      for (const m of text.matchAll(/^import\s+(?!type\b)[^'"]*from\s+['"](\.[^'"]+)['"]/gm)) {
        const spec = m[1] as string;
        if (spec.endsWith('.json')) continue;
        visit(resolve(file, '..', `${spec}.ts`));
      }
    };
    for (const entry of [
      'models/scenario/instantiateModel.ts',
      'models/scenario/reduceToGame.ts',
      'models/scenario/describeNonFinite.ts',
      'models/formula/instantiateFormula.ts',
    ]) {
      visit(resolve(root, entry));
    }
    expect(seen.size).toBeGreaterThan(4);
  });
});
