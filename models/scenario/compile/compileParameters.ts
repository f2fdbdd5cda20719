// Parameters: each one's range, default, step and uncertainty checked; the ModelSpec's parameter list built.
import type { ModelSpec } from '../RuntimeModel';
import type { Scenario } from '../scenarioSchema';
import type { SymbolTable } from '../../formula/SymbolTable';
import { distributionProblems, toDistribution } from './distributionProblems';
import type { ScenarioDiagnostics } from './ScenarioDiagnostics';

export type ScenarioParameter = NonNullable<Scenario['parameters']>[string];

/** Report the problems of one parameter's own fields (range, default, step, uncertainty). */
export const checkParameter = (id: string, p: ScenarioParameter, diag: ScenarioDiagnostics): void => {
  const path = ['parameters', id];
  if (!(p.min < p.max)) diag.issue([...path, 'max'], 'must be greater than min');
  else if (!Number.isFinite(p.max - p.min)) {
    diag.issue([...path, 'max'], 'the range max - min is too large (beyond ±1.8e308); narrow it');
  } else if (p.default < p.min || p.default > p.max) {
    diag.issue([...path, 'default'], `${p.default} is outside the range min..max (${p.min} to ${p.max})`);
  }
  if (p.step !== undefined && p.min < p.max && p.step > p.max - p.min) {
    diag.issue([...path, 'step'], 'must not be larger than max - min');
  }
  if (p.uncertainty !== undefined) {
    const d = toDistribution(p.uncertainty);
    if (!d) diag.issue([...path, 'uncertainty'], 'must be a distribution or "low to high"');
    else
      for (const [field, msg] of distributionProblems(d))
        diag.issue([...path, 'uncertainty', ...(field ? [field] : [])], msg);
  }
};

/** A slider step: a power of ten giving about 100 steps over the range. */
const niceStep = (span: number): number => {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  // 10^floor(log10(span / 100)) by exact comparisons with powers of ten (no host-dependent log10)
  const target = span / 100;
  let step = 1;
  if (target >= 1) {
    while (step * 10 <= target && Number.isFinite(step * 10)) step *= 10;
  } else {
    let p = 1; // step = 1/p, 10^n exact up to 1e22, one correctly rounded division
    while (1 / p > target && Number.isFinite(p)) p *= 10;
    step = 1 / p;
  }
  // Subnormal spans underflow to 0: fall back to the span itself.
  return step > 0 && Number.isFinite(step) ? step : span;
};

/** The ModelSpec's parameters (call once the scenario has no issues). */
export const compileParameters = (scenario: Scenario, symbols: SymbolTable): ModelSpec['params'] =>
  Object.entries(scenario.parameters ?? {}).map(([id, p]) => ({
    id,
    label: p.label,
    unit: p.unit ?? '',
    description: p.description ?? '',
    slot: symbols.get(id)?.slot as number,
    value: p.default,
    min: p.min,
    max: p.max,
    step: p.step ?? niceStep(p.max - p.min),
    distribution: p.uncertainty === undefined ? null : toDistribution(p.uncertainty),
  }));
