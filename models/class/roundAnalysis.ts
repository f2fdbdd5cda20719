// What the teacher's screen shows after Reveal: the class's choice distribution per role beside every Nash
// equilibrium of the round's game (models/games solvers) and the logit QRE at the λ fitted to the class's choices.
import type { Game } from '../games/Game';
import { formatNum, toFloat, type Equilibrium } from '../games/Equilibrium';
import { enumMixed } from '../games/enumMixed';
import { logitBranch, logitQre } from '../games/logit';
import { pureEquilibria } from '../games/pureEquilibria';
import { SolverLimitError } from '../games/SolverLimitError';
import { SOLVER_LIMITS, logitMaxSteps, logitSize } from '../games/solverLimits';
import type { ClassSession, RoundRecord } from './ClassSession';
import { fitLogitLambda, type ChoiceData, type LambdaFit } from './fitLogitLambda';

export type EquilibriumView = {
  readonly method: string;
  /** profile[role][strategy] probabilities. */
  readonly profile: readonly (readonly number[])[];
  /** The same as exact fractions ("9/11") when the game is exact, else decimals. */
  readonly text: readonly (readonly string[])[];
  readonly payoffs: readonly number[];
};

export type RoundAnalysis = {
  readonly round: number;
  /** The round's game: the one most tables played (a multi-round scenario's tables may differ in state). */
  readonly game: {
    readonly players: readonly string[];
    readonly strategies: readonly (readonly string[])[];
    readonly payoffs: readonly (readonly number[])[];
  };
  readonly tablesWithGame: number;
  readonly tables: number;
  /** Students' own choices: counts[role][strategy] over every table. */
  readonly counts: readonly (readonly number[])[];
  /** Bots' choices (empty seats and stand-ins), likewise. */
  readonly botCounts: readonly (readonly number[])[];
  /** Every Nash equilibrium found (2 players: every extreme equilibrium, enummixed; N players: pure + logit limit). */
  readonly equilibria: readonly EquilibriumView[];
  /** Set when a solver's work budget stopped it (the list is then incomplete) or it failed. */
  readonly equilibriaNote: string | null;
  /** λ fitted to this round's student choices (every table's game), or null without choices (or when it failed). */
  readonly fit: LambdaFit | null;
  /** Why there is no fit when the computation failed (the QRE branch could not be followed), else null. */
  readonly fitNote: string | null;
  /** The logit QRE of the shown game at λ̂, and at the interval's ends (∞: the branch's Nash limit). */
  readonly qre: readonly (readonly number[])[] | null;
  readonly qreLower: readonly (readonly number[])[] | null;
  readonly qreUpper: readonly (readonly number[])[] | null;
};

/** The distinct games tables may hold at most in one fit (the most frequent ones; bounds the reveal's work). */
export const MAX_FIT_GAMES = 20;

const view = (e: Equilibrium): EquilibriumView => ({
  method: e.method,
  profile: e.profile.map((row) => row.map(toFloat)),
  text: e.profile.map((row) => row.map(formatNum)),
  payoffs: e.payoffs.map(toFloat),
});

const sameProfile = (a: EquilibriumView, b: EquilibriumView): boolean =>
  a.profile.every((row, i) =>
    row.every((v, k) => Math.abs(v - ((b.profile[i] as number[])[k] as number)) < 1e-9),
  );

/** Every equilibrium the solvers can list within their budgets. */
export const equilibriaOf = (game: Game): { list: EquilibriumView[]; note: string | null } => {
  try {
    if (game.players.length === 2) {
      return { list: enumMixed(game, { maxWork: SOLVER_LIMITS.enummixedWork }).map(view), note: null };
    }
    const list = pureEquilibria(game).map(view);
    const note: string | null =
      'pure equilibria and the logit limit (no method lists every mixed equilibrium of N-player games)';
    if (logitSize(game) <= SOLVER_LIMITS.logitSize) {
      const lim = view(logitBranch(game, { maxSteps: logitMaxSteps(game) }).limit);
      if (!list.some((e) => sameProfile(e, lim))) list.push(lim);
    }
    return { list, note };
  } catch (err) {
    const list = pureEquilibria(game).map(view);
    const why =
      err instanceof SolverLimitError ? err.message : err instanceof Error ? err.message : String(err);
    return { list, note: `only the pure equilibria are listed: ${why}` };
  }
};

