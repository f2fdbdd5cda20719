// Tree rounds (parley.scenario/2 `tree`): validation with paths, the engine's float backward induction against the
// exact tree solvers (subgamePerfect, agentQre) on the same numbers, chance draws and their per-trial check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLOAT_FIELD } from '../../../models/games/extensive/NumField';
import { agentQre } from '../../../models/games/extensive/agentLogit';
import { subgamePerfect } from '../../../models/games/extensive/subgamePerfect';
import { behaviourCheck } from '../../../models/games/extensive/verifyBehaviour';
import type { Num } from '../../../models/games/Equilibrium';
import { TrialSimulator } from '../../../models/engine/TrialSimulator';
import { seedKey } from '../../../models/random/seedKey';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { parseScenarioValue } from '../../../models/scenario/parseScenario';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import { roundTree } from '../../../models/scenario/roundTree';

const toNumber = (v: Num): number => (typeof v === 'number' ? v : v.toNumber());

const issuesOf = (raw: Record<string, unknown>): string[] => {
  const r = parseScenarioValue({ format: 'parley.scenario/2', title: 't', ...raw });
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

const compileOk = (raw: Record<string, unknown>): ModelSpec => {
  const r = parseScenarioValue({ format: 'parley.scenario/2', title: 't', ...raw });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.spec;
};

const actor = (
  id: string,
  strategies: string[],
  payoffs: Record<string, string | number>,
  behaviour?: unknown,
) => ({
  id,
  name: id,
  strategies: strategies.map((s) => ({ id: s, label: s })),
  payoffs,
  ...(behaviour ? { behaviour } : {}),
});

/** Entry deterrence with a chance move: the entrant's cost is high or low (observed by both). */
const entry = (extra: Record<string, unknown> = {}) => ({
  parameters: { pHigh: { label: 'P(high cost)', default: 0.4, min: 0, max: 1 } },
  actors: [
    actor('E', ['in', 'out'], { in: 'I.accommodate * (2 - cost.high) - I.fight', out: 0 }),
    actor('I', ['fight', 'accommodate'], { fight: '-E.in + 2 * E.out', accommodate: 'E.in + 2 * E.out' }),
  ],
  tree: {
    moves: [
      { chance: 'cost', outcomes: [{ id: 'high', probability: 'pHigh' }, { id: 'low' }] },
      { actor: 'E', observes: ['cost'] },
      { actor: 'I', observes: 'all' },
    ],
  },
  outcomes: { entered: { label: 'entered', when: 'E.in' } },
  ...extra,
});

describe('tree rounds: validation', () => {
  it('compiles a perfect-information tree with chance and its play order', () => {
    const spec = compileOk(entry());
    expect(spec.tree?.shape).toBe('perfect');
    expect(spec.tree?.playOrder).toEqual([0, 1, 2]);
    expect(spec.tree?.chance).toEqual([0]);
  });

  it('moves a chance move nobody observes to the end, and one observed later to just before its first observer', () => {
    const t = (moves: unknown[]) => compileOk({ ...entry(), tree: { moves } }).tree?.playOrder;
    const chance = { chance: 'cost', outcomes: [{ id: 'high', probability: 0.5 }, { id: 'low' }] };
    expect(t([chance, { actor: 'E' }, { actor: 'I', observes: ['E'] }])).toEqual([1, 2, 0]);
    expect(t([chance, { actor: 'E' }, { actor: 'I', observes: 'all' }])).toEqual([1, 0, 2]);
  });

  it('a tree where nobody observes anything is a simultaneous round', () => {
    const spec = compileOk({
      ...entry(),
      tree: { moves: [{ actor: 'I' }, { actor: 'E' }, entry().tree.moves[0]] },
    });
    expect(spec.tree?.shape).toBe('simultaneous');
  });

  it('reports unknown, repeated and missing actors, bad observations and bad probabilities with JSON paths', () => {
    const base = entry();
    const moves = (m: unknown[]) => issuesOf({ ...base, tree: { moves: m } });
    expect(moves([{ actor: 'X' }, { actor: 'I' }])).toEqual(
      expect.arrayContaining([
        'tree.moves[0].actor: unknown actor "X"',
        'tree.moves: actor E does not move: every actor moves exactly once a round',
      ]),
    );
    expect(moves([{ actor: 'E' }, { actor: 'E' }, { actor: 'I' }])).toContain(
      'tree.moves[1].actor: E already moves (tree.moves.0); each actor moves once a round',
    );
    expect(
      moves([
        { actor: 'E', observes: ['I'] },
        { actor: 'I', observes: ['Q'] },
        { chance: 'cost', outcomes: [{ id: 'high', probability: 0.5 }, { id: 'low' }] },
      ]),
    ).toEqual([
      'tree.moves[0].observes[0]: "I" moves later (tree.moves.1): a mover can observe only earlier moves',
      'tree.moves[1].observes[0]: unknown move "Q"',
    ]);
    const chance = (outcomes: unknown[]) =>
      moves([
        { chance: 'c', outcomes },
        { actor: 'E' },
        { actor: 'I' },
        { chance: 'cost', outcomes: [{ id: 'high', probability: 0.5 }, { id: 'low' }] },
      ]);
    expect(
      chance([
        { id: 'a', probability: 0.5 },
        { id: 'b', probability: 0.6 },
      ]),
    ).toEqual(['tree.moves[0].outcomes: the probabilities of chance move "c" sum to 1.1, not 1']);
    expect(chance([{ id: 'a' }, { id: 'b' }])).toEqual([
      'tree.moves[0].outcomes: only one outcome of chance move "c" may leave out its probability (it takes the rest)',
    ]);
    expect(chance([{ id: 'a', probability: 1.5 }, { id: 'b' }])).toEqual([
      'tree.moves[0].outcomes[0].probability: must be between 0 and 1, got 1.5',
    ]);
    expect(chance([{ id: 'a', probability: 'E.in' }, { id: 'b' }])[0]).toMatch(
      /^tree\.moves\[0\]\.outcomes\[0\]\.probability: "E\.in" cannot be used here: a chance probability depends on parameters/,
    );
    expect(
      moves([
        { chance: 'E', outcomes: [{ id: 'a' }] },
        { actor: 'E' },
        { actor: 'I' },
        { chance: 'cost', outcomes: [{ id: 'high', probability: 0.5 }, { id: 'low' }] },
      ]),
    ).toContain('tree.moves[0].chance: "E" is already the id of an actor or a chance move');
  });

  it('compiles other information structures as shape imperfect, cut where proper subgames start', () => {
    expect(
      issuesOf({
        ...entry(),
        tree: {
          moves: [
            { actor: 'E' },
            { actor: 'I', observes: [] },
            { chance: 'cost', outcomes: [{ id: 'high', probability: 0.5 }, { id: 'low' }] },
          ],
        },
      }),
    ).toEqual([]);
    // Z misses E's move (2 actions), so no proper subgame starts at I's or Z's level: only at the root and at the
    // chance move nobody observes (played last)
    const partial = compileOk({
      ...entry(),
      actors: [...entry().actors, actor('Z', ['z'], { z: 0 })],
      tree: {
        moves: [
          { actor: 'E' },
          { actor: 'I', observes: ['E'] },
          { actor: 'Z', observes: ['I'] },
          { chance: 'cost', outcomes: [{ id: 'high', probability: 0.5 }, { id: 'low' }] },
        ],
      },
    });
    expect(partial.tree?.shape).toBe('imperfect');
    expect(partial.tree?.playOrder).toEqual([0, 1, 2, 3]);
    expect(partial.tree?.subgameLevels).toEqual([0, 3]);
    // E sees the cost, I sees E but not the cost (a signalling round): no proper subgame below the root
    const blind = compileOk({
      ...entry(),
      tree: {
        moves: [
          { chance: 'cost', outcomes: [{ id: 'high', probability: 0.5 }, { id: 'low' }] },
          { actor: 'E', observes: ['cost'] },
          { actor: 'I', observes: ['E'] },
        ],
      },
    });
    expect(blind.tree?.shape).toBe('imperfect');
    expect(blind.tree?.subgameLevels).toEqual([0]);
    expect(
      issuesOf(
        entry({
          actors: [entry().actors[0], { ...entry().actors[1], behaviour: { model: 'fictitious-play' } }],
        }),
      ),
    ).toEqual([
      'actors[1].behaviour: fictitious play is for simultaneous rounds; in a tree round use nash, logit, fixed or mixed',
    ]);
  });

  it('lets overrides name a chance outcome', () => {
    const raw = entry();
    const spec = compileOk({
      ...raw,
      actors: [
        { ...raw.actors[0], overrides: [{ profile: { E: 'in', cost: 'low', I: 'accommodate' }, payoff: 5 }] },
        raw.actors[1],
      ],
    });
    expect(spec.tree).toBeDefined();
    expect(
      issuesOf({
        ...raw,
        actors: [
          { ...raw.actors[0], overrides: [{ profile: { E: 'in', cost: 'mid' }, payoff: 5 }] },
          raw.actors[1],
        ],
      }),
    ).toEqual(['actors[0].overrides[0].profile.cost: "mid" is not an outcome of chance move cost']);
  });
});

describe('tree rounds: the engine', () => {
  const key = seedKey(7);

  it('plays entry deterrence by backward induction: the incumbent accommodates, so the entrant enters on low cost', () => {
    const model = instantiateModel(compileOk(entry()));
    const sim = new TrialSimulator(model);
    const vals = Float64Array.from(model.params.map((p) => p.value));
    let highSeen = 0;
    for (let t = 0; t < 200; t++) {
      const rec = sim.run(key, t, vals);
      const high = rec.chance[0] === 0;
      highSeen += high ? 1 : 0;
      // E: in (0) unless the cost is high (2 - 1 = 1 > 0 still: enters); I: accommodate (1)
      expect(rec.choices[0]).toBe(0);
      expect(rec.choices[1]).toBe(1);
      // the behaviour at the nodes the path reached (replays show it): both pure
      expect(Array.from(sim.behaviourMix)).toEqual([1, 0, 0, 1]);
      // 4 pure SPE: I is indifferent after "out" (2 either way) at both chance nodes, 2 × 2 tie-breaks
      expect(rec.pureCount[0]).toBe(4);
    }
    expect(highSeen / 200).toBeGreaterThan(0.25);
    expect(highSeen / 200).toBeLessThan(0.55);
  });

  it('breaks a mover’s indifference by the largest sum of payoffs (payoff-dominant), or by order with "first"', () => {
    // L moves first; F is indifferent between a and b (1 each) whatever L did; L's payoff is 2 after b, 0 after a.
    const raw = (equilibrium: string) => ({
      actors: [actor('L', ['x'], { x: '2 * F.b' }), actor('F', ['a', 'b'], { a: 1, b: 1 })],
      tree: { moves: [{ actor: 'L' }, { actor: 'F', observes: 'all' }] },
      equilibrium,
    });
    for (const [rule, expected] of [
      ['payoff-dominant', 1],
      ['random', 1],
      ['first', 0],
    ] as const) {
      const model = instantiateModel(compileOk(raw(rule)));
      const rec = new TrialSimulator(model).run(key, 0, new Float64Array(0));
      expect(rec.choices[1], rule).toBe(expected);
      expect(rec.pureCount[0]).toBe(2);
    }
  });

  it('checks non-constant chance probabilities in every trial, naming the chance move', () => {
    const raw = entry();
    const model = instantiateModel(
      compileOk({
        ...raw,
        tree: {
          moves: [
            {
              chance: 'cost',
              outcomes: [
                { id: 'high', probability: 'pHigh' },
                { id: 'low', probability: '0.8' },
              ],
            },
            ...raw.tree.moves.slice(1),
          ],
        },
      }),
    );
    const sim = new TrialSimulator(model);
    expect(() => sim.run(key, 2, Float64Array.of(0.5))).toThrow(
      'chance move "cost" (tree.moves.0): its probabilities (high = 0.5, low = 0.8) are not each between 0 and 1 summing to 1 (trial 3, round 1)',
    );
    expect(() => sim.run(key, 2, Float64Array.of(0.2))).not.toThrow();
  });

  it('draws chance from its own stream: the same seed gives the same path, the actors’ stream is untouched', () => {
    const model = instantiateModel(compileOk(entry()));
    const a = new TrialSimulator(model).run(key, 5, Float64Array.of(0.4));
    const chanceA = a.chance.slice();
    const b = new TrialSimulator(model).run(key, 5, Float64Array.of(0.4));
    expect(b.chance).toEqual(chanceA);
  });
});

/** A random perfect-information tree scenario: 2–3 actors, 2–3 strategies each, maybe one chance move. */
const treeScenario = fc
  .record({
    counts: fc.array(fc.integer({ min: 2, max: 3 }), { minLength: 2, maxLength: 3 }),
    order: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
    chanceAt: fc.integer({ min: -1, max: 3 }),
    chanceSeen: fc.boolean(),
    p: fc.integer({ min: 1, max: 9 }),
    coef: fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 200, maxLength: 200 }),
  })
  .map(({ counts, order, chanceAt, chanceSeen, p, coef }) => {
    let c = 0;
    const next = () => (coef[c++ % coef.length] as number) / 100 + c * 1e-4;
    const ids = counts.map((_, i) => `A${i}`);
    const actors = counts.map((k, i) => {
      const strategies = Array.from({ length: k }, (_, s) => `s${s}`);
      const payoffs: Record<string, string> = {};
      for (const s of strategies) {
        const terms = [String(next())];
        counts.forEach((kj, j) => {
          if (j === i) return;
          for (let t = 0; t < kj; t++) terms.push(`${next()} * A${j}.s${t} * A${i}.${s}`);
        });
        if (chanceAt >= 0) terms.push(`${next()} * ch.x`);
        payoffs[s] = terms.join(' + ').replace(/\+ -/g, '- ');
      }
      return actor(ids[i] as string, strategies, payoffs);
    });
    const perm = [...ids].sort(
      (a, b) => (order[ids.indexOf(a)] as number) - (order[ids.indexOf(b)] as number) || a.localeCompare(b),
    );
    const moves: Record<string, unknown>[] = perm.map((id, k) => ({
      actor: id,
      observes: perm.slice(0, k),
    }));
    // A chance move nobody observes is played last (compileTree's play order); placed earlier, the exact oracle
    // (subgamePerfect) would face a tree without proper subgames whose reduced form exceeds its limits, so the
    // property places it last and `unseenChanceAt` records where the file may put it (checked equal below).
    const unseenChanceAt = chanceAt >= 0 && !chanceSeen ? Math.min(chanceAt, moves.length) : null;
    if (chanceAt >= 0) {
      const at = chanceSeen ? Math.min(chanceAt, moves.length) : moves.length;
      moves.splice(at, 0, { chance: 'ch', outcomes: [{ id: 'x', probability: p / 10 }, { id: 'y' }] });
      if (chanceSeen) for (let k = at + 1; k < moves.length; k++) (moves[k]!.observes as string[]).push('ch');
    }
    return { actors, tree: { moves }, unseenChanceAt };
  });

