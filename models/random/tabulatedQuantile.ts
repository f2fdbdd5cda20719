// The sampler's fast quantile: a layer over a distribution's EXACT quantile function (never a second copy of the
// distribution), used for every parameter draw of the engine.
//
// Method. (0, 1) is cut into TABLE_INTERVALS (2,048) equal intervals of u. On interval i the quantile is the cubic Hermite
// interpolant of the exact quantile Q at its two ends u_i = i/N and u_{i+1}, with the exact slopes
// Q'(u) = 1/f(Q(u)) (f the conditioned density). An interval is used only if (a) the interpolant is monotone
// (Fritsch & Carlson 1980: both slopes ≥ 0 and α² + β² ≤ 9 relative to the secant) and (b) its error against Q at
// the interval's midpoint is at most TABLE_TOLERANCE/4 · scale (the cubic Hermite error is
// ≈ Q''''·t²(1−t)²h⁴/24: largest mid-interval, smooth on an interval this short; the factor 4 is the margin);
// otherwise that interval (typically the first and last few, where Q is steep) calls Q itself. Intervals are
// built on first use, each a pure function of (distribution, i), so a draw never depends on which trials came
// first, the worker count or the trial count.
//
// STATED BOUND: |tabulated(u) − Q(u)| ≤ TABLE_TOLERANCE · scale for every u in (0, 1), scale = Q(¾) − Q(¼) (the
// interquartile range). Checked at many points, tails included, against the exact functions by
// tests/models/random/tabulatedQuantile.test.ts, which also checks monotonicity. Values at the nodes u = i/N are
// exactly Q's. Discrete distributions, and continuous ones whose scale is not a positive finite number, are
// sampled by Q itself.
import type { Conditioned, QuantileFn } from './distributions/DistributionFamily';

/** Intervals of u in the table (a power of 2, so u·N is exact). */
export const TABLE_INTERVALS = 2048;

/** The stated bound on |tabulated − exact|, as a fraction of the interquartile range. */
export const TABLE_TOLERANCE = 1e-9;

const N = TABLE_INTERVALS;

/** An interval that fails the checks is split into SPLIT sub-intervals, down to MAX_DEPTH levels below the top. */
const SPLIT = 32;
const MAX_DEPTH = 3;

/** The interval's state: not yet built, cubic (coefficients in the level), exact (calls Q) or split (a sub-level). */
const UNBUILT = 0;
const CUBIC = 1;
const EXACT = 2;
const SPLIT_UP = 3;

/** n equal intervals of u covering [u0, u0 + n·h). */
type Level = {
  readonly u0: number;
  readonly h: number;
  /** 1 / h: h is a power of 2 (N and SPLIT are), so (u − u0) · inv is exactly (u − u0) / h, without a division. */
  readonly inv: number;
  readonly n: number;
  readonly depth: number;
  /**
   * Node j = interval j's left end: nodes[2j] = Q(u0 + j·h), nodes[2j + 1] = h·Q'(u0 + j·h) (interleaved: one
   * interval's two nodes are 32 consecutive bytes, a draw touches one cache line)
   */
  readonly nodes: Float64Array;
  /** known[j]: node j computed. */
  readonly known: Uint8Array;
  readonly state: Uint8Array;
  readonly subs: (Level | null)[];
};

const newLevel = (u0: number, h: number, n: number, depth: number): Level => ({
  u0,
  h,
  inv: 1 / h,
  n,
  depth,
  nodes: new Float64Array(2 * (n + 1)),
  known: new Uint8Array(n + 1),
  state: new Uint8Array(n),
  subs: depth < MAX_DEPTH ? new Array<Level | null>(n).fill(null) : [],
});

const built = new WeakMap<Conditioned, QuantileFn>();
const shares = new WeakMap<QuantileFn, () => number>();

/**
 * A quantile function applied to a strided column of uniforms in one call: out[at] = q(u[at]) for
 * at = offset, offset + stride, … (count values). The same numbers as `count` calls of q, without a call per draw
 * (a double returned from a call that is not inlined is boxed: one allocation per draw).
 */
export type QuantileColumnFn = (
  u: Float64Array,
  out: Float64Array,
  offset: number,
  stride: number,
  count: number,
) => void;
const columns = new WeakMap<QuantileFn, QuantileColumnFn>();

/** The column form of q (a tabulated quantile's own table loop; any other function: a loop calling q). */
export const quantileColumn = (q: QuantileFn): QuantileColumnFn =>
  columns.get(q) ??
  ((u, out, offset, stride, count) => {
    for (let k = 0, at = offset; k < count; k++, at += stride) out[at] = q(u[at] as number);
  });

/**
 * The tabulated quantile of c (see the file comment for the method and the bound): u in (0, 1) → value,
 * non-decreasing. Cached per Conditioned object, so runs of the same parameter distribution share the table.
 */
export const tabulatedQuantile = (c: Conditioned): QuantileFn => {
  const hit = built.get(c);
  if (hit) return hit;
  const fn = makeTable(c);
  built.set(c, fn);
  return fn;
};

