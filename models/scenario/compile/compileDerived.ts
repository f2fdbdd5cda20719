// Derived variables (e.g. calendar effects such as drill season): evaluated in order at the start of each round,
// before any choice, so each may use parameters, built-ins, state, events and the derived variables listed before it.
import type { SymbolKind } from '../../formula/SymbolTable';
import type { FormulaIR, ModelSpec } from '../RuntimeModel';
import type { Scenario } from '../scenarioSchema';
import type { DeclaredSymbols } from './declareSymbols';
import type { ScenarioDiagnostics } from './ScenarioDiagnostics';
import type { ScenarioFormulas } from './ScenarioFormulas';

const DERIVED_MAY_USE: ReadonlySet<SymbolKind> = new Set<SymbolKind>([
  'parameter',
  'builtin',
  'state',
  'event',
  'derived',
]);

export const compileDerived = (
  scenario: Scenario,
  declared: DeclaredSymbols,
  formulas: ScenarioFormulas,
  diag: ScenarioDiagnostics,
): ModelSpec['derived'] => {
  const entries = Object.entries(scenario.derived ?? {});
  // Position of each derived id, built once: "listed before" is one lookup (a set of the earlier names per entry
  // made checking 8,000 derived values quadratic).
  const position = new Map(entries.map(([n], k) => [n, k]));
  return entries.map(([id, d], k) => {
    const src = typeof d === 'object' ? d.value : d;
    const path = typeof d === 'object' ? ['derived', id, 'value'] : ['derived', id];
    const { ir, uses } = formulas.compileWithUses(src, path, {
      allowed: DERIVED_MAY_USE,
      notAllowedReason: 'derived variables are computed at the start of a round, before any choice',
      label: `derived.${id}`,
    });
    for (const u of uses) {
      if (formulas.symbols.get(u)?.kind === 'derived' && !((position.get(u) ?? Infinity) < k)) {
        diag.issue(
          path,
          u === id
            ? `"${id}" cannot use itself (derived variables may only use those listed before them)`
            : `"${u}" is defined after "${id}" (derived variables may only use those listed before them)`,
        );
      }
    }
    return { id, slot: declared.derivedSlots[k] as number, value: ir as FormulaIR };
  });
};
