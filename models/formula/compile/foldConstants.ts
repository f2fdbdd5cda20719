// Constant folding: a node whose operands are all numbers becomes a number, computed by the same closure back end
// that runs formulas; a non-finite result (1e308^1e308) is refused at load time.
import type { MathNode } from 'mathjs';
import type { FormulaNode } from '../FormulaIR';
import { instantiateFormula } from '../instantiateFormula';
import { ZERO, type FormulaDiagnostics } from './FormulaDiagnostics';

/** `n` with its value computed if every child is a number; records an error if that value is not finite. */
export const foldConstants = (n: FormulaNode, src: MathNode, diag: FormulaDiagnostics): FormulaNode => {
  const kids =
    'args' in n ? n.args : 'c' in n ? [n.c, n.a, n.b] : 'b' in n ? [n.a, n.b] : 'a' in n ? [n.a] : null;
  if (!kids || !kids.every((k) => k.op === 'num')) return n;
  const v = instantiateFormula(n, 0, 'closure')(new Float64Array(0));
  if (!Number.isFinite(v)) {
    const b = 'b' in n ? n.b : null;
    diag.errors.push(
      n.op === 'div' && b?.op === 'num' && b.v === 0
        ? `${diag.what} divides by 0`
        : `"${src.toString()}" is ${String(v)}: the numbers are out of range`,
    );
    return ZERO;
  }
  return { op: 'num', v };
};
