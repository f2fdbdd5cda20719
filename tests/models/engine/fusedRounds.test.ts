// The fused rounds (models/engine/fusedRounds.ts) against the general round: the same seed gives bit-identical
// trial records (choices, profiles, equilibrium kinds and counts, outcomes, metrics, events' first rounds) and the
// same environment after the trial, or the same error message — on every built-in scenario whose rounds qualify and
// on random scenarios built to hit every case: ties (small integer payoffs, −0), all four rules, 2–3 actors with 2–4
// strategies, events (once or not, with effects), clamped state, games with no pure equilibrium (the general
// round's Lemke–Howson / logit fallback), and NaN or ±Infinity in every kind of formula, in the first round or a
// later one. The reference is the general round with per-formula closures (`fused: false`, closure back end).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fuseRounds,
  STOP_DERIVED,
  STOP_EVENT_EFFECT,
  STOP_EVENT_PROBABILITY,
  STOP_GAME,
  STOP_NO_PURE,
  STOP_RECORD,
  STOP_START,
  STOP_STATE,
} from '../../../models/engine/fusedRounds';
import { ChunkExecutor } from '../../../models/engine/ChunkExecutor';
import { makeJob } from '../../../models/engine/makeJob';
import { TrialSimulator } from '../../../models/engine/TrialSimulator';
import { seedKey } from '../../../models/random/seedKey';
import { BUILTIN_FILES, loadBuiltin } from '../../../models/scenario/builtins';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { compareFusedTrials, snapshot } from './compareFusedTrials';
import { compile } from './fixtures';

