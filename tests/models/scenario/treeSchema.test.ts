import { describe, expect, it } from 'vitest';
import {
  ScenarioSchema,
  TreeRoundSchema,
  isChanceMove,
  moveId,
  scenarioJsonSchema,
  type ActorMove,
  type ChanceMove,
  type TreeRound,
} from '../../../models/scenario/scenarioSchema';

const tree: TreeRound = {
  moves: [
    { actor: 'seoul' },
    {
      chance: 'russia',
      label: 'Russian support',
      outcomes: [{ id: 'holds', probability: 'russiaSupport' }, { id: 'wanes' }],
    },
    { actor: 'pyongyang', observes: ['seoul'] },
    { actor: 'alliance', observes: 'all' },
  ],
};

describe('parley.scenario/2 tree rounds (schema)', () => {
  it('accepts moves in order with observations and chance outcomes, and rejects unknown fields', () => {
    expect(TreeRoundSchema.safeParse(tree).success).toBe(true);
    expect(TreeRoundSchema.safeParse({ moves: [] }).success).toBe(false);
    expect(TreeRoundSchema.safeParse({ moves: [{ actor: 'a', sees: [] }] }).success).toBe(false);
    expect(TreeRoundSchema.safeParse({ moves: [{ chance: 'c', outcomes: [] }] }).success).toBe(false);
    expect(TreeRoundSchema.safeParse({ moves: [{ actor: 'a', observes: 'some' }] }).success).toBe(false);
  });

  it('is the optional top-level "tree" of a scenario', () => {
    const base = {
      format: 'parley.scenario/2',
      title: 't',
      actors: [{ id: 'a', name: 'A', strategies: [{ id: 'x', label: 'X' }], payoffs: { x: 1 } }],
    };
    expect(ScenarioSchema.safeParse(base).success).toBe(true);
    expect(ScenarioSchema.safeParse({ ...base, tree: { moves: [{ actor: 'a' }] } }).success).toBe(true);
    expect(ScenarioSchema.safeParse({ ...base, format: 'parley.scenario/1' }).success).toBe(false);
  });

  it('tells actor moves from chance moves and names each move', () => {
    const [seoul, russia] = tree.moves as [ActorMove, ChanceMove];
    expect(isChanceMove(seoul)).toBe(false);
    expect(isChanceMove(russia)).toBe(true);
    expect(tree.moves.map(moveId)).toEqual(['seoul', 'russia', 'pyongyang', 'alliance']);
  });

  it('documents the tree in the shipped JSON Schema', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, { description?: string }> };
    expect(schema.properties.tree?.description).toMatch(/simultaneous/);
    expect(JSON.stringify(schema)).toContain('takes the rest');
  });
});
