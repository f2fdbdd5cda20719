import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeTree } from '../../../models/games/extensive/makeTree';
import type { GameTree, TreeNode } from '../../../models/games/extensive/GameTree';
import { reachedPath, treeLayout, type TreeLayout } from '../../../renderer/lib/util/treeLayout';
import { builtinGameTree, builtinGames } from '../../../models/scenario/builtinGames';
import { BEER_QUICHE_EFG, CENTIPEDE_EFG, ENTRY_EFG, HORSE_EFG, efgTree } from './treeFixtures';
import { randomTree } from '../../models/games/extensive/randomTree';

/** Every layout law the view relies on. */
const checkLayout = (tree: GameTree, l: TreeLayout, rowGap: number): void => {
  expect(l.nodes).toHaveLength(tree.nodes.length);
  // no two nodes of a layer closer than a row apart in the same layer (so no overlap anywhere: other layers are a layer apart)
  const byLayer = new Map<number, number[]>();
  for (const n of l.nodes) byLayer.set(n.layer, [...(byLayer.get(n.layer) ?? []), n.y]);
  for (const ys of byLayer.values()) {
    const sorted = [...ys].sort((a, b) => a - b);
    for (let k = 1; k < sorted.length; k++) {
      expect((sorted[k] as number) - (sorted[k - 1] as number)).toBeGreaterThanOrEqual(rowGap - 1e-9);
    }
  }
  // children strictly right of their parent, in action order top to bottom; edges never cross: the row intervals of
  // sibling subtrees are disjoint and ordered
  for (const e of l.edges) {
    const from = l.nodes[e.from];
    const to = l.nodes[e.to];
    expect(to?.x).toBeGreaterThan(from?.x ?? Infinity);
  }
  tree.nodes.forEach((node, i) => {
    if (node.kind === 'terminal') return;
    for (let k = 1; k < node.children.length; k++) {
      expect(l.nodes[node.children[k] as number]?.y).toBeGreaterThan(
        l.nodes[node.children[k - 1] as number]?.y ?? Infinity,
      );
    }
    expect(l.nodes[i]?.payoffs).toBeNull();
  });
  // members of one information set share a layer (one vertical dashed line), linked consecutively; only a tree
  // whose information sets push one another deeper in a cycle is laid out by depth instead
  tree.infosets.forEach((sets, p) =>
    sets.forEach((set, s) => {
      const layers = new Set(set.nodes.map((m) => l.nodes[m]?.layer));
      if (l.aligned) expect(layers.size).toBe(1);
      expect(l.links.filter((k) => k.player === p && k.infoset === s)).toHaveLength(set.nodes.length - 1);
    }),
  );
  // leaves carry one payoff per player; everything fits in the box
  for (const n of l.nodes) {
    if (n.kind === 'terminal') expect(n.payoffs).toHaveLength(tree.players.length);
    expect(n.x).toBeGreaterThanOrEqual(0);
    expect(n.y).toBeGreaterThanOrEqual(0);
    expect(n.x).toBeLessThanOrEqual(l.width);
    expect(n.y).toBeLessThanOrEqual(l.height);
  }
};

