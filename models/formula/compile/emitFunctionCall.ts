// IR emission for a function call: the name must be one of FORMULA_FUNCTIONS with its arity; the sugar functions
// expand into core IR (clamp(x, lo, hi) → min(max(x, lo), hi); log(x, b) → log x / log b; if(c, a, b) → c ? a : b).
import type { MathNode } from 'mathjs';
import type { FormulaNode } from '../FormulaIR';
import { suggestion } from '../didYouMean';
import { FORMULA_FUNCTIONS } from '../formulaFunctions';
import { foldConstants } from './foldConstants';
import { ZERO, type FormulaDiagnostics } from './FormulaDiagnostics';

/** Emit the IR of a mathjs FunctionNode; `walk` compiles an argument one level deeper. */
export const emitFunctionCall = (
  node: MathNode,
  walk: (arg: MathNode) => FormulaNode,
  diag: FormulaDiagnostics,
): FormulaNode => {
  const n = node as MathNode & Record<string, unknown>;
  const f = n.fn as MathNode & Record<string, unknown>;
  const name = f.type === 'SymbolNode' ? (f.name as string) : node.toString();
  const arity = f.type === 'SymbolNode' ? FORMULA_FUNCTIONS[name] : undefined;
  if (!arity || !Object.prototype.hasOwnProperty.call(FORMULA_FUNCTIONS, name)) {
    diag.errors.push(
      `function "${name}" is not allowed${suggestion(name, Object.keys(FORMULA_FUNCTIONS))} (allowed: ${Object.keys(
        FORMULA_FUNCTIONS,
      ).join(', ')})`,
    );
    return ZERO;
  }
  const rawArgs = n.args as MathNode[];
  if (rawArgs.length < arity[0] || rawArgs.length > arity[1]) {
    const want = arity[0] === arity[1] ? `${arity[0]}` : `${arity[0]} to ${arity[1]}`;
    diag.errors.push(`${name}() takes ${want} argument${want === '1' ? '' : 's'}, got ${rawArgs.length}`);
    return ZERO;
  }
  const args = rawArgs.map(walk);
  const [a, b, c] = args as [FormulaNode, FormulaNode, FormulaNode];
  switch (name) {
    case 'min':
    case 'max':
      return foldConstants({ op: name, args }, node, diag);
    case 'abs':
    case 'exp':
    case 'sqrt':
      return foldConstants({ op: name, a }, node, diag);
    case 'log':
      return foldConstants(
        args.length === 2 ? { op: 'div', a: { op: 'log', a }, b: { op: 'log', a: b } } : { op: 'log', a },
        node,
        diag,
      );
    case 'clamp':
      return foldConstants({ op: 'min', args: [{ op: 'max', args: [a, b] }, c] }, node, diag);
    default:
      return foldConstants({ op: 'if', c: a, a: b, b: c }, node, diag);
  }
};
