// subgamePerfect's firstOnly: the first SPE of the full list, found without enumerating every tie-break.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { subgamePerfect } from '../../../../models/games/extensive/subgamePerfect';
import { makeTree, type NodeSpec } from '../../../../models/games/extensive/makeTree';
import { SolverLimitError } from '../../../../models/games/SolverLimitError';
import { fixtureTree } from './fixtures';
import { randomTree } from './randomTree';

const key = (b: readonly (readonly (readonly unknown[])[])[]): string =>
  JSON.stringify(b.map((sets) => sets.map((row) => row.map(String))));

describe('subgamePerfect firstOnly', () => {
  it('is the first equilibrium of the full list (classics and random trees)', () => {
    for (const f of ['entry.efg', 'centipede6.efg', 'ultimatum.efg', 'selten-horse.efg', 'beer-quiche.efg']) {
      const all = subgamePerfect(fixtureTree(f));
      const first = subgamePerfect(fixtureTree(f), { firstOnly: true });
      expect(first, f).toHaveLength(1);
      expect(key(first[0]?.behaviour ?? []), f).toBe(key(all[0]?.behaviour ?? []));
      expect(first[0]?.subgamePerfect).toBe(true);
    }
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const tree = randomTree(seed);
        let all;
        try {
          all = subgamePerfect(tree, { maxEquilibria: 500 });
        } catch (e) {
          if (e instanceof SolverLimitError) return;
          throw e;
        }
        const first = subgamePerfect(tree, { firstOnly: true });
        expect(first.length).toBe(Math.min(1, all.length));
        if (all[0]) expect(key(first[0]?.behaviour ?? [])).toBe(key(all[0].behaviour));
      }),
      { numRuns: 60 },
    );
  });

  it('answers a tree whose ties make 2^20 SPEs, where the full list is refused', () => {
    // twenty independent indifferent choices after a chance move: every tie-break is an SPE
    const tie = (): NodeSpec => ({
      kind: 'decision',
      player: 0,
      actions: ['a', 'b'],
      children: [
        { kind: 'terminal', payoffs: [1] },
        { kind: 'terminal', payoffs: [1] },
      ],
    });
    const tree = makeTree({
      title: 'ties',
      players: ['P'],
      root: {
        kind: 'chance',
        actions: Array.from({ length: 20 }, (_, k) => `c${k}`),
        probs: Array.from({ length: 20 }, () => '1/20'),
        children: Array.from({ length: 20 }, tie),
      },
    });
    expect(() => subgamePerfect(tree)).toThrow(SolverLimitError);
    const [first] = subgamePerfect(tree, { firstOnly: true });
    expect(first?.behaviour[0]?.every((row) => String(row[0]) === '1')).toBe(true);
  });
});
