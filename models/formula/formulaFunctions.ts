// The vocabulary of formulas: the functions a formula may call, the operators, the constants, the reserved names,
// and the mathjs syntax that is refused (with the message saying why). Everything else is refused too.
import type { FormulaNode } from './FormulaIR';

/** Functions a formula may call, with their arities [min, max]. */
export const FORMULA_FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  min: [1, 64],
  max: [1, 64],
  abs: [1, 1],
  exp: [1, 1],
  log: [1, 2],
  sqrt: [1, 1],
  clamp: [3, 3],
  if: [3, 3],
};

/** Names with a fixed meaning in formulas (cannot be used as ids). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(FORMULA_FUNCTIONS),
  'pi',
  'e',
  'true',
  'false',
  'and',
  'or',
  'not',
  'xor',
  'mod',
  'to',
  'in',
  'round',
  'month',
]);

/** Named constants, folded into numbers. */
export const FORMULA_CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

/** mathjs operator function names → IR operators ('pos' = unary plus, dropped). */
export const FORMULA_OPERATORS: Readonly<Record<string, FormulaNode['op'] | 'pos'>> = {
  add: 'add',
  subtract: 'sub',
  multiply: 'mul',
  divide: 'div',
  pow: 'pow',
  mod: 'mod',
  unaryMinus: 'neg',
  unaryPlus: 'pos',
  smaller: 'lt',
  smallerEq: 'le',
  larger: 'gt',
  largerEq: 'ge',
  equal: 'eq',
  unequal: 'ne',
  and: 'and',
  or: 'or',
  xor: 'xor',
  not: 'not',
};

/** mathjs node types a formula may not contain, with the message for each. */
export const REFUSED_SYNTAX: Readonly<Record<string, string>> = {
  AssignmentNode: 'assignments ("=") are not allowed — use "==" to compare',
  FunctionAssignmentNode: 'defining functions is not allowed',
  BlockNode: 'only one expression is allowed (no ";" or line breaks between expressions)',
  ArrayNode: 'matrices and lists ([...]) are not allowed',
  ObjectNode: 'objects ({...}) are not allowed',
  RangeNode: 'ranges (a:b) are not allowed',
  IndexNode: 'indexing is not allowed',
};
