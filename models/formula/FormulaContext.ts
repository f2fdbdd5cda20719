// What compileFormula is given (the scenario's symbols and where the formula sits) and what it returns.
import type { FormulaRoot } from './FormulaIR';
import type { SymbolKind, SymbolTable } from './SymbolTable';

export type FormulaContext = {
  /** Every identifier in the scenario (strategy indicators as "actor.strategy"), built once per scenario. */
  readonly symbols: SymbolTable;
  /** Kinds usable in this formula (default: all), and why the others are not. */
  readonly allowed?: ReadonlySet<SymbolKind>;
  readonly notAllowedReason?: string;
  /** For messages: what this formula is, e.g. "DPRK.provoke". */
  readonly label?: string;
};

export type CompiledFormula =
  | { readonly ok: true; readonly ir: FormulaRoot; readonly warnings: string[]; readonly uses: string[] }
  | { readonly ok: false; readonly errors: string[] };
