// Parameters: each one's range, default, step and uncertainty checked; the ModelSpec's parameter list built. The
// range rule (models/random/parameterDistribution.ts) is applied here for validation and in the sampler for draws.
import type { ModelSpec } from '../RuntimeModel';
import type { Scenario } from '../scenarioSchema';
import type { SymbolTable } from '../../formula/SymbolTable';
import { describeDistribution, distributionProblems } from '../../random/distributions/distributionFamilies';
import { fmt, fmtPercent as percent } from '../../random/distributions/DistributionFamily';
import { toDistribution } from '../../random/distributions/toDistribution';
import { parameterDistribution, RANGE_CUT_WARNING } from '../../random/parameterDistribution';
import type { ScenarioDiagnostics } from './ScenarioDiagnostics';

export type ScenarioParameter = NonNullable<Scenario['parameters']>[string];

/** Report the problems of one parameter's own fields (range, default, step, uncertainty and the range rule). */
export const checkParameter = (id: string, p: ScenarioParameter, diag: ScenarioDiagnostics): void => {
  const path = ['parameters', id];
  const rangeOk = p.min < p.max && Number.isFinite(p.max - p.min);
  if (!(p.min < p.max)) diag.issue([...path, 'max'], 'must be greater than min');
  else if (!rangeOk) {
    diag.issue([...path, 'max'], 'the range max - min is too large (beyond ±1.8e308); narrow it');
  } else if (p.default < p.min || p.default > p.max) {
    diag.issue([...path, 'default'], `${p.default} is outside the range min..max (${p.min} to ${p.max})`);
  }
  if (p.step !== undefined && p.min < p.max && p.step > p.max - p.min) {
    diag.issue([...path, 'step'], 'must not be larger than max - min');
  }
  if (p.uncertainty === undefined) return;
  const upath = [...path, 'uncertainty'];
  const d = toDistribution(p.uncertainty);
  if (!d) {
    diag.issue(upath, 'must be a distribution or "low to high"');
    return;
  }
  const problems = distributionProblems(d);
  // the shorthand has no fields of its own: its problems belong to the string
  for (const [field, msg] of problems)
    diag.issue(
      [...upath, ...(field && typeof p.uncertainty !== 'string' ? [field] : [])],
      field && typeof p.uncertainty === 'string' ? `${field} ${msg}` : msg,
    );
  if (problems.length || !rangeOk) return;
  // the range rule: draws are d conditioned on [min, max]
  const r = parameterDistribution(d, p.min, p.max);
  if (!r.ok) {
    diag.issue(
      upath,
      `the range ${p.min} to ${p.max} holds none of ${describeDistribution(d)}: ${r.message}`,
    );
    return;
  }
  const cut = r.value.cutBelow + r.value.cutAbove;
  if (cut > RANGE_CUT_WARNING) {
    const parts = [
      r.value.cutBelow > 0 ? `${percent(r.value.cutBelow)} below ${fmt(p.min)}` : '',
      r.value.cutAbove > 0 ? `${percent(r.value.cutAbove)} above ${fmt(p.max)}` : '',
    ].filter(Boolean);
    diag.warn(
      upath,
      `the range ${p.min} to ${p.max} cuts off ${percent(cut)} of ${describeDistribution(d)} (${parts.join(', ')}): "${id}" is drawn from it truncated to the range, whose mean is ${fmt(r.value.mean)} and sd ${fmt(Math.sqrt(r.value.variance))}`,
    );
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
