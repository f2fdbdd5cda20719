// All pure-strategy Nash equilibria of an N-player game (exact comparisons; floats are compared as given).
import type { Game } from './Game';
import { Rational } from './Rational';
import { makeEquilibrium, type Equilibrium } from './Equilibrium';
import { profileOf } from './makeGame';

/**
 * Fast float kernel for the engine: indices (Gambit order) of every pure profile where no player gains more
 * than `tol` by a unilateral deviation. `payoffs` is flat: payoffs[index * nPlayers + player].
 */
export const pureEquilibriumIndices = (
  counts: readonly number[],
  payoffs: ArrayLike<number>,
  tol = 0,
): number[] => {
  const n = counts.length;
  let total = 1;
  for (const c of counts) total *= c;
  const ok = new Uint8Array(total).fill(1);
  let stride = 1;
  for (let p = 0; p < n; p++) {
    const c = counts[p] as number;
    const block = stride * c;
    for (let hi = 0; hi < total; hi += block) {
      for (let lo = 0; lo < stride; lo++) {
        const base = hi + lo;
        let best = -Infinity;
        for (let s = 0; s < c; s++) {
          const v = payoffs[(base + s * stride) * n + p] as number;
          if (v > best) best = v;
        }
        for (let s = 0; s < c; s++) {
          const at = base + s * stride;
          if ((payoffs[at * n + p] as number) < best - tol) ok[at] = 0;
        }
      }
    }
    stride = block;
  }
  const out: number[] = [];
  for (let i = 0; i < total; i++) if (ok[i]) out.push(i);
  return out;
};

/** Flatten a Game's float payoffs for pureEquilibriumIndices. */
export const flatPayoffs = (game: Game): Float64Array => {
  const n = game.players.length;
  const out = new Float64Array(game.payoffs.length * n);
  game.payoffs.forEach((row, i) => row.forEach((v, p) => (out[i * n + p] = v)));
  return out;
};

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

/** Every pure-strategy Nash equilibrium (verified), in Gambit profile order. */
export const pureEquilibria = (game: Game): Equilibrium[] => {
  const counts = game.strategies.map((s) => s.length);
  const indices = game.exact
    ? pureIndicesExact(game, game.exact)
    : pureEquilibriumIndices(counts, flatPayoffs(game), 0);
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
