// Thousands of tied strategies make thousands of pure equilibria, each verified against every deviation: the
// verification work is bounded and refused up front with a limit message (found by the Gambit cross-check: one tree
// node with 8,000 equal actions verified for 35 s and 400 MB). Work counters, never time. 3,600 tied actions:
// 3,600 × 3,601 steps for the strategic check (under its limit), 3,600 × 7,201 × 2 for the tree (over).
import { describe, expect, it } from 'vitest';
import { makeGame } from '../../models/games/makeGame';
import { MAX_PURE_VERIFY_WORK, pureEquilibria } from '../../models/games/pureEquilibria';
import { SolverLimitError } from '../../models/games/SolverLimitError';
import { readEfg } from '../../models/games/extensive/efg';
import { MAX_TREE_VERIFY_WORK, treePureEquilibria } from '../../models/games/extensive/treeNash';

const tiedGame = (n: number) =>
  makeGame({
    title: 'tied',
    players: ['A', 'B'],
    strategies: [Array.from({ length: n }, (_, k) => `s${k}`), ['t']],
    payoffs: Array.from({ length: n }, () => [0, 0]),
  });

const tiedTree = (n: number) =>
  readEfg(
    [
      'EFG 2 R "tied" { "P1" "P2" }',
      '""',
      `p "" 1 1 "" { ${Array.from({ length: n }, (_, k) => `"a${k}"`).join(' ')} } 0`,
      ...Array.from({ length: n }, () => 't "" 1 "o" { 0 0 }'),
    ].join('\n'),
    'tied.efg',
  );

describe('verification work of many tied pure equilibria', () => {
  it('a strategic game: refused past MAX_PURE_VERIFY_WORK, answered below it', () => {
    const big = Math.ceil(Math.sqrt(MAX_PURE_VERIFY_WORK)) + 1; // big × (big + 1) steps
    expect(() => pureEquilibria(tiedGame(big))).toThrow(SolverLimitError);
    expect(() => pureEquilibria(tiedGame(big))).toThrow(/verifying its \d+ pure equilibria needs \d+ steps/);
    expect(pureEquilibria(tiedGame(200))).toHaveLength(200);
  });

  it('a tree: refused past MAX_TREE_VERIFY_WORK with a message naming the limit, answered below it', () => {
    expect(() => treePureEquilibria(tiedTree(3_600))).toThrow(
      new RegExp(`needs \\d+ steps \\(the limit is ${MAX_TREE_VERIFY_WORK}\\)`),
    );
    expect(treePureEquilibria(tiedTree(40))).toHaveLength(40);
  });
});
