// Tree rounds of imperfect information (shape `imperfect`): subgame decomposition, each segment between proper
// subgames played through its strategic form (models/engine/TreeSegments.ts). Checked against hand-computed
// examples, the simultaneous shape, and the exact reference (subgameRoots, behaviourCheck in every subgame).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GameTree } from '../../../models/games/extensive/GameTree';
import { FLOAT_FIELD } from '../../../models/games/extensive/NumField';
import { subgameRoots } from '../../../models/games/extensive/subgameRoots';
import { behaviourCheck } from '../../../models/games/extensive/verifyBehaviour';
import { TrialSimulator } from '../../../models/engine/TrialSimulator';
import { seedKey } from '../../../models/random/seedKey';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { parseScenarioValue } from '../../../models/scenario/parseScenario';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import { roundTree } from '../../../models/scenario/roundTree';

const compileOk = (raw: Record<string, unknown>): ModelSpec => {
  const r = parseScenarioValue({ format: 'parley.scenario/2', title: 't', ...raw });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.spec;
};

const issuesOf = (raw: Record<string, unknown>): string[] => {
  const r = parseScenarioValue({ format: 'parley.scenario/2', title: 't', ...raw });
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
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

/** One round's play: choices, root values, eqType, pureCount. */
const playOnce = (spec: ModelSpec, trial = 0, params?: Float64Array) => {
  const model = instantiateModel(spec);
  const sim = new TrialSimulator(model, { rounds: 1 });
  const rec = sim.run(seedKey(3), trial, params ?? Float64Array.from(model.params.map((p) => p.value)));
  return {
    choices: Array.from(rec.choices),
    chance: Array.from(rec.chance),
    root: model.actors.map((_, i) => sim.treeRound!.rootValue(i)),
    eqType: rec.eqType[0],
    pureCount: rec.pureCount[0],
    sim,
  };
};

/**
 * A moves (L or R); then B and C move at once, both knowing A's move (B does not see C). After L they play a
 * prisoner's dilemma (x = cooperate), after R a coordination game where (x, x) pays both 2 and (y, y) 1.
 */
const abc = (equilibrium = 'payoff-dominant') => ({
  actors: [
    actor('A', ['L', 'R'], { L: '4 * B.x * C.x + B.x * C.y + B.y * C.x', R: 'B.x * C.x + 3 * B.y * C.y' }),
    actor('B', ['x', 'y'], { x: '2 * C.x', y: 'A.L * (3 * C.x + C.y) + A.R * C.y' }),
    actor('C', ['x', 'y'], { x: '2 * B.x', y: 'A.L * (3 * B.x + B.y) + A.R * B.y' }),
  ],
  tree: {
    moves: [{ actor: 'A' }, { actor: 'B', observes: ['A'] }, { actor: 'C', observes: ['A'] }],
  },
  equilibrium,
});

describe('imperfect-information tree rounds: known examples', () => {
  it('A, then B and C at once knowing A: the SPE by hand (after L the dilemma’s (y, y), after R the payoff-dominant (x, x), so A plays R)', () => {
    const spec = compileOk(abc());
    expect(spec.tree?.shape).toBe('imperfect');
    expect(spec.tree?.subgameLevels).toEqual([0, 1]);
    const r = playOnce(spec);
    expect(r.choices).toEqual([1, 0, 0]);
    expect(r.root).toEqual([1, 2, 2]);
    // pure equilibria: 1 after L, 2 after R, 1 at A's node
    expect(r.pureCount).toBe(2);
    expect(r.eqType).toBe(1);
  });
});

/**
 * A random small tree round: 2–3 actors with 2 strategies each (3 for the first), random `observes` sets over the
 * earlier moves, maybe one chance move observed by a random subset of the later actors; payoffs constant per leaf
 * (random coefficients on the profile and outcome indicators, so the engine's tables and roundTree's leaves agree).
 */
const randomRound = fc
  .record({
    n: fc.integer({ min: 2, max: 3 }),
    firstCount: fc.integer({ min: 2, max: 3 }),
    order: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
    obs: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    chanceAt: fc.integer({ min: -1, max: 3 }),
    p: fc.integer({ min: 1, max: 9 }),
    coef: fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 64, maxLength: 64 }),
    behaviour: fc.constantFrom('nash', 'nash', 'logit', 'fixed'),
  })
  .map(({ n, firstCount, order, obs, chanceAt, p, coef, behaviour }) => {
    const ids = Array.from({ length: n }, (_, i) => `A${i}`);
    const counts = ids.map((_, i) => (i === 0 ? firstCount : 2));
    const perm = [...ids].sort(
      (a, b) => (order[ids.indexOf(a)] as number) - (order[ids.indexOf(b)] as number) || a.localeCompare(b),
    );
    const moves: Record<string, unknown>[] = perm.map((id) => ({ actor: id, observes: [] as string[] }));
    if (chanceAt >= 0)
      moves.splice(Math.min(chanceAt, moves.length), 0, {
        chance: 'ch',
        outcomes: [{ id: 'x', probability: p / 10 }, { id: 'y' }],
      });
    let o = 0;
    moves.forEach((m, k) => {
      if (!('actor' in m)) return;
      for (let j = 0; j < k; j++) {
        const before = moves[j]!;
        if (obs[o++ % obs.length]) (m.observes as string[]).push((before.actor ?? before.chance) as string);
      }
    });
    let c = 0;
    const next = () => coef[c++ % coef.length] as number;
    const actors = ids.map((id, i) => {
      const strategies = Array.from({ length: counts[i] as number }, (_, s) => `s${s}`);
      const payoffs: Record<string, string> = {};
      for (const s of strategies) {
        const terms = [String(next())];
        ids.forEach((other, j) => {
          if (j === i) return;
          for (let t = 0; t < (counts[j] as number); t++) terms.push(`${next()} * ${other}.s${t}`);
        });
        if (chanceAt >= 0) terms.push(`${next()} * ch.x`);
        payoffs[s] = terms.join(' + ').replace(/\+ -/g, '- ');
      }
      const beh =
        i === n - 1 && behaviour === 'logit'
          ? { model: 'logit', lambda: 2 }
          : i === 0 && behaviour === 'fixed'
            ? {
                model: 'mixed',
                probabilities: counts[0] === 3 ? { s0: 0.5, s1: 0.25, s2: 0.25 } : { s0: 0.3, s1: 0.7 },
              }
            : undefined;
      return actor(id, strategies, payoffs, beh);
    });
    return { raw: { actors, tree: { moves } }, behaviour };
  });

