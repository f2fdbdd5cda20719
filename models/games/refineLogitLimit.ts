// Limit refinement of the logit solver: the float end point of the traced principal branch → a verified Nash
// equilibrium, exact (bigint rationals) whenever the game is exact and the limit is rational (Gambit's logit reports
// the float end point; Parley refines it so that `solve --method logit` agrees exactly with enummixed and lcp).
// Sources: McKelvey & Palfrey 1995 (the limit is a Nash equilibrium); the support equations of a 2-player
// equilibrium as in von Stengel 2002, §2.3 (support enumeration); exact LP feasibility by solveMatrixGame.
import type { Game } from './Game';
import { Rational } from './Rational';
import { makeEquilibrium, floatTolerance, type Equilibrium } from './Equilibrium';
import { regret } from './regret';
import { bimatrix } from './bimatrix';
import { solveExactUnique } from './linearSolve';
import { enumMixed } from './enumMixed';
import { solveMatrixGame } from './solveMatrixGame';
import { SolverLimitError } from './SolverLimitError';
import { SUPPORT_THRESHOLDS, type LogitKernel } from './kernels/LogitKernel';
import { simpleFraction } from './simpleFraction';

/** The same game without exact payoffs (float checks only). */
const floatOnly = (game: Game): Game => ({ ...game, exact: null });

/** A kernel-layout profile as rows (profile[player][strategy]). */
export const toRows = (kernel: LogitKernel, flat: Float64Array): number[][] =>
  Array.from(kernel.sys.K, (k, i) =>
    Array.from(flat.subarray(kernel.sys.off[i] as number, (kernel.sys.off[i] as number) + k)),
  );

/** Exact 2-player support solve: the unique equilibrium with these supports, or null. */
const exactSupportEquilibrium = (game: Game, S1: number[], S2: number[]): Rational[][] | null => {
  const { m, n, A, B } = bimatrix(game);
  const solveSide = (M: Rational[][], rows: number[], cols: number[]): Rational[] | null => {
    // unknowns: w_c for c in cols, then v; equations: sum_c M[r][c] w_c - v = 0 for r in rows; sum w = 1.
    const eqs: Rational[][] = rows.map((r) => [
      ...cols.map((cc) => (M[r] as Rational[])[cc] as Rational),
      Rational.ONE.neg(),
    ]);
    eqs.push([...cols.map(() => Rational.ONE), Rational.ZERO]);
    const b = [...rows.map(() => Rational.ZERO), Rational.ONE];
    const sol = solveExactUnique(eqs, b);
    return sol ? sol.slice(0, cols.length) : null;
  };
  const y = solveSide(A, S1, S2);
  const Bt = Array.from({ length: n }, (_, j) =>
    Array.from({ length: m }, (_, i) => (B[i] as Rational[])[j] as Rational),
  );
  const x = solveSide(Bt, S2, S1);
  if (!x || !y || x.some((v) => v.sign() < 0) || y.some((v) => v.sign() < 0)) return null;
  const fx = new Array<Rational>(m).fill(Rational.ZERO);
  const fy = new Array<Rational>(n).fill(Rational.ZERO);
  S1.forEach((i, k) => (fx[i] = x[k] as Rational));
  S2.forEach((j, k) => (fy[j] = y[k] as Rational));
  const prof = [fx, fy];
  const r = regret(game, prof);
  return r instanceof Rational && r.isZero() ? prof : null;
};

/** Round a float profile to simple fractions and keep it if it is exactly an equilibrium. */
const roundToExact = (game: Game, prof: number[][]): Rational[][] | null => {
  if (!game.exact) return null;
  const out: Rational[][] = [];
  for (const row of prof) {
    const r: Rational[] = [];
    let sum = Rational.ZERO;
    for (const v of row) {
      const f = simpleFraction(Math.max(0, v), 1e-7);
      if (!f) return null;
      r.push(f);
      sum = sum.add(f);
    }
    if (!sum.equals(Rational.ONE)) return null;
    out.push(r);
  }
  const rg = regret(game, out);
  return rg instanceof Rational && rg.isZero() ? out : null;
};

