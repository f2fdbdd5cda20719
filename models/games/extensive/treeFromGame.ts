// A strategic-form game as a tree of simultaneous moves (each player moves once, in player order, without seeing
// the moves before it): the extensive form whose reduced strategic form is the game itself.
import type { Game } from '../Game';
import { Rational } from '../Rational';
import { profileIndex } from '../makeGame';
import type { GameTree } from './GameTree';
import { TreeBuilder, type BuiltNumber } from './TreeBuilder';

/**
 * The tree: player 1 moves at the root (information set 1), player 2 at one information set spanning every node
 * after player 1's move, and so on; each leaf pays the game's payoffs (exact when the game is exact; a float game's
 * payoffs are written through their shortest decimals, so the tree is exact either way and Gambit reads it).
 * Throws RangeError when the tree would have more than `maxNodes` nodes.
 */
export const treeFromGame = (game: Game, maxNodes = 200_000): GameTree => {
  const counts = game.strategies.map((s) => s.length);
  let nodes = 1;
  let level = 1;
  for (const c of counts) {
    level *= c;
    nodes += level;
  }
  if (nodes > maxNodes)
    throw new RangeError(`the game's tree would have ${nodes} nodes (the limit is ${maxNodes})`);
  const b = new TreeBuilder(game.title, '', game.players);
  const fail = (m: string): never => {
    throw new RangeError(`treeFromGame: ${m}`);
  };
  const sets = game.players.map((_, p) => b.infoset(p, 1, '', game.strategies[p] as readonly string[], fail));
  const num = (k: number, p: number): BuiltNumber => {
    const exact = game.exact?.[k]?.[p] ?? Rational.from(game.payoffs[k]?.[p] as number);
    return { value: exact.toNumber(), exact };
  };
  // Depth-first in preorder: a stack of (depth, chosen strategies so far).
  type Frame = { depth: number; chosen: number[]; parent: number; action: number };
  const stack: Frame[] = [{ depth: 0, chosen: [], parent: -1, action: -1 }];
  while (stack.length) {
    const { depth, chosen, parent, action } = stack.pop() as Frame;
    if (depth === counts.length) {
      const k = profileIndex(game, chosen);
      const out = b.outcome(
        null,
        chosen.map((s, p) => game.strategies[p]?.[s] ?? '').join(', '),
        game.players.map((_, p) => num(k, p)),
        fail,
      );
      b.terminal('', parent, action, out);
      continue;
    }
    const n = b.move('', depth, sets[depth] as number, parent, action, -1);
    for (let s = (counts[depth] as number) - 1; s >= 0; s--)
      stack.push({ depth: depth + 1, chosen: [...chosen, s], parent: n, action: s });
  }
  return b.finish();
};
