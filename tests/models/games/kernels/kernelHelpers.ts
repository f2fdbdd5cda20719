// Shared builders for the float-kernel tests: random FloatGames of given shapes, and their Game form.
import fc from 'fast-check';
import type { Game } from '../../../../models/games/Game';
import { makeGame } from '../../../../models/games/makeGame';
import { FloatGame } from '../../../../models/games/kernels/FloatGame';

/** A FloatGame of the given shape with these payoffs (payoffs[p * n + i]). */
export const floatGame = (counts: readonly number[], payoffs: readonly number[]): FloatGame => {
  const g = new FloatGame(counts);
  g.payoffs.set(payoffs);
  return g;
};

/** The Game (float mode unless `exact`) holding a FloatGame's payoffs. */
export const gameOf = (g: FloatGame, exact = false): Game =>
  makeGame({
    title: 't',
    players: Array.from({ length: g.n }, (_, i) => `p${i}`),
    strategies: Array.from(g.counts, (c) => Array.from({ length: c }, (_, k) => `s${k}`)),
    payoffs: Array.from({ length: g.profiles }, (_, p) =>
      Array.from(g.payoffs.subarray(p * g.n, p * g.n + g.n)),
    ),
    exact,
  });

/**
 * Payoff values: small integers (many ties: degenerate games) or 6-digit decimals in ±100 (generic games). Badly
 * scaled payoffs (differences below 1e-9 of the range) are out of scope: the float kernels may report failure there.
 */
export const arbPayoff = (kind: 'ties' | 'generic' | 'mixed'): fc.Arbitrary<number> => {
  const ties = fc.integer({ min: -2, max: 2 });
  const generic = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((v) => v / 10_000);
  return kind === 'ties' ? ties : kind === 'generic' ? generic : fc.oneof(ties, generic);
};

/** A random game with the given strategy counts. */
export const arbGameOfShape = (
  counts: readonly number[],
  payoff: fc.Arbitrary<number>,
): fc.Arbitrary<FloatGame> => {
  const size = counts.reduce((a, b) => a * b, 1) * counts.length;
  return fc.array(payoff, { minLength: size, maxLength: size }).map((pay) => floatGame(counts, pay));
};

/** A random game: players in [minPlayers, maxPlayers], strategies per player in [minK, maxK]. */
export const arbGame = (
  players: [number, number],
  strategies: [number, number],
  payoff: fc.Arbitrary<number>,
): fc.Arbitrary<FloatGame> =>
  fc
    .array(fc.integer({ min: strategies[0], max: strategies[1] }), {
      minLength: players[0],
      maxLength: players[1],
    })
    .chain((counts) => arbGameOfShape(counts, payoff));

/** The mixed profile of a FloatGame layout as rows. */
export const rowsOf = (g: FloatGame, mix: Float64Array): number[][] =>
  Array.from(g.counts, (c, i) =>
    Array.from(mix.subarray(g.offsets[i] as number, (g.offsets[i] as number) + c)),
  );
