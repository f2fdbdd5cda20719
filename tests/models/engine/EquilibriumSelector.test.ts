import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EQ_MIXED, EQ_PURE, EquilibriumSelector } from '../../../models/engine/EquilibriumSelector';
import type { FloatGame } from '../../../models/games/kernels/FloatGame';
import { enumPure } from '../../../models/games/kernels/enumPure';
import { regret } from '../../../models/games/regret';
import type { SelectionRule } from '../../../models/scenario/RuntimeModel';
import {
  arbGame,
  arbGameOfShape,
  arbPayoff,
  floatGame,
  gameOf,
  rowsOf,
} from '../games/kernels/kernelHelpers';

const RULES: SelectionRule[] = ['payoff-dominant', 'risk-dominant', 'random', 'first', 'logit-limit'];

const select = (
  g: FloatGame,
  rule: SelectionRule,
  u = 0.5,
): { type: number; mix: Float64Array; s: EquilibriumSelector } => {
  const s = new EquilibriumSelector(Array.from(g.counts), rule);
  const mix = new Float64Array(g.totalStrategies);
  return { type: s.select(g, u, mix), mix, s };
};

/** The pure profile index of a degenerate mix. */
const profileOfMix = (g: FloatGame, mix: Float64Array): number => {
  let p = 0;
  for (let i = 0; i < g.n; i++) {
    for (let s = 0; s < (g.counts[i] as number); s++)
      if (mix[(g.offsets[i] as number) + s] === 1) p += s * (g.strides[i] as number);
  }
  return p;
};

// stag hunt: (stag, stag) = 4,4; (hare, hare) = 3,3; stag alone 0, hare 3
const stagHunt = floatGame([2, 2], [4, 4, 3, 0, 0, 3, 3, 3]);
// chicken: (swerve, swerve) 0,0; (straight, swerve) 2,-1; (swerve, straight) -1,2; (straight, straight) -10,-10
const chicken = floatGame([2, 2], [0, 0, 2, -1, -1, 2, -10, -10]);
// battle of the sexes (favourite 3, together 2): (opera, opera) 3,2; (football, football) 2,3
const bos = floatGame([2, 2], [3, 2, 0, 0, 0, 0, 2, 3]);

describe('EquilibriumSelector: the rules', () => {
  it('stag hunt: payoff-dominant (stag, stag), risk-dominant (hare, hare), first, random by u', () => {
    expect(profileOfMix(stagHunt, select(stagHunt, 'payoff-dominant').mix)).toBe(0);
    expect(profileOfMix(stagHunt, select(stagHunt, 'risk-dominant').mix)).toBe(3);
    expect(profileOfMix(stagHunt, select(stagHunt, 'first', 0.99).mix)).toBe(0);
    expect(profileOfMix(stagHunt, select(stagHunt, 'random', 0.75).mix)).toBe(3);
    expect(profileOfMix(stagHunt, select(stagHunt, 'random', 0.25).mix)).toBe(0);
    // the logit limit of this coordination game is the risk-dominant equilibrium
    const l = select(stagHunt, 'logit-limit');
    expect(l.type).toBe(EQ_PURE);
    expect(profileOfMix(stagHunt, l.mix)).toBe(3);
  });

  it('a tie between pure equilibria is broken uniformly with the round’s uniform, not by index', () => {
    for (const [g, rule] of [
      [bos, 'payoff-dominant'],
      [chicken, 'payoff-dominant'],
      [chicken, 'risk-dominant'],
    ] as const) {
      const low = select(g, rule, 0.2);
      const high = select(g, rule, 0.7);
      expect(low.s.tieCount).toBe(2);
      const eqs = new Int32Array(4);
      expect(enumPure(g, eqs)).toBe(2);
      expect(profileOfMix(g, low.mix)).toBe(eqs[0]);
      expect(profileOfMix(g, high.mix)).toBe(eqs[1]);
    }
    expect(select(stagHunt, 'payoff-dominant', 0.9).s.tieCount).toBe(1);
  });

  it('logit-limit plays chicken’s and the battle of the sexes’ symmetric mixed equilibria', () => {
    const c = select(chicken, 'logit-limit');
    expect(c.type).toBe(EQ_MIXED);
    [9 / 11, 2 / 11, 9 / 11, 2 / 11].forEach((v, k) => expect(c.mix[k]).toBeCloseTo(v, 12));
    const b = select(bos, 'logit-limit');
    expect(b.type).toBe(EQ_MIXED);
    [3 / 5, 2 / 5, 2 / 5, 3 / 5].forEach((v, k) => expect(b.mix[k]).toBeCloseTo(v, 12));
  });

  it('the logit-limit cache is transparent: the same bits as a fresh solve, whatever came before', () => {
    const s = new EquilibriumSelector([2, 2], 'logit-limit');
    const a = new Float64Array(4);
    const b = new Float64Array(4);
    s.select(chicken, 0.1, a);
    s.select(bos, 0.1, b);
    const again = new Float64Array(4);
    s.select(chicken, 0.9, again);
    expect(Array.from(again)).toEqual(Array.from(a));
    expect(Array.from(select(bos, 'logit-limit').mix)).toEqual(Array.from(b));
  });
});

describe('EquilibriumSelector: what the engine plays is an equilibrium (regret-checked)', () => {
  const arbGames = fc.oneof(
    fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
      .chain(([m, n]) => arbGameOfShape([m, n], fc.oneof(arbPayoff('ties'), arbPayoff('generic')))),
    arbGame([3, 4], [2, 3], arbPayoff('ties')).filter((g) => g.profiles <= 36),
    arbGame([3, 3], [2, 3], arbPayoff('generic')),
  );

  it('every rule returns a probability profile whose regret is ≤ 1e-9 × payoff range', () => {
    fc.assert(
      fc.property(
        arbGames,
        fc.constantFrom(...RULES),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (g, rule, u) => {
          const { type, mix } = select(g, rule, u);
          expect([EQ_PURE, EQ_MIXED]).toContain(type);
          // checked by models/games' own regret (independent of the kernels)
          const game = gameOf(g);
          const range = Math.max(1, Math.max(...g.payoffs) - Math.min(...g.payoffs));
          expect(regret(game, rowsOf(g, mix)) as number).toBeLessThanOrEqual(1e-9 * range);
          const eqs = new Int32Array(g.profiles);
          const count = enumPure(g, eqs, 1e-12 * Math.max(1, ...Array.from(g.payoffs, Math.abs)));
          if (rule !== 'logit-limit') expect(type).toBe(count > 0 ? EQ_PURE : EQ_MIXED);
          if (rule === 'payoff-dominant' && count > 0) {
            const sum = (p: number): number => {
              let t = 0;
              for (let i = 0; i < g.n; i++) t += g.payoffs[p * g.n + i] as number;
              return t;
            };
            const best = Math.max(...Array.from(eqs.subarray(0, count), sum));
            expect(sum(profileOfMix(g, mix))).toBeGreaterThanOrEqual(best - 1e-9);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
