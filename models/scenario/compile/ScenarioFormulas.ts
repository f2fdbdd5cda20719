// Compiles a scenario's formulas against its one symbol table, reporting each formula's errors and warnings at its
// JSON path and recording which names are used (for the "parameter is not used" warning).
import type { FormulaRoot } from '../../formula/FormulaIR';
import type { FormulaContext } from '../../formula/FormulaContext';
import type { SymbolTable } from '../../formula/SymbolTable';
import { compileFormula } from '../../formula/compileFormula';
import type { JsonPath, ScenarioDiagnostics } from './ScenarioDiagnostics';

/** What a formula with errors compiles to, so compilation can go on and report every problem. */
const ZERO: FormulaRoot = { op: 'num', v: 0 };

/** A formula that compiled, with where it sits (for the domain check, which runs once all are compiled). */
export type CompiledAt = { readonly path: JsonPath; readonly label: string; readonly ir: FormulaRoot };

export class ScenarioFormulas {
  /** Every name some formula uses. */
  readonly usedNames = new Set<string>();
  /** Every formula that compiled, in compilation order. */
  readonly compiled: CompiledAt[] = [];

  constructor(
    readonly symbols: SymbolTable,
    private readonly diag: ScenarioDiagnostics,
  ) {}

  /** Compile one formula; on errors they are reported at `path` and the result is the constant 0. */
  compile(src: string | number, path: JsonPath, ctx: Omit<FormulaContext, 'symbols'> = {}): FormulaRoot {
    return this.compileWithUses(src, path, ctx).ir;
  }

  /** As compile, also returning the names the formula uses (empty when it has errors). */
  compileWithUses(
    src: string | number,
    path: JsonPath,
    ctx: Omit<FormulaContext, 'symbols'> = {},
  ): { readonly ir: FormulaRoot; readonly uses: readonly string[] } {
    const r = compileFormula(src, { symbols: this.symbols, ...ctx });
    if (!r.ok) {
      for (const e of r.errors) this.diag.issue(path, e);
      return { ir: ZERO, uses: [] };
    }
    for (const w of r.warnings) this.diag.warn(path, w);
    for (const u of r.uses) this.usedNames.add(u);
    this.compiled.push({ path, label: ctx.label ?? '', ir: r.ir });
    return { ir: r.ir, uses: r.uses };
  }
}
