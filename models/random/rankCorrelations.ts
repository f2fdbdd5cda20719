// Declared Spearman rank correlations between uncertain parameters: the ONE function that decides whether a set can
// be sampled (planCorrelations), used by `validate` (models/scenario/compile/checkCorrelations.ts) and by the
// sampler (models/engine/ParamSampler.ts), so `run` never finds a problem `validate` missed.
//
// Mathematics. The declared matrix R (1 on the diagonal, ρ for listed pairs, 0 for the others) must be a
// correlation matrix: symmetric (by construction), unit diagonal, positive semi-definite (PSD) — checked by its
// eigenvalues (cyclic Jacobi). Pairs with |ρ| = 1 are perfect rank dependence and are sampled exactly: the
// parameters form groups that share one uniform (u, or 1 − u for −1: comonotone / countermonotone), and Iman–Conover
// works on one leader per group. Iman–Conover induces rank correlation through normal scores whose Pearson target is
// P = 2·sin(πρ/6) (the Spearman correlation of a normal copula with Pearson r is (6/π)·asin(r/2)); P must be PSD
// too, and a PSD R can have a P that is not (e.g. three pairs at −0.49): that case is reported as a failure of the
// transform, not of the declaration. Either failure offers the nearest set that can be sampled: Higham's
// alternating projections with Dykstra's correction (Higham, "Computing the nearest correlation matrix", IMA J.
// Numer. Anal. 22, 2002) in the normal-score space, undeclared pairs held at 0, eigenvalues kept ≥ a margin so the
// rounded suggestion still passes, mapped back by ρ = (6/π)·asin(P/2).
//
// Ties: for a discrete or bernoulli parameter ρ is the rank correlation of the copula (of the uniforms behind the
// draws); the observed Spearman correlation of the tied values is smaller in magnitude — for a bernoulli(p) against
// a continuous parameter at ρ = 1 it is √(3p(1 − p)) (0.866 at p = ½).
// Why one file over 400 lines: the decision (is the set sampleable?) and its repair (the nearest set that is) use
// the same eigen-decomposition and must stay one function for `validate` and `run` to agree.
import { sinPi } from '../math/sinPi';

/** Tolerance on eigenvalues: above −EIGEN_TOL counts as ≥ 0 (rounding of the declared decimals). */
export const EIGEN_TOL = 1e-9;

export type DeclaredCorrelation = { readonly a: string; readonly b: string; readonly rho: number };

/** Where a problem belongs: a correlation's field (index into the list), or the set as a whole (index −1). */
export type CorrelationProblem = {
  readonly index: number;
  readonly field: 'a' | 'b' | 'rho' | '';
  readonly message: string;
};

export type CorrelationPlan = {
  /** Parameters (indices into the parameter list) Iman–Conover rearranges: one leader per |ρ| = 1 group. */
  readonly leaders: readonly number[];
  /** Lower Cholesky factor of the leaders' normal-score target (row-major), or null when none is needed. */
  readonly cholesky: Float64Array | null;
  /** Parameters that copy a leader's uniform: [parameter, leader, +1 (u) or −1 (1 − u)]. */
  readonly followers: readonly (readonly [number, number, 1 | -1])[];
};

export type CorrelationResult =
  | { readonly ok: true; readonly plan: CorrelationPlan }
  | { readonly ok: false; readonly problems: readonly CorrelationProblem[] };

/** Pearson correlation of normal scores that gives Spearman rho: r = 2 sin(πρ/6). */
export const spearmanToPearson = (rho: number): number => 2 * sinPi(rho / 6);

/** Spearman rho of a normal copula with Pearson r: (6/π) asin(r/2). */
export const pearsonToSpearman = (r: number): number => {
  // the inverse of spearmanToPearson, increasing on [−1, 1]: bisection on sinPi (Math.asin differs between engines)
  if (!(r > -1)) return -1;
  if (!(r < 1)) return 1;
  let lo = -1;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (spearmanToPearson(mid) < r) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
};

/**
 * Eigenvalues (ascending) and eigenvectors (columns of `vectors`, row-major m×m) of a symmetric matrix, by the
 * cyclic Jacobi method (Golub & Van Loan §8.5) — exact to rounding for the small, well-scaled matrices here.
 */