const closeTo = (
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  tol: number,
): boolean =>
  a.every((row, i) => row.every((v, k) => Math.abs(v - ((b[i] as readonly number[])[k] as number)) <= tol));

/**
 * 2-player LP refinement: some equilibrium in which every strategy of S1 (S2) is a best response and only
 * they are played. Each side is a feasibility LP, solved as the matrix game
 * max_{y on S2} min_{i in S1, k} (A_i - A_k) y >= 0 (exact).
 */
const lpSupportEquilibrium = (game: Game, S1: number[], S2: number[]): Rational[][] | null => {
  const { m, n, A, B } = bimatrix(game);
  const side = (
    M: (r: number, c: number) => Rational,
    rows: number,
    own: number[],
    other: number[],
  ): Rational[] | null => {
    // Columns: pairs (i in `other`, k any row of the other player != i); rows: strategies in `own`.
    const cols: [number, number][] = [];
    for (const i of other) for (let k = 0; k < rows; k++) if (k !== i) cols.push([i, k]);
    const full = (w: Rational[]): Rational[] => {
      const out = new Array<Rational>(own.length === 0 ? 0 : Math.max(...own) + 1).fill(Rational.ZERO);
      own.forEach((j, t) => (out[j] = w[t] as Rational));
      return out;
    };
    if (cols.length === 0) return full(own.map(() => Rational.of(1n, BigInt(own.length))));
    const D = own.map((j) => cols.map(([i, k]) => M(i, j).sub(M(k, j))));
    const sol = solveMatrixGame(D);
    return sol.value.sign() >= 0 ? full(sol.row) : null;
  };
  const y = side((i, j) => (A[i] as Rational[])[j] as Rational, m, S2, S1);
  const x = side((j, i) => (B[i] as Rational[])[j] as Rational, n, S1, S2);
  if (!x || !y) return null;
  const pad = (v: Rational[], len: number): Rational[] =>
    Array.from({ length: len }, (_, k) => v[k] ?? Rational.ZERO);
  const prof = [pad(x, m), pad(y, n)];
  const r = regret(game, prof);
  return r instanceof Rational && r.isZero() ? prof : null;
};

/**
 * Refine the end point of a traced principal branch to a verified Nash equilibrium of `game` (method "logit"),
 * exact whenever the game is exact and the limit is rational; null when no refinement verifies. `flat` is the
 * end point in the kernel's layout (player i's probabilities at kernel.sys.off[i]); the kernel must have `game`
 * loaded. Tries, for each support threshold (SUPPORT_THRESHOLDS): the pure profile; for 2 players the exact
 * equilibrium on those supports (linear equations) and an exact LP on them; the float support equilibrium
 * (LogitKernel.supportEquilibrium), rounded to simple fractions when that is exact. Then: for small 2-player games the
 * extreme equilibrium (enumMixed) nearest to the end point; the end point rounded to fractions; for 2 players an exact equilibrium on
 * the face approx lies on; approx itself when its regret is within the float tolerance.
 */
