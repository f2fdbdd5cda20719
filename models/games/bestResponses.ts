// Pure best responses of every player to a (mixed or pure) profile of the others (the definition: the strategies
// with the largest expected payoff, e.g. Fudenberg & Tirole 1991, §1.2).
import type { Game } from './Game';
import { Rational } from './Rational';
import type { MixedProfile } from './Equilibrium';
import { deviationPayoffs, deviationPayoffsFloat } from './regret';

/** A pure profile (strategy index per player) as a mixed profile (exact unit vectors when the game is exact). */
export const pureProfile = (game: Game, profile: readonly number[]): MixedProfile =>
  game.strategies.map((s, p) =>
    s.map((_, k) =>
      game.exact ? (k === profile[p] ? Rational.ONE : Rational.ZERO) : k === profile[p] ? 1 : 0,
    ),
  );

/**
 * best[p] = indices of player p's pure best responses to the others' strategies in `profile`
 * (a mixed profile, or a pure profile given as strategy indices). Exact ties in exact mode.
 */
export const bestResponses = (game: Game, profile: MixedProfile | readonly number[]): number[][] => {
  const prof: MixedProfile =
    profile.length > 0 && typeof profile[0] === 'number'
      ? pureProfile(game, profile as readonly number[])
      : (profile as MixedProfile);
  if (game.exact && prof.every((row) => row.every((v) => v instanceof Rational))) {
    const dev = deviationPayoffs(game, prof as readonly (readonly Rational[])[]);
    return dev.map((vals) => {
      let best = vals[0] as Rational;
      for (const v of vals) if (v.gt(best)) best = v;
      return vals.flatMap((v, k) => (v.equals(best) ? [k] : []));
    });
  }
  const dev = deviationPayoffsFloat(
    game,
    prof.map((row) => row.map((v) => (v instanceof Rational ? v.toNumber() : v))),
  );
  return dev.map((vals) => {
    const best = Math.max(...vals);
    return vals.flatMap((v, k) => (v === best ? [k] : []));
  });
};
