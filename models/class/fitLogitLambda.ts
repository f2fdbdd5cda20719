// The logit rationality λ fitted to a class's choices by maximum likelihood on the principal logit QRE branch
// (McKelvey & Palfrey 1995, "Quantal response equilibria for normal form games", Games and Economic Behavior 10:
// 6–38, §5: the QRE choice probabilities π(λ) are the model, the observed choice counts n the data,
// ℓ(λ) = Σ games Σ roles Σ strategies n log π(λ)). λ ≥ 0 (a negative λ, "anti-rational" play, is outside the
// model). The interval is the 95% profile-likelihood interval {λ ≥ 0 : 2(ℓ(λ̂) − ℓ(λ)) ≤ χ²₁(0.95) = 3.841}: unlike
// a Fisher-information (Wald) interval it stays honest at the boundaries, where the MLE is λ = 0 (choices no closer
// to the game's incentives than uniform) or λ = ∞ (choices exactly at the branch's Nash limit: ℓ still rises at the
// largest λ tried). One parameter, so the profile likelihood is the likelihood itself.
//
// Maximisation: ℓ on a log-spaced grid of λ·R (R = the largest payoff range; 10^-2 … 10^4, 10 points per decade,
// plus λ = 0), then golden-section search between the best grid point's neighbours (ℓ need not be concave along
// the branch, so the grid first finds the global maximum's bracket). Crossings of the interval threshold are
// bisected the same way.
import type { Game } from '../games/Game';
import { logitQre } from '../games/logit';
import { log } from '../math/log';
import { pow } from '../math/pow';

/** One game the class played, with the class's choice counts: counts[role][strategy]. */
export type ChoiceData = {
  readonly game: Game;
  readonly counts: readonly (readonly number[])[];
};

export type LambdaFit = {
  readonly method: 'maximum likelihood (principal logit QRE branch), 95% profile-likelihood interval';
  /** Number of choices in the data. */
  readonly n: number;
  /** The MLE λ̂ in payoff units; null = +∞ (the likelihood still rises at the largest λ tried). */
  readonly lambda: number | null;
  /** Lower end of the 95% interval (0 when the interval reaches the boundary). */
  readonly lower: number;
  /** Upper end of the 95% interval; null = +∞. */
  readonly upper: number | null;
  /** ℓ(λ̂) (natural log; at λ̂ = ∞ the value at the largest λ tried). */
  readonly logLik: number;
  /** ℓ(0): every strategy equally likely. */
  readonly logLikUniform: number;
  /** Where λ̂ sits on the boundary of [0, ∞), if it does. */
  readonly boundary: 'zero' | 'infinity' | null;
  /** The largest λ tried (payoff units): "∞" means "beyond this". */
  readonly lambdaMax: number;
};

/** Base-10 logarithm through models/math's log (same bits on every host). */
const log10 = (x: number): number => log(x) / Math.LN10;

/** χ²₁(0.95) / 2: the log-likelihood drop at the edge of the 95% profile interval. */
export const PROFILE_DROP = 3.841458820694124 / 2;

const GRID_MIN_EXP = -2;
const GRID_MAX_EXP = 4;
const GRID_PER_DECADE = 10;
const GOLDEN_ITERATIONS = 40;
const BISECT_ITERATIONS = 40;

const payoffRange = (game: Game): number => {
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of game.payoffs)
    for (const v of row) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  return hi > lo ? hi - lo : 1;
};

/** ℓ(λ) of the data: Σ n log π(λ) with π the principal-branch logit QRE of each game. */
export const logitLogLikelihood = (data: readonly ChoiceData[], lambda: number): number => {
  let ll = 0;
  for (const d of data) {
    const pi = logitQre(d.game, lambda);
    d.counts.forEach((row, i) =>
      row.forEach((c, s) => {
        if (c > 0) ll += c * log((pi[i] as number[])[s] as number);
      }),
    );
  }
  return ll;
};

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** Maximise f on [a, b] (golden-section search); returns the argmax and the value. */
const goldenMax = (f: (x: number) => number, a: number, b: number): { x: number; fx: number } => {
  let x1 = b - GOLDEN * (b - a);
  let x2 = a + GOLDEN * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let it = 0; it < GOLDEN_ITERATIONS; it++) {
    if (f1 >= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - GOLDEN * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + GOLDEN * (b - a);
      f2 = f(x2);
    }
  }
  return f1 >= f2 ? { x: x1, fx: f1 } : { x: x2, fx: f2 };
};

