// The division check: dividing by a parameter whose range includes 0 is an error, by the literal 0 an error, and by
// an expression whose interval (interval arithmetic over +, -, ×) includes 0 a warning.
import type { MathNode } from 'mathjs';
import type { FormulaNode } from '../FormulaIR';
import type { SymbolTable } from '../SymbolTable';
import type { FormulaDiagnostics } from './FormulaDiagnostics';

type Interval = readonly [number, number] | null;

const intervalOf = (n: FormulaNode, symbols: SymbolTable): Interval => {
  switch (n.op) {
    case 'num':
      return [n.v, n.v];
    case 'slot':
      return symbols.rangeOf(n.i) ?? null;
    case 'neg': {
      const a = intervalOf(n.a, symbols);
      return a && [-a[1], -a[0]];
    }
    case 'add':
    case 'sub':
    case 'mul': {
      const a = intervalOf(n.a, symbols);
      const b = intervalOf(n.b, symbols);
      if (!a || !b) return null;
      if (n.op === 'add') return [a[0] + b[0], a[1] + b[1]];
      if (n.op === 'sub') return [a[0] - b[1], a[1] - b[0]];
      const p = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]];
      return [Math.min(...p), Math.max(...p)];
    }
    default:
      return null;
  }
};

const fmt = (v: number): string => String(v);

/** Check the denominator of `a / b` (`raw` are the operator's mathjs operands, `denom` the compiled `b`). */
export const checkDivision = (
  raw: readonly MathNode[],
  denom: FormulaNode,
  diag: FormulaDiagnostics,
): void => {
  const { symbols } = diag.ctx;
  let r = raw[1];
  while (r?.type === 'ParenthesisNode') r = (r as MathNode & { content: MathNode }).content;
  if (denom.op === 'slot') {
    const range = symbols.rangeOf(denom.i);
    if (symbols.atSlot(denom.i)?.kind === 'parameter' && range && range[0] <= 0 && range[1] >= 0) {
      diag.errors.push(
        `${diag.what} divides by a parameter that can be 0 ("${r?.toString() ?? '?'}" ranges from ${fmt(range[0])} to ${fmt(range[1])})`,
      );
    }
    return;
  }
  if (denom.op === 'num') {
    if (denom.v === 0) diag.errors.push(`${diag.what} divides by 0`);
    return;
  }
  const iv = intervalOf(denom, symbols);
  if (iv && iv[0] <= 0 && iv[1] >= 0) {
    diag.warnings.push(
      `${diag.what} may divide by 0: "${r?.toString() ?? '?'}" can be 0 for some parameter values`,
    );
  }
};
