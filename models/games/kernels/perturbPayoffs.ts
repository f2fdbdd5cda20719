// The perturbation of the logit solver: a generic game next to a degenerate one, so that its principal branch is a
// smooth path that can be traced (the limit is then refined on the original game).

/**
 * out[a] = base[a] + eps · w_a with w_a ∈ [0, 1) a fixed pseudo-random pattern (the same for every call, so results
 * are deterministic); eps = 0 copies base. Shapes: base and out of equal length (normalised payoffs, units of the
 * payoff range). Source: McKelvey & Palfrey 1995, Theorem 1 — the principal branch is a path for almost all games,
 * so an arbitrarily small generic perturbation makes it one (as Gambit's logit perturbs degenerate games).
 */
export const perturbPayoffs = (base: Float64Array, eps: number, out: Float64Array): void => {
  if (eps === 0) {
    out.set(base);
    return;
  }
  let h = 0x9e3779b9;
  for (let a = 0; a < out.length; a++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + a;
    h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
    out[a] = (base[a] as number) + eps * (((h ^ (h >>> 15)) >>> 0) / 2 ** 32);
  }
};
