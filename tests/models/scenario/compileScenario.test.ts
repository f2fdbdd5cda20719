import { describe, expect, it } from 'vitest';
import { describeNonFinite } from '../../../models/scenario/describeNonFinite';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { parseScenario, type ParseScenarioResult } from '../../../models/scenario/parseScenario';
import { environmentAt, reduceToGame, ScenarioValueError } from '../../../models/scenario/reduceToGame';

const base = {
  format: 'parley.scenario/1',
  title: 'Test',
  parameters: {
    r: { label: 'R', default: 3, min: 0, max: 10 },
    k: { label: 'K', default: 1, min: 0.5, max: 2, uncertainty: '0.8 to 1.5' },
  },
  actors: [
    {
      id: 'A',
      name: 'Alice',
      strategies: [
        { id: 'c', label: 'C' },
        { id: 'd', label: 'D' },
      ],
      payoffs: { c: 'r * B.c', d: 'k + r * B.c' },
    },
    {
      id: 'B',
      name: 'Bob',
      strategies: [
        { id: 'c', label: 'C' },
        { id: 'd', label: 'D' },
      ],
      payoffs: { c: 'r * A.c', d: 'k' },
    },
  ],
};

const parse = (patch: Record<string, unknown>): ParseScenarioResult =>
  parseScenario(JSON.stringify({ ...base, ...patch }));
const issues = (patch: Record<string, unknown>): string[] => {
  const r = parse(patch);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};
const ok = (patch: Record<string, unknown> = {}) => {
  const r = parse(patch);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r;
};

