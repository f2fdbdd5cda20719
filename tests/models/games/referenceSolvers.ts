// An INDEPENDENT brute-force reference for the solver cross-checks: its own bigint fractions (no Rational),
// its own expected-payoff sums over every profile (no regret.ts), exact support enumeration for 2-player games.
// Slow and simple on purpose; only for small games.

/** A fraction [num, den] with den > 0, normalised. */
export type Q = readonly [bigint, bigint];

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
export const q = (n: bigint, d = 1n): Q => {
  if (d === 0n) throw new Error('reference: zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return [n / g, d / g];
};
export const qAdd = (a: Q, b: Q): Q => q(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
export const qSub = (a: Q, b: Q): Q => q(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
export const qMul = (a: Q, b: Q): Q => q(a[0] * b[0], a[1] * b[1]);
export const qDiv = (a: Q, b: Q): Q => q(a[0] * b[1], a[1] * b[0]);
export const qCmp = (a: Q, b: Q): number => {
  const l = a[0] * b[1];
  const r = b[0] * a[1];
  return l < r ? -1 : l > r ? 1 : 0;
};
export const qStr = (a: Q): string => (a[1] === 1n ? `${a[0]}` : `${a[0]}/${a[1]}`);
/** "p/q" or integer text → Q (what formatNum prints for exact results). */
export const qParse = (s: string): Q => {
  const [n, d] = s.split('/');
  return q(BigInt(n as string), BigInt(d ?? '1'));
};
const ZERO = q(0n);
const ONE = q(1n);

/** payoff[profile][player] with profiles in Gambit order (player 0 fastest). */
export type RefGame = { readonly counts: readonly number[]; readonly payoff: readonly (readonly Q[])[] };

/** Every pure profile as strategy indices, in Gambit order. */
export const profiles = (counts: readonly number[]): number[][] => {
  const total = counts.reduce((a, b) => a * b, 1);
  const out: number[][] = [];
  for (let k = 0; k < total; k++) {
    let rest = k;
    out.push(
      counts.map((c) => {
        const s = rest % c;
        rest = Math.floor(rest / c);
        return s;
      }),
    );
  }
  return out;
};

/** Expected payoff of every player's every pure deviation against `mixed`, summed over every profile. */
export const deviations = (g: RefGame, mixed: readonly (readonly Q[])[]): Q[][] => {
  const dev = g.counts.map((c) => Array.from({ length: c }, () => ZERO));
  profiles(g.counts).forEach((prof, k) => {
    prof.forEach((s, p) => {
      let w = ONE;
      prof.forEach((t, r) => {
        if (r !== p) w = qMul(w, (mixed[r] as readonly Q[])[t] as Q);
      });
      const row = dev[p] as Q[];
      row[s] = qAdd(row[s] as Q, qMul(w, (g.payoff[k] as readonly Q[])[p] as Q));
    });
  });
  return dev;
};

/** Exact regret of a mixed profile (also checks it is a probability profile; throws if not). */
export const refRegret = (g: RefGame, mixed: readonly (readonly Q[])[]): Q => {
  mixed.forEach((row) => {
    if (row.some((v) => qCmp(v, ZERO) < 0)) throw new Error('reference: negative probability');
    if (qCmp(row.reduce(qAdd, ZERO), ONE) !== 0) throw new Error('reference: probabilities do not sum to 1');
  });
  const dev = deviations(g, mixed);
  let worst = ZERO;
  dev.forEach((vals, p) => {
    const u = vals.reduce((acc, v, s) => qAdd(acc, qMul(v, (mixed[p] as readonly Q[])[s] as Q)), ZERO);
    for (const v of vals) if (qCmp(qSub(v, u), worst) > 0) worst = qSub(v, u);
  });
  return worst;
};

/** Pure Nash equilibria by brute force (every profile, every deviation). */
export const refPure = (g: RefGame): number[][] => {
  const all = profiles(g.counts);
  const index = (prof: readonly number[]): number => {
    let k = 0;
    for (let p = g.counts.length - 1; p >= 0; p--) k = k * (g.counts[p] as number) + (prof[p] as number);
    return k;
  };
  return all.filter((prof, k) =>
    prof.every((s, p) => {
      for (let t = 0; t < (g.counts[p] as number); t++) {
        const dev = [...prof];
        dev[p] = t;
        const a = (g.payoff[index(dev)] as readonly Q[])[p] as Q;
        if (qCmp(a, (g.payoff[k] as readonly Q[])[p] as Q) > 0) return false;
      }
      return s >= 0;
    }),
  );
};

/** Solve the square system M z = b exactly; null when singular. */
const solve = (M: Q[][], b: Q[]): Q[] | null => {
  const n = b.length;
  const a = M.map((row, i) => [...row, b[i] as Q]);
  for (let c = 0; c < n; c++) {
    const piv = a.findIndex((row, r) => r >= c && (row[c] as Q)[0] !== 0n);
    if (piv < 0) return null;
    [a[c], a[piv]] = [a[piv] as Q[], a[c] as Q[]];
    const pr = a[c] as Q[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = a[r] as Q[];
      const f = qDiv(row[c] as Q, pr[c] as Q);
      if (f[0] === 0n) continue;
      for (let j = c; j <= n; j++) row[j] = qSub(row[j] as Q, qMul(f, pr[j] as Q));
    }
  }
  return a.map((row, i) => qDiv(row[n] as Q, row[i] as Q));
};

const subsets = (n: number, k: number): number[][] => {
  const out: number[][] = [];
  const rec = (start: number, acc: number[]): void => {
    if (acc.length === k) {
      out.push(acc);
      return;
    }
    for (let i = start; i < n; i++) rec(i + 1, [...acc, i]);
  };
  rec(0, []);
  return out;
};

/**
 * Support enumeration for a 2-player game (A row payoffs, B column payoffs, m×n): every equal-size support
 * pair whose indifference system has a unique solution that is a best response on both sides. Complete for
 * NONDEGENERATE games; returns "x1,x2|y1,y2" keys (exact strings), sorted.
 */
export const supportEnumeration = (A: readonly (readonly Q[])[], B: readonly (readonly Q[])[]): string[] => {
  const m = A.length;
  const n = (A[0] ?? []).length;
  const out = new Set<string>();
  for (let k = 1; k <= Math.min(m, n); k++) {
    for (const I of subsets(m, k)) {
      for (const J of subsets(n, k)) {
        // y on J (and v): A[i][J]·y - v = 0 for i in I, Σy = 1.
        const My: Q[][] = I.map((i) => [...J.map((j) => (A[i] as readonly Q[])[j] as Q), q(-1n)]);
        My.push([...J.map(() => ONE), ZERO]);
        const yz = solve(My, [...I.map(() => ZERO), ONE]);
        const Mx: Q[][] = J.map((j) => [...I.map((i) => (B[i] as readonly Q[])[j] as Q), q(-1n)]);
        Mx.push([...I.map(() => ONE), ZERO]);
        const xz = solve(Mx, [...J.map(() => ZERO), ONE]);
        if (!yz || !xz) continue;
        if ([...yz.slice(0, k), ...xz.slice(0, k)].some((v) => qCmp(v, ZERO) <= 0)) continue;
        const x = Array.from({ length: m }, () => ZERO);
        const y = Array.from({ length: n }, () => ZERO);
        I.forEach((i, t) => (x[i] = xz[t] as Q));
        J.forEach((j, t) => (y[j] = yz[t] as Q));
        const v = yz[k] as Q;
        const u = xz[k] as Q;
        let ok = true;
        for (let i = 0; i < m && ok; i++) {
          const row = (A[i] as readonly Q[]).reduce((s, a, j) => qAdd(s, qMul(a, y[j] as Q)), ZERO);
          if (qCmp(row, v) > 0) ok = false;
        }
        for (let j = 0; j < n && ok; j++) {
          const col = B.reduce((s, r, i) => qAdd(s, qMul(r[j] as Q, x[i] as Q)), ZERO);
          if (qCmp(col, u) > 0) ok = false;
        }
        if (ok) out.add(`${x.map(qStr).join(',')}|${y.map(qStr).join(',')}`);
      }
    }
  }
  return [...out].sort();
};
