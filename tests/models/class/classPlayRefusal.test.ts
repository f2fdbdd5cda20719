// Class play refuses a sequential (tree) round up front: it would resolve it as a simultaneous game.
import { describe, expect, it } from 'vitest';
import { ClassRuleError, ClassSession } from '../../../models/class/ClassSession';
import { classPlayRefusal, TREE_CLASS_PLAY_REFUSAL } from '../../../models/class/classPlayRefusal';
import { builtinModel, configFor } from './classFixtures';

describe('classPlayRefusal', () => {
  it('refuses a tree round played by backward induction, in one line', () => {
    const model = builtinModel('korea-2025-sequential');
    expect(model.tree?.shape).toBe('perfect');
    expect(classPlayRefusal(model)).toBe(TREE_CLASS_PLAY_REFUSAL);
    expect(TREE_CLASS_PLAY_REFUSAL).not.toMatch(/\n/);
    expect(TREE_CLASS_PLAY_REFUSAL).toMatch(/sequential/);
  });

  it('accepts simultaneous rounds: no tree, or a tree in which nobody observes anything', () => {
    expect(classPlayRefusal(builtinModel('chicken'))).toBeNull();
    expect(classPlayRefusal(builtinModel('korea-2025'))).toBeNull();
    const tree = builtinModel('korea-2025-sequential').spec.tree!;
    expect(classPlayRefusal({ tree: { ...tree, shape: 'simultaneous' } })).toBeNull();
  });

  it('ClassSession itself refuses a tree scenario (last line of defence: a resumed journal)', () => {
    const model = builtinModel('korea-2025-sequential');
    const make = (): ClassSession => new ClassSession(configFor(model), model);
    expect(make).toThrow(ClassRuleError);
    expect(make).toThrow(TREE_CLASS_PLAY_REFUSAL);
  });
});
