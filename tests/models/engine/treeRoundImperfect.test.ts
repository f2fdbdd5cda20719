// Tree rounds of imperfect information (shape `imperfect`): subgame decomposition, each segment between proper
// subgames played through its strategic form (models/engine/TreeSegments.ts). Checked against hand-computed
// examples, the simultaneous shape, and the exact reference (subgameRoots, behaviourCheck in every subgame).
import { describe, expect, it } from 'vitest';
import { TrialSimulator } from '../../../models/engine/TrialSimulator';
import { seedKey } from '../../../models/random/seedKey';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { parseScenarioValue } from '../../../models/scenario/parseScenario';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';

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
