// Everything the game view shows about one round's game, as plain JSON (so it can be computed in a worker):
// every applicable solver's equilibria (each run guarded, so one failing solver is reported in place and never
// blanks the view), best responses per cell, iterated elimination of strictly dominated strategies, and the
// principal logit QRE branch.
import type { Game } from '../../../models/games/Game';
import { toFloat, type Equilibrium, type Num } from '../../../models/games/Equilibrium';
import { pureEquilibria } from '../../../models/games/pureEquilibria';
import { enumMixed } from '../../../models/games/enumMixed';
import { lcp } from '../../../models/games/lemkeHowson';
import { logitBranch, type LogitBranch } from '../../../models/games/logit';
import { SOLVER_LIMITS, logitMaxSteps, logitSize } from '../../../models/games/solverLimits';
import { SolverLimitError } from '../../../models/games/SolverLimitError';
import { constantSumViolation, zeroSum } from '../../../models/games/zeroSum';
import { iteratedElimination } from '../../../models/games/iteratedElimination';
import { makeGame, profileOf } from '../../../models/games/makeGame';
import { Rational } from '../../../models/games/Rational';
import { formatNice, formatPayoff, MAX_NICE_DENOMINATOR } from '../../../models/text/format';

export type EquilibriumView = {
  /** Probability of each strategy, for display (exact fractions where exact). */
  readonly text: readonly (readonly string[])[];
  readonly probs: readonly (readonly number[])[];
  readonly payoffs: readonly string[];
  readonly exact: boolean;
  /** Profile index when the equilibrium is pure, else null. */
  readonly pureIndex: number | null;
};

export type SolverRun = {
  readonly method: string;
  readonly label: string;
  readonly equilibria: readonly EquilibriumView[];
  /** Why the solver was not run (e.g. "two-player games only"), or null. */
  readonly skipped: string | null;
  readonly error: string | null;
  readonly ms: number;
  /** e.g. the value of a zero-sum game. */
  readonly note: string | null;
};

export type Elimination = {
  readonly player: number;
  readonly strategy: number;
  readonly step: number;
  readonly by: 'pure' | 'mixed';
  readonly dominator: number | null;
};

export type QreView = {
  readonly points: readonly { readonly lambda: number; readonly profile: readonly (readonly number[])[] }[];
};

export type GameAnalysis = {
  readonly runs: readonly SolverRun[];
  /** bestResponse[profile][player]: that player's strategy in the profile is a best response to the others. */
  readonly bestResponse: readonly (readonly boolean[])[];
  /** Strategies removed by iterated elimination of strictly dominated strategies, in order. */
  readonly eliminated: readonly Elimination[];
  readonly qre: QreView | null;
  readonly qreError: string | null;
};

const MAX_PROFILES_2P = 40 * 40;
const twoPlayers = (g: Game): string | null =>
  g.players.length !== 2
    ? 'two-player games only'
    : g.payoffs.length > MAX_PROFILES_2P
      ? 'game too large for the view'
      : null;

const now = (): number => globalThis.performance?.now() ?? Date.now();

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

/** True when the game's exact payoffs are all small fractions (decimals stored as binary floats are not). */
export const hasNiceExact = (game: Game): boolean =>
  game.exact !== null && game.exact.every((row) => row.every((r) => r.den <= MAX_NICE_DENOMINATOR));

export const equilibriumView = (
  game: Game,
  e: Equilibrium,
  fractions = hasNiceExact(game),
): EquilibriumView => {
  const probs = e.profile.map((row) => row.map(toFloat));
  const st = strides(game);
  let pureIndex: number | null = 0;
  for (let p = 0; p < probs.length && pureIndex !== null; p++) {
    const k = (probs[p] ?? []).findIndex((v) => v === 1);
    pureIndex = k < 0 ? null : pureIndex + k * (st[p] ?? 0);
  }
  const nice = (x: Num): string => (fractions ? formatNice(x) : formatPayoff(toFloat(x)));
  return {
    text: e.profile.map((row) => row.map(nice)),
    probs,
    payoffs: e.payoffs.map(nice),
    exact: e.exact,
    pureIndex,
  };
};

type Solver = {
  readonly method: string;
  readonly label: string;
  readonly applies: (game: Game) => string | null;
  readonly run: (game: Game, ctx: { branch: () => LogitBranch }) => { eqs: Equilibrium[]; note?: string };
};

