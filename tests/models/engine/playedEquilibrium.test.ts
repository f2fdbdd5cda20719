import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { playedEquilibrium } from '../../../models/engine/playedEquilibrium';
import { EquilibriumNotFoundError, TrialSimulator } from '../../../models/engine/TrialSimulator';
import { createInProcessRunner } from '../../../models/engine/InProcessRunner';
import { runScenario } from '../../../models/engine/runScenario';
import { seedKey } from '../../../models/random/seedKey';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { loadBuiltin } from '../../../models/scenario/builtins';
import { reduceToGame } from '../../../models/scenario/reduceToGame';
import type { SelectionRule } from '../../../models/scenario/RuntimeModel';
import { deviationPayoffsFloat } from '../../../models/games/regret';
import type { FloatGame } from '../../../models/games/kernels/FloatGame';
import { arbGame, arbPayoff, floatGame, gameOf } from '../games/kernels/kernelHelpers';
import { compile } from './fixtures';

type Behaviour =
  | { model: 'nash' }
  | { model: 'fixed'; strategy: string }
  | { model: 'mixed'; probabilities: Record<string, number> };

/** A one-round scenario whose game is g (payoff formulas: sums of the others' strategy indicators). */
const scenarioOf = (g: FloatGame, behaviours: Behaviour[], rule: SelectionRule) => {
  const actor = (i: number): string => `a${i}`;
  const actors = Array.from({ length: g.n }, (_, i) => {
    const payoffs: Record<string, string> = {};
    for (let k = 0; k < (g.counts[i] as number); k++) {
      const terms: string[] = [];
      for (let p = 0; p < g.profiles; p++) {
        if (g.strategyOf(p, i) !== k) continue;
        const v = g.payoffs[p * g.n + i] as number;
        if (v === 0) continue;
        const ind = Array.from({ length: g.n }, (_, j) => j)
          .filter((j) => j !== i)
          .map((j) => `${actor(j)}.s${g.strategyOf(p, j)}`);
        terms.push([`(${v})`, ...ind].join(' * '));
      }
      payoffs[`s${k}`] = terms.length ? terms.join(' + ') : '0';
    }
    return {
      id: actor(i),
      name: actor(i),
      strategies: Array.from({ length: g.counts[i] as number }, (_, k) => ({ id: `s${k}`, label: `S${k}` })),
      payoffs,
      behaviour: behaviours[i],
    };
  });
  return compile({ id: 'random', actors, equilibrium: rule });
};

const arbBehaviour = (g: FloatGame): fc.Arbitrary<Behaviour[]> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constant<Behaviour>({ model: 'nash' }) },
        fc.nat().map((s) => ({ model: 'fixed', strategy: `s${s}` }) as Behaviour),
        fc.constant<Behaviour>({ model: 'mixed', probabilities: {} }),
      ),
      { minLength: g.n, maxLength: g.n },
    )
    .map((bs) =>
      bs.map((b, i): Behaviour => {
        const c = g.counts[i] as number;
        if (b.model === 'fixed') return { model: 'fixed', strategy: `s${Number(b.strategy.slice(1)) % c}` };
        if (b.model === 'mixed')
          return {
            model: 'mixed',
            probabilities: Object.fromEntries(Array.from({ length: c }, (_, k) => [`s${k}`, 1 / c])),
          };
        return b;
      }),
    )
    .filter((bs) => bs.some((b) => b.model === 'nash'));

