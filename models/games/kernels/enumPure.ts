// Pure-strategy Nash equilibria of an N-player game in float arithmetic, allocation-free (Gambit's enumpure): the
// one pure scan used by the Monte Carlo engine every round and by models/games' `pureEquilibria` on float games.
import type { FloatGame } from './FloatGame';

/**
 * Every pure profile where no player gains more than `tol` (payoff units, ≥ 0) by a unilateral deviation, written to
 * `out` as profile indices in ascending (Gambit) order; returns how many. `out` needs room for g.profiles entries.
 *
 * Method: for each player, each "line" of profiles that differ only in that player's strategy is scanned once for
 * its maximum, and every profile of the line more than `tol` below it is struck out — work O(profiles × players),
 * independent of the strategy counts (the textbook best-response check; e.g. von Stengel 2002, §2). Uses g.flags as
 * scratch. A NaN payoff makes its line's profiles non-equilibria.
 */
export const enumPure = (g: FloatGame, out: Int32Array, tol = 0): number => {
  if (g.n === 2) return enumPure2(g, out, tol);
  const { n, counts, payoffs, profiles } = g;
  const ok = g.flags;
  for (let p = 0; p < profiles; p++) ok[p] = 1;
  let stride = 1;
  for (let i = 0; i < n; i++) {
    const c = counts[i] as number;
    const block = stride * c;
    for (let hi = 0; hi < profiles; hi += block) {
      for (let lo = 0; lo < stride; lo++) {
        const base = hi + lo;
        let best = payoffs[base * n + i] as number;
        for (let s = 1; s < c; s++) {
          const v = payoffs[(base + s * stride) * n + i] as number;
          if (v > best) best = v;
        }
        for (let s = 0; s < c; s++) {
          const at = base + s * stride;
          if (!((payoffs[at * n + i] as number) + tol >= best)) ok[at] = 0;
        }
      }
    }
    stride = block;
  }
  let found = 0;
  for (let p = 0; p < profiles; p++) if (ok[p]) out[found++] = p;
  return found;
};

/**
 * The same scan for 2 players (the engine's usual case), in one pass per player: the row player's lines are the
 * columns (their maxima in g.perStrategy[0 … k-1]), the column player's are the rows (in g.perStrategy[k …]).
 * Same profiles, same order, no flags.
 */
const enumPure2 = (g: FloatGame, out: Int32Array, tol: number): number => {
  const m = g.counts[0] as number;
  const k = g.counts[1] as number;
  const pay = g.payoffs;
  const best = g.perStrategy;
  for (let c = 0; c < k; c++) {
    let b = pay[c * m * 2] as number;
    for (let r = 1; r < m; r++) {
      const v = pay[(r + c * m) * 2] as number;
      if (v > b) b = v;
    }
    best[c] = b;
  }
  for (let r = 0; r < m; r++) {
    let b = pay[r * 2 + 1] as number;
    for (let c = 1; c < k; c++) {
      const v = pay[(r + c * m) * 2 + 1] as number;
      if (v > b) b = v;
    }
    best[k + r] = b;
  }
  let found = 0;
  for (let c = 0; c < k; c++) {
    const b0 = best[c] as number;
    for (let r = 0; r < m; r++) {
      const p = r + c * m;
      if ((pay[p * 2] as number) + tol >= b0 && (pay[p * 2 + 1] as number) + tol >= (best[k + r] as number))
        out[found++] = p;
    }
  }
  return found;
};
