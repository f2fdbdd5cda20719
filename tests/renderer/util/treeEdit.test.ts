import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../../models/scenario/scenarioSchema';
import {
  actorsWithoutMove,
  addActorMove,
  addChanceMove,
  addOutcome,
  makeSequential,
  makeSimultaneous,
  observesOf,
  removeMove,
  removeOutcome,
  renameChance,
  setObserves,
  shiftMove,
} from '../../../renderer/lib/util/treeEdit';

const base = {
  format: 'parley.scenario/2',
  id: 'seq',
  title: 'Sequential',
  parameters: { p: { label: 'p', default: 0.5, min: 0, max: 1 } },
  actors: [
    {
      id: 'seoul',
      name: 'Seoul',
      strategies: [
        { id: 'offer', label: 'Offer' },
        { id: 'wait', label: 'Wait' },
      ],
      payoffs: { offer: 1, wait: 0 },
    },
    {
      id: 'pyongyang',
      name: 'Pyongyang',
      strategies: [
        { id: 'engage', label: 'Engage' },
        { id: 'hold', label: 'Hold' },
      ],
      payoffs: { engage: 1, hold: 0 },
    },
    {
      id: 'alliance',
      name: 'Alliance',
      strategies: [
        { id: 'full', label: 'Full' },
        { id: 'reduced', label: 'Reduced' },
      ],
      payoffs: { full: 0, reduced: 1 },
    },
  ],
};

/** Every edit yields a document the format accepts (the schema's tree part). */
const valid = (s: unknown): void => {
  const r = ScenarioSchema.safeParse(s);
  expect(r.success, r.success ? '' : JSON.stringify(r.error.issues)).toBe(true);
};

describe('treeEdit', () => {
  it('makes a round sequential: actors in order, each later one observing all earlier moves; and back', () => {
    const s = makeSequential(base);
    expect(s.tree).toEqual({
      moves: [
        { actor: 'seoul' },
        { actor: 'pyongyang', observes: 'all' },
        { actor: 'alliance', observes: 'all' },
      ],
    });
    valid(s);
    expect(makeSequential(s)).toBe(s);
    expect(makeSimultaneous(s)).toEqual(base);
  });

  it('adds a chance move with a fresh id and probability formulas; outcomes added and deleted', () => {
    let s = addChanceMove(makeSequential(base));
    const chance = s.tree as { moves: { chance?: string; outcomes?: unknown[] }[] };
    expect(chance.moves[3]?.chance).toBe('chance');
    valid(s);
    s = addOutcome(s, 3);
    const outs = (s.tree as { moves: { outcomes: { id: string; probability?: unknown }[] }[] }).moves[3]
      ?.outcomes;
    // the rest is already taken by "no": the new outcome gets probability 0 rather than a second "rest"
    expect(outs?.map((o) => [o.id, o.probability])).toEqual([
      ['yes', '1/2'],
      ['no', undefined],
      ['outcome', 0],
    ]);
    valid(s);
    s = removeOutcome(removeOutcome(removeOutcome(s, 3, 0), 3, 0), 3, 0);
    expect((s.tree as { moves: { outcomes: unknown[] }[] }).moves[3]?.outcomes).toHaveLength(1);
    // a second chance move does not reuse the id
    expect((addChanceMove(s).tree as { moves: { chance?: string }[] }).moves[4]?.chance).toBe('chance2');
  });

  it('observes: toggling one earlier move turns "all" into the explicit list; none removes the field', () => {
    let s = makeSequential(base);
    s = setObserves(s, 2, 'seoul', false);
    expect(observesOf(s, 2)).toEqual(['pyongyang']);
    valid(s);
    s = setObserves(s, 2, 'pyongyang', false);
    expect(observesOf(s, 2)).toEqual([]);
    expect((s.tree as { moves: object[] }).moves[2]).toEqual({ actor: 'alliance' });
    s = setObserves(setObserves(s, 2, 'seoul', true), 2, 'pyongyang', true);
    expect(observesOf(s, 2)).toBe('all');
  });

  it('deleting, moving and renaming moves keep every observes list naming earlier moves only', () => {
    let s = addChanceMove(makeSequential(base)); // seoul, pyongyang, alliance, chance
    s = shiftMove(s, 3, -1); // seoul, pyongyang, chance, alliance
    s = shiftMove(s, 2, -1); // seoul, chance, pyongyang, alliance
    s = setObserves(s, 3, 'seoul', false); // alliance sees chance and pyongyang
    expect(observesOf(s, 3)).toEqual(['chance', 'pyongyang']);
    s = renameChance(s, 1, 'russia');
    expect(observesOf(s, 3)).toEqual(['russia', 'pyongyang']);
    valid(s);
    // alliance moved before pyongyang: it can no longer observe it
    s = shiftMove(s, 3, -1);
    expect(observesOf(s, 2)).toEqual(['russia']);
    s = removeMove(s, 1);
    expect(observesOf(s, 1)).toEqual([]);
    valid(s);
    expect(actorsWithoutMove(s)).toEqual([]);
    s = removeMove(s, 0);
    expect(actorsWithoutMove(s)).toEqual(['seoul']);
    s = addActorMove(s, 'seoul');
    expect((s.tree as { moves: unknown[] }).moves.at(-1)).toEqual({ actor: 'seoul', observes: 'all' });
    valid(s);
    // out-of-range moves change nothing
    expect(shiftMove(s, 0, -1)).toEqual(s);
  });
});
