// Exact value and optimal strategies of a matrix (zero-sum) game by the simplex method: fraction-free integer
// pivoting with Bland's rule (no cycling). The LP solver behind zeroSum, maxmin and mixed-strategy dominance.
import { Rational, bigGcd } from './Rational';

export type MatrixGameSolution = {
  /** max over row mixtures of min over columns of x^T M y. */
  readonly value: Rational;
  /** An optimal (maxmin) strategy of the row player. */
  readonly row: Rational[];
  /** An optimal (minmax) strategy of the column player. */
  readonly col: Rational[];
};

/**
 * Solve the zero-sum game with row-player payoff matrix M (m×n, m, n >= 1; payoffs in any unit, the value in the
 * same unit). Source: the minimax theorem as a linear program (von Neumann 1928; Dantzig 1951, "A proof of the
 * equivalence of the programming problem and the game problem"), solved by the simplex method with Bland's rule
 * (Bland 1977, Math. Oper. Res. 2) on fraction-free integer tableaux (Bareiss 1968). Errors: RangeError for an
 * empty matrix.
 */
export const solveMatrixGame = (M: readonly (readonly Rational[])[]): MatrixGameSolution => {
  const m = M.length;
  const n = (M[0] ?? []).length;
  if (m === 0 || n === 0) throw new RangeError('solveMatrixGame: empty matrix');
  // A' = L * M + shift, all entries >= 1.
  let L = 1n;
  for (const row of M) for (const v of row) L = (L / bigGcd(L, v.den)) * v.den;
  const ints = M.map((row) => row.map((v) => (v.num * L) / v.den));
  let min = ints[0]?.[0] as bigint;
  for (const row of ints) for (const v of row) if (v < min) min = v;
  const shift = 1n - min;
  // Tableau: rows 0..m-1 constraints A' q + s = 1, row m objective z - sum q = 0.
  const vars = n + m;
  const rhs = vars;
  const T: bigint[][] = ints.map((row, i) => {
    const r = new Array<bigint>(vars + 1).fill(0n);
    row.forEach((v, j) => (r[j] = v + shift));
    r[n + i] = 1n;
    r[rhs] = 1n;
    return r;
  });
  const obj = new Array<bigint>(vars + 1).fill(0n);
  for (let j = 0; j < n; j++) obj[j] = -1n;
  T.push(obj);
  const basis = Array.from({ length: m }, (_, i) => n + i);
  let D = 1n;
  for (let iter = 0; iter < 1_000_000; iter++) {
    const objRow = T[m] as bigint[];
    let c = -1;
    for (let j = 0; j < vars; j++) {
      if ((objRow[j] as bigint) < 0n) {
        c = j;
        break;
      }
    }
    if (c < 0) break;
    let r = -1;
    for (let i = 0; i < m; i++) {
      const row = T[i] as bigint[];
      const a = row[c] as bigint;
      if (a <= 0n) continue;
      if (r < 0) {
        r = i;
        continue;
      }
      const b = T[r] as bigint[];
      const lhs = (row[rhs] as bigint) * (b[c] as bigint);
      const rr = (b[rhs] as bigint) * a;
      if (lhs < rr || (lhs === rr && (basis[i] as number) < (basis[r] as number))) r = i;
    }
    if (r < 0) throw new Error('solveMatrixGame: internal error, unbounded LP');
    const pr = T[r] as bigint[];
    const p = pr[c] as bigint;
    for (let i = 0; i <= m; i++) {
      if (i === r) continue;
      const row = T[i] as bigint[];
      const f = row[c] as bigint;
      for (let j = 0; j <= vars; j++) row[j] = ((row[j] as bigint) * p - f * (pr[j] as bigint)) / D;
    }
    D = p;
    basis[r] = c;
  }
  const objRow = T[m] as bigint[];
  const z = Rational.of(objRow[rhs] as bigint, D); // = sum q = sum p = 1 / value(A')
  const q = new Array<Rational>(n).fill(Rational.ZERO);
  basis.forEach((v, i) => {
    if (v < n) q[v] = Rational.of((T[i] as bigint[])[rhs] as bigint, D);
  });
  const p = Array.from({ length: m }, (_, i) => Rational.of(objRow[n + i] as bigint, D));
  const valueShifted = z.inv();
  const value = valueShifted.sub(Rational.int(shift)).div(Rational.int(L));
  return { value, row: p.map((v) => v.div(z)), col: q.map((v) => v.div(z)) };
};
