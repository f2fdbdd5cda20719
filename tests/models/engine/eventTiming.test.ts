import { describe, expect, it } from 'vitest';
import { replayTrial } from '../../../models/engine/replayTrial';
import { compile } from './fixtures';

// The README's "one round" (and RuntimeModel.ts): derived values, the game, choices, then outcomes and metrics are
// recorded, THEN events fire (effects written), then state updates — which already see the events of the round.
describe('event timing within a round', () => {
  it("outcomes and metrics of the round an event fires see it as not fired; the same round's state updates and every later round see it", () => {
    const spec = compile({
      id: 'timing',
      rounds: { count: 3 },
      state: {
        seen: { label: 'Seen by the update', initial: '0', update: 'shock' },
        hit: { label: 'Set by the effect', initial: '0' },
      },
      events: [{ id: 'shock', label: 'Shock', probability: 'round == 1 ? 1 : 0', effects: { hit: '5' } }],
      actors: [{ id: 'A', name: 'A', strategies: [{ id: 'x', label: 'X' }], payoffs: { x: '0' } }],
      outcomes: { fired: { label: 'Shock fired', when: 'shock' } },
      metrics: {
        shockNow: { label: 'shock as the metric sees it', value: 'shock' },
        seenNow: { label: 'seen', value: 'seen' },
        hitNow: { label: 'hit', value: 'hit' },
      },
    });
    const t = replayTrial(spec, { seed: 1, trials: 1 }, 1);
    const row = (r: number): Record<string, number> =>
      Object.fromEntries(t.rounds[r - 1]!.metrics.map((m) => [m.id, m.value]));
    expect(t.rounds.map((r) => r.events)).toEqual([['shock'], [], []]);
    expect(t.rounds.map((r) => r.outcomes)).toEqual([[], ['fired'], ['fired']]);
    expect(row(1)).toEqual({ shockNow: 0, seenNow: 0, hitNow: 0 });
    expect(row(2)).toEqual({ shockNow: 1, seenNow: 1, hitNow: 5 });
    // the round-1 update already saw shock = 1
    expect(t.rounds[0]!.state.find((s) => s.id === 'seen')!.value).toBe(1);
  });
});
