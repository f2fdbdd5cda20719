// Small scenarios (in the public file format) compiled with the real compiler, for engine tests.
import { parseScenarioValue } from '../../../models/scenario/parseScenario';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';

export const compile = (raw: Record<string, unknown>): ModelSpec => {
  const r = parseScenarioValue({ format: 'parley.scenario/1', title: String(raw.id), ...raw });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.spec;
};

/**
 * A 2×2 game whose unique pure equilibrium flips at x = 0.3, x ~ uniform(0, 1):
 * row plays a (payoff x) or b (payoff 0.3) whatever col does; col matches row. P(flip) = 0.7 exactly.
 */
/** The threshold game's two actors: row plays a (payoff `rowA`) or b (0.3); col copies row. */
export const thresholdActors = (rowA: string): Record<string, unknown>[] => [
  {
    id: 'row',
    name: 'Row',
    strategies: [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ],
    payoffs: { a: rowA, b: '0.3' },
  },
  {
    id: 'col',
    name: 'Col',
    strategies: [
      { id: 'c', label: 'C' },
      { id: 'd', label: 'D' },
    ],
    payoffs: { c: 'row.a', d: 'row.b' },
  },
];

export const thresholdSpec = (extra: Record<string, unknown> = {}): ModelSpec =>
  compile({
    id: 'threshold',
    parameters: {
      x: { label: 'x', default: 0.5, min: 0, max: 1, uncertainty: { type: 'uniform', min: 0, max: 1 } },
      noise: {
        label: 'noise',
        default: 1,
        min: 0,
        max: 2,
        uncertainty: { type: 'normal', mean: 1, sd: 0.2 },
      },
    },
    actors: thresholdActors('x'),
    outcomes: { flip: { label: 'A and C', when: 'row.a and col.c' } },
    metrics: { x: { label: 'x', value: 'x * noise' } },
    ...extra,
  });

/** Matching pennies over several rounds with a state and an event: exercises mixed equilibria and dynamics. */
export const penniesSpec = (behaviour: Record<string, unknown> | null = null): ModelSpec =>
  compile({
    id: 'pennies',
    parameters: {
      stake: { label: 'stake', default: 1, min: 0.1, max: 3, uncertainty: '0.5 to 2' },
      hazard: { label: 'hazard', default: 0.1, min: 0, max: 1 },
    },
    rounds: { count: 6, label: 'round' },
    state: {
      score: {
        label: 'score',
        initial: '0',
        update:
          'score + stake * (m.heads * ev.heads + m.tails * ev.tails) - stake * (m.heads * ev.tails + m.tails * ev.heads)',
        min: -10,
        max: 10,
      },
    },
    events: [
      { id: 'shock', label: 'Shock', probability: 'hazard', once: true, effects: { score: 'score - 1' } },
    ],
    actors: [
      {
        id: 'm',
        name: 'Matcher',
        strategies: [
          { id: 'heads', label: 'H' },
          { id: 'tails', label: 'T' },
        ],
        payoffs: { heads: 'stake * (ev.heads - ev.tails)', tails: 'stake * (ev.tails - ev.heads)' },
        ...(behaviour ? { behaviour } : {}),
      },
      {
        id: 'ev',
        name: 'Evader',
        strategies: [
          { id: 'heads', label: 'H' },
          { id: 'tails', label: 'T' },
        ],
        payoffs: { heads: 'stake * (m.tails - m.heads)', tails: 'stake * (m.heads - m.tails)' },
      },
    ],
    outcomes: {
      matched: { label: 'matched', when: '(m.heads and ev.heads) or (m.tails and ev.tails)' },
      shocked: { label: 'shocked', when: 'shock' },
    },
    metrics: { score: { label: 'score', value: 'score' } },
  });
