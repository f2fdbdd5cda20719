// Regret of a mixed profile, and the payoff of every pure deviation (exact and float).
import type { Game } from './Game';
import { Rational } from './Rational';
import type { MixedProfile, Num } from './MixedProfile';

/**
 * Visit, for every player p, each combination of the OTHER players' support strategies: calls
 * visit(p, base, weight) where base is the profile index with p's strategy at 0 and weight is the product of
 * the others' probabilities. Work is Σ_p Π_{q≠p} |support_q| (a pure profile costs n calls, not a sweep of
 * every profile of the game).
 */
const forEachDeviationBase = <T>(
  game: Game,
  profile: readonly (readonly T[])[],
  isZero: (v: T) => boolean,
  one: T,
  mul: (a: T, b: T) => T,
  visit: (p: number, base: number, weight: T, stride: number) => void,
): void => {
  const n = game.players.length;
  const counts = game.strategies.map((s) => s.length);
  const strides: number[] = [];
  let acc = 1;
  for (const c of counts) {
    strides.push(acc);
    acc *= c;
  }
  const supports = counts.map((c, q) => {
    const out: number[] = [];
    for (let s = 0; s < c; s++) if (!isZero(profile[q]?.[s] as T)) out.push(s);
    return out;
  });
  for (let p = 0; p < n; p++) {
    const others: number[] = [];
    for (let q = 0; q < n; q++) if (q !== p) others.push(q);
    if (others.some((q) => (supports[q] as number[]).length === 0)) continue;
    const pos = new Array<number>(others.length).fill(0);
    for (;;) {
      let base = 0;
      let w = one;
      others.forEach((q, k) => {
        const s = (supports[q] as number[])[pos[k] as number] as number;
        base += s * (strides[q] as number);
        w = mul(w, profile[q]?.[s] as T);
      });
      visit(p, base, w, strides[p] as number);
      let k = 0;
      for (; k < others.length; k++) {
        pos[k] = (pos[k] as number) + 1;
        if ((pos[k] as number) < (supports[others[k] as number] as number[]).length) break;
        pos[k] = 0;
      }
      if (k === others.length) break;
    }
  }
};

/**
 * dev[p][s] = expected payoff to player p when p plays pure strategy s and everyone else follows profile.
 * Exact (Rational) version; the game must be exact.
 */
export const deviationPayoffs = (game: Game, profile: readonly (readonly Rational[])[]): Rational[][] => {
  const exact = game.exact;
  if (!exact) throw new Error('deviationPayoffs: the game has no exact payoffs');
  const counts = game.strategies.map((s) => s.length);
  const dev = counts.map((c) => Array.from({ length: c }, () => Rational.ZERO));
  forEachDeviationBase(
    game,
    profile,
    (v) => v.isZero(),
    Rational.ONE,
    (a, b) => a.mul(b),
    (p, base, w, stride) => {
      const d = dev[p] as Rational[];
      for (let s = 0; s < d.length; s++) {
        d[s] = (d[s] as Rational).add(w.mul(exact[base + s * stride]?.[p] as Rational));
      }
    },
  );
  return dev;
};

/** Float version of deviationPayoffs (uses game.payoffs). */
export const deviationPayoffsFloat = (game: Game, profile: readonly (readonly number[])[]): number[][] => {
  const counts = game.strategies.map((s) => s.length);
  const dev = counts.map((c) => new Array<number>(c).fill(0));
  const pay = game.payoffs;
  forEachDeviationBase(
    game,
    profile,
    (v) => v === 0,
    1,
    (a, b) => a * b,
    (p, base, w, stride) => {
      const d = dev[p] as number[];
      for (let s = 0; s < d.length; s++)
        d[s] = (d[s] as number) + w * (pay[base + s * stride]?.[p] as number);
    },
  );
  return dev;
};

/**
 * Each player's expected payoff under an exact profile and the profile's regret (the largest gain any player gets
 * by deviating to a pure strategy), from deviationPayoffs: the one exact regret computation (regret, makeEquilibrium).
 */
export const payoffsAndRegret = (
  game: Game,
  prof: readonly (readonly Rational[])[],
): { payoffs: Rational[]; regret: Rational } => {
  const payoffs: Rational[] = [];
  let regret = Rational.ZERO;
  deviationPayoffs(game, prof).forEach((vals, p) => {
    let u = Rational.ZERO;
    let best = vals[0] as Rational;
    vals.forEach((v, s) => {
      u = u.add(v.mul(prof[p]?.[s] as Rational));
      if (v.gt(best)) best = v;
    });
    payoffs.push(u);
    const g = best.sub(u);
    if (g.gt(regret)) regret = g;
  });
  return { payoffs, regret };
};

/** payoffsAndRegret in floats (regret ≥ 0). */
export const payoffsAndRegretFloat = (
  game: Game,
  prof: readonly (readonly number[])[],
): { payoffs: number[]; regret: number } => {
  const payoffs: number[] = [];
  let regret = 0;
  deviationPayoffsFloat(game, prof).forEach((vals, p) => {
    let u = 0;
    let best = -Infinity;
    vals.forEach((v, s) => {
      u += v * (prof[p]?.[s] ?? 0);
      if (v > best) best = v;
    });
    payoffs.push(u);
    regret = Math.max(regret, best - u);
  });
  return { payoffs, regret };
};

/**
 * The regret of a profile: the largest gain any player gets by deviating to a pure strategy.
 * Exact (a Rational) when the game is exact and every probability is a Rational, else a float.
 */
export const regret = (game: Game, profile: MixedProfile): Num => {
  if (game.exact && profile.every((row) => row.every((v) => v instanceof Rational))) {
    return payoffsAndRegret(game, profile as readonly (readonly Rational[])[]).regret;
  }
  const prof = profile.map((row) => row.map((v) => (v instanceof Rational ? v.toNumber() : v)));
  return payoffsAndRegretFloat(game, prof).regret;
};
