// The one mathjs instance, locked down per mathjs' security guidance. User formulas are never evaluated by
// mathjs: they are only parsed (with the parser captured below, before the lockdown) and translated to FormulaIR.
// The dangerous functions are replaced in the instance so nothing (not even a later change that starts evaluating
// with it) can reach them.
//
// The instance is built from the parser's factories only (`parseDependencies`: the syntax-tree node classes, the
// parser and what they need), from mathjs' number-only entry point: no BigNumber/Fraction/Complex/Unit/matrix
// function library is created. That makes it ~35 MB lighter and ~0.5–1 s faster to load in every CLI command,
// and leaves nothing a formula could reach even if it were ever evaluated.
import type { FactoryFunctionMap, MathNode } from 'mathjs';
import { create, parseDependencies } from 'mathjs/number';

const math = create({ parseDependencies } as FactoryFunctionMap, { number: 'number', predictable: true });

/** Captured before locking; private to models/formula (never exposed to user formulas). */
const parseFn = math.parse.bind(math);

const disabled = (name: string) => () => {
  throw new Error(`function ${name} is disabled in Parley formulas`);
};

math.import(
  Object.fromEntries(
    [
      'import',
      'createUnit',
      'evaluate',
      'parse',
      'simplify',
      'simplifyConstant',
      'simplifyCore',
      'derivative',
      'resolve',
      'reviver',
      'compile',
      'parser',
      'rationalize',
      'leafCount',
      'symbolicEqual',
      'chain',
    ].map((n) => [n, disabled(n)]),
  ),
  { override: true },
);

/** Parse formula text into a mathjs syntax tree (throws mathjs' SyntaxError on bad input). */
export const parseToMathNode = (text: string): MathNode => parseFn(text);

/** The locked instance (for tests that check the lockdown). */
export const lockedMath = math;