export const jacobiEigen = (
  matrix: Float64Array,
  m: number,
): { readonly values: Float64Array; readonly vectors: Float64Array } => {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++)
      for (let q = p + 1; q < m; q++) off += (a[p * m + q] as number) * (a[p * m + q] as number);
    if (off < 1e-30) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * m + p] as number;
        const aqq = a[q * m + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = a[k * m + p] as number;
          const akq = a[k * m + q] as number;
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p * m + k] as number;
          const aqk = a[q * m + k] as number;
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p] as number;
          const vkq = v[k * m + q] as number;
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort(
    (x, y) => (a[x * m + x] as number) - (a[y * m + y] as number),
  );
  const values = Float64Array.from(order, (i) => a[i * m + i] as number);
  const vectors = new Float64Array(m * m);
  order.forEach((col, j) => {
    for (let k = 0; k < m; k++) vectors[k * m + j] = v[k * m + col] as number;
  });
  return { values, vectors };
};

/** Lower Cholesky factor of a symmetric matrix (row-major m×m), or null when it is not positive definite. */
export const cholesky = (a: Float64Array, m: number): Float64Array | null => {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * m + k] as number) * (l[j * m + k] as number);
      if (i === j) {
        if (!(s > 1e-12)) return null;
        l[i * m + i] = Math.sqrt(s);
      } else {
        l[i * m + j] = s / (l[j * m + j] as number);
      }
    }
  }
  return l;
};

/**
 * The matrix nearest to `a` (Frobenius) with unit diagonal, zeros where `free` is 0, and eigenvalues ≥ `margin`:
 * alternating projections with Dykstra's correction (Higham 2002, Algorithm 3.3, with the affine set widened to
 * hold the undeclared zeros).
 */
export const nearestCorrelation = (
  a: Float64Array,
  m: number,
  free: Uint8Array,
  margin: number,
): Float64Array => {
  let y = Float64Array.from(a);
  const dS = new Float64Array(m * m);
  const r = new Float64Array(m * m);
  for (let iter = 0; iter < 2000; iter++) {
    for (let k = 0; k < m * m; k++) r[k] = (y[k] as number) - (dS[k] as number);
    // projection on {eigenvalues ≥ margin}
    const { values, vectors } = jacobiEigen(r, m);
    const x = new Float64Array(m * m);
    for (let j = 0; j < m; j++) {
      const lam = Math.max(values[j] as number, margin);
      for (let p = 0; p < m; p++) {
        const vp = (vectors[p * m + j] as number) * lam;
        for (let q = 0; q < m; q++)
          x[p * m + q] = (x[p * m + q] as number) + vp * (vectors[q * m + j] as number);
      }
    }
    for (let k = 0; k < m * m; k++) dS[k] = (x[k] as number) - (r[k] as number);
    // projection on the affine set: unit diagonal, undeclared pairs 0
    const next = Float64Array.from(x);
    let change = 0;
    for (let p = 0; p < m; p++) {
      for (let q = 0; q < m; q++) {
        const k = p * m + q;
        if (p === q) next[k] = 1;
        else if (!free[k]) next[k] = 0;
        change = Math.max(change, Math.abs((next[k] as number) - (y[k] as number)));
      }
    }
    y = next;
    if (change < 1e-12) break;
  }
  return y;
};

