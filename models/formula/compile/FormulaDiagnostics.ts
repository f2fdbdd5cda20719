// What one formula's compilation collects as it walks: errors, warnings, and the names it uses.
import type { FormulaNode } from '../FormulaIR';
import type { FormulaContext } from '../FormulaContext';

export type FormulaDiagnostics = {
  readonly ctx: FormulaContext;
  /** "formula for DPRK.provoke" (or "formula"), for messages. */
  readonly what: string;
  readonly errors: string[];
  readonly warnings: string[];
  /** Names resolved (for the "parameter is not used" warning). */
  readonly uses: Set<string>;
};

export const newDiagnostics = (ctx: FormulaContext): FormulaDiagnostics => ({
  ctx,
  what: ctx.label ? `formula for ${ctx.label}` : 'formula',
  errors: [],
  warnings: [],
  uses: new Set(),
});

/** What a refused sub-expression becomes, so the walk can go on and report every problem. */
export const ZERO: FormulaNode = { op: 'num', v: 0 };
