// Security (maxmin) strategies: what each player can guarantee against any behaviour of the others, by LP.
import type { Game } from './Game';
import { Rational } from './Rational';
import type { Num } from './Equilibrium';
import { profileOf } from './makeGame';
import { solveMatrixGame } from './solveMatrixGame';

export type Security = {
  /** The payoff the player can guarantee (exact when the game is exact). */
  readonly value: Num;
  /** A maxmin mixed strategy. */
  readonly strategy: Num[];
  /** Whether a pure strategy alone achieves the value (and its index), else null. */
  readonly pure: number | null;
};

/**
 * payoffMatrix(game, p)[k][t] = payoff to p when p plays k and the others play their t-th joint pure profile
 * (Gambit order over the other players).
 */
export const playerMatrix = (game: Game, p: number): Rational[][] => {
  const counts = game.strategies.map((s) => s.length);
  const mine = counts[p] as number;
  const M: Rational[][] = Array.from({ length: mine }, () => []);
  for (let k = 0; k < game.payoffs.length; k++) {
    const prof = profileOf(game, k);
    let t = 0;
    for (let q = counts.length - 1; q >= 0; q--)
      if (q !== p) t = t * (counts[q] as number) + (prof[q] as number);
    const v = game.exact ? (game.exact[k]?.[p] as Rational) : Rational.from(game.payoffs[k]?.[p] as number);
    (M[prof[p] as number] as Rational[])[t] = v;
  }
  return M;
};

/**
 * The security strategy and value of every player (exact LP; floats in float mode): player p's maxmin mixed
 * strategy against the others' joint pure profiles (von Neumann & Morgenstern 1944; the LP of solveMatrixGame).
 * Shapes: one Security per player, value in that player's payoff units.
 */
export const maxmin = (game: Game): Security[] =>
  game.players.map((_, p) => {
    const M = playerMatrix(game, p);
    const sol = solveMatrixGame(M);
    let pure: number | null = null;
    for (let k = 0; k < M.length && pure === null; k++) {
      let worst = (M[k] as Rational[])[0] as Rational;
      for (const v of M[k] as Rational[]) if (v.lt(worst)) worst = v;
      if (worst.equals(sol.value)) pure = k;
    }
    return game.exact
      ? { value: sol.value, strategy: sol.row, pure }
      : { value: sol.value.toNumber(), strategy: sol.row.map((v) => v.toNumber()), pure };
  });
