// The built-in classic game trees (models/scenario/builtinGames.ts, models/library/games/): the API, and the known
// results of each game computed from the built-in itself.
import { describe, expect, it } from 'vitest';
import { Rational } from '../../../models/games/Rational';
import type { GameTree } from '../../../models/games/extensive/GameTree';
import { readEfg, writeEfg } from '../../../models/games/extensive/efg';
import { subgamePerfect } from '../../../models/games/extensive/subgamePerfect';
import { treePureEquilibria } from '../../../models/games/extensive/treeNash';
import type { TreeEquilibrium } from '../../../models/games/extensive/verifyBehaviour';
import { builtinGame, builtinGames, builtinGameTree } from '../../../models/scenario/builtinGames';

/** The pure action chosen at each information set ('-' where unspecified, 'mixed' otherwise). */
const choices = (tree: GameTree, e: TreeEquilibrium): string[][] =>
  e.behaviour.map((sets, p) =>
    sets.map((row, k) => {
      const a = row.findIndex((v) => (v instanceof Rational ? v.equals(Rational.ONE) : v === 1));
      if (a >= 0) return tree.infosets[p]?.[k]?.actions[a] as string;
      return row.every((v) => (v instanceof Rational ? v.isZero() : v === 0)) ? '-' : 'mixed';
    }),
  );

describe('built-in classic games: the API', () => {
  it('lists every game with an id, title, summary, notes and efg text, and finds each by id', () => {
    expect(builtinGames.length).toBeGreaterThan(0);
    for (const g of builtinGames) {
      expect(g.id).toMatch(/^[a-z][a-z-]*$/);
      expect(g.summary.length).toBeGreaterThan(20);
      expect(g.notes).toContain('## ');
      expect(g.efg.startsWith('EFG 2 R ')).toBe(true);
      expect(g.efg.endsWith('\n')).toBe(true);
      expect(builtinGame(g.id)).toBe(g);
    }
    expect(builtinGame('no-such-game')).toBeUndefined();
  });

  it('parses each game: exact, titled as listed, and written back to the same tree', () => {
    for (const g of builtinGames) {
      const t = builtinGameTree(g.id);
      expect(t.exact).toBe(true);
      expect(t.title).toBe(g.title);
      expect(builtinGameTree(g.id)).toBe(t);
      const back = readEfg(writeEfg(t), 'back.efg');
      expect(writeEfg(back)).toBe(writeEfg(t));
    }
  });

  it('throws for an unknown id, naming the known ones', () => {
    expect(() => builtinGameTree('chess')).toThrow(
      /unknown built-in game "chess" \(built-in games: entry-deterrence/,
    );
  });
});

describe('built-in classic games: known results', () => {
  it('entry-deterrence: two pure Nash equilibria, (In, Acquiesce) and (Out, Fight); one SPE, (In, Acquiesce)', () => {
    const t = builtinGameTree('entry-deterrence');
    expect(treePureEquilibria(t).map((e) => choices(t, e))).toEqual([
      [['In'], ['Acquiesce']],
      [['Out'], ['Fight']],
    ]);
    const spe = subgamePerfect(t);
    expect(spe.map((e) => choices(t, e))).toEqual([[['In'], ['Acquiesce']]]);
    expect(spe[0]?.payoffs.map(String)).toEqual(['2', '1']);
  });
});
