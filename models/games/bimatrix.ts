// Two-player helpers shared by the 2-player solvers: exact payoff matrices and their integer rescaling.
import type { Game } from './Game';
import { Rational, bigGcd } from './Rational';
import { profileIndex } from './makeGame';

export type Bimatrix = {
  readonly m: number;
  readonly n: number;
  /** A[i][j]: row player's payoff. */
  readonly A: Rational[][];
  /** B[i][j]: column player's payoff. */
  readonly B: Rational[][];
};

/** Throw unless the game has exactly two players. */
export const requireTwoPlayers = (game: Game, method: string): void => {
  if (game.players.length !== 2) {
    throw new RangeError(`${method} solves 2-player games; this game has ${game.players.length} players`);
  }
};

/**
 * Exact payoff matrices of a 2-player game. Float-mode games are read through Rational.from (each float's
 * shortest decimal), so the combinatorial solvers still compute exactly.
 */
export const bimatrix = (game: Game): Bimatrix => {
  requireTwoPlayers(game, 'this solver');
  const m = (game.strategies[0] as readonly string[]).length;
  const n = (game.strategies[1] as readonly string[]).length;
  const A: Rational[][] = [];
  const B: Rational[][] = [];
  for (let i = 0; i < m; i++) {
    const a: Rational[] = [];
    const b: Rational[] = [];
    for (let j = 0; j < n; j++) {
      const k = profileIndex(game, [i, j]);
      const row = game.exact?.[k];
      a.push(row ? (row[0] as Rational) : Rational.from(game.payoffs[k]?.[0] as number));
      b.push(row ? (row[1] as Rational) : Rational.from(game.payoffs[k]?.[1] as number));
    }
    A.push(a);
    B.push(b);
  }
  return { m, n, A, B };
};

/**
 * Positive integer matrix with the same best-response structure: M * lcm(denominators) shifted so that the
 * smallest entry is 1 (a positive affine transformation of one player's payoffs).
 */
export const positiveIntegerMatrix = (M: readonly (readonly Rational[])[]): bigint[][] => {
  let l = 1n;
  for (const row of M) for (const v of row) l = (l / bigGcd(l, v.den)) * v.den;
  const ints = M.map((row) => row.map((v) => (v.num * l) / v.den));
  let min: bigint | null = null;
  for (const row of ints) for (const v of row) if (min === null || v < min) min = v;
  const shift = 1n - (min ?? 0n);
  return ints.map((row) => row.map((v) => v + shift));
};

/** Transpose. */
export const transpose = <T>(M: readonly (readonly T[])[]): T[][] =>
  M.length === 0 ? [] : (M[0] as readonly T[]).map((_, j) => M.map((row) => row[j] as T));
