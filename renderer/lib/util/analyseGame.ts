// Everything the game view shows about one round's game: every applicable solver's equilibria (each run guarded,
// so one failing solver is reported in place and never blanks the view), best responses per cell, and the
// strategies removed by iterated elimination of strictly dominated strategies.
import type { Game } from '../../../models/games/Game';
import type { Equilibrium } from '../../../models/games/Equilibrium';
import { pureEquilibria } from '../../../models/games/pureEquilibria';
import { enumMixed } from '../../../models/games/enumMixed';
import { lcp } from '../../../models/games/lemkeHowson';
import { profileOf } from '../../../models/games/makeGame';

export type Solver = {
  readonly method: string;
  readonly label: string;
  readonly applies: (game: Game) => string | null; // null = applies, else why not
  readonly run: (game: Game) => Equilibrium[];
};

export type SolverRun = {
  readonly method: string;
  readonly label: string;
  readonly equilibria: readonly Equilibrium[];
  /** Why the solver was not run (e.g. "2 players only"), or null. */
  readonly skipped: string | null;
  readonly error: string | null;
  readonly ms: number;
};

export type Elimination = { readonly player: number; readonly strategy: number; readonly round: number };

export type GameAnalysis = {
  readonly runs: readonly SolverRun[];
  /** bestResponse[profile][player]: that player's strategy in the profile is a best response to the others. */
  readonly bestResponse: readonly (readonly boolean[])[];
  /** Strategies removed by iterated elimination of strictly dominated (pure) strategies, in order. */
  readonly eliminated: readonly Elimination[];
};

const twoPlayers = (g: Game): string | null => (g.players.length === 2 ? null : 'two-player games only');
const MAX_PROFILES_2P = 40 * 40;

export const SOLVERS: readonly Solver[] = [
  { method: 'pure', label: 'Pure equilibria', applies: () => null, run: pureEquilibria },
  {
    method: 'enummixed',
    label: 'All extreme equilibria (enummixed)',
    applies: (g) =>
      twoPlayers(g) ?? (g.payoffs.length > MAX_PROFILES_2P ? 'game too large for the view' : null),
    run: enumMixed,
  },
  {
    method: 'lcp',
    label: 'Lemke–Howson (lcp)',
    applies: (g) =>
      twoPlayers(g) ?? (g.payoffs.length > MAX_PROFILES_2P ? 'game too large for the view' : null),
    run: (g) => lcp(g),
  },
];

const now = (): number => globalThis.performance?.now() ?? Date.now();

export const runSolvers = (game: Game, solvers: readonly Solver[] = SOLVERS): SolverRun[] =>
  solvers.map((s) => {
    const skipped = s.applies(game);
    if (skipped) return { method: s.method, label: s.label, equilibria: [], skipped, error: null, ms: 0 };
    const t0 = now();
    try {
      const equilibria = s.run(game);
      return { method: s.method, label: s.label, equilibria, skipped: null, error: null, ms: now() - t0 };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      return { method: s.method, label: s.label, equilibria: [], skipped: null, error, ms: now() - t0 };
    }
  });

/** Strides of each player in Gambit profile order (player 0 fastest). */
export const strides = (game: Pick<Game, 'strategies'>): number[] => {
  const out: number[] = [];
  let s = 1;
  for (const st of game.strategies) {
    out.push(s);
    s *= st.length;
  }
  return out;
};

export const bestResponses = (game: Game): boolean[][] => {
  const st = strides(game);
  const n = game.players.length;
  return game.payoffs.map((row, idx) => {
    const prof = profileOf(game, idx);
    const out: boolean[] = [];
    for (let p = 0; p < n; p++) {
      const own = prof[p] as number;
      const base = idx - own * (st[p] as number);
      let best = -Infinity;
      for (let k = 0; k < (game.strategies[p] as readonly string[]).length; k++) {
        const v = game.payoffs[base + k * (st[p] as number)]?.[p] ?? -Infinity;
        if (v > best) best = v;
      }
      out.push((row[p] ?? -Infinity) >= best);
    }
    return out;
  });
};

/** Iterated elimination of strategies strictly dominated by another pure strategy (float payoffs). */
export const iteratedStrictDominance = (game: Game): Elimination[] => {
  const n = game.players.length;
  const alive = game.strategies.map((s) => s.map(() => true));
  const st = strides(game);
  const out: Elimination[] = [];
  const payoffAt = (prof: number[], p: number): number => {
    let idx = 0;
    prof.forEach((s, q) => (idx += s * (st[q] as number)));
    return game.payoffs[idx]?.[p] ?? 0;
  };
  // every profile of the others' alive strategies
  const othersProfiles = (p: number): number[][] => {
    let acc: number[][] = [[]];
    for (let q = 0; q < n; q++) {
      const next: number[][] = [];
      const choices = q === p ? [0] : (alive[q] as boolean[]).flatMap((a, k) => (a ? [k] : []));
      for (const pre of acc) for (const k of choices) next.push([...pre, k]);
      acc = next;
    }
    return acc;
  };
  for (let round = 1; round < 100; round++) {
    const removed: Elimination[] = [];
    for (let p = 0; p < n; p++) {
      const live = (alive[p] as boolean[]).flatMap((a, k) => (a ? [k] : []));
      if (live.length < 2) continue;
      const others = othersProfiles(p);
      for (const s of live) {
        const dominated = live.some(
          (t) =>
            t !== s &&
            others.every((o) => {
              const ps = [...o];
              ps[p] = s;
              const pt = [...o];
              pt[p] = t;
              return payoffAt(pt, p) > payoffAt(ps, p);
            }),
        );
        if (dominated) removed.push({ player: p, strategy: s, round });
      }
    }
    if (removed.length === 0) break;
    for (const r of removed) (alive[r.player] as boolean[])[r.strategy] = false;
    out.push(...removed);
  }
  return out;
};

export const analyseGame = (game: Game, solvers: readonly Solver[] = SOLVERS): GameAnalysis => ({
  runs: runSolvers(game, solvers),
  bestResponse: bestResponses(game),
  eliminated: iteratedStrictDominance(game),
});

/** The profile index of a pure equilibrium (every player puts probability 1 on one strategy), else null. */
export const pureProfileIndex = (game: Game, eq: Equilibrium): number | null => {
  const st = strides(game);
  let idx = 0;
  for (let p = 0; p < eq.profile.length; p++) {
    const row = eq.profile[p] ?? [];
    const k = row.findIndex((v) => Number(typeof v === 'number' ? v : v.toNumber()) === 1);
    if (k < 0) return null;
    idx += k * (st[p] as number);
  }
  return idx;
};

/** Profiles in the support of a (mixed) equilibrium: every combination of strategies with positive probability. */
export const supportProfiles = (game: Game, eq: Equilibrium): Set<number> => {
  const st = strides(game);
  let acc = [0];
  eq.profile.forEach((row, p) => {
    const ks = row.flatMap((v, k) => ((typeof v === 'number' ? v : v.toNumber()) > 1e-12 ? [k] : []));
    acc = acc.flatMap((base) => ks.map((k) => base + k * (st[p] as number)));
  });
  return new Set(acc);
};
