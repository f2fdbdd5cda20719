// FormulaIR → NumFn, WITHOUT mathjs. Two back ends with identical semantics:
//  - 'codegen': JavaScript source generated from the IR and compiled with `new Function` (fastest). The source
//    only ever contains our own operators, finite numeric literals and integer slot indices: the IR is validated
//    first, so no text from a scenario file can reach the generated code.
//  - 'closure': a tree of closures, for runtimes that forbid eval (the renderer page's CSP has no unsafe-eval).
// The default back end is probed once: codegen when `new Function` works, else closures.
import {
  BINARY_OPS,
  MAX_FORMULA_DEPTH,
  MAX_FORMULA_NODES,
  UNARY_OPS,
  VARIADIC_OPS,
  type FormulaNode,
} from './FormulaIR';
import { RUNTIME_OPS } from './runtimeOps';

/** A compiled formula: reads numeric slots of the environment array, returns a number (booleans are 0/1). */
export type NumFn = (env: Float64Array) => number;

export type Backend = 'codegen' | 'closure';

export class FormulaIRError extends Error {
  override readonly name = 'FormulaIRError';
}

let probed: boolean | null = null;

/** True when this runtime allows `new Function` (probed once; a CSP without unsafe-eval makes it throw). */
export const canGenerateCode = (): boolean => {
  if (probed === null) {
    try {
      probed = new Function('return 1')() === 1;
    } catch {
      probed = false;
    }
  }
  return probed;
};

/**
 * Check that an untrusted value is a well-formed FormulaNode: known ops, finite numeric literals, integer slots
 * in [0, envSize), bounded depth and size. Throws FormulaIRError naming the problem.
 */
export const validateIR = (ir: unknown, envSize: number): FormulaNode => {
  let nodes = 0;
  const visit = (n: unknown, depth: number): void => {
    if (depth > MAX_FORMULA_DEPTH + 8) throw new FormulaIRError('formula IR is nested too deeply');
    if (++nodes > MAX_FORMULA_NODES) throw new FormulaIRError('formula IR has too many nodes');
    if (typeof n !== 'object' || n === null) throw new FormulaIRError('formula IR node is not an object');
    const node = n as Record<string, unknown>;
    const op = node.op;
    if (op === 'num') {
      if (typeof node.v !== 'number' || !Number.isFinite(node.v)) {
        throw new FormulaIRError('formula IR literal is not a finite number');
      }
    } else if (op === 'slot') {
      const i = node.i;
      if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= envSize) {
        throw new FormulaIRError(`formula IR slot ${String(i)} is outside the environment (size ${envSize})`);
      }
    } else if (typeof op === 'string' && UNARY_OPS.has(op)) {
      visit(node.a, depth + 1);
    } else if (typeof op === 'string' && BINARY_OPS.has(op)) {
      visit(node.a, depth + 1);
      visit(node.b, depth + 1);
    } else if (typeof op === 'string' && VARIADIC_OPS.has(op)) {
      if (!Array.isArray(node.args) || node.args.length < 1) {
        throw new FormulaIRError(`formula IR ${op} needs at least one argument`);
      }
      for (const a of node.args) visit(a, depth + 1);
    } else if (op === 'if') {
      visit(node.c, depth + 1);
      visit(node.a, depth + 1);
      visit(node.b, depth + 1);
    } else {
      throw new FormulaIRError(`unknown formula IR op ${JSON.stringify(String(op)).slice(0, 40)}`);
    }
  };
  visit(ir, 0);
  return ir as FormulaNode;
};

const literal = (v: number): string => (Object.is(v, -0) ? '(-0)' : `(${String(v)})`);

const INFIX: Readonly<Record<string, string>> = { add: '+', sub: '-', mul: '*', div: '/' };
const HELPER_CALL: Readonly<Record<string, string>> = {
  lt: 'H.lt',
  le: 'H.le',
  gt: 'H.gt',
  ge: 'H.ge',
  eq: 'H.eq',
  ne: 'H.ne',
  mod: 'H.mod',
};
const MATH1: Readonly<Record<string, string>> = {
  abs: 'Math.abs',
  exp: 'H.exp',
  log: 'H.log',
  sqrt: 'Math.sqrt',
};

