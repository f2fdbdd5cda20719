// All pure-strategy Nash equilibria of an N-player game (Gambit's enumpure): exact comparisons on exact games,
// the float kernel (kernels/enumPure.ts) on float games, compared as given (tolerance 0).
import type { Game } from './Game';
import { Rational } from './Rational';
import { makeEquilibrium, type Equilibrium } from './Equilibrium';
import { profileOf } from './makeGame';
import { FloatGame } from './kernels/FloatGame';
import { enumPure } from './kernels/enumPure';
import { SolverLimitError } from './SolverLimitError';

const pureIndicesExact = (game: Game, exact: readonly (readonly Rational[])[]): number[] => {
  const counts = game.strategies.map((s) => s.length);
  const n = counts.length;
  const total = exact.length;
  const ok = new Uint8Array(total).fill(1);
  let stride = 1;
  for (let p = 0; p < n; p++) {
    const c = counts[p] as number;
    const block = stride * c;
    for (let hi = 0; hi < total; hi += block) {
      for (let lo = 0; lo < stride; lo++) {
        const base = hi + lo;
        let best = exact[base]?.[p] as Rational;
        for (let s = 1; s < c; s++) {
          const v = exact[base + s * stride]?.[p] as Rational;
          if (v.gt(best)) best = v;
        }
        for (let s = 0; s < c; s++) {
          const at = base + s * stride;
          if ((exact[at]?.[p] as Rational).lt(best)) ok[at] = 0;
        }
      }
    }
    stride = block;
  }
  const out: number[] = [];
  for (let i = 0; i < total; i++) if (ok[i]) out.push(i);
  return out;
};

const pureIndicesFloat = (game: Game): number[] => {
  const g = FloatGame.of(game);
  const out = new Int32Array(g.profiles);
  return Array.from(out.subarray(0, enumPure(g, out, 0)));
};

/**
 * Most verification work of one call, in (equilibrium × Σ strategies) units: each equilibrium found is verified
 * against every unilateral deviation, so a game of thousands of tied strategies (thousands of equilibria) would
 * otherwise verify for minutes. Over it, SolverLimitError before any verification.
 */
export const MAX_PURE_VERIFY_WORK = 20_000_000;

/**
 * Every pure-strategy Nash equilibrium (verified; Nash 1951's definition checked profile by profile, as Gambit's
 * enumpure), in Gambit profile order. Work O(profiles × players) to find them (each player's best responses are
 * found once per line of profiles), plus O(equilibria × Σ strategies) to verify them, bounded by
 * MAX_PURE_VERIFY_WORK (SolverLimitError). Shapes: N players; each profile[player] is a unit vector.
 */
export const pureEquilibria = (game: Game): Equilibrium[] => {
  const counts = game.strategies.map((s) => s.length);
  const indices = game.exact ? pureIndicesExact(game, game.exact) : pureIndicesFloat(game);
  const work = indices.length * counts.reduce((a, b) => a + b, 0);
  if (work > MAX_PURE_VERIFY_WORK) {
    throw new SolverLimitError(
      'enumpure',
      `verifying its ${indices.length} pure equilibria needs ${work} steps (the limit is ${MAX_PURE_VERIFY_WORK})`,
    );
  }
  return indices.map((i) => {
    const prof = profileOf(game, i);
    const profile = counts.map((c, p) =>
      Array.from({ length: c }, (_, s) =>
        game.exact ? (s === prof[p] ? Rational.ONE : Rational.ZERO) : s === prof[p] ? 1 : 0,
      ),
    );
    return makeEquilibrium(game, 'pure', profile);
  });
};
