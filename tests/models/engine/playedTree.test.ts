// What the simulation plays in a sequential tree round (models/engine/playedTree.ts): the engine's own backward
// induction at every information set, the probability its play reaches each, and the expected payoffs; checked
// against hand-worked numbers and against simulated rounds.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { playedTree } from '../../../models/engine/playedTree';
import { TrialSimulator } from '../../../models/engine/TrialSimulator';
import { seedKey } from '../../../models/random/seedKey';
import { loadBuiltin } from '../../../models/scenario/builtins';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { parseScenario } from '../../../models/scenario/parseScenario';

const parsed = parseScenario(
  readFileSync(resolve(import.meta.dirname, '../../fixtures/scenarios/entry-tree.parley.json'), 'utf8'),
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const entry = instantiateModel(parsed.spec);

describe('playedTree', () => {
  it('entry deterrence with a chance cost: backward induction at every information set, reach and values', () => {
    const p = playedTree(entry, { params: { pHigh: 0.4 } });
    if (!p) throw new Error('no tree play');
    expect(p.rule).toBe('payoff-dominant');
    expect(p.movers.map((m) => m.actor)).toEqual([0, 1]);
    // the entrant observes the cost: high → Out (entering earns 2 − 3 = −1), low → In (earns 2)
    const [e, i] = p.movers;
    expect(e?.sets).toEqual([
      { observed: [{ move: 0, action: 0 }], behaviour: [0, 1], reach: 0.4 },
      { observed: [{ move: 0, action: 1 }], behaviour: [1, 0], reach: 0.6 },
    ]);
    // the incumbent accommodates an entry; after Out it fights (+1 when the cost is high; low: a tie, equal sums, first)
    expect(i?.sets.map((s) => s.behaviour)).toEqual([
      [0, 1],
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    expect(i?.sets.map((s) => s.reach)).toEqual([0, 0.4, 0.6, 0]);
    // E: 0.6 × 2; I: 0.4 × (2 + 1) + 0.6 × 1
    expect(p.values[0]).toBeCloseTo(1.2, 12);
    expect(p.values[1]).toBeCloseTo(1.8, 12);
  });

  it('is what simulated rounds play: every trial moves as the behaviour at the set its chance draw reaches', () => {
    const p = playedTree(entry, { params: { pHigh: 0.4 } })!;
    const sim = new TrialSimulator(entry, { rounds: 1 });
    const params = Float64Array.from(entry.params, (q) => (q.id === 'pHigh' ? 0.4 : q.value));
    const key = seedKey('played-tree-test');
    const seen = new Set<number>();
    for (let t = 0; t < 200; t++) {
      const rec = sim.run(key, t, params);
      const cost = rec.chance[0] as number;
      seen.add(cost);
      const eChoice = rec.choices[0] as number;
      const eSet = p.movers[0]!.sets.find((s) => s.observed[0]?.action === cost)!;
      expect(eSet.behaviour[eChoice]).toBe(1);
      const iSet = p.movers[1]!.sets.find(
        (s) => s.observed[0]?.action === cost && s.observed[1]?.action === eChoice,
      )!;
      expect(iSet.behaviour[rec.choices[1] as number]).toBe(1);
    }
    expect(seen).toEqual(new Set([0, 1]));
  });

  it('korea-2025-sequential: one set for Seoul, one per observation for the others, reach summing to 1', () => {
    const model = instantiateModel(loadBuiltin('korea-2025-sequential').spec);
    const p = playedTree(model)!;
    expect(p.movers.map((m) => m.sets.length)).toEqual([1, 6, 18]);
    for (const m of p.movers) {
      expect(m.sets.reduce((a, s) => a + s.reach, 0)).toBeCloseTo(1, 12);
      for (const s of m.sets) expect(s.behaviour.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(p.pureCount).toBeGreaterThanOrEqual(1);
  });

  it('answers null for rounds that are not sequential trees', () => {
    expect(playedTree(instantiateModel(loadBuiltin('chicken').spec))).toBeNull();
  });
});
