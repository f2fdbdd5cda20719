// Exact vertex enumeration of a polytope {z >= 0 : M z <= 1} with M > 0 (a best-response polytope),
// by a traversal of its feasible bases with fraction-free (integer, Bareiss) pivoting. Degeneracy is handled
// by following every tied leaving row, so every vertex is reached (the feasible-basis graph is connected).

export type Vertex = {
  /** z = num / den (den > 0). */
  readonly num: bigint[];
  readonly den: bigint;
  /**
   * Zero labels as a bitset over d + k labels: label t < d when z_t = 0, label d + j when constraint j is tight.
   */
  readonly labels: Uint32Array;
};

type State = { T: bigint[][]; D: bigint; basis: number[]; mask: bigint };

/** Every vertex of {z ∈ R^d : z >= 0, M z <= 1} (k rows, d columns, all entries positive integers). */
export const enumerateVertices = (M: readonly (readonly bigint[])[]): Vertex[] => {
  const k = M.length;
  const d = (M[0] ?? []).length;
  const vars = d + k;
  const rhs = vars;
  const words = Math.ceil(vars / 32) || 1;
  const T0: bigint[][] = M.map((row, i) => {
    const r = new Array<bigint>(vars + 1).fill(0n);
    row.forEach((v, j) => (r[j] = v));
    r[d + i] = 1n;
    r[rhs] = 1n;
    return r;
  });
  const bit = Array.from({ length: vars }, (_, v) => 1n << BigInt(v));
  let mask0 = 0n;
  for (let i = 0; i < k; i++) mask0 |= bit[d + i] as bigint;
  const start: State = { T: T0, D: 1n, basis: Array.from({ length: k }, (_, i) => d + i), mask: mask0 };
  // Bases are identified by the bitmask of their basic variables.
  const seenBases = new Set<bigint>();
  const seenVertices = new Set<string>();
  const out: Vertex[] = [];
  seenBases.add(mask0);
  const stack: State[] = [start];
  const isBasic = new Uint8Array(vars);
  while (stack.length) {
    const { T, D, basis, mask } = stack.pop() as State;
    // Record the vertex.
    const labels = new Uint32Array(words);
    isBasic.fill(0);
    for (const v of basis) isBasic[v] = 1;
    for (let v = 0; v < vars; v++)
      if (!isBasic[v]) labels[v >>> 5] = (labels[v >>> 5] as number) | (1 << (v & 31));
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
    // Explore every pivot.
    for (let c = 0; c < vars; c++) {
      if (isBasic[c]) continue;
      let best: number[] = [];
      for (let i = 0; i < k; i++) {
        const row = T[i] as bigint[];
        const a = row[c] as bigint;
        if (a <= 0n) continue;
        if (best.length === 0) {
          best = [i];
          continue;
        }
        const b0 = T[best[0] as number] as bigint[];
        // rhs_i / a  vs  rhs_b / a_b
        const l = (row[rhs] as bigint) * (b0[c] as bigint);
        const r = (b0[rhs] as bigint) * a;
        if (l < r) best = [i];
        else if (l === r) best.push(i);
      }
      for (const r of best) {
        const key = (mask & ~(bit[basis[r] as number] as bigint)) | (bit[c] as bigint);
        if (seenBases.has(key)) continue;
        seenBases.add(key);
        const nb = basis.slice();
        nb[r] = c;
        const pr = T[r] as bigint[];
        const p = pr[c] as bigint;
        const NT = T.map((row, i) => {
          if (i === r) return row;
          const f = row[c] as bigint;
          if (f === 0n) {
            if (p === D) return row;
            return row.map((v) => (v * p) / D);
          }
          const nr = new Array<bigint>(vars + 1);
          for (let j = 0; j <= vars; j++) nr[j] = ((row[j] as bigint) * p - f * (pr[j] as bigint)) / D;
          return nr;
        });
        stack.push({ T: NT, D: p, basis: nb, mask: key });
      }
    }
  }
  return out;
};

/** True when bit t is set. */
export const hasLabel = (labels: Uint32Array, t: number): boolean =>
  (((labels[t >>> 5] as number) >>> (t & 31)) & 1) === 1;