describe('compileScenario', () => {
  it('lays out slots: parameters, round, month, derived, state, events, choices', () => {
    const { spec } = ok({
      derived: { season: 'month == 3' },
      state: { s: { label: 'S', initial: 'r', update: 's + 1' } },
      events: [{ id: 'shock', label: 'Shock', probability: '0.1' }],
    });
    expect(spec.slotNames).toEqual([
      'r',
      'k',
      'round',
      'month',
      'season',
      's',
      'shock',
      'A.c',
      'A.d',
      'B.c',
      'B.d',
    ]);
    expect(spec.envSize).toBe(11);
    expect(spec.params[1]?.distribution).toEqual({ type: 'interval90', low: 0.8, high: 1.5 });
    expect(spec.events[0]).toMatchObject({ id: 'shock', once: true, firedSlot: 6, effects: [] });
    expect(spec.actors[1]?.choiceSlots).toEqual([9, 10]);
    expect(spec.selection).toBe('payoff-dominant');
    expect(spec.rounds).toEqual({ count: 1, label: 'round' });
    expect(spec.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(ok().spec.hash).toBe(ok().spec.hash);
    expect(ok({ title: 'Other' }).spec.hash).not.toBe(ok().spec.hash);
  });

  it('builds the one-round game in Gambit order (player 0 fastest)', () => {
    const game = reduceToGame(instantiateModel(ok().spec), { params: { r: 4 } });
    expect(game.players).toEqual(['Alice', 'Bob']);
    expect(game.payoffs).toEqual([
      [4, 4], // c,c
      [5, 0], // d,c
      [0, 1], // c,d
      [1, 1], // d,d
    ]);
  });

  it('compiles per-profile overrides in (first listed wins)', () => {
    const actors = structuredClone(base.actors) as ((typeof base.actors)[number] & { overrides?: unknown })[];
    (actors[0] as { overrides?: unknown }).overrides = [
      { profile: { A: 'd', B: 'd' }, payoff: '-7' },
      { profile: { A: 'd', B: 'd' }, payoff: '-9' },
      { profile: { A: 'c' }, payoff: '42' },
    ];
    const r = ok({ actors });
    expect(r.warnings.map((w) => w.message)).toEqual([
      'this override names only A\'s strategy, so it replaces the payoff of "c" entirely',
    ]);
    const game = reduceToGame(instantiateModel(r.spec));
    expect(game.payoffs.map((p) => p[0])).toEqual([42, 4, 42, -7]);
  });

  it('reports bad overrides and behaviours with paths', () => {
    const actors = structuredClone(base.actors) as Record<string, unknown>[];
    actors[0] = { ...actors[0], overrides: [{ profile: { X: 'c', B: 'e' }, payoff: '1' }] };
    actors[1] = { ...actors[1], behaviour: { model: 'mixed', probabilities: { c: 0.5, e: 0.2 } } };
    expect(issues({ actors })).toEqual([
      'actors[0].overrides[0].profile.X: unknown actor "X"',
      'actors[0].overrides[0].profile.B: "e" is not a strategy of B',
      'actors[0].overrides[0].profile: must name A\'s own strategy (e.g. "A": "c")',
      'actors[1].behaviour.probabilities.e: "e" is not a strategy of B',
      'actors[1].behaviour.probabilities: must sum to 1 (they sum to 0.5)',
    ]);
  });

  it('maps behaviours to strategy indices', () => {
    const actors = structuredClone(base.actors) as Record<string, unknown>[];
    actors[0] = { ...actors[0], behaviour: { model: 'fixed', strategy: 'd' } };
    actors[1] = { ...actors[1], behaviour: { model: 'mixed', probabilities: { d: 1 } } };
    const { spec } = ok({ actors });
    expect(spec.actors.map((a) => a.behaviour)).toEqual([
      { model: 'fixed', strategy: 1 },
      { model: 'mixed', probabilities: [0, 1] },
    ]);
  });

  it('restricts what each kind of formula may read', () => {
    expect(
      issues({
        derived: { late: 'early + 1', early: 'A.c' },
        state: { s: { label: 'S', initial: 'round + t', update: 's' }, t: { label: 'T', initial: '1' } },
      }),
    ).toEqual([
      'derived.late: "early" is defined after "late" (derived variables may only use those listed before them)',
      'derived.early: "A.c" cannot be used here: derived variables are computed at the start of a round, before any choice',
      'state.s.initial: "round" cannot be used here: an initial value may only use parameters',
      'state.s.initial: "t" cannot be used here: an initial value may only use parameters',
    ]);
  });

  it('checks ids: reserved names, clashes across kinds, event effects on unknown state', () => {
    expect(
      issues({
        parameters: { ...base.parameters, min: { label: 'M', default: 0, min: 0, max: 1 } },
        state: { r: { label: 'dup', initial: '0' } },
        events: [{ id: 'e1', label: 'E', probability: '0.5', effects: { tension: '1' } }],
      }),
    ).toEqual([
      'parameters.min: "min" is a reserved name in formulas; choose another id',
      'state.r: duplicate id "r": already a parameter (parameters.r)',
      'events[0].effects.tension: unknown state variable "tension"',
    ]);
  });

  it('the range rule at validate time: a range that cuts off over 1% warns with what is drawn; one that holds none is refused', () => {
    const k = { label: 'K', default: 1, min: 0.5, max: 2 };
    const r = ok({ parameters: { ...base.parameters, k: { ...k, uncertainty: '0 to 2' } } });
    // normal(1, 0.608): Φ(−0.822) = 20.6% below 0.5 and Φ(−1.645) = 5% above 2; truncated mean
    // 1 + 0.608·(φ(−0.822) − φ(1.645))/0.7445 = 1.148
    expect(r.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'parameters.k.uncertainty: the range 0.5 to 2 cuts off 26% of "0 to 2" (90% interval: normal, mean 1, sd 0.608) (21% below 0.5, 5.0% above 2): "k" is drawn from it truncated to the range, whose mean is 1.148 and sd 0.3839',
    ]);
    expect(
      issues({
        parameters: { ...base.parameters, k: { ...k, uncertainty: { type: 'uniform', min: 3, max: 4 } } },
      }),
    ).toEqual([
      expect.stringMatching(/^parameters\.k\.uncertainty: the range 0\.5 to 2 holds none of uniform/),
    ]);
  });

  it('checks correlations', () => {
    expect(
      issues({
        correlations: [
          { a: 'k', b: 'r', rho: 0.5 },
          { a: 'k', b: 'kk', rho: 0.5 },
          { a: 'k', b: 'k', rho: 0.2 },
        ],
      }),
    ).toEqual([
      'correlations[0].b: parameter "r" has no uncertainty, so it cannot be correlated',
      'correlations[1].b: unknown parameter "kk" — did you mean "k"?',
      'correlations[2].b: a parameter cannot be correlated with itself',
    ]);
  });

  it('warns about unused parameters and possible division by zero', () => {
    // z + 0.5 takes every value from -0.5 to 1.5, so 1 / (z + 0.5) is refused (an error, see checkDomains.test);
    // z * z + z - 0.5 is only possibly 0 to the interval check (z is used more than once): a warning
    const r = ok({
      parameters: {
        ...base.parameters,
        unused: { label: 'U', default: 0, min: 0, max: 1 },
        z: { label: 'Z', default: 1, min: -1, max: 1 },
      },
      metrics: { m: { label: 'M', value: '1 / (z * z + z - 0.5)' } },
    });
    expect(r.warnings).toEqual([
      {
        path: 'metrics.m.value',
        message:
          'formula for metrics.m may divide by 0: "z * z + z - 0.5" can be 0 for some values of its inputs (it ranges from -2.5 to 1.5)',
      },
      { path: 'parameters.unused', message: 'parameter "unused" is not used by any formula' },
    ]);
  });

  it('computes round, month (wrapping the year), initial state and derived values', () => {
    const { spec } = ok({
      rounds: { count: 24, label: 'month', startMonth: 11 },
      derived: { winter: 'month == 12 or month <= 2', double: 'winter * 2' },
      state: { s: { label: 'S', initial: 'r * 2', min: 0, max: 5 } },
    });
    const model = instantiateModel(spec);
    const env = environmentAt(model, { round: 3 });
    const at = (name: string): number => env[spec.slotNames.indexOf(name)] as number;
    expect([at('round'), at('month'), at('winter'), at('double'), at('s')]).toEqual([3, 1, 1, 2, 5]);
    expect(at('s')).toBe(5); // 6 clamped to max
    expect(environmentAt(model, { round: 14, state: { s: 1 } })[spec.slotNames.indexOf('month')]).toBe(12);
  });

  it('rejects unknown names in reduceToGame with did-you-mean', () => {
    const model = instantiateModel(ok().spec);
    expect(() => reduceToGame(model, { params: { rr: 1 } })).toThrow(
      'unknown parameter "rr" — did you mean "r"?',
    );
    expect(() => reduceToGame(model, { state: { s: 1 } })).toThrow(ScenarioValueError);
  });

  it('reports a NaN payoff with the formula, the actor and the parameter values', () => {
    const actors = structuredClone(base.actors) as Record<string, unknown>[];
    // (sqrt(r - 5) is refused by the domain check; r * r - 25 is only possibly negative to it, so this loads)
    actors[0] = { ...actors[0], payoffs: { c: 'sqrt(r * r - 25)', d: 'k' } };
    const { spec } = ok({ actors });
    const model = instantiateModel(spec);
    expect(() => reduceToGame(model)).toThrow(
      'payoff of Alice (A) for "c" is NaN: formula "sqrt(r * r - 25)" with r = 3; parameters: r = 3, k = 1',
    );
    const env = environmentAt(model);
    expect(describeNonFinite(spec, { kind: 'payoff', actor: 0, strategy: 0 }, env)).toMatch(
      /is not a finite number/,
    );
  });

  it('scales to 4 actors', () => {
    const mk = (id: string, others: string[]) => ({
      id,
      name: id,
      strategies: [
        { id: 'x', label: 'X' },
        { id: 'y', label: 'Y' },
        { id: 'z', label: 'Z' },
      ],
      payoffs: { x: others.map((o) => `${o}.x`).join(' + '), y: '1', z: `r * ${others[0]}.z` },
    });
    const ids = ['P', 'Q', 'R', 'S'];
    const { spec } = ok({
      actors: ids.map((id) =>
        mk(
          id,
          ids.filter((o) => o !== id),
        ),
      ),
    });
    const game = reduceToGame(instantiateModel(spec));
    expect(game.payoffs).toHaveLength(81);
    expect(game.payoffs[0]).toEqual([3, 3, 3, 3]);
  });

  it('limits the size of the one-round game', () => {
    const strategies = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, label: `S${i}` }));
    const payoffs = Object.fromEntries(strategies.map((x) => [x.id, '0']));
    const actors = ['P', 'Q', 'R', 'S'].map((id) => ({ id, name: id, strategies, payoffs }));
    expect(issues({ actors })).toContain(
      'actors: the game has 20736 strategy profiles (12×12×12×12); the limit is 10000',
    );
  });
});
