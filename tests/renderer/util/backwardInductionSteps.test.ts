import { describe, expect, it } from 'vitest';
import { backwardInductionSteps, valueSteps } from '../../../renderer/lib/util/backwardInductionSteps';
import { treeLayout } from '../../../renderer/lib/util/treeLayout';
import { TreeWalkState } from '../../../renderer/lib/state/TreeWalkState.svelte';
import { CENTIPEDE_EFG, ENTRY_EFG, HORSE_EFG, efgTree } from './treeFixtures';

describe('backwardInductionSteps', () => {
  it('settles the deepest information sets first (centipede: the last mover first)', () => {
    const tree = efgTree(CENTIPEDE_EFG);
    const steps = backwardInductionSteps(treeLayout(tree));
    const total = tree.infosets.reduce((a, s) => a + s.length, 0);
    expect(steps).toHaveLength(total);
    // every set comes after every set below it: node indices of a set's members are larger than its ancestors'
    const firstNode = (s: { player: number; infoset: number }) =>
      tree.infosets[s.player]?.[s.infoset]?.nodes[0] ?? -1;
    const nodes = steps.map(firstNode);
    expect(nodes).toEqual([...nodes].sort((a, b) => b - a));
  });

  it('aligns an information set reached at two depths and settles it before the moves above it (Selten’s horse)', () => {
    const tree = efgTree(HORSE_EFG);
    const steps = backwardInductionSteps(treeLayout(tree));
    expect(steps).toEqual([
      { player: 2, infoset: 0 },
      { player: 1, infoset: 0 },
      { player: 0, infoset: 0 },
    ]);
    // an unspecified set is skipped
    expect(backwardInductionSteps(treeLayout(tree), (p) => p !== 1)).toHaveLength(2);
  });

  it('knows a node’s value once every set in its subtree is settled', () => {
    const tree = efgTree(ENTRY_EFG);
    const steps = backwardInductionSteps(treeLayout(tree));
    expect(steps).toEqual([
      { player: 1, infoset: 0 },
      { player: 0, infoset: 0 },
    ]);
    expect(valueSteps(tree, steps)).toEqual([2, 1, 0, 0, 0]);
    expect(valueSteps(tree, steps.slice(1))[0]).toBe(Infinity);
  });
});

describe('TreeWalkState', () => {
  it('stays at the tree alone while there is no equilibrium to walk yet (the tree is being solved)', () => {
    const w = new TreeWalkState();
    w.reset([], false);
    expect([w.step, w.last, w.showsPath]).toEqual([0, 0, false]);
    w.next();
    expect([w.step, w.showsPath]).toEqual([0, false]); // was: step 1 of 2, "The equilibrium path." with none drawn
    w.reset([{ player: 0, infoset: 0 }]);
    expect(w.last).toBe(2);
    w.next();
    expect(w.current).toEqual({ player: 0, infoset: 0 });
  });

  it('walks: the tree alone, one settled set per step, then the path; never past either end', () => {
    const w = new TreeWalkState();
    w.reset([
      { player: 1, infoset: 0 },
      { player: 0, infoset: 0 },
    ]);
    expect([w.step, w.last, w.current, w.showsPath]).toEqual([0, 3, null, false]);
    w.prev();
    expect(w.step).toBe(0);
    w.next();
    expect(w.current).toEqual({ player: 1, infoset: 0 });
    expect(w.settled(1, 0)).toBe(true);
    expect(w.settled(0, 0)).toBe(false);
    w.next();
    w.next();
    expect(w.showsPath).toBe(true);
    expect(w.current).toBeNull();
    w.next();
    expect(w.step).toBe(3);
    w.first();
    expect(w.step).toBe(0);
    w.next();
    w.reset([]);
    expect([w.step, w.last]).toEqual([0, 1]);
  });
});
