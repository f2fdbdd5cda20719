// What is recorded each round: outcomes (boolean formulas) and metrics (numeric formulas with a unit).
import type { FormulaIR, ModelSpec } from '../RuntimeModel';
import type { Scenario } from '../scenarioSchema';
import type { ScenarioFormulas } from './ScenarioFormulas';

export const compileOutcomes = (scenario: Scenario, formulas: ScenarioFormulas): ModelSpec['outcomes'] =>
  Object.entries(scenario.outcomes ?? {}).map(([id, o]) => ({
    id,
    label: o.label,
    when: formulas.compile(o.when, ['outcomes', id, 'when'], { label: `outcomes.${id}` }) as FormulaIR,
  }));

export const compileMetrics = (scenario: Scenario, formulas: ScenarioFormulas): ModelSpec['metrics'] =>
  Object.entries(scenario.metrics ?? {}).map(([id, m]) => ({
    id,
    label: m.label,
    unit: m.unit ?? '',
    value: formulas.compile(m.value, ['metrics', id, 'value'], { label: `metrics.${id}` }) as FormulaIR,
  }));