/** The same round with its moves in the engine's play order (so the file's tree is the one the engine solves). */
const inPlayOrder = (raw: { actors: unknown[]; tree: { moves: Record<string, unknown>[] } }) => {
  const spec = compileOk(raw);
  return { ...raw, tree: { moves: spec.tree!.playOrder.map((k) => raw.tree.moves[k]!) } };
};

/** Depth of every node of a GameTree (nodes in preorder). */
const depths = (tree: GameTree): number[] => {
  const d = new Array<number>(tree.nodes.length).fill(0);
  tree.nodes.forEach((node, k) => {
    if (node.kind !== 'terminal') for (const c of node.children) d[c] = (d[k] as number) + 1;
  });
  return d;
};

/**
 * The engine's behaviour profile after one round, as behaviour[player][infoset][action] of roundTree's tree: every
 * node of an information set must carry the same behaviour (the engine plays information sets, not nodes).
 */
const engineBehaviour = (sim: TrialSimulator, tree: GameTree): number[][][] => {
  const beh = tree.infosets.map((sets) => sets.map(() => [] as number[]));
  const walk = (k: number, depth: number, engineNode: number): void => {
    const node = tree.nodes[k]!;
    if (node.kind === 'terminal') return;
    if (node.kind === 'decision') {
      const here = Array.from(sim.treeRound!.behaviourAt(depth, engineNode));
      const row = beh[node.player]![node.infoset]!;
      if (row.length === 0) row.push(...here);
      else here.forEach((v, a) => expect(Math.abs(v - (row[a] as number))).toBeLessThan(1e-12));
    }
    node.children.forEach((c, a) => walk(c, depth + 1, engineNode * node.children.length + a));
  };
  walk(0, 0, 0);
  return beh;
};