describe('fused rounds: built-in scenarios', () => {
  it('qualify where their rounds are simple, and give the general round’s trials bit for bit', () => {
    const fused: string[] = [];
    let noPure = 0;
    for (const id of Object.keys(BUILTIN_FILES)) {
      const { spec } = loadBuiltin(id);
      if (!fuseRounds(spec)) continue;
      fused.push(id);
      const r = compareFusedTrials(spec, `builtin-${id}`, id.startsWith('korea') ? 400 : 150);
      expect(r.errors).toBe(0);
      noPure += r.stops[STOP_NO_PURE] as number;
    }
    // every simultaneous built-in with nash actors and a pure-equilibrium rule (not the tree, not logit-limit)
    expect(fused.sort()).toEqual([
      'deadlock',
      'freeze-for-freeze',
      'korea-2025',
      'matching-pennies',
      'prisoners-dilemma',
      'rock-paper-scissors',
      'stag-hunt',
    ]);
    // matching pennies and rock–paper–scissors have no pure equilibrium: every round went to the general fallback
    expect(noPure).toBe(2 * 150);
  });

  it('are not used for trees, logit-limit, other behaviours, or without codegen', () => {
    expect(fuseRounds(loadBuiltin('korea-2025-sequential').spec)).toBeNull();
    expect(fuseRounds(loadBuiltin('chicken').spec)).toBeNull();
    const korea = loadBuiltin('korea-2025').spec;
    const logit = {
      ...korea,
      actors: korea.actors.map((a, i) =>
        i === 1 ? { ...a, behaviour: { model: 'logit' as const, lambda: 2 } } : a,
      ),
    };
    expect(fuseRounds(logit)).toBeNull();
    // a replay's trace runs the general round (and gives the same trial)
    const sim = new TrialSimulator(instantiateModel(korea));
    const v = Float64Array.from(new ChunkExecutor(makeJob(korea, { seed: 1, trials: 3 })).paramValues(2, 0));
    const plain = snapshot(sim.run(seedKey('t'), 2, v), sim.environment);
    let rounds = 0;
    sim.trace = () => rounds++;
    expect(snapshot(sim.run(seedKey('t'), 2, v), sim.environment)).toEqual(plain);
    expect(rounds).toBe(24);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Random scenarios

/** Formulas that are NaN or ±Infinity for some draws or rounds (the domain check only warns: x, round used twice). */
const POISONS = [
  'log(x * x - 0.25)', // NaN when |x| < 0.5
  'exp(x * x * 1000)', // +Infinity when |x| > 0.85
  '-exp(x * x * 1000)', // -Infinity
  'log(round * round - 6.25)', // NaN in rounds 1 and 2
  'log(6.25 - round * round) + x', // NaN from round 3 on
  'log(month * month - 6.25)', // NaN in January and February
] as const;

const PLACES = [
  'none',
  'derived',
  'payoff',
  'outcome',
  'metric',
  'event-probability',
  'event-effect',
  'state-update',
  'state-initial',
] as const;

type Shape = {
  readonly counts: readonly number[];
  readonly rule: 'payoff-dominant' | 'risk-dominant' | 'random' | 'first';
  readonly rounds: number;
  readonly cyclic: boolean;
  readonly events: readonly { readonly once: boolean; readonly p: number }[];
  readonly clamp: boolean;
  /** Payoffs in units of 1e-12: maxAbs < 1, so tol = 1e-12 is exactly one payoff step (ties at the tolerance). */
  readonly tiny: boolean;
  readonly place: (typeof PLACES)[number];
  readonly poison: number;
  readonly seed: number;
};

const STRATEGY_IDS = ['a', 'b', 'c', 'd'];
const ACTOR_IDS = ['A', 'B', 'C'];

/** A scenario file of this shape; its terms from a small generator seeded by shape.seed. */
const scenarioOf = (shape: Shape): Record<string, unknown> => {
  let h = shape.seed >>> 0;
  const rnd = (k: number): number => {
    h = (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return (h >>> 8) % k;
  };
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)] as T;
  // (an initial value may only read parameters)
  const poison = POISONS[shape.poison % (shape.place === 'state-initial' ? 3 : POISONS.length)] as string;
  const at = (place: Shape['place'], formula: string): string =>
    shape.place === place ? `(${formula}) + ${poison}` : formula;
  const n = shape.counts.length;
  const actors = shape.counts.map((c, i) => {
    const strategies = STRATEGY_IDS.slice(0, c);
    const payoffs: Record<string, string> = {};
    strategies.forEach((s, k) => {
      const terms: string[] = [String(pick([-1, 0, 0, 1, 2]))];
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const other = STRATEGY_IDS.slice(0, shape.counts[j]);
        if (shape.cyclic && n === 2) {
          // matching pennies on indices: actor 0 wants to match, actor 1 to differ
          const match = `${ACTOR_IDS[j]}.${other[k % other.length]}`;
          terms.push(i === 0 ? `2 * ${match}` : `-2 * ${match}`);
        } else {
          for (const t of other) if (rnd(2)) terms.push(`${pick([-1, 1, 2, 0.5])} * ${ACTOR_IDS[j]}.${t}`);
          if (n === 3 && rnd(2)) {
            const [p, q] = [0, 1, 2].filter((x) => x !== i) as [number, number];
            terms.push(
              `${ACTOR_IDS[p]}.${pick(STRATEGY_IDS.slice(0, shape.counts[p]))} * ${ACTOR_IDS[q]}.${pick(STRATEGY_IDS.slice(0, shape.counts[q]))}`,
            );
          }
        }
      }
      // ties broken by a continuous term now and then (some within the tie tolerance); −0; state and derived terms
      terms.push(
        pick([
          '0',
          '-0',
          '0 * x',
          '-0 * w',
          'w * 0.001',
          'w * 3e-12',
          'x * 3e-12',
          'x',
          's0',
          'd0 * 0.1',
          '0',
        ]),
      );
      const payoff = shape.tiny ? `1e-12 * (${terms.join(' + ')})` : terms.join(' + ');
      payoffs[s] = at(i === 0 && k === 0 ? 'payoff' : 'none', payoff);
    });
    return {
      id: ACTOR_IDS[i],
      name: ACTOR_IDS[i],
      strategies: strategies.map((s) => ({ id: s, label: s })),
      payoffs,
      behaviour: { model: 'nash' },
    };
  });
  const A = 'A.a';
  const B = `B.${STRATEGY_IDS[shape.counts[1]! - 1]}`;
  const events = shape.events.map((e, k) => ({
    id: `e${k}`,
    label: `e${k}`,
    probability: at(k === 0 ? 'event-probability' : 'none', pick(['w', '0.5', 'x', '1.5 * w', String(e.p)])),
    once: e.once,
    effects: {
      s0: at(k === 0 ? 'event-effect' : 'none', pick(['s0 + 1', '-s0', 's0 * 0.5 - 0.25', '0 * s0'])),
    },
  }));
  // the event-effect poison needs its event to fire
  if (shape.place === 'event-effect' && events[0]) events[0].probability = '0.7';
  return {
    id: 'random',
    parameters: {
      x: { label: 'x', default: 0.2, min: -1, max: 1, uncertainty: { type: 'uniform', min: -1, max: 1 } },
      w: { label: 'w', default: 0.5, min: 0, max: 1, uncertainty: { type: 'uniform', min: 0, max: 1 } },
    },
    rounds: { count: shape.rounds, label: 'round', startMonth: 1 + (shape.seed % 12) },
    derived: {
      d0: { label: 'd0', value: at('derived', pick(['x * 2 + month', 'w * s0', 'month == 3', 'round'])) },
    },
    state: {
      s0: {
        label: 's0',
        initial: at('state-initial', pick(['0', 'x', '-0', 'w - 0.5'])),
        update: at(
          'state-update',
          pick([`0.5 * s0 + ${A} - ${B}`, `s0 + x * ${A}`, `-s0 + w`, 's0 * 1.5 + 0.3']),
        ),
        ...(shape.clamp ? { min: -1, max: 1 } : {}),
      },
      s1: { label: 's1', initial: '1', update: 's1 * 2', ...(shape.clamp ? { max: 3 } : {}) },
      // −0 at a clamp bound of 0 stays −0 (−0 < 0 is false)
      s2: {
        label: 's2',
        initial: pick(['0', '-0', '-0 * w']),
        update: pick(['-0 * w', '0 - w', 'w']),
        min: 0,
      },
    },
    events,
    actors,
    equilibrium: shape.rule,
    outcomes: {
      o0: { label: 'o0', when: at('outcome', `${A} and ${B}`) },
      o1: { label: 'o1', when: 's0 > 0' },
    },
    metrics: {
      m0: { label: 'm0', value: at('metric', 's0') },
      m1: { label: 'm1', value: pick(['0 * x', 'd0', 's1', '-0', 's2']) },
    },
  };
};

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  counts: fc.oneof(
    fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 2, maxLength: 2 }),
    fc.array(fc.integer({ min: 2, max: 3 }), { minLength: 3, maxLength: 3 }),
  ),
  rule: fc.constantFrom('payoff-dominant', 'risk-dominant', 'random', 'first'),
  rounds: fc.integer({ min: 1, max: 5 }),
  cyclic: fc.boolean(),
  events: fc.array(fc.record({ once: fc.boolean(), p: fc.constantFrom(0, 0.3, 1) }), { maxLength: 2 }),
  clamp: fc.boolean(),
  tiny: fc.boolean(),
  place: fc.constantFrom(...PLACES),
  poison: fc.nat(),
  seed: fc.nat(),
});

