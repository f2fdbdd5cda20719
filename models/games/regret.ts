// Regret of a mixed profile, and the payoff of every pure deviation (exact and float).
import type { Game } from './Game';
import { Rational } from './Rational';
import type { MixedProfile, Num } from './Equilibrium';

/**
 * dev[p][s] = expected payoff to player p when p plays pure strategy s and everyone else follows profile.
 * Exact (Rational) version; the game must be exact.
 */
export const deviationPayoffs = (game: Game, profile: readonly (readonly Rational[])[]): Rational[][] => {
  const exact = game.exact;
  if (!exact) throw new Error('deviationPayoffs: the game has no exact payoffs');
  const n = game.players.length;
  const counts = game.strategies.map((s) => s.length);
  const dev = counts.map((c) => Array.from({ length: c }, () => Rational.ZERO));
  const idx = new Array<number>(n).fill(0);
  const prefix = new Array<Rational>(n + 1).fill(Rational.ONE);
  const suffix = new Array<Rational>(n + 1).fill(Rational.ONE);
  for (let k = 0; k < exact.length; k++) {
    for (let p = 0; p < n; p++)
      prefix[p + 1] = (prefix[p] as Rational).mul(profile[p]?.[idx[p] as number] as Rational);
    for (let p = n - 1; p >= 0; p--)
      suffix[p] = (suffix[p + 1] as Rational).mul(profile[p]?.[idx[p] as number] as Rational);
    const row = exact[k] as readonly Rational[];
    for (let p = 0; p < n; p++) {
      const w = (prefix[p] as Rational).mul(suffix[p + 1] as Rational);
      if (!w.isZero()) {
        const d = dev[p] as Rational[];
        const s = idx[p] as number;
        d[s] = (d[s] as Rational).add(w.mul(row[p] as Rational));
      }
    }
    for (let p = 0; p < n; p++) {
      idx[p] = (idx[p] as number) + 1;
      if ((idx[p] as number) < (counts[p] as number)) break;
      idx[p] = 0;
    }
  }
  return dev;
};

/** Float version of deviationPayoffs (uses game.payoffs). */
export const deviationPayoffsFloat = (game: Game, profile: readonly (readonly number[])[]): number[][] => {
  const n = game.players.length;
  const counts = game.strategies.map((s) => s.length);
  const dev = counts.map((c) => new Array<number>(c).fill(0));
  const idx = new Array<number>(n).fill(0);
  const prefix = new Array<number>(n + 1).fill(1);
  const suffix = new Array<number>(n + 1).fill(1);
  const pay = game.payoffs;
  for (let k = 0; k < pay.length; k++) {
    for (let p = 0; p < n; p++)
      prefix[p + 1] = (prefix[p] as number) * (profile[p]?.[idx[p] as number] as number);
    for (let p = n - 1; p >= 0; p--)
      suffix[p] = (suffix[p + 1] as number) * (profile[p]?.[idx[p] as number] as number);
    const row = pay[k] as readonly number[];
    for (let p = 0; p < n; p++) {
      const w = (prefix[p] as number) * (suffix[p + 1] as number);
      if (w !== 0) {
        const d = dev[p] as number[];
        const s = idx[p] as number;
        d[s] = (d[s] as number) + w * (row[p] as number);
      }
    }
    for (let p = 0; p < n; p++) {
      idx[p] = (idx[p] as number) + 1;
      if ((idx[p] as number) < (counts[p] as number)) break;
      idx[p] = 0;
    }
  }
  return dev;
};

/**
 * The regret of a profile: the largest gain any player gets by deviating to a pure strategy.
 * Exact (a Rational) when the game is exact and every probability is a Rational, else a float.
 */
export const regret = (game: Game, profile: MixedProfile): Num => {
  if (game.exact && profile.every((row) => row.every((v) => v instanceof Rational))) {
    const prof = profile as readonly (readonly Rational[])[];
    const dev = deviationPayoffs(game, prof);
    let r = Rational.ZERO;
    dev.forEach((vals, p) => {
      let u = Rational.ZERO;
      let best = vals[0] as Rational;
      vals.forEach((v, s) => {
        u = u.add(v.mul(prof[p]?.[s] as Rational));
        if (v.gt(best)) best = v;
      });
      const g = best.sub(u);
      if (g.gt(r)) r = g;
    });
    return r;
  }
  const prof = profile.map((row) => row.map((v) => (v instanceof Rational ? v.toNumber() : v)));
  const dev = deviationPayoffsFloat(game, prof);
  let r = 0;
  dev.forEach((vals, p) => {
    let u = 0;
    let best = -Infinity;
    vals.forEach((v, s) => {
      u += v * (prof[p]?.[s] ?? 0);
      if (v > best) best = v;
    });
    r = Math.max(r, best - u);
  });
  return r;
};
