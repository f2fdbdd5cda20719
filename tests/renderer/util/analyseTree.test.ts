import { describe, expect, it } from 'vitest';
import { analyseTree, MAX_VIEW_SPE } from '../../../renderer/lib/util/analyseTree';
import { makeTree } from '../../../models/games/extensive/makeTree';
import { builtinGameTree } from '../../../models/scenario/builtinGames';
import { ENTRY_EFG, HORSE_EFG, efgTree } from './treeFixtures';

const run = (a: ReturnType<typeof analyseTree>, method: string) => a.runs.find((r) => r.method === method);

describe('analyseTree', () => {
  it('entry deterrence: one SPE (In, Acquiesce) with node values, two pure Nash equilibria', () => {
    const a = analyseTree(efgTree(ENTRY_EFG));
    const spe = run(a, 'spe');
    expect(spe?.equilibria).toHaveLength(1);
    const e = spe?.equilibria[0];
    expect(e?.text).toEqual([[['1', '0']], [['1', '0']]]);
    expect(e?.payoffs).toEqual(['2', '1']);
    expect(e?.subgamePerfect).toBe(true);
    // backward induction: the incumbent's node is worth (2, 1), the root too; leaves their payoffs
    expect(e?.values).toEqual([
      ['2', '1'],
      ['2', '1'],
      ['2', '1'],
      ['0', '0'],
      ['1', '2'],
    ]);
    expect(run(a, 'pure')?.equilibria).toHaveLength(2);
    expect(run(a, 'lcp')?.skipped).toBeNull();
    expect(run(a, 'lcp')?.equilibria.length).toBeGreaterThan(0);
  });

  it('Kuhn poker (built-in): the value −1/18 to the first player, exact (lcp)', () => {
    const a = analyseTree(builtinGameTree('kuhn-poker'));
    const lcp = run(a, 'lcp');
    expect(lcp?.error).toBeNull();
    expect(lcp?.equilibria[0]?.payoffs[0]).toBe('-1/18');
    expect(lcp?.equilibria[0]?.values[0]?.[0]).toBe('-1/18');
  });

  it('skips lcp with three players and shows unspecified sets as blanks', () => {
    const a = analyseTree(efgTree(HORSE_EFG));
    expect(run(a, 'lcp')?.skipped).toBe('two-player trees only');
    const pure = run(a, 'pure');
    expect(pure?.error).toBeNull();
    // every listed profile has one row per information set of each player
    for (const e of pure?.equilibria ?? []) expect(e.text.map((s) => s.length)).toEqual([1, 1, 1]);
  });

  it('past MAX_VIEW_SPE subgame-perfect equilibria (ties), shows the first with a note', () => {
    const tie = () => ({
      kind: 'decision' as const,
      player: 0,
      actions: ['a', 'b'],
      children: [
        { kind: 'terminal' as const, payoffs: [1] },
        { kind: 'terminal' as const, payoffs: [1] },
      ],
    });
    const tree = makeTree({
      title: 'ties',
      players: ['P'],
      root: {
        kind: 'chance',
        actions: Array.from({ length: 10 }, (_, k) => `c${k}`),
        probs: Array.from({ length: 10 }, () => '1/10'),
        children: Array.from({ length: 10 }, tie),
      },
    });
    const spe = run(analyseTree(tree), 'spe');
    expect(2 ** 10).toBeGreaterThan(MAX_VIEW_SPE);
    expect(spe?.error).toBeNull();
    expect(spe?.equilibria).toHaveLength(1);
    expect(spe?.note).toMatch(/the first is shown/);
    expect(spe?.equilibria[0]?.text[0]?.every((row) => row[0] === '1')).toBe(true);
  });

  it('reports a solver failure in place (imperfect recall) without blanking the others', () => {
    // absent-minded driver: one information set holding a node and its child
    const tree = makeTree({
      title: 'driver',
      players: ['D'],
      root: {
        kind: 'decision',
        player: 0,
        infoset: 1,
        actions: ['Exit', 'Continue'],
        children: [
          { kind: 'terminal', payoffs: [0] },
          {
            kind: 'decision',
            player: 0,
            infoset: 1,
            actions: ['Exit', 'Continue'],
            children: [
              { kind: 'terminal', payoffs: [4] },
              { kind: 'terminal', payoffs: [1] },
            ],
          },
        ],
      },
    });
    const a = analyseTree(tree);
    expect(run(a, 'spe')?.error).toMatch(/recall/);
    expect(a.runs).toHaveLength(3);
  });
});