/** JavaScript expression source for a (validated) node, reading `env` and helpers `H`. */
export const formulaToJs = (node: FormulaNode): string => {
  switch (node.op) {
    case 'num':
      return literal(node.v);
    case 'slot':
      return `env[${node.i | 0}]`;
    case 'neg':
      return `(-${formulaToJs(node.a)})`;
    case 'not':
      return `(${formulaToJs(node.a)} ? 0 : 1)`;
    case 'abs':
    case 'exp':
    case 'log':
    case 'sqrt':
      return `${MATH1[node.op]}(${formulaToJs(node.a)})`;
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
      return `(${formulaToJs(node.a)} ${INFIX[node.op]} ${formulaToJs(node.b)})`;
    case 'pow':
      return `H.pow(${formulaToJs(node.a)}, ${formulaToJs(node.b)})`;
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
    case 'eq':
    case 'ne':
    case 'mod':
      return `${HELPER_CALL[node.op]}(${formulaToJs(node.a)}, ${formulaToJs(node.b)})`;
    case 'and':
      return `(${formulaToJs(node.a)} && ${formulaToJs(node.b)} ? 1 : 0)`;
    case 'or':
      return `(${formulaToJs(node.a)} || ${formulaToJs(node.b)} ? 1 : 0)`;
    case 'xor':
      return `(!${formulaToJs(node.a)} !== !${formulaToJs(node.b)} ? 1 : 0)`;
    case 'min':
    case 'max':
      return `H.${node.op}(${node.args.map(formulaToJs).join(', ')})`;
    case 'if':
      return `(${formulaToJs(node.c)} ? ${formulaToJs(node.a)} : ${formulaToJs(node.b)})`;
  }
};

/** Arithmetic with leaf operands (slots, numbers) read directly: fewer closure calls on the no-eval path. */
const arithmeticClosure = (op: 'add' | 'sub' | 'mul' | 'div', a: FormulaNode, b: FormulaNode): NumFn => {
  const ai = a.op === 'slot' ? a.i : 0;
  const bi = b.op === 'slot' ? b.i : 0;
  const av = a.op === 'num' ? a.v : 0;
  const bv = b.op === 'num' ? b.v : 0;
  const fa = closureOf(a);
  const fb = closureOf(b);
  switch (op) {
    case 'add':
      if (a.op === 'slot' && b.op === 'slot') return (env) => (env[ai] as number) + (env[bi] as number);
      if (a.op === 'slot' && b.op === 'num') return (env) => (env[ai] as number) + bv;
      if (a.op === 'num' && b.op === 'slot') return (env) => av + (env[bi] as number);
      if (b.op === 'num') return (env) => fa(env) + bv;
      if (a.op === 'num') return (env) => av + fb(env);
      if (b.op === 'slot') return (env) => fa(env) + (env[bi] as number);
      if (a.op === 'slot') return (env) => (env[ai] as number) + fb(env);
      return (env) => fa(env) + fb(env);
    case 'sub':
      if (a.op === 'slot' && b.op === 'slot') return (env) => (env[ai] as number) - (env[bi] as number);
      if (a.op === 'slot' && b.op === 'num') return (env) => (env[ai] as number) - bv;
      if (a.op === 'num' && b.op === 'slot') return (env) => av - (env[bi] as number);
      if (b.op === 'num') return (env) => fa(env) - bv;
      if (a.op === 'num') return (env) => av - fb(env);
      if (b.op === 'slot') return (env) => fa(env) - (env[bi] as number);
      if (a.op === 'slot') return (env) => (env[ai] as number) - fb(env);
      return (env) => fa(env) - fb(env);
    case 'mul':
      if (a.op === 'slot' && b.op === 'slot') return (env) => (env[ai] as number) * (env[bi] as number);
      if (a.op === 'slot' && b.op === 'num') return (env) => (env[ai] as number) * bv;
      if (a.op === 'num' && b.op === 'slot') return (env) => av * (env[bi] as number);
      if (b.op === 'num') return (env) => fa(env) * bv;
      if (a.op === 'num') return (env) => av * fb(env);
      if (b.op === 'slot') return (env) => fa(env) * (env[bi] as number);
      if (a.op === 'slot') return (env) => (env[ai] as number) * fb(env);
      return (env) => fa(env) * fb(env);
    case 'div':
      if (a.op === 'slot' && b.op === 'slot') return (env) => (env[ai] as number) / (env[bi] as number);
      if (a.op === 'slot' && b.op === 'num') return (env) => (env[ai] as number) / bv;
      if (a.op === 'num' && b.op === 'slot') return (env) => av / (env[bi] as number);
      if (b.op === 'num') return (env) => fa(env) / bv;
      if (a.op === 'num') return (env) => av / fb(env);
      if (b.op === 'slot') return (env) => fa(env) / (env[bi] as number);
      if (a.op === 'slot') return (env) => (env[ai] as number) / fb(env);
      return (env) => fa(env) / fb(env);
  }
};

