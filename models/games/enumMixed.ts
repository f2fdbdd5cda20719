// All extreme Nash equilibria of a 2-player game (Gambit's enummixed): every completely labelled pair of vertices
// of the two best-response polytopes. Correct for degenerate games too.
//
// Two paths, same answer:
//  - fast (most games): the vertices of ONE polytope — the smaller player's — by certified floating-point vertex
//    enumeration with the lexicographic rule (certifiedVertices.ts). The labels of a vertex x fix those its
//    partners y must have: the partners are the vertices of one face of the other polytope — for a nondegenerate
//    x a single point, the solution of one small square system (as lrsnash completes each vertex: D. Avis,
//    lrslib; D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash equilibria for two-player
//    games", Economic Theory 42, 2010). Certified float screens out the x whose partner is infeasible; every
//    remaining face and every reported equilibrium is computed and checked in exact rational arithmetic.
//  - exact (when the fast path cannot certify a step — a badly conditioned basis, entries beyond 2^53, more than
//    104 strategies in all, a face with too many candidate vertices): exact fraction-free vertex enumeration of
//    both polytopes (enumerateVertices.ts), then every completely labelled vertex pair.
// Why one file over 400 lines: the fast certified path and the exact fallback must give the same answer; they are
// kept side by side so that a change to one is seen beside the other.
import type { Game } from './Game';
import { Rational } from './Rational';
import { makeEquilibrium, type Equilibrium } from './Equilibrium';
import { bimatrix, positiveIntegerMatrix, transpose } from './bimatrix';
import { CertifiedSolver, certifiedVertices, gamma, type CertifiedVertex } from './certifiedVertices';
import { enumerateVertices, hasLabel, type Vertex } from './enumerateVertices';
import { SolverLimitError } from './SolverLimitError';
import { bareissGaussJordan } from './bareissGaussJordan';

export type EnumMixedOptions = {
  /**
   * Work budget for each best-response polytope enumerated, in tableau entries (bases visited × rows ×
   * (columns + 1); the exact path computes about 3·10⁶ per second, the certified fast path many times more;
   * default: no limit). Over budget → SolverLimitError, never a partial answer.
   */
  readonly maxWork?: number;
  /** Tests only: force one path ('fast' throws if it cannot certify the game). Default: fast, else exact. */
  readonly path?: 'fast' | 'exact';
};

const toMixed = (v: Vertex): Rational[] => {
  let sum = 0n;
  for (const x of v.num) sum += x;
  return v.num.map((x) => Rational.of(x, sum));
};

const isZero = (v: Vertex): boolean => v.num.every((x) => x === 0n);

/**
 * Every extreme equilibrium, verified; `component` groups extreme equilibria into connected components
 * (two extreme equilibria are connected when they share one player's strategy, as in Gambit).
 * Exact when the game is exact; float-mode games are solved exactly on their decimal values and reported as floats.
 *
 * Source: Avis, Rosenberg, Savani & von Stengel 2010, "Enumeration of Nash equilibria for two-player games",
 * Economic Theory 42 (the vertex-pair method, after Mangasarian 1964); von Stengel 2002, §3.4. Shapes: a 2-player
 * game (m × n); every profile[player][strategy] is a probability. Errors: RangeError for a game that is not
 * 2-player; SolverLimitError when opts.maxWork would be exceeded (never a partial list).
 */
