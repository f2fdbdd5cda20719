// Value and optimal strategies of a 2-player zero-sum (or constant-sum) game by exact linear programming.
import type { Game } from './Game';
import type { Rational } from './Rational';
import { makeEquilibrium, type Equilibrium, type Num } from './Equilibrium';
import { bimatrix, requireTwoPlayers } from './bimatrix';
import { solveMatrixGame } from './solveMatrixGame';

export type ZeroSumSolution = {
  /** The row player's value (the column player gets constant - value). */
  readonly value: Num;
  /** A verified equilibrium made of the two optimal strategies. */
  readonly equilibrium: Equilibrium;
};

/** Where the game fails to be constant-sum, a one-line description; null when it is constant-sum. */
export const constantSumViolation = (game: Game): string | null => {
  requireTwoPlayers(game, 'zeroSum');
  const { m, n, A, B } = bimatrix(game);
  const c = (A[0]?.[0] as Rational).add(B[0]?.[0] as Rational);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const s = (A[i]?.[j] as Rational).add(B[i]?.[j] as Rational);
      if (!s.equals(c)) {
        const name = (p: number, k: number): string => (game.strategies[p] as readonly string[])[k] as string;
        return `payoffs sum to ${c} at (${name(0, 0)}, ${name(1, 0)}) but to ${s} at (${name(0, i)}, ${name(1, j)})`;
      }
    }
  }
  return null;
};

/**
 * Solve a 2-player zero-sum (constant-sum) game by exact linear programming (Gambit's lp; von Neumann 1928,
 * Dantzig 1951: see solveMatrixGame). Shapes: m × n; value in the row player's payoff units. Errors: RangeError
 * naming a profile when the game is not constant-sum or not 2-player.
 */
export const zeroSum = (game: Game): ZeroSumSolution => {
  const violation = constantSumViolation(game);
  if (violation) throw new RangeError(`zeroSum: the game is not zero-sum: ${violation}`);
  const { A } = bimatrix(game);
  const sol = solveMatrixGame(A);
  const exact = game.exact !== null;
  const profile = exact
    ? [sol.row, sol.col]
    : [sol.row.map((v) => v.toNumber()), sol.col.map((v) => v.toNumber())];
  const equilibrium = makeEquilibrium(game, 'zerosum', profile);
  return { value: exact ? sol.value : sol.value.toNumber(), equilibrium };
};
