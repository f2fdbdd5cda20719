// Actors: strategies, one payoff formula per own strategy (with overrides compiled in) and a behaviour model.
import type { FormulaRoot } from '../../formula/FormulaIR';
import { suggestion } from '../../formula/didYouMean';
import type { FormulaIR, ModelSpec } from '../RuntimeModel';
import type { Scenario } from '../scenarioSchema';
import { compileBehaviour } from './compileBehaviour';
import { compileOverrides } from './compileOverrides';
import type { DeclaredSymbols } from './declareSymbols';
import type { ScenarioDiagnostics } from './ScenarioDiagnostics';
import type { ScenarioFormulas } from './ScenarioFormulas';

export const compileActors = (
  scenario: Scenario,
  declared: DeclaredSymbols,
  formulas: ScenarioFormulas,
  diag: ScenarioDiagnostics,
): ModelSpec['actors'] =>
  scenario.actors.map((a, ai) => {
    const path = ['actors', ai];
    const strategyIds = a.strategies.map((s) => s.id);
    for (const key of Object.keys(a.payoffs)) {
      if (!strategyIds.includes(key)) {
        diag.issue(
          [...path, 'payoffs', key],
          `"${key}" is not a strategy of ${a.id}${suggestion(key, strategyIds)}`,
        );
      }
    }
    // A Map, never a plain-object lookup: a missing strategy named "valueOf" must be reported as missing.
    const given = new Map(Object.entries(a.payoffs));
    const base: FormulaRoot[] = a.strategies.map((s) => {
      const src = given.get(s.id);
      if (src === undefined) {
        diag.issue([...path, 'payoffs'], `missing the payoff formula for strategy "${s.id}"`);
        return { op: 'num', v: 0 };
      }
      return formulas.compile(src, [...path, 'payoffs', s.id], { label: `${a.id}.${s.id}` });
    });
    const payoffs = compileOverrides(scenario, ai, base, declared, formulas, diag);
    return {
      id: a.id,
      name: a.name,
      strategies: a.strategies.map((s) => ({ id: s.id, label: s.label })),
      choiceSlots: declared.choiceSlots[ai] as number[],
      payoffs: payoffs as FormulaIR[],
      behaviour: compileBehaviour(scenario, ai, diag),
    };
  });