describe('fused rounds: random scenarios', () => {
  it('give the general round’s trials bit for bit, its fallbacks and its error messages', () => {
    const stops = new Int32Array(9);
    let errors = 0;
    let rounds = 0;
    const tiedByRule = new Map<string, number>();
    fc.assert(
      fc.property(shapeArb, (shape) => {
        const spec = compile(scenarioOf(shape));
        const r = compareFusedTrials(spec, `random-${shape.seed}`, 16);
        r.stops.forEach((k, code) => (stops[code] = (stops[code] as number) + k));
        errors += r.errors;
        rounds += r.rounds;
        tiedByRule.set(shape.rule, (tiedByRule.get(shape.rule) ?? 0) + r.tied);
      }),
      {
        numRuns: 200,
        // besides the random shapes: each poisoned place once with NaN from round 3 on (a stop after two fused
        // rounds), a matching-pennies game, and each rule
        examples: [
          ...PLACES.map((place): [Shape] => [
            {
              counts: [3, 3],
              rule: 'payoff-dominant',
              rounds: 5,
              cyclic: false,
              events: [{ once: false, p: 0.3 }],
              clamp: true,
              tiny: false,
              place,
              poison: place === 'state-initial' ? 0 : 4,
              seed: 7,
            },
          ]),
          // NaN in January and February, from a February start: the trial's start stops, not round 1
          [
            {
              counts: [2, 2],
              rule: 'first',
              rounds: 2,
              cyclic: false,
              events: [],
              clamp: false,
              tiny: false,
              place: 'derived',
              poison: 5,
              seed: 13,
            },
          ],
          ...(['payoff-dominant', 'risk-dominant', 'random', 'first'] as const).map((rule): [Shape] => [
            {
              counts: [2, 3],
              rule,
              rounds: 3,
              cyclic: true,
              events: [],
              clamp: false,
              tiny: false,
              place: 'none',
              poison: 0,
              seed: 11,
            },
          ]),
        ],
      },
    );
    // the runs went through every way out of the fused rounds, and most rounds stayed in them
    for (const code of [
      STOP_DERIVED,
      STOP_GAME,
      STOP_NO_PURE,
      STOP_RECORD,
      STOP_EVENT_PROBABILITY,
      STOP_EVENT_EFFECT,
      STOP_STATE,
      STOP_START,
    ])
      expect(stops[code], `stop code ${code}`).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(0);
    // every rule chose among several pure equilibria
    for (const rule of ['payoff-dominant', 'risk-dominant', 'random', 'first'])
      expect(tiedByRule.get(rule), rule).toBeGreaterThan(0);
    const stopped = stops.reduce((s, k) => s + k, 0);
    expect(stopped).toBeLessThan(rounds / 2);
  });
});