const uniform = (game: Game): number[][] => game.strategies.map((s) => s.map(() => 1 / s.length));

/** The QRE on the principal branch at λ (null = ∞: the branch's Nash limit). */
export const qreAt = (game: Game, lambda: number | null): number[][] => {
  if (lambda === 0) return uniform(game);
  if (lambda === null)
    return logitBranch(game, { maxSteps: logitMaxSteps(game) }).limit.profile.map((r) => r.map(toFloat));
  return logitQre(game, lambda);
};

const zeros = (game: Game): number[][] => game.strategies.map((s) => s.map(() => 0));

/** The students' choices of some rounds as fit data: counts per distinct game (the most frequent MAX_FIT_GAMES). */
export const choiceData = (records: readonly RoundRecord[]): ChoiceData[] => {
  const byGame = new Map<Game, number[][]>();
  for (const rec of records) {
    for (const t of rec.tables) {
      if (!t.choices || !t.kinds) continue;
      let counts = byGame.get(t.game);
      t.kinds.forEach((k, a) => {
        if (k !== 'student') return;
        if (!counts) {
          counts = zeros(t.game);
          byGame.set(t.game, counts);
        }
        const row = counts[a] as number[];
        const s = (t.choices as number[])[a] as number;
        row[s] = (row[s] as number) + 1;
      });
    }
  }
  const total = (c: number[][]): number => c.reduce((s, row) => s + row.reduce((x, y) => x + y, 0), 0);
  return [...byGame.entries()]
    .map(([game, counts]) => ({ game, counts }))
    .sort((a, b) => total(b.counts) - total(a.counts))
    .slice(0, MAX_FIT_GAMES);
};

/** λ fitted to every revealed round so far (null without choices, or when the fit failed). */
export const pooledFit = (session: ClassSession): LambdaFit | null => {
  try {
    return fitLogitLambda(choiceData(session.rounds.filter((r) => r.revealedAt !== null)));
  } catch {
    return null;
  }
};

/**
 * λ fitted to a round's choices and the QRE of `game` at λ̂ and at the interval's ends. A QRE the path follower
 * cannot reach gives no fit (and no QRE columns) rather than a wrong one, with the reason in fitNote.
 */
const fitAndQre = (
  rec: RoundRecord,
  game: Game,
): Pick<RoundAnalysis, 'fit' | 'fitNote' | 'qre' | 'qreLower' | 'qreUpper'> => {
  try {
    const fit = fitLogitLambda(choiceData([rec]));
    return {
      fit,
      fitNote: null,
      qre: fit ? qreAt(game, fit.lambda) : null,
      qreLower: fit ? qreAt(game, fit.lower) : null,
      qreUpper: fit ? qreAt(game, fit.upper) : null,
    };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { fit: null, fitNote: `λ could not be fitted: ${why}`, qre: null, qreLower: null, qreUpper: null };
  }
};

/** The teacher's analysis of a revealed round. */
export const analyseRound = (session: ClassSession, round: number): RoundAnalysis => {
  const rec = session.rounds[round - 1];
  if (!rec || rec.revealedAt === null) throw new Error(`round ${round} has not been revealed`);
  const freq = new Map<Game, number>();
  for (const t of rec.tables) freq.set(t.game, (freq.get(t.game) ?? 0) + 1);
  let game = (rec.tables[0] as (typeof rec.tables)[number]).game;
  for (const [g, c] of freq) if (c > (freq.get(game) as number)) game = g;
  const counts = zeros(game);
  const botCounts = zeros(game);
  for (const t of rec.tables) {
    t.kinds?.forEach((k, a) => {
      const row = (k === 'student' ? counts : botCounts)[a] as number[];
      const s = (t.choices as number[])[a] as number;
      row[s] = (row[s] as number) + 1;
    });
  }
  const { list, note } = equilibriaOf(game);
  const fitted = fitAndQre(rec, game);
  return {
    round,
    game: { players: game.players, strategies: game.strategies, payoffs: game.payoffs },
    tablesWithGame: freq.get(game) as number,
    tables: rec.tables.length,
    counts,
    botCounts,
    equilibria: list,
    equilibriaNote: note,
    ...fitted,
  };
};
