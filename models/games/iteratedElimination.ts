// Iterated elimination of strictly dominated strategies (by pure strategies and by mixed strategies, via LP).
import type { Game } from './Game';
import { Rational } from './Rational';
import type { Num } from './Equilibrium';
import { makeGame, profileIndex, profileOf } from './makeGame';
import { playerMatrix } from './maxmin';
import { solveMatrixGame } from './solveMatrixGame';

export type EliminationStep = {
  readonly player: number;
  /** Index of the eliminated strategy in the ORIGINAL game. */
  readonly strategy: number;
  /** "pure": dominated by the pure strategy `dominator`; "mixed": only by the mixture `mixture`. */
  readonly by: 'pure' | 'mixed';
  /** The dominating pure strategy (original index) when by = "pure". */
  readonly dominator?: number;
  /** The dominating mixture over the original strategies when by = "mixed". */
  readonly mixture?: Num[];
};

export type EliminationResult = {
  /** The reduced game (strategies in their original order). */
  readonly game: Game;
  /** remaining[player] = original indices of surviving strategies. */
  readonly remaining: number[][];
  /** Eliminations in the order performed (one strategy at a time; pure dominance is tried first). */
  readonly steps: EliminationStep[];
};

const subgame = (game: Game, keep: readonly (readonly number[])[]): Game => {
  const strategies = keep.map((ks, p) =>
    ks.map((k) => (game.strategies[p] as readonly string[])[k] as string),
  );
  const shape = { strategies };
  const total = strategies.reduce((a, s) => a * s.length, 1);
  const payoffs = Array.from({ length: total }, (_, i) => {
    const local = profileOf(shape, i);
    const k = profileIndex(
      game,
      local.map((s, p) => (keep[p] as readonly number[])[s] as number),
    );
    return game.exact ? (game.exact[k] as readonly Rational[]) : (game.payoffs[k] as readonly number[]);
  });
  return makeGame({
    title: game.title,
    players: game.players,
    strategies,
    payoffs,
    exact: game.exact !== null,
  });
};

/**
 * Iteratively remove strictly dominated strategies until none is left. With `mixed: false` only domination by
 * pure strategies is used. Exact (float-mode games are compared on their decimal values).
 *
 * Source: iterated strict dominance (e.g. Fudenberg & Tirole 1991, "Game Theory", §2.1; the order of removal
 * does not change the result for strict dominance); domination by a mixed strategy is decided by the LP of
 * solveMatrixGame (Myerson 1991, §3.9).
 */
export const iteratedElimination = (game: Game, opts: { mixed?: boolean } = {}): EliminationResult => {
  const mixed = opts.mixed !== false;
  const keep = game.strategies.map((s) => s.map((_, k) => k));
  const steps: EliminationStep[] = [];
  for (;;) {
    const cur = subgame(game, keep);
    let step: EliminationStep | null = null;
    for (let p = 0; p < keep.length && !step; p++) {
      const ks = keep[p] as number[];
      if (ks.length < 2) continue;
      const M = playerMatrix(cur, p);
      // Pure dominance.
      for (let s = 0; s < ks.length && !step; s++) {
        for (let d = 0; d < ks.length && !step; d++) {
          if (d === s) continue;
          const rs = M[s] as Rational[];
          const rd = M[d] as Rational[];
          if (rd.every((v, t) => v.gt(rs[t] as Rational))) {
            step = { player: p, strategy: ks[s] as number, by: 'pure', dominator: ks[d] as number };
          }
        }
      }
      // Mixed dominance: s is strictly dominated iff the matrix game D[k][t] = M[k][t] - M[s][t] has value > 0.
      for (let s = 0; mixed && s < ks.length && !step; s++) {
        const rs = M[s] as Rational[];
        const D = M.map((row) => row.map((v, t) => v.sub(rs[t] as Rational)));
        const sol = solveMatrixGame(D);
        if (sol.value.sign() > 0) {
          const full = (game.strategies[p] as readonly string[]).map(() => Rational.ZERO);
          sol.row.forEach((w, k) => (full[ks[k] as number] = w));
          step = {
            player: p,
            strategy: ks[s] as number,
            by: 'mixed',
            mixture: game.exact ? full : full.map((v) => v.toNumber()),
          };
        }
      }
    }
    if (!step) return { game: cur, remaining: keep.map((k) => [...k]), steps };
    steps.push(step);
    const ks = keep[step.player] as number[];
    ks.splice(ks.indexOf(step.strategy), 1);
  }
};