/** The x in [a, b] where f crosses `level` (f(a) ≥ level > f(b) or the reverse), by bisection. */
const bisect = (f: (x: number) => number, a: number, b: number, level: number): number => {
  const aAbove = f(a) >= level;
  for (let it = 0; it < BISECT_ITERATIONS; it++) {
    const m = (a + b) / 2;
    if (f(m) >= level === aAbove) a = m;
    else b = m;
  }
  return (a + b) / 2;
};

/**
 * Fit λ to the class's choices. Returns null when there is no choice to fit (n = 0) or every role has a single
 * strategy. Cost: about 100 QRE evaluations per distinct game (each a short path-following run).
 */
export const fitLogitLambda = (data: readonly ChoiceData[]): LambdaFit | null => {
  const used = data.filter((d) => d.counts.some((row) => row.some((c) => c > 0)));
  const n = used.reduce((s, d) => s + d.counts.reduce((t, row) => t + row.reduce((u, c) => u + c, 0), 0), 0);
  if (n === 0 || used.every((d) => d.game.strategies.every((s) => s.length < 2))) return null;
  const scale = Math.max(...used.map((d) => payoffRange(d.game)));
  // Work in u = λ·scale (dimensionless); t = log10(u) on the grid.
  const cache = new Map<number, number>();
  const ll = (u: number): number => {
    const hit = cache.get(u);
    if (hit !== undefined) return hit;
    const v = logitLogLikelihood(used, u / scale);
    cache.set(u, v);
    return v;
  };
  const grid: number[] = [0];
  for (let k = GRID_MIN_EXP * GRID_PER_DECADE; k <= GRID_MAX_EXP * GRID_PER_DECADE; k++) {
    grid.push(pow(10, k / GRID_PER_DECADE));
  }
  const values = grid.map(ll);
  let best = 0;
  for (let k = 1; k < grid.length; k++) if ((values[k] as number) > (values[best] as number)) best = k;
  const top = grid.length - 1;
  const uMax = grid[top] as number;
  const logLikUniform = values[0] as number;

  let uHat: number | null;
  let llHat: number;
  let boundary: LambdaFit['boundary'] = null;
  // A plateau up to the largest λ (ℓ saturates in floating point as the QRE reaches the Nash limit): λ̂ = ∞.
  const atTop = values[top] as number;
  const bestValue = values[best] as number;
  if (best === top || atTop >= bestValue - 1e-9 * (1 + Math.abs(bestValue))) {
    uHat = null;
    llHat = values[top] as number;
    boundary = 'infinity';
  } else if (best <= 1) {
    // Between 0 and the second grid point, on a linear scale (0 has no logarithm).
    const r = goldenMax(ll, 0, grid[2] as number);
    const at0 = values[0] as number;
    if (at0 >= r.fx - 1e-10 * (1 + Math.abs(at0))) {
      uHat = 0;
      llHat = at0;
      boundary = 'zero';
    } else {
      uHat = r.x;
      llHat = r.fx;
    }
  } else {
    const lo = log10(grid[best - 1] as number);
    const hi = log10(grid[best + 1] as number);
    const r = goldenMax((t) => ll(pow(10, t)), lo, hi);
    if (r.fx >= (values[best] as number)) {
      uHat = pow(10, r.x);
      llHat = r.fx;
    } else {
      uHat = grid[best] as number;
      llHat = values[best] as number;
    }
  }
  const level = llHat - PROFILE_DROP;
  // Lower end: the last grid point below uHat where ℓ drops under the level.
  let lower = 0;
  const startDown = uHat === null ? top : grid.findIndex((g) => g >= uHat) - 1;
  for (let k = startDown; k >= 0; k--) {
    if ((values[k] as number) < level) {
      const a = grid[k] as number;
      const b = Math.min(uHat ?? Infinity, grid[k + 1] as number);
      lower =
        a === 0
          ? bisect(ll, a, b, level)
          : pow(
              10,
              bisect((t) => ll(pow(10, t)), log10(a), log10(b), level),
            );
      break;
    }
  }
  let upper: number | null = null;
  if (uHat !== null) {
    const startUp = grid.findIndex((g) => g > uHat);
    for (let k = Math.max(startUp, 1); k <= top; k++) {
      if ((values[k] as number) < level) {
        const a = Math.max(uHat, grid[k - 1] as number);
        const b = grid[k] as number;
        upper =
          a === 0
            ? bisect(ll, a, b, level)
            : pow(
                10,
                bisect((t) => ll(pow(10, t)), log10(a), log10(b), level),
              );
        break;
      }
    }
  }
  return {
    method: 'maximum likelihood (principal logit QRE branch), 95% profile-likelihood interval',
    n,
    lambda: uHat === null ? null : uHat / scale,
    lower: lower / scale,
    upper: upper === null ? null : upper / scale,
    logLik: llHat,
    logLikUniform,
    boundary,
    lambdaMax: uMax / scale,
  };
};