describe('every round the engine plays: the nash actors play an equilibrium (regret-checked)', () => {
  it('random 2- to 4-player games, any rule, fixed and mixed actors beside the nash ones', () => {
    const games = fc.oneof(
      arbGame([2, 2], [1, 4], fc.oneof(arbPayoff('ties'), arbPayoff('generic'))),
      arbGame([3, 4], [2, 3], arbPayoff('ties')).filter((g) => g.profiles <= 24),
      arbGame([3, 3], [2, 2], arbPayoff('generic')),
    );
    fc.assert(
      fc.property(
        games.chain((g) => fc.tuple(fc.constant(g), arbBehaviour(g))),
        fc.constantFrom<SelectionRule>('payoff-dominant', 'risk-dominant', 'random', 'first', 'logit-limit'),
        fc.nat(1000),
        ([g, behaviours], rule, trial) => {
          const model = instantiateModel(scenarioOf(g, behaviours, rule));
          const sim = new TrialSimulator(model, { rounds: 1 });
          let mix: Float64Array | null = null;
          sim.trace = (t) => (mix = t.mix);
          sim.run(seedKey('played'), trial, new Float64Array(0));
          const played = mix as unknown as Float64Array;
          const game = gameOf(g);
          const profile = Array.from(g.counts, (c, i) =>
            Array.from(played.subarray(g.offsets[i] as number, (g.offsets[i] as number) + c)),
          );
          // The round's game is the scenario's (formulas reproduce the payoffs exactly).
          expect(playedEquilibrium(model, game).rule).toBe(rule);
          const dev = deviationPayoffsFloat(game, profile);
          const range = Math.max(1, Math.max(...g.payoffs) - Math.min(...g.payoffs));
          behaviours.forEach((b, i) => {
            const u = (dev[i] as number[]).reduce((s, v, k) => s + v * (profile[i]![k] as number), 0);
            if (b.model === 'nash')
              expect(Math.max(...(dev[i] as number[])) - u).toBeLessThanOrEqual(1e-9 * range);
            else if (b.model === 'fixed') expect(profile[i]![Number(b.strategy.slice(1))]).toBe(1);
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('playedEquilibrium (which equilibrium the simulation plays)', () => {
  const modelOf = (id: string) => instantiateModel(loadBuiltin(id).spec);

  it('chicken (logit-limit): the symmetric mixed equilibrium, each driver straight with probability 2/11', () => {
    const model = modelOf('chicken');
    const p = playedEquilibrium(model, reduceToGame(model));
    expect(p.rule).toBe('logit-limit');
    expect(p.kind).toBe('mixed');
    expect(p.pureEquilibria).toBe(2);
    expect(p.alternatives).toHaveLength(1);
    for (const row of p.alternatives[0]!.profile) {
      expect(row[0]).toBeCloseTo(9 / 11, 12);
      expect(row[1]).toBeCloseTo(2 / 11, 12);
    }
  });

  it('a payoff-dominant tie shows both tied equilibria with probability 1/2 each', () => {
    const spec = compile({
      id: 'tie',
      actors: [
        {
          id: 'A',
          name: 'A',
          strategies: ['x', 'y'].map((id) => ({ id, label: id })),
          payoffs: { x: '2 * B.x', y: 'B.y' },
        },
        {
          id: 'B',
          name: 'B',
          strategies: ['x', 'y'].map((id) => ({ id, label: id })),
          payoffs: { x: 'A.x', y: '2 * A.y' },
        },
      ],
    });
    const model = instantiateModel(spec);
    const p = playedEquilibrium(model, reduceToGame(model));
    expect(p.rule).toBe('payoff-dominant');
    expect(p.kind).toBe('pure');
    expect(p.alternatives.map((a) => [a.probability, a.profile])).toEqual([
      [
        0.5,
        [
          [1, 0],
          [1, 0],
        ],
      ],
      [
        0.5,
        [
          [0, 1],
          [0, 1],
        ],
      ],
    ]);
  });

  it('refuses a game of another shape', () => {
    const model = modelOf('chicken');
    expect(() => playedEquilibrium(model, reduceToGame(modelOf('rock-paper-scissors')))).toThrow(RangeError);
  });
});

describe('a round whose equilibrium cannot be computed', () => {
  // Badly scaled: player 2's payoff differences (3e-9) are 5e-9 of the payoff range; the logit branch cannot be
  // followed to its limit in floating point.
  const bad = floatGame([2, 2], [0, -0.6, 0.0000035, 0, -0.0000011, -5e-9, 0, -3e-9]);

  it('stops the run with EquilibriumNotFoundError naming the trial and round, never a non-equilibrium', async () => {
    const spec = scenarioOf(bad, [{ model: 'nash' }, { model: 'nash' }], 'logit-limit');
    const sim = new TrialSimulator(instantiateModel(spec), { rounds: 1 });
    expect(() => sim.run(seedKey('bad'), 3, new Float64Array(0))).toThrow(EquilibriumNotFoundError);
    expect(() => sim.run(seedKey('bad'), 3, new Float64Array(0))).toThrow(
      /could not compute an equilibrium of the round's game \(logit-limit\).*\(trial 3, round 1\)/,
    );
    await expect(runScenario(createInProcessRunner(), spec, { seed: 1, trials: 10 })).rejects.toThrow(
      /could not compute an equilibrium .*\(trial 0, round 1\)/,
    );
    // the same game under payoff-dominant has a pure equilibrium: no failure
    const ok = new TrialSimulator(
      instantiateModel(scenarioOf(bad, [{ model: 'nash' }, { model: 'nash' }], 'first')),
    );
    expect(() => ok.run(seedKey('bad'), 3, new Float64Array(0))).not.toThrow();
  });
});