const fmtRho = (x: number): string => {
  const r = Math.round(x * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

/**
 * The nearest declared set whose normal-score target is positive definite with a margin, rounded to 3 decimals and
 * checked again after rounding (the margin grows until it passes). Lists only the declared pairs.
 */
const suggestion = (
  ids: readonly string[],
  cols: readonly number[],
  declared: readonly { readonly i: number; readonly j: number }[],
  target: Float64Array,
): string => {
  const m = cols.length;
  const free = new Uint8Array(m * m);
  for (const { i, j } of declared) free[i * m + j] = free[j * m + i] = 1;
  for (let margin = 1e-3; margin < 0.5; margin *= 3) {
    const near = nearestCorrelation(target, m, free, margin);
    const rounded = declared.map(
      ({ i, j }) => Math.round(pearsonToSpearman(near[i * m + j] as number) * 1000) / 1000,
    );
    const check = new Float64Array(m * m);
    for (let k = 0; k < m; k++) check[k * m + k] = 1;
    declared.forEach(({ i, j }, k) => {
      check[i * m + j] = check[j * m + i] = spearmanToPearson(rounded[k] as number);
    });
    if (cholesky(check, m)) {
      return declared
        .map(
          ({ i, j }, k) =>
            `${ids[cols[i] as number]}–${ids[cols[j] as number]} ${fmtRho(rounded[k] as number)}`,
        )
        .join(', ');
    }
  }
  return 'all pairs 0';
};

/**
 * Check a set of declared rank correlations between parameters (`params[k].id`; only those with `uncertain` may be
 * correlated) and plan how to sample it. Every problem is returned, with the correlation it belongs to.
 */
export const planCorrelations = (
  params: readonly { readonly id: string; readonly uncertain: boolean }[],
  correlations: readonly DeclaredCorrelation[],
): CorrelationResult => {
  const problems: CorrelationProblem[] = [];
  const index = new Map(params.map((p, k) => [p.id, k] as const));
  const seen = new Set<string>();
  const valid: { readonly a: number; readonly b: number; readonly rho: number; readonly k: number }[] = [];
  correlations.forEach((c, k) => {
    let ok = true;
    for (const key of ['a', 'b'] as const) {
      const j = index.get(c[key]);
      if (j === undefined) {
        problems.push({ index: k, field: key, message: `unknown parameter "${c[key]}"` });
        ok = false;
      } else if (!(params[j] as { uncertain: boolean }).uncertain) {
        problems.push({
          index: k,
          field: key,
          message: `parameter "${c[key]}" has no uncertainty, so it cannot be correlated`,
        });
        ok = false;
      }
    }
    if (!(typeof c.rho === 'number' && c.rho >= -1 && c.rho <= 1)) {
      problems.push({ index: k, field: 'rho', message: 'must be a number from -1 to 1' });
      ok = false;
    }
    if (c.a === c.b) {
      problems.push({ index: k, field: 'b', message: 'a parameter cannot be correlated with itself' });
      ok = false;
    }
    const pair = [c.a, c.b].sort().join('\u0000');
    if (seen.has(pair)) {
      problems.push({ index: k, field: '', message: `the pair ${c.a}, ${c.b} is listed twice` });
      ok = false;
    }
    seen.add(pair);
    if (ok) valid.push({ a: index.get(c.a) as number, b: index.get(c.b) as number, rho: c.rho, k });
  });
  if (problems.length) return { ok: false, problems };
  const live = valid.filter((c) => c.rho !== 0);
  if (live.length === 0) return { ok: true, plan: { leaders: [], cholesky: null, followers: [] } };

  // the declared matrix over the parameters that appear
  const cols: number[] = [];
  const colOf = new Map<number, number>();
  for (const c of live) {
    for (const p of [c.a, c.b]) {
      if (!colOf.has(p)) {
        colOf.set(p, cols.length);
        cols.push(p);
      }
    }
  }
  const m = cols.length;
  const ids = params.map((p) => p.id);
  const R = new Float64Array(m * m);
  for (let i = 0; i < m; i++) R[i * m + i] = 1;
  const declared = live.map((c) => ({ i: colOf.get(c.a) as number, j: colOf.get(c.b) as number }));
  live.forEach((c, k) => {
    const { i, j } = declared[k] as { i: number; j: number };
    R[i * m + j] = R[j * m + i] = c.rho;
  });
  const rhoOf = (i: number, j: number): number => R[i * m + j] as number;
  const name = (i: number): string => ids[cols[i] as number] as string;
  const P = R.map((x, k) => (k % (m + 1) === 0 ? 1 : spearmanToPearson(x)));

  const eig = jacobiEigen(R, m);
  const lamR = eig.values[0] as number;
  if (lamR < -EIGEN_TOL) {
    // which pairs conflict: every 3×3 principal minor that is not PSD, else the largest components of the
    // eigenvector of the smallest eigenvalue
    const triples: string[] = [];
    for (let i = 0; i < m && triples.length < 5; i++)
      for (let j = i + 1; j < m && triples.length < 5; j++)
        for (let k = j + 1; k < m && triples.length < 5; k++) {
          const x = rhoOf(i, j);
          const y = rhoOf(i, k);
          const z = rhoOf(j, k);
          if (1 - x * x - y * y - z * z + 2 * x * y * z < -EIGEN_TOL) {
            triples.push(
              `${name(i)}–${name(j)} ${fmtRho(x)}, ${name(i)}–${name(k)} ${fmtRho(y)} and ${name(j)}–${name(k)} ${fmtRho(z)}`,
            );
          }
        }
    const involved = triples.length
      ? `${triples.join('; ')} cannot hold together`
      : `the conflict involves ${Array.from({ length: m }, (_, i) => i)
          .sort((x, y) => Math.abs(eig.vectors[y * m] as number) - Math.abs(eig.vectors[x * m] as number))
          .slice(0, Math.min(m, 6))
          .map(name)
          .join(', ')}`;
    return {
      ok: false,
      problems: [
        {
          index: -1,
          field: '',
          message: `the rank correlations are impossible together: ${involved} (the matrix they form is not positive semi-definite: smallest eigenvalue ${lamR.toPrecision(3)}). A valid set near it: ${suggestion(ids, cols, declared, P)}`,
        },
      ],
    };
  }

  // |ρ| = 1: groups sharing one uniform (union–find with the sign of the link)
  const parent = Array.from({ length: m }, (_, i) => i);
  const sign = new Int8Array(m).fill(1);
  const find = (i: number): [number, number] => {
    let s = 1;
    let r = i;
    while (parent[r] !== r) {
      s *= sign[r] as number;
      r = parent[r] as number;
    }
    return [r, s];
  };
  live.forEach((c, k) => {
    if (Math.abs(c.rho) !== 1) return;
    const { i, j } = declared[k] as { i: number; j: number };
    const [ri, si] = find(i);
    const [rj, sj] = find(j);
    if (ri !== rj) {
      parent[rj] = ri;
      sign[rj] = (si * sj * c.rho) as 1 | -1;
    }
  });
  const followers: [number, number, 1 | -1][] = [];
  const leaderCols: number[] = [];
  for (let i = 0; i < m; i++) {
    const [r, s] = find(i);
    if (r === i) leaderCols.push(i);
    else followers.push([cols[i] as number, cols[r] as number, s as 1 | -1]);
  }
  const L = leaderCols.length;
  const PL = new Float64Array(L * L);
  let anyOff = false;
  for (let x = 0; x < L; x++)
    for (let y = 0; y < L; y++) {
      const v = P[(leaderCols[x] as number) * m + (leaderCols[y] as number)] as number;
      PL[x * L + y] = v;
      if (x !== y && v !== 0) anyOff = true;
    }
  if (!anyOff) return { ok: true, plan: { leaders: [], cholesky: null, followers } };
  const lamP = jacobiEigen(PL, L).values[0] as number;
  if (lamP < -EIGEN_TOL) {
    return {
      ok: false,
      problems: [
        {
          index: -1,
          field: '',
          message: `the rank correlations form a valid correlation matrix, but not one the sampler can produce: Iman–Conover needs the normal-score target 2·sin(π·ρ/6) of every pair to be positive semi-definite too, and it is not (smallest eigenvalue ${lamP.toPrecision(3)}). The nearest set it can sample: ${suggestion(ids, cols, declared, P)}`,
        },
      ],
    };
  }
  // PSD; a singular target (rank-deficient without |ρ| = 1) is nudged to positive definite by 1e-10 of the identity
  let chol = cholesky(PL, L);
  if (!chol) {
    const eps = 1e-10;
    chol = cholesky(
      PL.map((v, k) => (k % (L + 1) === 0 ? 1 : (1 - eps) * v)),
      L,
    );
  }
  if (!chol) {
    return {
      ok: false,
      problems: [
        { index: -1, field: '', message: 'the rank correlations cannot be factorised for sampling' },
      ],
    };
  }
  return {
    ok: true,
    plan: { leaders: leaderCols.map((i) => cols[i] as number), cholesky: chol, followers },
  };
};
