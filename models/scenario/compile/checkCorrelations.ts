// Rank correlations (Iman–Conover) between uncertain parameters: every problem planCorrelations finds (the same
// function the sampler calls, so `run` never finds one `validate` missed), at its JSON path, with did-you-mean
// suggestions for unknown names.
import { SuggestionIndex, suggestion } from '../../formula/didYouMean';
import { toDistribution } from '../../random/distributions/toDistribution';
import { planCorrelations } from '../../random/rankCorrelations';
import type { ModelSpec } from '../RuntimeModel';
import type { Scenario } from '../scenarioSchema';
import type { ScenarioDiagnostics } from './ScenarioDiagnostics';

/** Report every problem of scenario.correlations and return the ModelSpec's list. */
export const checkCorrelations = (
  scenario: Scenario,
  diag: ScenarioDiagnostics,
): ModelSpec['correlations'] => {
  const params = Object.entries(scenario.parameters ?? {});
  const correlations = scenario.correlations ?? [];
  const result = planCorrelations(
    params.map(([id, p]) => ({
      id,
      uncertain: p.uncertainty !== undefined && toDistribution(p.uncertainty) !== null,
    })),
    correlations,
  );
  if (!result.ok) {
    const ids = params.map(([id]) => id);
    let index: SuggestionIndex | undefined; // built once, on the first unknown name (linear, not quadratic)
    for (const p of result.problems) {
      if (p.index < 0) {
        diag.issue(['correlations'], p.message);
        continue;
      }
      const c = correlations[p.index] as { a: string; b: string };
      const unknown = p.field === 'a' || p.field === 'b' ? /^unknown parameter/.test(p.message) : false;
      diag.issue(
        ['correlations', p.index, ...(p.field ? [p.field] : [])],
        unknown
          ? `${p.message}${suggestion(c[p.field as 'a' | 'b'], (index ??= new SuggestionIndex(ids)))}`
          : p.message,
      );
    }
  }
  return correlations.map((c) => ({ a: c.a, b: c.b, rho: c.rho }));
};
