// The whitelist walk over mathjs' syntax tree: each allowed node type is translated to FormulaIR (names through
// resolveName, calls through emitFunctionCall, constants folded); anything else is an error with
// a message saying why. Every problem is recorded in the diagnostics and the walk goes on, so all are reported.
import type { MathNode } from 'mathjs';
import { MAX_FORMULA_DEPTH, type FormulaNode } from '../FormulaIR';
import { FORMULA_OPERATORS, REFUSED_SYNTAX } from '../formulaFunctions';
import { emitFunctionCall } from './emitFunctionCall';
import { foldConstants } from './foldConstants';
import { ZERO, type FormulaDiagnostics } from './FormulaDiagnostics';
import { resolveName } from './resolveName';

/** Thrown when the tree is nested deeper than MAX_FORMULA_DEPTH (caught by compileFormula). */
export class FormulaDepthError extends Error {}

/** Translate a mathjs syntax tree to FormulaIR. Throws FormulaDepthError past the depth limit. */
export const walkSyntaxTree = (tree: MathNode, diag: FormulaDiagnostics): FormulaNode => {
  const { errors } = diag;
  const walk = (node: MathNode, d: number): FormulaNode => {
    if (d > MAX_FORMULA_DEPTH) throw new FormulaDepthError();
    const n = node as MathNode & Record<string, unknown>;
    switch (node.type) {
      case 'ParenthesisNode':
        return walk(n.content as MathNode, d + 1);
      case 'ConstantNode': {
        const v = n.value;
        if (typeof v === 'number') {
          if (!Number.isFinite(v)) errors.push(`number "${node.toString()}" is out of range`);
          return { op: 'num', v: Number.isFinite(v) ? v : 0 };
        }
        if (typeof v === 'boolean') return { op: 'num', v: v ? 1 : 0 };
        errors.push(
          `only numbers are allowed, not ${typeof v === 'string' ? `the text "${v.slice(0, 40)}"` : String(v)}`,
        );
        return ZERO;
      }
      case 'SymbolNode':
        return resolveName(n.name as string, diag);
      case 'AccessorNode': {
        const obj = n.object as MathNode & Record<string, unknown>;
        const idx = n.index as MathNode & Record<string, unknown>;
        const dims = (idx.dimensions ?? []) as (MathNode & Record<string, unknown>)[];
        const prop = dims[0];
        if (
          obj.type === 'SymbolNode' &&
          idx.dotNotation === true &&
          dims.length === 1 &&
          prop?.type === 'ConstantNode' &&
          typeof prop.value === 'string'
        ) {
          return resolveName(`${obj.name as string}.${prop.value}`, diag);
        }
        errors.push(`"${node.toString()}" is not allowed (strategy indicators are written actor.strategy)`);
        return ZERO;
      }
      case 'OperatorNode': {
        const fn = n.fn as string;
        const op = Object.prototype.hasOwnProperty.call(FORMULA_OPERATORS, fn)
          ? FORMULA_OPERATORS[fn]
          : undefined;
        const args = (n.args as MathNode[]).map((a) => walk(a, d + 1));
        if (!op) {
          errors.push(`operator "${n.op as string}" is not allowed`);
          return ZERO;
        }
        if (op === 'pos') return args[0] ?? ZERO;
        if (op === 'neg' || op === 'not') return foldConstants({ op, a: args[0] ?? ZERO }, node, diag);
        if (args.length < 2) {
          errors.push(`operator "${n.op as string}" needs two operands`);
          return ZERO;
        }
        let acc = args[0] as FormulaNode;
        for (let i = 1; i < args.length; i++) acc = { op, a: acc, b: args[i] as FormulaNode } as FormulaNode;
        return foldConstants(acc, node, diag);
      }
      case 'FunctionNode':
        return emitFunctionCall(node, (a) => walk(a, d + 1), diag);
      case 'ConditionalNode':
        return foldConstants(
          {
            op: 'if',
            c: walk(n.condition as MathNode, d + 1),
            a: walk(n.trueExpr as MathNode, d + 1),
            b: walk(n.falseExpr as MathNode, d + 1),
          },
          node,
          diag,
        );
      case 'RelationalNode': {
        const conds = n.conditionals as string[];
        const params = (n.params as MathNode[]).map((p) => walk(p, d + 1));
        let acc: FormulaNode | null = null;
        conds.forEach((fn, i) => {
          const op = FORMULA_OPERATORS[fn];
          const cmp = { op, a: params[i], b: params[i + 1] } as FormulaNode;
          acc = acc ? { op: 'and', a: acc, b: cmp } : cmp;
        });
        return foldConstants(acc ?? ZERO, node, diag);
      }
      default:
        errors.push(
          REFUSED_SYNTAX[node.type] ?? `"${node.toString().slice(0, 40)}" is not allowed in a formula`,
        );
        return ZERO;
    }
  };
  return walk(tree, 0);
};
