// An actor's behaviour model (how it chooses each round): nash (default), logit, fixed, mixed, fictitious-play.
import { suggestion } from '../../formula/didYouMean';
import type { Behaviour } from '../RuntimeModel';
import type { Scenario } from '../scenarioSchema';
import type { ScenarioDiagnostics } from './ScenarioDiagnostics';

/** Actor `ai`'s behaviour, with strategy names resolved to indices and mixed probabilities checked. */
export const compileBehaviour = (scenario: Scenario, ai: number, diag: ScenarioDiagnostics): Behaviour => {
  const a = scenario.actors[ai] as Scenario['actors'][number];
  const path = ['actors', ai, 'behaviour'];
  const strategyIds = a.strategies.map((s) => s.id);
  const b = a.behaviour;
  if (b?.model === 'logit') return { model: 'logit', lambda: b.lambda };
  if (b?.model === 'fictitious-play')
    return { model: 'fictitious-play', ...(b.prior !== undefined ? { prior: b.prior } : {}) };
  if (b?.model === 'fixed') {
    const k = strategyIds.indexOf(b.strategy);
    if (k < 0)
      diag.issue(
        [...path, 'strategy'],
        `"${b.strategy}" is not a strategy of ${a.id}${suggestion(b.strategy, strategyIds)}`,
      );
    return { model: 'fixed', strategy: Math.max(0, k) };
  }
  if (b?.model === 'mixed') {
    for (const key of Object.keys(b.probabilities)) {
      if (!strategyIds.includes(key)) {
        diag.issue(
          [...path, 'probabilities', key],
          `"${key}" is not a strategy of ${a.id}${suggestion(key, strategyIds)}`,
        );
      }
    }
    // A Map, never a plain-object lookup: a strategy named "toString" left out must be 0, not Object's method.
    const given = new Map(Object.entries(b.probabilities));
    const probabilities = strategyIds.map((s) => given.get(s) ?? 0);
    const sum = probabilities.reduce((x, y) => x + y, 0);
    if (Math.abs(sum - 1) > 1e-9)
      diag.issue([...path, 'probabilities'], `must sum to 1 (they sum to ${sum})`);
    return { model: 'mixed', probabilities };
  }
  return { model: 'nash' };
};
