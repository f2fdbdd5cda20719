// Pareto-optimal pure profiles: no other profile is at least as good for everyone and better for someone.
import type { Game } from './Game';
import type { Rational } from './Rational';

/** Indices (Gambit order) of the Pareto-optimal pure profiles (exact comparisons in exact mode). */
export const paretoOptimal = (game: Game): number[] => {
  const total = game.payoffs.length;
  const n = game.players.length;
  const cmp = (a: number, b: number, p: number): number => {
    if (game.exact) return (game.exact[a]?.[p] as Rational).cmp(game.exact[b]?.[p] as Rational);
    const x = game.payoffs[a]?.[p] as number;
    const y = game.payoffs[b]?.[p] as number;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const out: number[] = [];
  for (let a = 0; a < total; a++) {
    let dominated = false;
    for (let b = 0; b < total && !dominated; b++) {
      if (b === a) continue;
      let geAll = true;
      let gtSome = false;
      for (let p = 0; p < n && geAll; p++) {
        const c = cmp(b, a, p);
        if (c < 0) geAll = false;
        else if (c > 0) gtSome = true;
      }
      dominated = geAll && gtSome;
    }
    if (!dominated) out.push(a);
  }
  return out;
};