describe('imperfect-information tree rounds: the engine plays a subgame-perfect equilibrium (property)', () => {
  it('its proper-subgame levels are subgameRoots’ nodes, and its behaviour is a Nash equilibrium in every subgame', () => {
    fc.assert(
      fc.property(randomRound, ({ raw: raw0, behaviour }) => {
        const raw = inPlayOrder(raw0);
        const spec = compileOk(raw);
        const { sim } = playOnce(spec);
        const model = instantiateModel(spec);
        const tree = roundTree(model);
        const depth = depths(tree);
        // the level rule (treeSubgameLevels) = the general subgame-root test, node by node
        const levels = spec.tree!.shape === 'imperfect' ? spec.tree!.subgameLevels! : null;
        if (levels)
          expect(subgameRoots(tree)).toEqual(
            tree.nodes.flatMap((node, k) =>
              node.kind !== 'terminal' && levels.includes(depth[k] as number) ? [k] : [],
            ),
          );
        if (spec.tree!.shape === 'simultaneous') return;
        const beh = engineBehaviour(sim, tree);
        // root values: the engine's expectation = the profile's exact evaluation
        const check = behaviourCheck(tree, beh, FLOAT_FIELD);
        check.payoffs.forEach((v, i) => expect(Math.abs(v - sim.treeRound!.rootValue(i))).toBeLessThan(1e-9));
        if (behaviour !== 'nash') return;
        // every actor nash: no profitable deviation in any subgame (Selten's subgame perfection)
        for (const root of subgameRoots(tree))
          expect(behaviourCheck(tree, beh, FLOAT_FIELD, root).regret).toBeLessThan(1e-6);
      }),
      { numRuns: 60 },
    );
  });
});

