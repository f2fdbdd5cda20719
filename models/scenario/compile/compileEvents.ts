// Events: a per-round probability formula, whether it fires at most once, and its effects on state variables.
import { SuggestionIndex, suggestion } from '../../formula/didYouMean';
import type { FormulaIR, ModelSpec } from '../RuntimeModel';
import type { Scenario } from '../scenarioSchema';
import type { DeclaredSymbols } from './declareSymbols';
import type { ScenarioDiagnostics } from './ScenarioDiagnostics';
import type { ScenarioFormulas } from './ScenarioFormulas';

export const compileEvents = (
  scenario: Scenario,
  declared: DeclaredSymbols,
  formulas: ScenarioFormulas,
  diag: ScenarioDiagnostics,
): ModelSpec['events'] => {
  const stateIndex = new Map(Object.keys(scenario.state ?? {}).map((id, k) => [id, k]));
  let stateNames: SuggestionIndex | undefined;
  return (scenario.events ?? []).map((e, i) => ({
    id: e.id,
    label: e.label,
    probability: formulas.compile(e.probability, ['events', i, 'probability'], {
      label: `events.${e.id}.probability`,
    }) as FormulaIR,
    once: e.once ?? true,
    firedSlot: declared.eventSlots[i] as number,
    effects: Object.entries(e.effects ?? {}).flatMap(([target, f]) => {
      const k = stateIndex.get(target);
      if (k === undefined) {
        diag.issue(
          ['events', i, 'effects', target],
          `unknown state variable "${target}"${suggestion(target, (stateNames ??= new SuggestionIndex(stateIndex.keys())))}`,
        );
        return [];
      }
      return [
        {
          slot: declared.stateSlots[k] as number,
          value: formulas.compile(f, ['events', i, 'effects', target], {
            label: `events.${e.id}.effects.${target}`,
          }) as FormulaIR,
        },
      ];
    }),
  }));
};