describe('treeLayout', () => {
  it('lays out entry deterrence: leaves in rows, parents between children, payoffs at the leaves', () => {
    const tree = efgTree(ENTRY_EFG);
    const l = treeLayout(tree, { layerGap: 100, rowGap: 40, margin: 10 });
    checkLayout(tree, l, 40);
    const [root, incumbent, shared, war, out] = l.nodes;
    expect(root).toMatchObject({ kind: 'decision', player: 0, layer: 0, x: 10 });
    expect(incumbent).toMatchObject({ kind: 'decision', player: 1, layer: 1, x: 110, y: 30 });
    expect([shared?.y, war?.y, out?.y]).toEqual([10, 50, 50 + 40]);
    expect(out?.layer).toBe(1);
    expect(shared?.payoffs).toEqual(['2', '1']);
    expect(out?.payoffs).toEqual(['1', '2']);
    expect(l.edges.map((e) => e.label)).toEqual(['In', 'Out', 'Acquiesce', 'Fight']);
    expect(l.edges.every((e) => e.prob === null)).toBe(true);
    expect(l.links).toEqual([]);
  });

  it('aligns an information set whose members are at different depths and links them (Selten’s horse)', () => {
    const tree = efgTree(HORSE_EFG);
    const l = treeLayout(tree);
    checkLayout(tree, l, 44);
    const p3 = tree.infosets[2]?.[0]?.nodes ?? [];
    expect(p3).toHaveLength(2);
    expect(l.nodes[p3[0] as number]?.layer).toBe(2);
    expect(l.nodes[p3[1] as number]?.layer).toBe(2); // pushed from depth 1 to depth 2
    expect(l.links).toEqual([{ player: 2, infoset: 0, from: p3[0], to: p3[1] }]);
    expect(l.aligned).toBe(true);
    // a child of the pushed node is still right of it
    expect(l.layers).toBe(4);
  });

  it('writes chance probabilities as exact fractions and sums the outcomes along each play', () => {
    const tree = makeTree({
      title: 't',
      players: ['A', 'B'],
      root: {
        kind: 'chance',
        actions: ['Weak', 'Strong'],
        probs: ['1/3', '2/3'],
        payoffs: ['1/2', 0],
        children: [
          { kind: 'terminal', payoffs: [1, '1/4'] },
          {
            kind: 'decision',
            player: 0,
            actions: ['x', 'y'],
            children: [{ kind: 'terminal', payoffs: [2, 2] }, { kind: 'terminal' }],
          },
        ],
      },
    });
    const l = treeLayout(tree);
    checkLayout(tree, l, 44);
    expect(l.edges.slice(0, 2).map((e) => e.prob)).toEqual(['1/3', '2/3']);
    expect(l.nodes.filter((n) => n.kind === 'terminal').map((n) => n.payoffs)).toEqual([
      ['3/2', '1/4'],
      ['5/2', '2'],
      ['1/2', '0'],
    ]);
  });

  it('shows decimal probabilities of a float tree as decimals', () => {
    const tree = makeTree({
      title: 't',
      players: ['A'],
      exact: false,
      root: {
        kind: 'chance',
        actions: ['a', 'b'],
        probs: [0.25, 0.75],
        children: [
          { kind: 'terminal', payoffs: [0.5] },
          { kind: 'terminal', payoffs: [1] },
        ],
      },
    });
    const l = treeLayout(tree);
    expect(l.edges.map((e) => e.prob)).toEqual(['0.25', '0.75']);
    expect(l.nodes[1]?.payoffs).toEqual(['0.5']);
  });

  it('keeps every layout law on the classics', () => {
    for (const text of [ENTRY_EFG, HORSE_EFG, BEER_QUICHE_EFG, CENTIPEDE_EFG]) {
      const tree = efgTree(text);
      const l = treeLayout(tree, { rowGap: 30 });
      expect(l.aligned).toBe(true);
      checkLayout(tree, l, 30);
    }
  });

  it('keeps every layout law on every built-in classic game', () => {
    for (const g of builtinGames) {
      const tree = builtinGameTree(g.id);
      const l = treeLayout(tree);
      expect(l.aligned, g.id).toBe(true);
      checkLayout(tree, l, 44);
    }
    expect(builtinGames.length).toBeGreaterThanOrEqual(5);
  });

  it('keeps every layout law on random trees (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const tree = randomTree(seed);
        checkLayout(tree, treeLayout(tree, { rowGap: 20 }), 20);
      }),
      { numRuns: 60 },
    );
  });
});

describe('reachedPath', () => {
  it('follows the profile’s actions and every chance branch', () => {
    const tree = efgTree(ENTRY_EFG);
    // In, Acquiesce
    const path = reachedPath(tree, [[[1, 0]], [[1, 0]]]);
    expect([...path.nodes].sort()).toEqual([0, 1, 2]);
    expect([...path.edges].sort()).toEqual([1, 2]);
    // Out: the incumbent's node is off the path even though its action is given
    const out = reachedPath(tree, [[[0, 1]], [[0, 1]]]);
    expect([...out.nodes].sort()).toEqual([0, 4]);
    const horse = efgTree(HORSE_EFG);
    const mixed = reachedPath(horse, [[[0, 1]], [[1, 0]], [[1 / 4, 3 / 4]]]);
    const kinds = [...mixed.nodes].map((n) => (horse.nodes[n] as TreeNode).kind);
    expect(kinds.filter((k) => k === 'terminal')).toHaveLength(2);
  });
});
