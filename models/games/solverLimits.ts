// Work budgets shared by every caller of the exact solvers (CLI `solve`, the UI's game analysis), so that a large
// game is refused in about a second with a clear SolverLimitError instead of running for hours (exact enumeration is
// exponential in the game size). Units: exact tableau entries (see the solvers), each weighed by the size of its
// numbers (entryWork).
import type { Game } from './Game';

export const SOLVER_LIMITS = {
  enummixedWork: 4_000_000,
  lcpWork: 12_000_000,
  /** logit: profiles × players × strategies + strategies³ (the cost of one continuation step). */
  logitSize: 600_000,
  /** logit: step budget × logitSize (so a small game may take many continuation steps, a large one few). */
  logitWork: 40_000_000,
  /** zerosum: rows × columns of the exact LP. */
  zerosumCells: 3_600,
} as const;

/** The cost of one logit continuation step on this game (compare with SOLVER_LIMITS.logitSize). */
export const logitSize = (game: Game): number => {
  const nv = game.strategies.reduce((a, s) => a + s.length, 0);
  return game.payoffs.length * game.players.length * nv + nv * nv * nv;
};

/** The logit step budget for this game: many steps for a small game, few for a large one. */
export const logitMaxSteps = (game: Game): number =>
  Math.max(500, Math.min(20_000, Math.floor(SOLVER_LIMITS.logitWork / logitSize(game))));

/** Bits of a number up to which one exact tableau entry counts as one unit of work (one 64-bit word). */
export const WORK_UNIT_BITS = 64;

/**
 * The work units of one exact tableau entry in a fraction-free pivot whose numbers have the size of `scale` (the
 * tableau's determinant, which bounds its entries): 1 up to WORK_UNIT_BITS bits, then bits / 64 (measured: a pivot
 * on ~360-bit entries costs about 10 times one on small integers, bigint products and garbage included). So a game
 * whose 40-digit payoffs make every entry hundreds of bits long exhausts a budget in bounded time and memory,
 * instead of passing for a small game.
 */
export const entryWork = (scale: bigint): number => {
  const bits = (scale < 0n ? -scale : scale).toString(16).length * 4;
  return bits <= WORK_UNIT_BITS ? 1 : bits / WORK_UNIT_BITS;
};
