// The logit solver (Gambit's `logit`): the principal branch of logit quantal response equilibria from the centroid
// (λ = 0) to large λ, and its limit refined to a verified Nash equilibrium. The numerical work lives in
// models/games/kernels/ (QreSystem: the equations; PathTracer: the continuation; LogitKernel: perturbation and the
// float limit); refineLogitLimit.ts makes the limit exact.
import type { Game } from './Game';
import type { Equilibrium } from './Equilibrium';
import { regret } from './regret';
import { SolverLimitError } from './SolverLimitError';
import { FloatGame } from './kernels/FloatGame';
import { DEFAULT_MAX_LAMBDA, LogitKernel } from './kernels/LogitKernel';
import { nearestExtreme, refineLogitLimit, toRows } from './refineLogitLimit';

export type LogitPoint = {
  /** Rationality parameter λ (in the game's payoff units). */
  readonly lambda: number;
  /** profile[player][strategy]. */
  readonly profile: number[][];
};

export type LogitBranch = {
  /** Points along the principal branch, from λ = 0 to maxLambda. */
  readonly points: LogitPoint[];
  /** The limiting Nash equilibrium (method "logit"), refined and verified. */
  readonly limit: Equilibrium;
};

export type LogitOptions = {
  /** Where to stop tracing (payoff units, as gambit-logit's maxLambda). Default 1e6. */
  readonly maxLambda?: number;
  /**
   * Work budget: the largest number of predictor–corrector steps over every trace (default: no limit). Over
   * budget → SolverLimitError, never a partial answer.
   */
  readonly maxSteps?: number;
};

/**
 * The end of the traced branch could not be refined to an equilibrium (payoffs too badly scaled for floating
 * point). Carries the regret of the best-effort end point.
 */
export class LogitLimitError extends Error {
  override readonly name = 'LogitLimitError';
  constructor(readonly endRegret: number) {
    super(
      `logit: could not refine the end of the logit branch to an equilibrium (regret ${endRegret.toPrecision(3)}); the payoffs may be too badly scaled for floating point`,
    );
  }
}

/**
 * Trace the principal logit branch of an N-player game from the centroid to maxLambda (gambit-logit semantics:
 * McKelvey & Palfrey 1995; Turocy 2005) and refine its limit to a verified Nash equilibrium.
 *
 * Shapes: `points[k].profile[player][strategy]`, λ in payoff units. Degenerate games whose branch bifurcates are
 * traced on slightly perturbed payoffs (the limit is still refined and verified on the game itself); badly scaled
 * 2-player games fall back to the nearest extreme equilibrium. Symmetric games: the tracer keeps its direction
 * through the symmetric pitchfork bifurcations of the branch, so the limit is the symmetric equilibrium (chicken's
 * and the battle of the sexes' mixed ones), as the tracing selection prescribes; gambit-logit 16.7 leaves the
 * symmetric branch there by round-off and ends at one of the asymmetric pure equilibria. On generic games the two
 * agree (tests/models/games/kernels/LogitKernel.test.ts records gambit-logit's answers).
 * @throws SolverLimitError when opts.maxSteps is spent; LogitLimitError when no refinement verifies.
 */
export const logitBranch = (game: Game, opts: LogitOptions = {}): LogitBranch => {
  const maxLambda = opts.maxLambda ?? DEFAULT_MAX_LAMBDA;
  const kernel = new LogitKernel(game.strategies.map((s) => s.length));
  if (opts.maxSteps !== undefined) kernel.tracer.stepsLeft = opts.maxSteps;
  const limit = kernel.principalLimit(
    FloatGame.of(game),
    maxLambda,
    (approx) => refineLogitLimit(game, kernel, approx),
    true,
  );
  if (kernel.overBudget) {
    throw new SolverLimitError(
      'logit',
      `tracing the logit branch of this game needs more than the allowed ${opts.maxSteps} steps`,
    );
  }
  const points = kernel.points.map((z) => {
    const profile = new Float64Array(kernel.sys.nv);
    kernel.sys.profileOf(z, profile);
    return { lambda: (z[kernel.sys.nv] as number) / kernel.sys.range, profile: toRows(kernel, profile) };
  });
  if (limit) return { points, limit };
  // Badly scaled payoffs (1e9 next to 1/7: differences below double precision of the normalised game) leave the
  // traced end point short of any equilibrium. For small 2-player games, return the extreme equilibrium nearest
  // to where the branch ends (verified like every other answer).
  const approx = toRows(kernel, kernel.firstApprox);
  const near = game.players.length === 2 ? nearestExtreme(game, approx) : null;
  if (near) return { points, limit: near };
  throw new LogitLimitError(regret({ ...game, exact: null }, approx) as number);
};

/** The limiting equilibrium of the principal logit branch, as a one-element list (see logitBranch). */
export const logit = (game: Game, opts: LogitOptions = {}): Equilibrium[] => [logitBranch(game, opts).limit];

/**
 * The logit QRE on the principal branch at rationality λ ≥ 0 (payoff units), as `profile[player][strategy]` floats
 * (McKelvey & Palfrey 1995). Convenience over `LogitKernel.qre` for callers outside hot loops (allocates a kernel).
 * @throws RangeError when λ is not a finite number ≥ 0; Error when no continuation method reached λ.
 */
export const logitQre = (game: Game, lambda: number): number[][] => {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) {
    throw new RangeError(`logitQre: λ must be a finite number >= 0, got ${lambda}`);
  }
  const g = FloatGame.of(game);
  const kernel = new LogitKernel(g.counts);
  const mix = new Float64Array(g.totalStrategies);
  if (!kernel.qre(g, lambda, mix)) throw new Error(`logitQre: path following failed before λ = ${lambda}`);
  return toRows(kernel, mix);
};
