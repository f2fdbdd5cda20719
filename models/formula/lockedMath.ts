// The one mathjs instance, locked down per mathjs' security guidance. User formulas are never evaluated by
// mathjs: they are only parsed (with the parser captured below, before the lockdown) and translated to FormulaIR.
// The dangerous functions are replaced in the instance so nothing (not even a later change that starts evaluating
// with it) can reach them.
import { all, create, type FactoryFunctionMap, type MathNode } from 'mathjs';

const math = create(all as FactoryFunctionMap, { number: 'number', predictable: true });

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
