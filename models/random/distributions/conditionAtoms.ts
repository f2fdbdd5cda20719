// A discrete distribution (atoms with weights) conditioned on a window: the fixed, bernoulli and discrete families,
// and every family's degenerate point mass (uniform with min = max, normal with sd = 0, …).
import type { ConditionResult } from './DistributionFamily';
import { fmt } from './DistributionFamily';

/**
 * Atoms `values` (any order, repeats allowed: their weights add) with `weights` (≥ 0; equal when absent),
 * conditioned on [lo, hi] (closed). The quantile is the smallest atom whose cumulative probability reaches u.
 */
export const conditionAtoms = (
  values: readonly number[],
  weights: readonly number[] | null,
  lo: number,
  hi: number,
): ConditionResult => {
  // merge equal values, drop zero weights, sort
  const byValue = new Map<number, number>();
  let total = 0;
  values.forEach((v, i) => {
    const w = weights ? (weights[i] as number) : 1;
    total += w;
    if (w > 0) byValue.set(v, (byValue.get(v) ?? 0) + w);
  });
  const all = [...byValue.entries()].sort((x, y) => x[0] - y[0]);
  let below = 0;
  let above = 0;
  const kept: [number, number][] = [];
  for (const e of all) {
    if (e[0] < lo) below += e[1];
    else if (e[0] > hi) above += e[1];
    else kept.push(e);
  }
  if (kept.length === 0) {
    const shown = all.length <= 6 ? all.map((e) => fmt(e[0])).join(', ') : `${all.length} values`;
    return {
      ok: false,
      message: `none of its values (${shown}) lies in ${fmt(lo)} to ${fmt(hi)}: there is nothing to draw`,
    };
  }
  const mass = kept.reduce((m, e) => m + e[1], 0);
  const atoms = Float64Array.from(kept, (e) => e[0]);
  const probs = Float64Array.from(kept, (e) => e[1] / mass);
  const n = atoms.length;
  const cum = new Float64Array(n);
  let acc = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    acc += probs[i] as number;
    cum[i] = acc;
    mean += (probs[i] as number) * (atoms[i] as number);
  }
  cum[n - 1] = 1;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const d = (atoms[i] as number) - mean;
    variance += (probs[i] as number) * d * d;
  }
  const first = atoms[0] as number;
  const quantile =
    n === 1
      ? () => first
      : n <= 16
        ? (u: number): number => {
            let i = 0;
            while (i < n - 1 && u > (cum[i] as number)) i++;
            return atoms[i] as number;
          }
        : (u: number): number => {
            // smallest i with cum[i] ≥ u
            let a = 0;
            let b = n - 1;
            while (a < b) {
              const m = (a + b) >>> 1;
              if ((cum[m] as number) < u) a = m + 1;
              else b = m;
            }
            return atoms[a] as number;
          };
  const atomList = Array.from(atoms);
  return {
    ok: true,
    value: {
      cutBelow: below / total,
      cutAbove: above / total,
      support: { lo: first, hi: atoms[n - 1] as number, loClosed: true, hiClosed: true, atoms: atomList },
      mean,
      variance,
      quantile,
      cdf: (x) => {
        let c = 0;
        for (let i = 0; i < n && (atoms[i] as number) <= x; i++) c = cum[i] as number;
        return c;
      },
      pdf: (x) => {
        const i = atomList.indexOf(x);
        return i < 0 ? 0 : (probs[i] as number);
      },
      discrete: true,
    },
  };
};

/** A point mass at v conditioned on [lo, hi]. */
export const conditionPoint = (v: number, lo: number, hi: number): ConditionResult =>
  conditionAtoms([v], null, lo, hi);