export const enumMixed = (game: Game, opts: EnumMixedOptions = {}): Equilibrium[] => {
  const { m, n, A, B } = bimatrix(game);
  const maxWork = opts.maxWork ?? Infinity;
  const onLimit = (): never => {
    throw new SolverLimitError(
      'enummixed',
      `the ${m}×${n} game is too large to enumerate every equilibrium exactly (it needs more than the allowed ${maxWork} units of work)`,
    );
  };
  const fast = opts.path === 'exact' ? null : fastEnumMixed(game, m, n, A, B, maxWork, onLimit);
  if (fast) return fast;
  if (opts.path === 'fast') throw new Error('enummixed: the fast path could not certify this game');
  const labelsTotal = m + n;
  const words = Math.ceil(labelsTotal / 32);
  // P = {x >= 0 : B'^T x <= 1}: local labels coincide with global ones (x_i -> i, constraint j -> m + j).
  const P = enumerateVertices(transpose(positiveIntegerMatrix(B)), maxWork, onLimit).filter(
    (v) => !isZero(v),
  );
  // Q = {y >= 0 : A' y <= 1}: local label t < n (y_t = 0) -> m + t; local n + i (row i tight) -> i.
  const Q = enumerateVertices(positiveIntegerMatrix(A), maxWork, onLimit)
    .filter((v) => !isZero(v))
    .map((v) => {
      const labels = new Uint32Array(words);
      for (let t = 0; t < labelsTotal; t++) {
        if (!hasLabel(v.labels, t)) continue;
        const g = t < n ? m + t : t - n;
        labels[g >>> 5] = (labels[g >>> 5] as number) | (1 << (g & 31));
      }
      return { ...v, labels };
    });
  const full = new Uint32Array(words);
  for (let t = 0; t < labelsTotal; t++) full[t >>> 5] = (full[t >>> 5] as number) | (1 << (t & 31));
  const popcount = (l: Uint32Array): number => {
    let c = 0;
    for (const w of l) {
      let v = w >>> 0;
      while (v) {
        v &= v - 1;
        c++;
      }
    }
    return c;
  };
  const covers = (la: Uint32Array, lb: Uint32Array): boolean => {
    for (let w = 0; w < words; w++) {
      if (((la[w] as number) | (lb[w] as number)) >>> 0 !== (full[w] as number) >>> 0) return false;
    }
    return true;
  };
  // Nondegenerate Q vertices (exactly n labels) are found by hashing the complement of a P vertex's labels;
  // degenerate ones (more labels) and degenerate P vertices are matched by a direct scan.
  const qByLabels = new Map<string, number[]>();
  const qDegenerate: number[] = [];
  Q.forEach((v, b) => {
    if (popcount(v.labels) === n) {
      const k = v.labels.join(',');
      const list = qByLabels.get(k);
      if (list) list.push(b);
      else qByLabels.set(k, [b]);
    } else qDegenerate.push(b);
  });
  const pairs: [number, number][] = [];
  const complement = new Uint32Array(words);
  for (let a = 0; a < P.length; a++) {
    const la = (P[a] as Vertex).labels;
    const matches: number[] = [];
    if (popcount(la) === m) {
      for (let w = 0; w < words; w++) complement[w] = ((full[w] as number) & ~(la[w] as number)) >>> 0;
      matches.push(...(qByLabels.get(complement.join(',')) ?? []));
      for (const b of qDegenerate) if (covers(la, (Q[b] as Vertex).labels)) matches.push(b);
    } else {
      for (let b = 0; b < Q.length; b++) if (covers(la, (Q[b] as Vertex).labels)) matches.push(b);
    }
    matches.sort((x, y) => x - y);
    for (const b of matches) pairs.push([a, b]);
  }
  // Connected components (union-find over x-vertices and y-vertices).
  const parent = Array.from({ length: P.length + Q.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  for (const [a, b] of pairs) parent[find(a)] = find(P.length + b);
  const exact = game.exact !== null;
  const eqs = pairs.map(([a, b]) => {
    const x = toMixed(P[a] as Vertex);
    const y = toMixed(Q[b] as Vertex);
    const profile = exact ? [x, y] : [x.map((v) => v.toNumber()), y.map((v) => v.toNumber())];
    return { eq: makeEquilibrium(game, 'enummixed', profile), root: find(a), key: [x, y] };
  });
  eqs.sort((e, f) => compareProfiles(e.key, f.key));
  const compIds = new Map<number, number>();
  return eqs.map(({ eq, root }) => {
    if (!compIds.has(root)) compIds.set(root, compIds.size);
    return { ...eq, component: compIds.get(root) as number };
  });
};

/** Deterministic order: lexicographically by probabilities, larger first (pure first strategies first). */
const compareProfiles = (
  p: readonly (readonly Rational[])[],
  q: readonly (readonly Rational[])[],
): number => {
  for (let i = 0; i < p.length; i++) {
    const a = p[i] as readonly Rational[];
    const b = q[i] as readonly Rational[];
    for (let j = 0; j < a.length; j++) {
      const c = (b[j] as Rational).cmp(a[j] as Rational);
      if (c !== 0) return c;
    }
  }
  return 0;
};

/** Exact solution of M[rows, cols] w = 1 (t × t, bigint), as num / den with den > 0; null when singular. */
const solveExact = (
  M: readonly (readonly bigint[])[],
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  t: number,
): { num: bigint[]; den: bigint } | null => {
  // fraction-free Gauss–Jordan (Bareiss): at the end row i reads D·x_i = rhs_i with D = ± det
  const a: bigint[][] = [];
  for (let i = 0; i < t; i++) {
    const row: bigint[] = [];
    for (let j = 0; j < t; j++)
      row.push((M[rows[i] as number] as readonly bigint[])[cols[j] as number] as bigint);
    row.push(1n);
    a.push(row);
  }
  const det = bareissGaussJordan(a, t, t + 1);
  if (det === null) return null;
  let den = det;
  const num = a.map((row) => row[t] as bigint);
  if (den < 0n) {
    den = -den;
    for (let i = 0; i < t; i++) num[i] = -(num[i] as bigint);
  }
  return { num, den };
};

/** A maximal linearly independent subset of the rows of M[rows, cols] (exact Gaussian elimination). */
const independentRows = (
  M: readonly (readonly bigint[])[],
  rows: readonly number[],
  cols: readonly number[],
): number[] => {
  const a = rows.map((r) => cols.map((c) => (M[r] as readonly bigint[])[c] as bigint));
  const ids = [...rows];
  const chosen: number[] = [];
  let rank = 0;
  let prev = 1n;
  for (let c = 0; c < cols.length && rank < rows.length; c++) {
    let p = rank;
    while (p < rows.length && (a[p] as bigint[])[c] === 0n) p++;
    if (p === rows.length) continue;
    [a[p], a[rank]] = [a[rank] as bigint[], a[p] as bigint[]];
    [ids[p], ids[rank]] = [ids[rank] as number, ids[p] as number];
    const pr = a[rank] as bigint[];
    const piv = pr[c] as bigint;
    for (let i = rank + 1; i < rows.length; i++) {
      const row = a[i] as bigint[];
      const f = row[c] as bigint;
      for (let j = c + 1; j < cols.length; j++)
        row[j] = ((row[j] as bigint) * piv - f * (pr[j] as bigint)) / prev;
      row[c] = 0n;
    }
    prev = piv;
    chosen.push(ids[rank] as number);
    rank++;
  }
  return chosen.sort((x, y) => x - y);
};

/** Largest number of candidate vertex systems tried for one face before giving up on the fast path. */
const MAX_FACE_SYSTEMS = 4096;

/**
 * Every vertex of the face {w ≥ 0 on `tight` (0 elsewhere) : N[support, tight] w = 1, N[i, tight] w ≤ 1 for the
 * other own strategies i} of the other player's polytope: the partners of an own vertex with these labels. Exact:
 * a vertex makes |tight| independent constraints active: a maximal independent subset of the equalities (r of
 * them) and |tight| − r more among w_j = 0 and N_i w = 1; each choice is one square system, whose solution must
 * also satisfy the remaining equalities and inequalities. Null when there are too many choices (the exact path
 * takes over).
 */
const faceVertices = (
  N: readonly (readonly bigint[])[],
  d: number,
  k: number,
  support: readonly number[],
  tight: readonly number[],
): Rational[][] | null => {
  const basisRows = independentRows(N, support, tight);
  const c = tight.length - basisRows.length;
  const inS = new Uint8Array(d);
  for (const i of support) inS[i] = 1;
  const others: number[] = [];
  for (let i = 0; i < d; i++) if (!inS[i]) others.push(i);
  const dependent = support.filter((i) => !basisRows.includes(i));
  // the pool of extra constraints: w_j = 0 (j in tight), then N_i w = 1 (i another own strategy)
  const pool = tight.length + others.length;
  let count = 1;
  for (let x = 0; x < c; x++) count = (count * (pool - x)) / (x + 1);
  if (count > MAX_FACE_SYSTEMS) return null;
  const found = new Map<string, Rational[]>();
  const pick: number[] = [];
  const visit = (from: number): void => {
    if (pick.length === c) {
      const zero = new Set(pick.filter((x) => x < tight.length).map((x) => tight[x] as number));
      const extraRows = pick.filter((x) => x >= tight.length).map((x) => others[x - tight.length] as number);
      const rows = [...basisRows, ...extraRows];
      const cols = tight.filter((j) => !zero.has(j));
      const sol = solveExact(N, rows, cols, cols.length);
      if (!sol || sol.num.some((x) => x < 0n)) return;
      const rowSet = new Set(rows);
      const value = (i: number): bigint => {
        let s = 0n;
        cols.forEach((j, q) => (s += ((N[i] as readonly bigint[])[j] as bigint) * (sol.num[q] as bigint)));
        return s;
      };
      for (const i of dependent) if (value(i) !== sol.den) return;
      for (const i of others) if (!rowSet.has(i) && value(i) > sol.den) return;
      let sum = 0n;
      for (const x of sol.num) sum += x;
      const w = new Array<Rational>(k).fill(Rational.ZERO);
      cols.forEach((j, q) => (w[j] = Rational.of(sol.num[q] as bigint, sum)));
      const key = w.map((r) => r.toString()).join(',');
      if (!found.has(key)) found.set(key, w);
      return;
    }
    for (let x = from; x < pool; x++) {
      pick.push(x);
      visit(x + 1);
      pick.pop();
    }
  };
  visit(0);
  return [...found.values()];
};

const MAX_EXACT_FLOAT = 2 ** 53;

/**
 * The fast path (see the top of the file), or null when some step cannot be certified (then the exact path runs).
 * Enumerates the polytope of the player with fewer strategies ("own", dimension d) and completes each vertex with
 * the other player's extreme strategies.
 */
const fastEnumMixed = (
  game: Game,
  m: number,
  n: number,
  A: readonly (readonly Rational[])[],
  B: readonly (readonly Rational[])[],
  maxWork: number,
  onLimit: () => never,
): Equilibrium[] | null => {
  const Ai = positiveIntegerMatrix(A);
  const Bi = positiveIntegerMatrix(B);
  for (const M of [Ai, Bi]) for (const row of M) for (const v of row) if (v >= MAX_EXACT_FLOAT) return null;
  const ownIsRow = m <= n;
  const d = ownIsRow ? m : n;
  const k = ownIsRow ? n : m;
  // M (k × d): the other player's payoffs [other][own] (the own polytope's constraints);
  // N (d × k): the own player's payoffs [own][other] (the other polytope's constraints).
  const M = ownIsRow ? transpose(Bi) : Ai;
  const N = ownIsRow ? Ai : transpose(Bi);
  const Mf = new Float64Array(k * d);
  for (let i = 0; i < k; i++) for (let j = 0; j < d; j++) Mf[i * d + j] = Number((M[i] as bigint[])[j]);
  const Nf = new Float64Array(d * k);
  const nRowSums = new Float64Array(d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < k; j++) {
      const v = Number((N[i] as bigint[])[j]);
      Nf[i * k + j] = v;
      nRowSums[i] = (nRowSums[i] as number) + v;
    }
  // Enumerate the own vertices, screening each nondegenerate one in float: its partner solves
  // N[support, tight] w = 1; certified infeasible → no equilibrium there. The rest are decided exactly below.
  const solver = new CertifiedSolver(Math.min(d, k));
  const inSupport = new Uint8Array(d);
  const candidates: CertifiedVertex[] = [];
  const screen = (vert: CertifiedVertex): void => {
    const { support, tight } = vert;
    const t = support.length;
    if (!vert.degenerate && solver.solve(Nf, k, support, tight, t)) {
      inSupport.fill(0);
      for (let q = 0; q < t; q++) inSupport[support[q] as number] = 1;
      const w = solver.w;
      const err = solver.err;
      for (let q = 0; q < t; q++) if ((w[q] as number) < -err) return;
      const g = gamma(t + 2);
      for (let i = 0; i < d; i++) {
        if (inSupport[i]) continue;
        let s = 1;
        let sa = 1;
        for (let q = 0; q < t; q++) {
          const x = (Nf[i * k + (tight[q] as number)] as number) * (w[q] as number);
          s -= x;
          sa += Math.abs(x);
        }
        if (s < -2 * (g * sa + (nRowSums[i] as number) * err) * (1 + 1e-10)) return;
      }
    }
    candidates.push({
      basisCols: vert.basisCols.slice(),
      basisRows: vert.basisRows.slice(),
      support: support.slice(),
      tight: tight.slice(),
      degenerate: vert.degenerate,
    });
  };
  if (certifiedVertices(Mf, M, k, d, maxWork, onLimit, screen) !== null) return null;
  const pairs: { own: number; otherKey: string; x: Rational[]; y: Rational[] }[] = [];
  for (let v = 0; v < candidates.length; v++) {
    const vert = candidates[v] as CertifiedVertex;
    const { support, tight } = vert;
    // Exact: every extreme partner.
    const partners = faceVertices(N, d, k, Array.from(support), Array.from(tight));
    if (!partners) return null;
    if (partners.length === 0) continue;
    const ze = solveExact(M, vert.basisRows, vert.basisCols, vert.basisCols.length);
    if (!ze) return null;
    const own = new Array<Rational>(d).fill(Rational.ZERO);
    let zs = 0n;
    for (const x of ze.num) zs += x;
    vert.basisCols.forEach((j, q) => (own[j] = Rational.of(ze.num[q] as bigint, zs)));
    for (const other of partners) {
      pairs.push({
        own: v,
        otherKey: other.map((r) => r.toString()).join(','),
        x: ownIsRow ? own : other,
        y: ownIsRow ? other : own,
      });
    }
  }
  // connected components: extreme equilibria sharing either player's strategy
  const otherIds = new Map<string, number>();
  for (const p of pairs)
    if (!otherIds.has(p.otherKey)) otherIds.set(p.otherKey, candidates.length + otherIds.size);
  const parent = Array.from({ length: candidates.length + otherIds.size }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  for (const p of pairs) parent[find(p.own)] = find(otherIds.get(p.otherKey) as number);
  const exact = game.exact !== null;
  const eqs = pairs.map((p) => {
    const profile = exact ? [p.x, p.y] : [p.x.map((v) => v.toNumber()), p.y.map((v) => v.toNumber())];
    return { eq: makeEquilibrium(game, 'enummixed', profile), root: find(p.own), key: [p.x, p.y] };
  });
  eqs.sort((e, f) => compareProfiles(e.key, f.key));
  const compIds = new Map<number, number>();
  return eqs.map(({ eq, root }) => {
    if (!compIds.has(root)) compIds.set(root, compIds.size);
    return { ...eq, component: compIds.get(root) as number };
  });
};