const closureOf = (node: FormulaNode): NumFn => {
  switch (node.op) {
    case 'num': {
      const v = node.v;
      return () => v;
    }
    case 'slot': {
      const i = node.i;
      return (env) => env[i] as number;
    }
    case 'neg': {
      const a = closureOf(node.a);
      return (env) => -a(env);
    }
    case 'not': {
      const a = closureOf(node.a);
      return (env) => (a(env) ? 0 : 1);
    }
    case 'abs':
    case 'exp':
    case 'log':
    case 'sqrt': {
      const a = closureOf(node.a);
      const op = node.op;
      const f = op === 'abs' ? Math.abs : op === 'sqrt' ? Math.sqrt : RUNTIME_OPS[op];
      return (env) => f(a(env));
    }
    case 'add':
      return arithmeticClosure('add', node.a, node.b);
    case 'sub':
      return arithmeticClosure('sub', node.a, node.b);
    case 'mul':
      return arithmeticClosure('mul', node.a, node.b);
    case 'div':
      return arithmeticClosure('div', node.a, node.b);
    case 'pow': {
      const a = closureOf(node.a);
      const b = closureOf(node.b);
      const pow = RUNTIME_OPS.pow;
      return (env) => pow(a(env), b(env));
    }
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
    case 'eq':
    case 'ne':
    case 'mod': {
      const a = closureOf(node.a);
      const b = closureOf(node.b);
      const f = RUNTIME_OPS[node.op];
      return (env) => f(a(env), b(env));
    }
    case 'and': {
      const a = closureOf(node.a);
      const b = closureOf(node.b);
      return (env) => (a(env) && b(env) ? 1 : 0);
    }
    case 'or': {
      const a = closureOf(node.a);
      const b = closureOf(node.b);
      return (env) => (a(env) || b(env) ? 1 : 0);
    }
    case 'xor': {
      const a = closureOf(node.a);
      const b = closureOf(node.b);
      return (env) => (!a(env) !== !b(env) ? 1 : 0);
    }
    case 'min':
    case 'max': {
      const args = node.args.map(closureOf);
      const f = RUNTIME_OPS[node.op];
      if (args.length === 2) {
        const [a, b] = args as [NumFn, NumFn];
        return (env) => f(a(env), b(env));
      }
      return (env) => f(...args.map((g) => g(env)));
    }
    case 'if': {
      const c = closureOf(node.c);
      const a = closureOf(node.a);
      const b = closureOf(node.b);
      return (env) => (c(env) ? a(env) : b(env));
    }
  }
};

/**
 * Turn a formula IR into a NumFn. `envSize` bounds the slots (the IR is validated: untrusted IR from a worker
 * message or a hand-edited spec cannot inject code). `backend` defaults to codegen when eval is allowed.
 */
export const instantiateFormula = (ir: unknown, envSize: number, backend?: Backend): NumFn => {
  const node = validateIR(ir, envSize);
  const use = backend ?? (canGenerateCode() ? 'codegen' : 'closure');
  if (use === 'closure') return closureOf(node);
  const body = `"use strict"; return function formula(env) { return ${formulaToJs(node)}; };`;
  return new Function('H', body)(RUNTIME_OPS) as NumFn;
};