export const refineLogitLimit = (game: Game, kernel: LogitKernel, flat: Float64Array): Equilibrium | null => {
  const approx = toRows(kernel, flat);
  const out = new Float64Array(flat.length);
  for (const thr of SUPPORT_THRESHOLDS) {
    const supports = approx.map((row) => row.flatMap((v, k) => (v > thr ? [k] : [])));
    if (supports.some((S) => S.length === 0)) continue;
    if (supports.every((S) => S.length === 1) && game.exact) {
      const prof = game.strategies.map((s, i) =>
        s.map((_, k) => (k === (supports[i] as number[])[0] ? Rational.ONE : Rational.ZERO)),
      );
      const r = regret(game, prof);
      if (r instanceof Rational && r.isZero()) return makeEquilibrium(game, 'logit', prof);
    }
    if (game.players.length === 2) {
      const ex = exactSupportEquilibrium(game, supports[0] as number[], supports[1] as number[]);
      if (
        ex &&
        closeTo(
          ex.map((r) => r.map((v) => v.toNumber())),
          approx,
          1e-2,
        )
      ) {
        return makeEquilibrium(game, 'logit', game.exact ? ex : ex.map((r) => r.map((v) => v.toNumber())));
      }
      const lp = lpSupportEquilibrium(game, supports[0] as number[], supports[1] as number[]);
      if (
        lp &&
        closeTo(
          lp.map((r) => r.map((v) => v.toNumber())),
          approx,
          1e-2,
        )
      ) {
        return makeEquilibrium(game, 'logit', game.exact ? lp : lp.map((r) => r.map((v) => v.toNumber())));
      }
    }
    const fl = kernel.supportEquilibrium(flat, thr, out) ? toRows(kernel, out) : null;
    if (fl && closeTo(fl, approx, 1e-2) && (regret(floatOnly(game), fl) as number) <= floatTolerance(game)) {
      const ex = roundToExact(game, fl);
      return ex ? makeEquilibrium(game, 'logit', ex) : makeEquilibrium(floatOnly(game), 'logit', fl);
    }
  }
  if (game.players.length === 2) {
    // Bounded: exact enumeration is exponential in the game size (a 30×30 game would run for hours).
    const near = extremeEquilibria(game)?.find((e) =>
      closeTo(
        e.profile.map((r) => r.map((v) => (v instanceof Rational ? v.toNumber() : v))),
        approx,
        1e-4,
      ),
    );
    if (near)
      return {
        method: 'logit',
        profile: near.profile,
        payoffs: near.payoffs,
        regret: near.regret,
        exact: near.exact,
      };
  }
  const ex = roundToExact(game, approx);
  if (ex) return makeEquilibrium(game, 'logit', ex);
  if (game.players.length === 2) {
    // Degenerate games: an exact equilibrium of the face the limit lies on (same supports, same best responses).
    for (const thr of [1e-6, 1e-3]) {
      const supports = approx.map((row) => row.flatMap((v, k) => (v > thr ? [k] : [])));
      const lp = lpSupportEquilibrium(game, supports[0] as number[], supports[1] as number[]);
      if (lp)
        return makeEquilibrium(game, 'logit', game.exact ? lp : lp.map((r) => r.map((v) => v.toNumber())));
    }
  }
  const rg = regret(floatOnly(game), approx) as number;
  return rg <= floatTolerance(game) ? makeEquilibrium(floatOnly(game), 'logit', approx) : null;
};

/** Every extreme equilibrium when enumerating them is cheap (about a second at most), else null. */
const extremeEquilibria = (game: Game): Equilibrium[] | null => {
  try {
    return enumMixed(game, { maxWork: 2_000_000 });
  } catch (err) {
    if (err instanceof SolverLimitError) return null;
    throw err;
  }
};

/**
 * The extreme equilibrium (enummixed) closest to a float profile, as method "logit"; null when enumerating is too
 * costly. The last resort for badly scaled 2-player games whose traced end point is short of any equilibrium.
 */
export const nearestExtreme = (game: Game, approx: readonly (readonly number[])[]): Equilibrium | null => {
  const eqs = extremeEquilibria(game);
  if (!eqs) return null;
  let best: Equilibrium | null = null;
  let bestDist = Infinity;
  for (const e of eqs) {
    let d = 0;
    e.profile.forEach((row, p) =>
      row.forEach((v, k) => {
        d = Math.max(d, Math.abs((v instanceof Rational ? v.toNumber() : v) - (approx[p]?.[k] ?? 0)));
      }),
    );
    if (d < bestDist) {
      bestDist = d;
      best = e;
    }
  }
  if (!best) return null;
  return {
    method: 'logit',
    profile: best.profile,
    payoffs: best.payoffs,
    regret: best.regret,
    exact: best.exact,
  };
};
