// The korea-2025 scenario's claims at the one-round level (the engine tests check them over 24 months).
import { describe, expect, it } from 'vitest';
import type { Game } from '../../../models/games/Game';
import { loadBuiltin } from '../../../models/scenario/builtins';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { reduceToGame } from '../../../models/scenario/reduceToGame';

const model = instantiateModel(loadBuiltin('korea-2025').spec);
// round 1 = July 2025 (no drills), round 2 = August (Ulchi Freedom Shield)
const OFF_SEASON = 1;
const DRILL_MONTH = 2;
const ENGAGE = 0;
const HOLD = 1;
const PROVOKE = 2;
const OFFER = 0;

const game = (params: Record<string, number> = {}, round = OFF_SEASON): Game =>
  reduceToGame(model, { params, round });
/** North Korea's payoffs against the South's offer. */
const vsOffer = (g: Game): number[] => [0, 1, 2].map((k) => g.payoffs[k + 3 * OFFER]?.[0] as number);
const bestReplyToOffer = (g: Game): number => {
  const v = vsOffer(g);
  return v.indexOf(Math.max(...v));
};
/** Payoff gap of engaging vs the best alternative, against an offer (> 0: engage is the best reply). */
const engageGap = (g: Game): number => {
  const v = vsOffer(g);
  return (v[ENGAGE] as number) - Math.max(v[HOLD] as number, v[PROVOKE] as number);
};
const pureEquilibria = (g: Game): string[] => {
  const [n0, n1] = g.strategies.map((s) => s.length) as [number, number];
  const out: string[] = [];
  for (let i = 0; i < n0; i++) {
    for (let j = 0; j < n1; j++) {
      const p = g.payoffs[i + n0 * j] as number[];
      const best0 = [...Array(n0).keys()].every(
        (k) => (g.payoffs[k + n0 * j]?.[0] as number) <= (p[0] as number),
      );
      const best1 = [...Array(n1).keys()].every(
        (k) => (g.payoffs[i + n0 * k]?.[1] as number) <= (p[1] as number),
      );
      if (best0 && best1) out.push(`${g.strategies[0]?.[i]}/${g.strategies[1]?.[j]}`);
    }
  }
  return out;
};

describe('korea-2025 (one round)', () => {
  it('starts in July 2025 and runs 24 months', () => {
    expect(model.rounds).toEqual({ count: 24, label: 'month' });
    expect(model.builtins.startMonth).toBe(7);
  });

  it("at today's values the North does not engage: it holds off-season and provokes in a drill month", () => {
    expect(bestReplyToOffer(game())).toBe(HOLD);
    expect(bestReplyToOffer(game({}, DRILL_MONTH))).toBe(PROVOKE);
    expect(pureEquilibria(game()).some((e) => e.startsWith('Engage'))).toBe(false);
    expect(pureEquilibria(game({}, DRILL_MONTH)).some((e) => e.startsWith('Engage'))).toBe(false);
  });

  it('offers alone barely move that', () => {
    const variants: Record<string, number>[] = [
      { offerValue: 2 },
      { credibility: 0.5 },
      { offerValue: 2, credibility: 0.5 },
    ];
    for (const params of variants) {
      expect(bestReplyToOffer(game(params))).not.toBe(ENGAGE);
      expect(pureEquilibria(game(params)).some((e) => e.startsWith('Engage'))).toBe(false);
    }
  });

  it('scaled-down drills move it a little (drill months stop being provocation months; still no engagement)', () => {
    const full = game({}, DRILL_MONTH);
    const scaled = game({ drillScale: 0 }, DRILL_MONTH);
    expect(bestReplyToOffer(scaled)).toBe(HOLD);
    expect(engageGap(scaled)).toBeGreaterThan(engageGap(full));
    expect(engageGap(scaled)).toBeLessThan(0);
  });

  it('a collapse of Russian support moves it a lot: (engage, offer) becomes the equilibrium', () => {
    const low = game({ russiaSupport: 0.1 });
    expect(bestReplyToOffer(game({ russiaSupport: 0.2 }))).toBe(ENGAGE);
    expect(bestReplyToOffer(low)).toBe(ENGAGE);
    // a full-scale drill month deters it (it is on the edge there); with scaled-down drills it does not
    expect(engageGap(game({ russiaSupport: 0.1 }, DRILL_MONTH))).toBeLessThan(engageGap(low));
    expect(bestReplyToOffer(game({ russiaSupport: 0.1, drillScale: 0 }, DRILL_MONTH))).toBe(ENGAGE);
    expect(pureEquilibria(low)).toContain('Engage/Offer talks');
    const shift = engageGap(low) - engageGap(game());
    const offerShift = engageGap(game({ offerValue: 2 })) - engageGap(game());
    const drillShift = engageGap(game({ drillScale: 0 }, DRILL_MONTH)) - engageGap(game({}, DRILL_MONTH));
    expect(shift).toBeGreaterThan(2 * offerShift);
    expect(shift).toBeGreaterThan(2 * drillShift);
  });

  it("the engage gap falls monotonically as Russia's support rises", () => {
    let prev = Infinity;
    for (let s = 0; s <= 1.0001; s += 0.1) {
      const gap = engageGap(game({ russiaSupport: s }));
      expect(gap).toBeLessThan(prev);
      prev = gap;
    }
  });
});