/** The same scenario with its unobserved chance move put at `at` in the file (the engine must not care). */
const withChanceAt = (raw: { tree: { moves: Record<string, unknown>[] } }, at: number) => {
  const moves = raw.tree.moves.filter((m) => !('chance' in m));
  const chance = raw.tree.moves.find((m) => 'chance' in m);
  moves.splice(at, 0, chance as Record<string, unknown>);
  return { ...raw, tree: { moves } };
};

const engineRoot = (spec: ModelSpec): number[] => {
  const model = instantiateModel(spec);
  const sim = new TrialSimulator(model, { rounds: 1 });
  sim.start(seedKey(1), 0, new Float64Array(0));
  sim.beginRound(1);
  sim.drawChoices(1);
  return model.actors.map((_, i) => sim.treeRound!.rootValue(i));
};

describe('tree rounds: the float kernel agrees with the exact tree solvers (property)', () => {
  it('all-nash play = a subgame-perfect equilibrium of subgamePerfect on the same numbers', () => {
    fc.assert(
      fc.property(treeScenario, ({ unseenChanceAt, ...raw }) => {
        const spec = compileOk(raw);
        expect(spec.tree?.shape).toBe('perfect');
        const root = engineRoot(spec);
        if (unseenChanceAt !== null)
          expect(engineRoot(compileOk(withChanceAt(raw, unseenChanceAt)))).toEqual(root);
        const spe = subgamePerfect(roundTree(instantiateModel(spec)));
        expect(spe.length).toBeGreaterThan(0);
        const match = spe.some((e) =>
          e.payoffs.every((v, i) => Math.abs(toNumber(v) - (root[i] as number)) < 1e-6),
        );
        expect(match).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('all-logit play at λ = the agent QRE of agentQre on the same tree', () => {
    fc.assert(
      fc.property(treeScenario, fc.integer({ min: 1, max: 30 }), ({ unseenChanceAt: _unused, ...raw }, l) => {
        const lambda = l / 10;
        const withLogit = {
          ...raw,
          actors: raw.actors.map((a) => ({ ...a, behaviour: { model: 'logit', lambda } })),
        };
        const spec = compileOk(withLogit);
        const root = engineRoot(spec);
        const tree = roundTree(instantiateModel(spec));
        const payoffs = behaviourCheck(tree, agentQre(tree, lambda), FLOAT_FIELD).payoffs;
        payoffs.forEach((v, i) => expect(Math.abs(v - (root[i] as number))).toBeLessThan(1e-4));
      }),
      { numRuns: 25 },
    );
  });
});
