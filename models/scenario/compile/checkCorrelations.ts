// Rank correlations (Iman–Conover) between uncertain parameters: both ends must be distinct uncertain parameters,
// each pair listed once.
import { SuggestionIndex, suggestion } from '../../formula/didYouMean';
import type { ModelSpec } from '../RuntimeModel';
import type { Scenario } from '../scenarioSchema';
import type { ScenarioDiagnostics } from './ScenarioDiagnostics';

/** Report every problem of scenario.correlations and return the ModelSpec's list. */
export const checkCorrelations = (
  scenario: Scenario,
  diag: ScenarioDiagnostics,
): ModelSpec['correlations'] => {
  const paramMap = new Map(Object.entries(scenario.parameters ?? {}));
  let paramNames: SuggestionIndex | undefined; // built once, on the first unknown name
  const pairs = new Set<string>();
  const correlations = scenario.correlations ?? [];
  correlations.forEach((c, i) => {
    for (const key of ['a', 'b'] as const) {
      const p = paramMap.get(c[key]);
      if (!p)
        diag.issue(
          ['correlations', i, key],
          `unknown parameter "${c[key]}"${suggestion(c[key], (paramNames ??= new SuggestionIndex(paramMap.keys())))}`,
        );
      else if (p.uncertainty === undefined) {
        diag.issue(
          ['correlations', i, key],
          `parameter "${c[key]}" has no uncertainty, so it cannot be correlated`,
        );
      }
    }
    if (c.a === c.b) diag.issue(['correlations', i, 'b'], 'a parameter cannot be correlated with itself');
    const pair = [c.a, c.b].sort().join('\u0000');
    if (pairs.has(pair)) diag.issue(['correlations', i], `the pair ${c.a}, ${c.b} is listed twice`);
    pairs.add(pair);
  });
  return correlations.map((c) => ({ a: c.a, b: c.b, rho: c.rho }));
};
