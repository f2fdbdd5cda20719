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
  if (m === 3 && k === 3) return enumPure3x3(g.payoffs, out, tol);
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

/**
 * enumPure2 for a 3×3 game (the engine's usual round, e.g. korea-2025), unrolled: the 18 payoffs in locals, the same
 * comparisons in the same order (so the same maxima, NaN included: a NaN first element of a line stays its maximum,
 * a later NaN is skipped), the same profiles in the same order. Hand-written: it runs every round of every trial.
 */
const enumPure3x3 = (pay: Float64Array, out: Int32Array, tol: number): number => {
  // profile p = r + 3c: row payoff pay[2p], column payoff pay[2p + 1]
  const a0 = pay[0] as number;
  const b0 = pay[1] as number;
  const a1 = pay[2] as number;
  const b1 = pay[3] as number;
  const a2 = pay[4] as number;
  const b2 = pay[5] as number;
  const a3 = pay[6] as number;
  const b3 = pay[7] as number;
  const a4 = pay[8] as number;
  const b4 = pay[9] as number;
  const a5 = pay[10] as number;
  const b5 = pay[11] as number;
  const a6 = pay[12] as number;
  const b6 = pay[13] as number;
  const a7 = pay[14] as number;
  const b7 = pay[15] as number;
  const a8 = pay[16] as number;
  const b8 = pay[17] as number;
  // the row player's best reply value in each column c (profiles 3c, 3c+1, 3c+2)
  let c0 = a0;
  if (a1 > c0) c0 = a1;
  if (a2 > c0) c0 = a2;
  let c1 = a3;
  if (a4 > c1) c1 = a4;
  if (a5 > c1) c1 = a5;
  let c2 = a6;
  if (a7 > c2) c2 = a7;
  if (a8 > c2) c2 = a8;
  // the column player's best reply value in each row r (profiles r, r+3, r+6)
  let r0 = b0;
  if (b3 > r0) r0 = b3;
  if (b6 > r0) r0 = b6;
  let r1 = b1;
  if (b4 > r1) r1 = b4;
  if (b7 > r1) r1 = b7;
  let r2 = b2;
  if (b5 > r2) r2 = b5;
  if (b8 > r2) r2 = b8;
  let found = 0;
  if (a0 + tol >= c0 && b0 + tol >= r0) out[found++] = 0;
  if (a1 + tol >= c0 && b1 + tol >= r1) out[found++] = 1;
  if (a2 + tol >= c0 && b2 + tol >= r2) out[found++] = 2;
  if (a3 + tol >= c1 && b3 + tol >= r0) out[found++] = 3;
  if (a4 + tol >= c1 && b4 + tol >= r1) out[found++] = 4;
  if (a5 + tol >= c1 && b5 + tol >= r2) out[found++] = 5;
  if (a6 + tol >= c2 && b6 + tol >= r0) out[found++] = 6;
  if (a7 + tol >= c2 && b7 + tol >= r1) out[found++] = 7;
  if (a8 + tol >= c2 && b8 + tol >= r2) out[found++] = 8;
  return found;
};
