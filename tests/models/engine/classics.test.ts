// What the simulation plays in the built-in classics, as their teaching notes say (issue 12: a symmetric game is
// not simulated as if one driver always swerved).
import { describe, expect, it } from 'vitest';
import { createInProcessRunner } from '../../../models/engine/InProcessRunner';
import { playedEquilibrium } from '../../../models/engine/playedEquilibrium';
import { runScenario } from '../../../models/engine/runScenario';
import { loadBuiltin } from '../../../models/scenario/builtins';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { reduceToGame } from '../../../models/scenario/reduceToGame';
import type { SelectionRule } from '../../../models/scenario/RuntimeModel';

const runner = createInProcessRunner();

const played = (id: string, params: Record<string, number> = {}, rule?: SelectionRule) => {
  const spec = loadBuiltin(id).spec;
  const model = instantiateModel(rule ? { ...spec, selection: rule } : spec);
  return playedEquilibrium(model, reduceToGame(model, { params }));
};
/** The single profile played (rounded to 12 digits), or a failure when the rule left a lottery. */
const profileOf = (p: ReturnType<typeof played>): number[][] => {
  expect(p.alternatives).toHaveLength(1);
  return p.alternatives[0]!.profile.map((row) => row.map((v) => Math.round(v * 1e12) / 1e12));
};
const r = (x: number): number => Math.round(x * 1e12) / 1e12;

describe('chicken: the symmetric mixed equilibrium (logit-limit)', () => {
  it('run chicken --trials 100000 --seed 1: the 95% interval of P(crash) covers (2/11)² = 4/121', async () => {
    const res = await runScenario(runner, loadBuiltin('chicken').spec, { seed: 1, trials: 100_000 });
    const crash = res.outcomes.find((o) => o.id === 'crash')!;
    expect(crash.low).toBeLessThanOrEqual(4 / 121);
    expect(crash.high).toBeGreaterThanOrEqual(4 / 121);
    const backDown = res.outcomes.find((o) => o.id === 'backDown')!;
    expect(backDown.low).toBeLessThanOrEqual(36 / 121);
    expect(backDown.high).toBeGreaterThanOrEqual(36 / 121);
    expect(res.equilibria.mixed).toBe(100_000);
  });

  it('plays (9/11, 2/11) for each driver; with crash above lose both drive straight', () => {
    const p = played('chicken');
    expect(p.rule).toBe('logit-limit');
    expect(p.kind).toBe('mixed');
    expect(profileOf(p)).toEqual([
      [r(9 / 11), r(2 / 11)],
      [r(9 / 11), r(2 / 11)],
    ]);
    expect(profileOf(played('chicken', { crash: -0.5 }))).toEqual([
      [0, 1],
      [0, 1],
    ]);
    // under payoff-dominant the two pure equilibria tie: each is played half the time, never a crash
    const tie = played('chicken', {}, 'payoff-dominant');
    expect(tie.alternatives.map((a) => [a.probability, a.profile])).toEqual([
      [
        0.5,
        [
          [0, 1],
          [1, 0],
        ],
      ],
      [
        0.5,
        [
          [1, 0],
          [0, 1],
        ],
      ],
    ]);
  });
});

describe('the other classics', () => {
  it('battle of the sexes (logit-limit): the mixed equilibrium, together 12/25 of the rounds', async () => {
    const p = played('battle-of-the-sexes');
    expect(p.rule).toBe('logit-limit');
    expect(profileOf(p)).toEqual([
      [r(3 / 5), r(2 / 5)],
      [r(2 / 5), r(3 / 5)],
    ]);
    const res = await runScenario(runner, loadBuiltin('battle-of-the-sexes').spec, {
      seed: 1,
      trials: 20_000,
    });
    const together = res.outcomes.find((o) => o.id === 'coordinated')!;
    expect(together.low).toBeLessThanOrEqual(12 / 25);
    expect(together.high).toBeGreaterThanOrEqual(12 / 25);
    expect(played('battle-of-the-sexes', {}, 'payoff-dominant').alternatives).toHaveLength(2);
  });

  it('stag hunt: (stag, stag) under payoff-dominant; (hare, hare) under risk-dominant and logit-limit until stag > 6', () => {
    expect(played('stag-hunt').rule).toBe('payoff-dominant');
    const stag = [
      [1, 0],
      [1, 0],
    ];
    const hare = [
      [0, 1],
      [0, 1],
    ];
    expect(profileOf(played('stag-hunt'))).toEqual(stag);
    expect(profileOf(played('stag-hunt', {}, 'risk-dominant'))).toEqual(hare);
    expect(profileOf(played('stag-hunt', {}, 'logit-limit'))).toEqual(hare);
    expect(profileOf(played('stag-hunt', { stag: 5.5 }, 'logit-limit'))).toEqual(hare);
    expect(profileOf(played('stag-hunt', { stag: 6.5 }, 'logit-limit'))).toEqual(stag);
  });

  it('matching pennies, rock-paper-scissors: the unique mixed equilibrium under every rule', () => {
    for (const rule of ['payoff-dominant', 'risk-dominant', 'random', 'first', 'logit-limit'] as const) {
      expect(profileOf(played('matching-pennies', {}, rule))).toEqual([
        [0.5, 0.5],
        [0.5, 0.5],
      ]);
      expect(profileOf(played('rock-paper-scissors', {}, rule))).toEqual([
        [r(1 / 3), r(1 / 3), r(1 / 3)],
        [r(1 / 3), r(1 / 3), r(1 / 3)],
      ]);
      for (const id of ['prisoners-dilemma', 'deadlock'])
        expect(profileOf(played(id, {}, rule))).toEqual([
          [0, 1],
          [0, 1],
        ]);
    }
  });

  it('freeze-for-freeze (risk-dominant): (test, drill) until freezeValue exceeds 3.5 + exploited', () => {
    expect(played('freeze-for-freeze').rule).toBe('risk-dominant');
    const escalation = [
      [1, 0],
      [1, 0],
    ];
    const freeze = [
      [0, 1],
      [0, 1],
    ];
    expect(profileOf(played('freeze-for-freeze'))).toEqual(escalation);
    expect(played('freeze-for-freeze', { freezeValue: 3 }).pureEquilibria).toBe(2);
    expect(profileOf(played('freeze-for-freeze', { freezeValue: 3 }))).toEqual(escalation);
    expect(profileOf(played('freeze-for-freeze', { freezeValue: 4.4 }))).toEqual(escalation);
    expect(profileOf(played('freeze-for-freeze', { freezeValue: 4.6 }))).toEqual(freeze);
    expect(profileOf(played('freeze-for-freeze', { freezeValue: 4, exploited: 0.4 }))).toEqual(freeze);
  });

  it('korea-2025 keeps payoff-dominant', () => {
    expect(loadBuiltin('korea-2025').spec.selection).toBe('payoff-dominant');
  });
});