export const SOLVERS: readonly Solver[] = [
  { method: 'pure', label: 'Pure equilibria', applies: () => null, run: (g) => ({ eqs: pureEquilibria(g) }) },
  {
    method: 'enummixed',
    label: 'All extreme equilibria (enummixed)',
    applies: twoPlayers,
    run: (g) => ({ eqs: enumMixed(g, { maxWork: SOLVER_LIMITS.enummixedWork }) }),
  },
  {
    method: 'lcp',
    label: 'Lemke–Howson from every label (lcp)',
    applies: twoPlayers,
    run: (g) => ({ eqs: lcp(g, { maxWork: SOLVER_LIMITS.lcpWork }) }),
  },
  {
    method: 'logit',
    label: 'Limit of the logit QRE branch (logit)',
    applies: () => null,
    run: (_g, ctx) => ({ eqs: [ctx.branch().limit] }),
  },
  {
    method: 'zerosum',
    label: 'Zero-sum value by linear programming (zerosum)',
    applies: (g) =>
      twoPlayers(g) ??
      (constantSumViolation(g) ? 'not a zero-sum game' : null) ??
      (g.payoffs.length > SOLVER_LIMITS.zerosumCells ? 'too large for the exact LP' : null),
    run: (g) => {
      const s = zeroSum(g);
      return { eqs: [s.equilibrium], note: `Value for ${g.players[0]}: ${formatNice(s.value)}` };
    },
  },
];

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

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

export const eliminations = (game: Game): Elimination[] =>
  iteratedElimination(game).steps.map((s, i) => ({
    player: s.player,
    strategy: s.strategy,
    step: i + 1,
    by: s.by,
    dominator: s.dominator ?? null,
  }));

/** The full analysis (solvers included) or, with `solvers: false`, only best responses and dominance. */
export const analyseGame = (game: Game, opts: { solvers?: boolean } = {}): GameAnalysis => {
  let branch: LogitBranch | null = null;
  let branchError: string | null = null;
  const getBranch = (): LogitBranch => {
    if (branch) return branch;
    if (branchError) throw new Error(branchError);
    try {
      if (logitSize(game) > SOLVER_LIMITS.logitSize) {
        throw new SolverLimitError('logit', 'the game is too large to trace the logit branch quickly');
      }
      branch = logitBranch(game, { maxSteps: logitMaxSteps(game) });
      return branch;
    } catch (e) {
      branchError = message(e);
      throw e;
    }
  };
  const fractions = hasNiceExact(game);
  const runs: SolverRun[] =
    opts.solvers === false
      ? []
      : SOLVERS.map((s) => {
          const base = { method: s.method, label: s.label, equilibria: [], note: null, ms: 0 };
          let skipped: string | null;
          try {
            skipped = s.applies(game);
          } catch (e) {
            skipped = message(e);
          }
          if (skipped) return { ...base, skipped, error: null };
          const t0 = now();
          try {
            const r = s.run(game, { branch: getBranch });
            return {
              ...base,
              equilibria: r.eqs.map((e) => equilibriumView(game, e, fractions)),
              note: r.note ?? null,
              skipped: null,
              error: null,
              ms: now() - t0,
            };
          } catch (e) {
            return { ...base, skipped: null, error: message(e), ms: now() - t0 };
          }
        });
  const eliminated = ((): Elimination[] => {
    try {
      return eliminations(game);
    } catch {
      return []; // dominance is a hint: a failure must not hide the solvers' results
    }
  })();
  const b = branch as LogitBranch | null;
  return {
    runs,
    bestResponse: bestResponses(game),
    eliminated,
    qre: b ? { points: b.points.map((p) => ({ lambda: p.lambda, profile: p.profile })) } : null,
    qreError: branchError,
  };
};

/** Profiles in the support of a (mixed) equilibrium: every combination of strategies with positive probability. */
export const supportProfiles = (
  game: Pick<Game, 'strategies'>,
  probs: readonly (readonly number[])[],
): number[] => {
  const st = strides(game);
  let acc = [0];
  probs.forEach((row, p) => {
    const ks = row.flatMap((v, k) => (v > 1e-12 ? [k] : []));
    acc = acc.flatMap((base) => ks.map((k) => base + k * (st[p] as number)));
  });
  return acc;
};

/** A Game as plain JSON for a worker (exact payoffs as strings). */
export type GameWire = {
  readonly title: string;
  readonly players: readonly string[];
  readonly strategies: readonly (readonly string[])[];
  readonly payoffs: readonly (readonly number[])[];
  readonly exact: readonly (readonly string[])[] | null;
};

export const gameToWire = (g: Game): GameWire => ({
  title: g.title,
  players: g.players,
  strategies: g.strategies,
  payoffs: g.payoffs,
  exact: g.exact ? g.exact.map((row) => row.map((r) => r.toString())) : null,
});

export const gameFromWire = (w: GameWire): Game =>
  makeGame({
    title: w.title,
    players: w.players,
    strategies: w.strategies,
    payoffs: w.exact ? w.exact.map((row) => row.map((s) => Rational.parse(s) ?? s)) : w.payoffs,
    exact: w.exact !== null,
  });
