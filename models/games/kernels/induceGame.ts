// The game induced on some players when the others are held at given mixed strategies (expected payoffs).
import type { FloatGame } from './FloatGame';

/**
 * Write into `out` the game among the players listed in `free` (ascending player indices of `full`) when every
 * other player j plays the mixed strategy mix[offsets[j] …] of `full`: out's player k is full's player free[k], and
 * its payoff at a profile of the free players is the expected payoff over the held players' strategies (the
 * "induced" or "reduced" game; e.g. Fudenberg & Tirole 1991, §1.2). Shapes: `out` was built with the free players'
 * strategy counts, in order. Work: full.profiles × players; no allocation.
 */
export const induceGame = (full: FloatGame, mix: Float64Array, free: Int32Array, out: FloatGame): void => {
  const n = full.n;
  const nf = free.length;
  const own = full.own;
  const pay = out.payoffs;
  pay.fill(0);
  for (let p = 0; p < full.profiles; p++) {
    let w = 1;
    let q = 0;
    let f = 0;
    for (let i = 0; i < n; i++) {
      const s = own[p * n + i] as number;
      if (f < nf && free[f] === i) {
        q += s * (out.strides[f] as number);
        f++;
      } else {
        w *= mix[(full.offsets[i] as number) + s] as number;
      }
    }
    if (w !== 0) {
      for (let k = 0; k < nf; k++) {
        pay[q * nf + k] =
          (pay[q * nf + k] as number) + w * (full.payoffs[p * n + (free[k] as number)] as number);
      }
    }
  }
};
