// CONTRACT (shared by solvers, scenario reduction, engine and UI). Owned by models/games.
import type { Rational } from './Rational';

/**
 * A finite strategic-form game for N players.
 * Profiles are indexed in Gambit's order: player 0's strategy varies fastest,
 * index = s0 + n0 * (s1 + n1 * (s2 + ...)).
 */
export type Game = {
  readonly title: string;
  readonly players: readonly string[];
  /** strategies[player][k]: the label of player's k-th strategy. */
  readonly strategies: readonly (readonly string[])[];
  /** payoffs[profileIndex][player] as floats (always present). */
  readonly payoffs: readonly (readonly number[])[];
  /** The same payoffs as exact rationals when every payoff is rational (exact mode), else null. */
  readonly exact: readonly (readonly Rational[])[] | null;
};
