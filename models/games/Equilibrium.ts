// The shared result type of every solver, its verification and its display formatting.
import type { Game } from './Game';
import { Rational } from './Rational';
import type { MixedProfile, Num } from './MixedProfile';
import { payoffsAndRegret, payoffsAndRegretFloat } from './regret';

export type { MixedProfile, Num };

export type Equilibrium = {
  /** The solver that found it: "pure", "enummixed", "lcp", "logit", "zerosum". */
  readonly method: string;
  /** profile[player][strategy] = probability (Rational when exact). */
  readonly profile: Num[][];
  /** Expected payoff of each player. */
  readonly payoffs: Num[];
  /** Largest gain any player gets by deviating (0 for an equilibrium). */
  readonly regret: Num;
  /** True when profile, payoffs and regret are exact Rationals. */
  readonly exact: boolean;
  /** enummixed only: index of the connected component of equilibria this extreme point belongs to. */
  readonly component?: number;
};

/** Exact fractions as "2/3", floats as their shortest round-trip decimal ("0.25", "1e-7"). */
export const formatNum = (x: Num): string => {
  if (x instanceof Rational) return x.toString();
  if (Object.is(x, -0)) return '0';
  return String(x);
};

/** Float value of a Num. */
export const toFloat = (x: Num): number => (x instanceof Rational ? x.toNumber() : x);

/** Range of all payoffs (max - min), at least 1: the scale of float tolerances. */
export const payoffScale = (game: Game): number => {
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of game.payoffs) {
    for (const v of row) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return Math.max(1, hi - lo);
};

/** Float tolerance for regret checks: 1e-9 scaled by the payoff range. */
export const floatTolerance = (game: Game): number => 1e-9 * payoffScale(game);

export class EquilibriumCheckError extends Error {
  override readonly name = 'EquilibriumCheckError';
}

const checkShape = (game: Game, profile: MixedProfile, method: string): void => {
  if (profile.length !== game.players.length) {
    throw new EquilibriumCheckError(
      `${method}: profile has ${profile.length} players, game has ${game.players.length}`,
    );
  }
  profile.forEach((row, p) => {
    if (row.length !== (game.strategies[p] as readonly string[]).length) {
      throw new EquilibriumCheckError(`${method}: player ${p} has ${row.length} probabilities`);
    }
  });
};

/**
 * Build a verified Equilibrium. Exact when the game is exact and every probability is a Rational;
 * throws EquilibriumCheckError (a solver bug) when the profile is not a probability profile or its regret
 * is not 0 (exact) / ≤ 1e-9 × payoff range (float).
 */
export const makeEquilibrium = (game: Game, method: string, profile: MixedProfile): Equilibrium => {
  checkShape(game, profile, method);
  const exact = game.exact !== null && profile.every((row) => row.every((v) => v instanceof Rational));
  if (exact) {
    const prof = profile.map((row) => row.map((v) => v as Rational));
    prof.forEach((row, p) => {
      let sum = Rational.ZERO;
      for (const v of row) {
        if (v.sign() < 0)
          throw new EquilibriumCheckError(`${method}: negative probability ${v} for player ${p}`);
        sum = sum.add(v);
      }
      if (!sum.equals(Rational.ONE)) {
        throw new EquilibriumCheckError(`${method}: probabilities of player ${p} sum to ${sum}`);
      }
    });
    const { payoffs, regret } = payoffsAndRegret(game, prof);
    if (!regret.isZero()) {
      throw new EquilibriumCheckError(
        `${method}: internal error, profile ${prof.map((r) => r.join(',')).join(' | ')} has regret ${regret}`,
      );
    }
    return { method, profile: prof, payoffs, regret, exact: true };
  }
  const prof = profile.map((row) => row.map(toFloat));
  const tol = floatTolerance(game);
  prof.forEach((row, p) => {
    let sum = 0;
    for (const v of row) {
      if (!(v >= -1e-12))
        throw new EquilibriumCheckError(`${method}: negative probability ${v} for player ${p}`);
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-9)
      throw new EquilibriumCheckError(`${method}: probabilities of player ${p} sum to ${sum}`);
  });
  const { payoffs, regret } = payoffsAndRegretFloat(game, prof);
  if (!(regret <= tol)) {
    throw new EquilibriumCheckError(
      `${method}: internal error, profile ${prof.map((r) => r.join(',')).join(' | ')} has regret ${regret} > ${tol}`,
    );
  }
  return { method, profile: prof, payoffs, regret: Math.max(0, regret), exact: false };
};

/** Stable key of a profile for deduplication (exact strings, or floats rounded to 1e-9). */
export const profileKey = (profile: readonly (readonly Num[])[]): string =>
  profile
    .map((row) =>
      row
        .map((v) => (v instanceof Rational ? v.toString() : (Math.round(v * 1e9) / 1e9).toString()))
        .join(','),
    )
    .join('|');

/** Remove duplicate equilibria (same profile), keeping the first. */
export const dedupeEquilibria = (eqs: readonly Equilibrium[]): Equilibrium[] => {
  const seen = new Set<string>();
  const out: Equilibrium[] = [];
  for (const e of eqs) {
    const k = profileKey(e.profile);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(e);
    }
  }
  return out;
};
