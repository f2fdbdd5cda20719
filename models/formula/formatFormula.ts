// A formula (sub)tree back to text, for messages that quote the part of a formula at fault ("1 / (d - 1)" divides
// by "d - 1"). mathjs syntax, with the parentheses precedence requires and no others.
import type { FormulaNode } from './FormulaIR';

const BINARY: Readonly<Record<string, readonly [string, number]>> = {
  or: ['or', 1],
  xor: ['xor', 2],
  and: ['and', 3],
  lt: ['<', 4],
  le: ['<=', 4],
  gt: ['>', 4],
  ge: ['>=', 4],
  eq: ['==', 4],
  ne: ['!=', 4],
  add: ['+', 5],
  sub: ['-', 5],
  mul: ['*', 6],
  div: ['/', 6],
  mod: ['mod', 6],
  pow: ['^', 8],
};

/** The text of a formula node; `names[i]` is the identifier of slot i. */
export const formatFormula = (node: FormulaNode, names: readonly string[]): string => {
  const f = (n: FormulaNode, outer: number): string => {
    let text: string;
    let prec: number;
    switch (n.op) {
      case 'num':
        return n.v < 0 ? (outer > 0 ? `(${String(n.v)})` : String(n.v)) : String(n.v);
      case 'slot':
        return names[n.i] ?? `#${n.i}`;
      case 'neg':
        text = `-${f(n.a, 7)}`;
        prec = 7;
        break;
      case 'not':
        text = `not ${f(n.a, 7)}`;
        prec = 7;
        break;
      case 'abs':
      case 'exp':
      case 'log':
      case 'sqrt':
        return `${n.op}(${f(n.a, 0)})`;
      case 'min':
      case 'max':
        return `${n.op}(${n.args.map((x) => f(x, 0)).join(', ')})`;
      case 'if':
        text = `${f(n.c, 1)} ? ${f(n.a, 1)} : ${f(n.b, 0)}`;
        prec = 0;
        break;
      default: {
        const [sym, p] = BINARY[n.op] as readonly [string, number];
        // left-associative, except ^ (right-associative)
        const leftPrec = n.op === 'pow' ? p + 1 : p;
        const rightPrec = n.op === 'pow' ? p : p + 1;
        text = `${f(n.a, leftPrec)} ${sym} ${f(n.b, rightPrec)}`;
        prec = p;
      }
    }
    return prec < outer ? `(${text})` : text;
  };
  return f(node, 0);
};