const makeTable = (c: Conditioned): QuantileFn => {
  const Q = c.quantile;
  if (c.discrete || c.support.atoms) return Q;
  const scale = Q(0.75) - Q(0.25);
  if (!(scale > 0 && scale < Infinity)) return Q;
  const tol = 0.25 * TABLE_TOLERANCE * scale;
  const pdf = c.pdf;
  /** Node j of L: Q(u_j) and h·Q'(u_j), u_j = u0 + j·h (exact: a dyadic rational), computed once. */
  const node = (L: Level, j: number): void => {
    if (L.known[j]) return;
    const u = L.u0 + j * L.h;
    const x = u > 0 && u < 1 ? Q(u) : NaN;
    L.nodes[2 * j] = x;
    L.nodes[2 * j + 1] = x === x ? L.h / pdf(x) : NaN;
    L.known[j] = 1;
  };
  const build = (L: Level, i: number): void => {
    const h = L.h;
    const ua = L.u0 + i * h;
    node(L, i);
    node(L, i + 1);
    const nodes = L.nodes;
    const x0 = nodes[2 * i] as number;
    const s0 = nodes[2 * i + 1] as number;
    const x1 = nodes[2 * i + 2] as number;
    const s1 = nodes[2 * i + 3] as number;
    const d = x1 - x0;
    let ok = d > 0 && d < Infinity && s0 >= 0 && s1 >= 0 && s0 < Infinity && s1 < Infinity;
    // monotone cubic (Fritsch–Carlson): α² + β² ≤ 9 for the slopes relative to the secant
    if (ok && (s0 / d) * (s0 / d) + (s1 / d) * (s1 / d) > 9) ok = false;
    // the cubic Hermite error (about Q''''·t²(1−t)²h⁴/24) peaks mid-interval: checked there, with a margin of 4
    if (ok && !(Math.abs(hermite(x0, s0, x1, s1, 0.5) - Q(ua + 0.5 * h)) <= tol)) ok = false;
    if (!ok) {
      if (L.depth < MAX_DEPTH) {
        L.subs[i] = newLevel(ua, h / SPLIT, SPLIT, L.depth + 1);
        L.state[i] = SPLIT_UP;
      } else L.state[i] = EXACT;
      return;
    }
    L.state[i] = CUBIC;
  };
  const evaluate = (L: Level, u: number): number => {
    const t = (u - L.u0) * L.inv;
    let i = Math.floor(t);
    if (i >= L.n) i = L.n - 1;
    if (!(i >= 0)) return Q(u);
    if (L.state[i] === UNBUILT) build(L, i);
    const s = L.state[i] as number;
    if (s === SPLIT_UP) return evaluate(L.subs[i] as Level, u);
    if (s !== CUBIC) return Q(u);
    const nd = L.nodes;
    const o = 2 * i;
    return hermite(nd[o] as number, nd[o + 1] as number, nd[o + 2] as number, nd[o + 3] as number, t - i);
  };
  const top = newLevel(0, 1 / N, N, 0);
  const nd = top.nodes;
  const state = top.state;
  const fn = (u: number): number => {
    const t = u * N;
    const i = Math.floor(t);
    if (!(i >= 0 && i < N)) return Q(u);
    if (state[i] !== CUBIC) return evaluate(top, u);
    const o = 2 * i;
    return hermite(nd[o] as number, nd[o + 1] as number, nd[o + 2] as number, nd[o + 3] as number, t - i);
  };
  // fn over a column: fn's fast path inline (the same arithmetic), fn itself for the other intervals
  const column: QuantileColumnFn = (u, out, offset, stride, count) => {
    for (let k = 0, at = offset; k < count; k++, at += stride) {
      const x = u[at] as number;
      const t = x * N;
      const i = Math.floor(t);
      if (i >= 0 && i < N && state[i] === CUBIC) {
        const o = 2 * i;
        out[at] = hermite(
          nd[o] as number,
          nd[o + 1] as number,
          nd[o + 2] as number,
          nd[o + 3] as number,
          t - i,
        );
      } else out[at] = fn(x);
    }
  };
  shares.set(fn, () => cubicShare(top, build));
  columns.set(fn, column);
  return fn;
};

/**
 * The cubic Hermite interpolant at t ∈ [0, 1) of nodes (x0, slope s0) and (x1, s1) (slopes per unit t), kept
 * between the two exact nodes (so rounding never breaks monotonicity across intervals).
 */
const hermite = (x0: number, s0: number, x1: number, s1: number, t: number): number => {
  const d = x1 - x0;
  const x = x0 + t * (s0 + t * (3 * d - 2 * s0 - s1 + t * (s0 + s1 - 2 * d)));
  return x < x0 ? x0 : x > x1 ? x1 : x;
};

const cubicShare = (L: Level, build: (L: Level, i: number) => void): number => {
  let share = 0;
  for (let i = 0; i < L.n; i++) {
    if (L.state[i] === UNBUILT) build(L, i);
    if (L.state[i] === CUBIC) share += 1 / L.n;
    else if (L.state[i] === SPLIT_UP) share += cubicShare(L.subs[i] as Level, build) / L.n;
  }
  return share;
};

/**
 * The share of (0, 1) served by the table's cubic pieces, after building every interval down to the deepest level
 * (for tests and benches; 0 when c is sampled by its exact quantile alone). Builds the whole table.
 */
export const tabulatedShare = (c: Conditioned): number => {
  return shares.get(tabulatedQuantile(c))?.() ?? 0;
};
