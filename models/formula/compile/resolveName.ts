// Name resolution: a constant, or a symbol of the scenario (allowed in this formula), else an error with a
// "did you mean" suggestion naming what kind of thing the closest name is.
import type { FormulaNode } from '../FormulaIR';
import { FORMULA_CONSTANTS } from '../formulaFunctions';
import { ZERO, type FormulaDiagnostics } from './FormulaDiagnostics';

/** The IR for an identifier (`x`, or `actor.strategy` for an indicator). Records an error and returns 0 if unknown. */
export const resolveName = (name: string, diag: FormulaDiagnostics): FormulaNode => {
  const { ctx, errors } = diag;
  const c = FORMULA_CONSTANTS.get(name);
  if (c !== undefined) return { op: 'num', v: c };
  const sym = ctx.symbols.get(name);
  if (!sym) {
    // The one symbol table's bounded "did you mean" (never a scan of every name).
    const near = ctx.symbols.suggest(name);
    const hint = near === undefined ? '' : ` — did you mean "${near}"?`;
    const guess = near === undefined ? undefined : ctx.symbols.get(near);
    const noun = name.includes('.')
      ? 'strategy'
      : guess?.kind === 'parameter'
        ? 'parameter'
        : guess?.kind === 'state'
          ? 'state variable'
          : 'name';
    errors.push(`unknown ${noun} "${name}"${hint}`);
    return ZERO;
  }
  if (ctx.allowed && !ctx.allowed.has(sym.kind)) {
    errors.push(`"${name}" cannot be used here${ctx.notAllowedReason ? `: ${ctx.notAllowedReason}` : ''}`);
    return ZERO;
  }
  diag.uses.add(name);
  return { op: 'slot', i: sym.slot };
};
