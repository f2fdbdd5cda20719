// Exact vertex enumeration of a polytope {z >= 0 : M z <= 1} with M > 0 (a best-response polytope),
// by a traversal of its feasible bases with fraction-free (integer, Bareiss) pivoting. Degeneracy is handled
// by following every tied leaving row, so every vertex is reached (the feasible-basis graph is connected).
// Sources: Bareiss 1968, "Sylvester's identity and multistep integer-preserving Gaussian elimination", Math.
// Comp. 22 (the fraction-free pivot); Avis & Fukuda 1992, "A pivoting algorithm for convex hulls and vertex
// enumeration of arrangements and polyhedra", Discrete Comput. Geom. 8 (vertices as feasible bases).
import { entryWork } from './solverLimits';

export type Vertex = {
  /** z = num / den (den > 0). */
  readonly num: bigint[];
  readonly den: bigint;
  /**
   * Zero labels as a bitset over d + k labels: label t < d when z_t = 0, label d + j when constraint j is tight.
   */
  readonly labels: Uint32Array;
};

/**
 * A feasible basis in dictionary form: T has one row per basic variable and one column per nonbasic variable
 * (cobasis[s] is the variable of column s) plus the right-hand side; the entries are those of the full
 * fraction-free tableau D·B⁻¹[M I 1] (basic columns, which are D times unit vectors, are not stored).
 */
type State = { T: bigint[][]; D: bigint; basis: number[]; cobasis: number[]; mask: bigint };

/**
 * Every vertex of {z ∈ R^d : z >= 0, M z <= 1} (k rows, d columns, all entries positive integers).
 * `maxWork` bounds the work (tableau entries computed, k·(d+1) per basis visited, each weighed by the size of its
 * numbers: solverLimits entryWork): `onLimit` is called (and
 * must throw) when the traversal would need more.
 */
export const enumerateVertices = (
  M: readonly (readonly bigint[])[],
  maxWork = Infinity,
  onLimit: () => never = () => {
    throw new RangeError(`enumerateVertices: more than ${maxWork} tableau entries`);
  },
): Vertex[] => {
  const k = M.length;
  const d = (M[0] ?? []).length;
  const vars = d + k;
  const rhs = d;
  const words = Math.ceil(vars / 32) || 1;
  const T0: bigint[][] = M.map((row) => [...row, 1n]);
  const bit = Array.from({ length: vars }, (_, v) => 1n << BigInt(v));
  let mask0 = 0n;
  for (let i = 0; i < k; i++) mask0 |= bit[d + i] as bigint;
  const start: State = {
    T: T0,
    D: 1n,
    basis: Array.from({ length: k }, (_, i) => d + i),
    cobasis: Array.from({ length: d }, (_, j) => j),
    mask: mask0,
  };
  // Bases are identified by the bitmask of their basic variables.
  const seenBases = new Set<bigint>();
  const seenVertices = new Set<string>();
  const out: Vertex[] = [];
  seenBases.add(mask0);
  let work = k * (d + 1);
  const stack: State[] = [start];
  while (stack.length) {
    const { T, D, basis, cobasis, mask } = stack.pop() as State;
    // Record the vertex: zero labels are the nonbasic variables and the basic ones at value 0.
    const labels = new Uint32Array(words);
    for (const v of cobasis) labels[v >>> 5] = (labels[v >>> 5] as number) | (1 << (v & 31));
    const num = new Array<bigint>(d).fill(0n);
    basis.forEach((v, i) => {
      const val = (T[i] as bigint[])[rhs] as bigint;
      if (val === 0n) labels[v >>> 5] = (labels[v >>> 5] as number) | (1 << (v & 31));
      else if (v < d) num[v] = val;
    });
    const vkey = labels.join(',');
    if (!seenVertices.has(vkey)) {
      seenVertices.add(vkey);
      out.push({ num, den: D, labels });
    }
    // Explore every pivot (every entering column, every tied leaving row).
    for (let s = 0; s < d; s++) {
      const c = cobasis[s] as number;
      let best: number[] = [];
      for (let i = 0; i < k; i++) {
        const row = T[i] as bigint[];
        const a = row[s] as bigint;
        if (a <= 0n) continue;
        if (best.length === 0) {
          best = [i];
          continue;
        }
        const b0 = T[best[0] as number] as bigint[];
        // rhs_i / a  vs  rhs_b / a_b
        const l = (row[rhs] as bigint) * (b0[s] as bigint);
        const r = (b0[rhs] as bigint) * a;
        if (l < r) best = [i];
        else if (l === r) best.push(i);
      }
      for (const r of best) {
        const leaving = basis[r] as number;
        const key = (mask & ~(bit[leaving] as bigint)) | (bit[c] as bigint);
        if (seenBases.has(key)) continue;
        seenBases.add(key);
        const pr = T[r] as bigint[];
        const p = pr[s] as bigint;
        work += k * (d + 1) * entryWork(p);
        if (work > maxWork) onLimit();
        const nb = basis.slice();
        nb[r] = c;
        const nc = cobasis.slice();
        nc[s] = leaving;
        const NT = T.map((row, i) => {
          if (i === r) {
            const nr = row.slice();
            nr[s] = D;
            return nr;
          }
          const f = row[s] as bigint;
          const nr = new Array<bigint>(d + 1);
          if (f === 0n) {
            if (p === D) return row;
            for (let j = 0; j <= d; j++) nr[j] = ((row[j] as bigint) * p) / D;
          } else {
            for (let j = 0; j <= d; j++) nr[j] = ((row[j] as bigint) * p - f * (pr[j] as bigint)) / D;
          }
          nr[s] = -f;
          return nr;
        });
        stack.push({ T: NT, D: p, basis: nb, cobasis: nc, mask: key });
      }
    }
  }
  return out;
};

/** True when bit t is set. */
export const hasLabel = (labels: Uint32Array, t: number): boolean =>
  (((labels[t >>> 5] as number) >>> (t & 31)) & 1) === 1;
