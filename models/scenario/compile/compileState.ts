// State variables: an initial value (parameters only, evaluated once per trial) and an optional update after each
// round, clamped to [min, max].
import type { SymbolKind } from '../../formula/SymbolTable';
import type { FormulaIR, ModelSpec } from '../RuntimeModel';
import type { Scenario } from '../scenarioSchema';
import type { DeclaredSymbols } from './declareSymbols';
import type { ScenarioFormulas } from './ScenarioFormulas';

const INITIAL_MAY_USE: ReadonlySet<SymbolKind> = new Set<SymbolKind>(['parameter']);

export const compileState = (
  scenario: Scenario,
  declared: DeclaredSymbols,
  formulas: ScenarioFormulas,
): ModelSpec['state'] =>
  Object.entries(scenario.state ?? {}).map(([id, s], k) => ({
    id,
    label: s.label,
    slot: declared.stateSlots[k] as number,
    initial: formulas.compile(s.initial, ['state', id, 'initial'], {
      allowed: INITIAL_MAY_USE,
      notAllowedReason: 'an initial value may only use parameters',
      label: `state.${id}.initial`,
    }) as FormulaIR,
    update:
      s.update === undefined
        ? null
        : (formulas.compile(s.update, ['state', id, 'update'], { label: `state.${id}.update` }) as FormulaIR),
    min: s.min ?? null,
    max: s.max ?? null,
  }));
