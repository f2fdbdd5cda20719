// The serialisable formula form: a small JSON syntax tree produced from a user formula by compileFormula
// (which uses mathjs to parse) and turned into a plain JS function by instantiateFormula (which never imports mathjs).
// Every node is a plain object; slots index the Float64Array environment; booleans are 0/1.
import { INPUT_LIMITS } from '../text/inputLimits';

export type UnaryOp = 'neg' | 'not' | 'abs' | 'exp' | 'log' | 'sqrt';
export type BinaryOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'mod'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'eq'
  | 'ne'
  | 'and'
  | 'or'
  | 'xor';
export type VariadicOp = 'min' | 'max';

export type FormulaNode =
  | { readonly op: 'num'; readonly v: number }
  | { readonly op: 'slot'; readonly i: number }
  | { readonly op: UnaryOp; readonly a: FormulaNode }
  | { readonly op: BinaryOp; readonly a: FormulaNode; readonly b: FormulaNode }
  | { readonly op: VariadicOp; readonly args: readonly FormulaNode[] }
  | { readonly op: 'if'; readonly c: FormulaNode; readonly a: FormulaNode; readonly b: FormulaNode };

/** A compiled formula's root: the tree plus (optionally) the user's source text, kept for diagnostics. */
export type FormulaRoot = FormulaNode & { readonly src?: string };

/**
 * The serialisable formula form as the rest of models/ sees it (a ModelSpec holds these): opaque JSON whose exact
 * node shapes (FormulaNode) belong to this folder; consumers only pass it to instantiateFormula / instantiateModel,
 * which validate it (it may come from a worker message or a hand-made spec).
 */
export type FormulaIR = { readonly op: string; readonly [key: string]: unknown };

export const UNARY_OPS: ReadonlySet<string> = new Set<UnaryOp>(['neg', 'not', 'abs', 'exp', 'log', 'sqrt']);
export const BINARY_OPS: ReadonlySet<string> = new Set<BinaryOp>([
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'mod',
  'lt',
  'le',
  'gt',
  'ge',
  'eq',
  'ne',
  'and',
  'or',
  'xor',
]);
export const VARIADIC_OPS: ReadonlySet<string> = new Set<VariadicOp>(['min', 'max']);

/** Nesting limit of a formula tree (checked at compile time and again when instantiating untrusted IR). */
export const MAX_FORMULA_DEPTH = INPUT_LIMITS.formulaDepth;
/** Length limit of a formula's source text. */
export const MAX_FORMULA_LENGTH = INPUT_LIMITS.formulaChars;
/** Node-count limit (guards instantiation of hand-made IR). */
export const MAX_FORMULA_NODES = INPUT_LIMITS.formulaNodes;