describe('fused rounds: every profile an equilibrium', () => {
  it('each rule breaks a nine-way tie with the round’s uniform exactly as the general round does', () => {
    const actor = (id: string, payoff: string): Record<string, unknown> => ({
      id,
      name: id,
      strategies: STRATEGY_IDS.slice(0, 3).map((s) => ({ id: s, label: s })),
      payoffs: { a: payoff, b: payoff, c: payoff },
      behaviour: { model: 'nash' },
    });
    for (const rule of ['payoff-dominant', 'risk-dominant', 'random', 'first']) {
      const spec = compile({
        id: 'flat',
        rounds: { count: 4, label: 'round' },
        actors: [actor('A', '0'), actor('B', '-0')],
        equilibrium: rule,
        outcomes: { aa: { label: 'aa', when: 'A.a and B.a' } },
      });
      const r = compareFusedTrials(spec, `flat-${rule}`, 600);
      expect(r.tied).toBe(600 * 4);
      expect(r.stops.every((k) => k === 0)).toBe(true);
    }
  });
});

describe('fused rounds: near ties', () => {
  it('risk dominance ties within 1e-12 of its relative scores, not within the payoff tolerance', () => {
    // scores 16/s² and 4/s (s = 4 + 8e-12) differ by ≈ 2e-12: (b, b) alone at 1e-12, a tie at tol = 4e-12
    const actor = (id: string, other: string, bb: string): Record<string, unknown> => ({
      id,
      name: id,
      strategies: [
        { id: 'a', label: 'a' },
        { id: 'b', label: 'b' },
      ],
      payoffs: { a: `4 * ${other}.a`, b: `${bb} * ${other}.b` },
      behaviour: { model: 'nash' },
    });
    const spec = compile({
      id: 'near',
      rounds: { count: 3, label: 'round' },
      actors: [actor('A', 'B', '(4 + 8e-12)'), actor('B', 'A', '4')],
      equilibrium: 'risk-dominant',
      outcomes: { bb: { label: 'bb', when: 'A.b and B.b' } },
    });
    const r = compareFusedTrials(spec, 'near', 200);
    expect(r.tied).toBe(200 * 3);
    const sim = new TrialSimulator(instantiateModel(spec));
    const rec = sim.run(seedKey('near'), 0, new Float64Array(0));
    expect(Array.from(rec.outcomes)).toEqual([1, 1, 1]);
  });
});