describe('imperfect-information tree rounds: segments', () => {
  /** Chance (x with probability 1), then A and B at once, both observing it (so a simultaneous segment below it). */
  const afterChance = (actors: unknown[], observed: boolean, equilibrium: string) => ({
    actors,
    tree: {
      moves: [
        { chance: 'c', outcomes: [{ id: 'x', probability: 1 }, { id: 'y' }] },
        { actor: 'A', observes: observed ? ['c'] : [] },
        { actor: 'B', observes: observed ? ['c'] : [] },
      ],
    },
    equilibrium,
  });
  const games: [string, unknown[], string][] = [
    [
      'battle of the sexes, random selection',
      [
        actor('A', ['o', 'f'], { o: '2 * B.o', f: 'B.f' }),
        actor('B', ['o', 'f'], { o: 'A.o', f: '2 * A.f' }),
      ],
      'random',
    ],
    [
      'asymmetric matching pennies (no pure equilibrium: the mixed fallback)',
      [
        actor('A', ['h', 't'], { h: '3 * B.h - B.t', t: 'B.h - B.t' }),
        actor('B', ['h', 't'], { h: '-A.h + A.t', t: 'A.h - 2 * A.t' }),
      ],
      'payoff-dominant',
    ],
    [
      'a logit actor against a nash one',
      [
        actor('A', ['u', 'd'], { u: '2 * B.l', d: 'B.r + 0.5' }, { model: 'logit', lambda: 1.5 }),
        actor('B', ['l', 'r'], { l: 'A.u', r: '2 * A.d' }),
      ],
      'payoff-dominant',
    ],
  ];
  for (const [name, actors, rule] of games)
    it(`a segment that is a simultaneous game is played as the simultaneous shape plays it: ${name}`, () => {
      const sim = compileOk(afterChance(actors, false, rule));
      const seg = compileOk(afterChance(actors, true, rule));
      expect(sim.tree?.shape).toBe('simultaneous');
      expect(seg.tree?.shape).toBe('imperfect');
      expect(seg.tree?.subgameLevels).toEqual([0, 1]);
      const a = new TrialSimulator(instantiateModel(sim), { rounds: 1 });
      const b = new TrialSimulator(instantiateModel(seg), { rounds: 1 });
      for (let t = 0; t < 100; t++) {
        const ra = a.run(seedKey(9), t, new Float64Array(0));
        const choicesA = Array.from(ra.choices);
        const typeA = ra.eqType[0];
        const countA = ra.pureCount[0];
        const mixA = Array.from(a.behaviourMix);
        const rb = b.run(seedKey(9), t, new Float64Array(0));
        expect(Array.from(rb.choices)).toEqual(choicesA);
        expect(rb.eqType[0]).toBe(typeA);
        // pure subgame-perfect profiles: the same game at both chance outcomes (y has probability 0 but is a subgame)
        expect(rb.pureCount[0]).toBe((countA as number) * (countA as number));
        Array.from(b.behaviourMix).forEach((v, k) => expect(v).toBeCloseTo(mixA[k] as number, 12));
      }
    });

  it('a chance move only the last mover sees: A chooses knowing only the odds, B matches the outcome it sees', () => {
    // B gets 1 for l when c = x and for r when c = y, whatever A did; A gets 3 if B plays l (L) or 1 + [B plays r] (R).
    // P(x) = 0.3: B plays l at x, r at y; A: L → 3 × 0.3 = 0.9, R → 1 + 0.7 = 1.7, so R. By hand.
    const raw = {
      actors: [
        actor('A', ['L', 'R'], { L: '3 * B.l', R: '1 + B.r' }),
        actor('B', ['l', 'r'], { l: 'c.x', r: 'c.y' }),
      ],
      tree: {
        moves: [
          { actor: 'A' },
          { chance: 'c', outcomes: [{ id: 'x', probability: 0.3 }, { id: 'y' }] },
          { actor: 'B', observes: ['c'] },
        ],
      },
    };
    const spec = compileOk(raw);
    expect(spec.tree?.shape).toBe('imperfect');
    expect(spec.tree?.subgameLevels).toEqual([0]);
    let xSeen = 0;
    for (let t = 0; t < 200; t++) {
      const r = playOnce(spec, t);
      expect(r.root[0]).toBeCloseTo(1.7, 12);
      expect(r.root[1]).toBeCloseTo(1, 12);
      expect(r.choices[0]).toBe(1);
      expect(r.choices[1]).toBe(r.chance[0] === 0 ? 0 : 1);
      expect(r.pureCount).toBe(1);
      xSeen += r.chance[0] === 0 ? 1 : 0;
    }
    expect(xSeen / 200).toBeGreaterThan(0.15);
    expect(xSeen / 200).toBeLessThan(0.45);
  });

  it('refuses a segment whose strategic form is over MAX_SEGMENT_FORM, naming the limit and the JSON path', () => {
    // B (3 actions) sees A's 12 moves, C sees nothing: one segment, 12 × 3^12 × 2 = 12,754,584 entries
    const raw = {
      actors: [
        actor(
          'A',
          Array.from({ length: 12 }, (_, k) => `a${k}`),
          Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`a${k}`, 0])),
        ),
        actor('B', ['x', 'y', 'z'], { x: 0, y: 0, z: 0 }),
        actor('C', ['u', 'v'], { u: 0, v: 0 }),
      ],
      tree: { moves: [{ actor: 'A' }, { actor: 'B', observes: ['A'] }, { actor: 'C' }] },
    };
    expect(issuesOf(raw)).toEqual([
      'tree.moves[0]: the moves tree.moves.0 to tree.moves.2 are a game of imperfect information without a proper subgame inside; its strategic form (subgames × pure-strategy profiles × chance outcomes) has 12754584 entries; the limit MAX_SEGMENT_FORM is 100000 (let later movers observe more, or give actors fewer strategies)',
    ]);
    // C observing A too cuts the tree into subgames after A: 12 × 3 × 2 entries, played
    expect(
      compileOk({
        ...raw,
        tree: { moves: [{ actor: 'A' }, { actor: 'B', observes: ['A'] }, { actor: 'C', observes: ['A'] }] },
      }).tree?.subgameLevels,
    ).toEqual([0, 1]);
  });
});
