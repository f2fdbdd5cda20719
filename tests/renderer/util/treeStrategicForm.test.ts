// The Game view of a sequential tree scenario (renderer/lib/util/treeStrategicForm.ts): plans with readable labels,
// each information set in words with what the engine plays there, and the engine's profile in the reduced form,
// whose payoffs are the engine's expected payoffs.
import { describe, expect, it } from 'vitest';
import { playedTree } from '../../../models/engine/playedTree';
import { loadBuiltin } from '../../../models/scenario/builtins';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { parseScenario } from '../../../models/scenario/parseScenario';
import { roundTree } from '../../../models/scenario/roundTree';
import { treeStrategicForm } from '../../../renderer/lib/util/treeStrategicForm';
import entryTree from '../../fixtures/scenarios/entry-tree.parley.json';

const ENTRY_TEXT = JSON.stringify(entryTree);

const parsed = parseScenario(ENTRY_TEXT);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const entry = instantiateModel(parsed.spec);

describe('treeStrategicForm', () => {
  it('entry with a chance cost: plans, information sets in words, and the engine’s cell carrying its values', () => {
    for (const pHigh of [0.4, 0.9, 0]) {
      const at = { params: { pHigh } };
      const played = playedTree(entry, at)!;
      const plans = treeStrategicForm(entry, roundTree(entry, at), played);
      const game = plans.game!;
      expect(plans.tooLarge).toBeNull();
      expect(game.strategies.map((s) => s.length)).toEqual([4, 16]);
      expect(game.strategies[0]).toEqual(['In / In', 'In / Out', 'Out / In', 'Out / Out']);
      expect(plans.sets[0]?.map((s) => s.observed)).toEqual(['cost: high', 'cost: low']);
      expect(plans.sets[1]?.map((s) => s.observed)).toEqual([
        'cost: high, Entrant: In',
        'cost: high, Entrant: Out',
        'cost: low, Entrant: In',
        'cost: low, Entrant: Out',
      ]);
      expect(plans.sets[0]?.map((s) => s.plays)).toEqual(['Out', 'In']);
      // the outlined cell is the engine's plans, and its payoffs are the engine's expected payoffs
      const cell = game.payoffs[plans.engineProfile!]!;
      expect(cell[0]).toBeCloseTo(played.values[0]!, 9);
      expect(cell[1]).toBeCloseTo(played.values[1]!, 9);
      expect(plans.values).toEqual(played.values);
    }
  });

  it('a mixing mover has no pure plan: no cell is claimed for the engine', () => {
    const json = JSON.parse(ENTRY_TEXT) as { actors: Record<string, unknown>[] };
    json.actors[1]!.behaviour = { model: 'logit', lambda: 1 };
    const text = JSON.stringify(json);
    const p = parseScenario(text);
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    const model = instantiateModel(p.spec);
    const played = playedTree(model)!;
    const plans = treeStrategicForm(model, roundTree(model), played);
    expect(plans.engineProfile).toBeNull();
    expect(plans.sets[1]?.[0]?.plays).toMatch(/^Fight \d+(\.\d+)?%, Accommodate \d+(\.\d+)?%$/);
  });

  it('a tree too large for a matrix says so with its sizes, and still lists what the engine plays', () => {
    const model = instantiateModel(loadBuiltin('korea-2025-sequential').spec);
    const plans = treeStrategicForm(model, roundTree(model), playedTree(model)!);
    expect(plans.game).toBeNull();
    expect(plans.tooLarge).toMatch(/^3 × 729 × 387,420,489 plans: too many to show/);
    expect(plans.sets.map((s) => s.length)).toEqual([1, 6, 18]);
    expect(plans.sets[0]?.[0]?.observed).toBe('at the start');
  });
});
