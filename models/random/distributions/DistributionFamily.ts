// What every distribution family defines, in one place per family (the way Squiggle keeps Normal, Triangular, …
// each with its validation, support and pdf/cdf/quantile beside it). The schema, the scenario validator, the
// samplers, the range rule, the domain checks and the UI's density preview all go through these definitions.
import type { Distribution } from '../Distribution';

/** u in (0, 1) → value; non-decreasing in u (inverse-CDF sampling: MC, Latin hypercube and Iman–Conover alike). */
export type QuantileFn = (u: number) => number;

/**
 * A set of reals: the closed hull [lo, hi] (±Infinity allowed), whether each end is attained, and for a discrete
 * distribution its atoms (sorted, distinct, each with positive mass).
 */
export type Support = {
  readonly lo: number;
  readonly hi: number;
  readonly loClosed: boolean;
  readonly hiClosed: boolean;
  readonly atoms: readonly number[] | null;
};

/**
 * A fast approximate quantile with a STATED bound on its backward error: |F(fn(u)) − u| ≤ maxError for every u,
 * F the exact CDF (so draws come from a distribution within maxError of F in Kolmogorov distance).
 */
export type ApproximateQuantile = { readonly fn: QuantileFn; readonly maxError: number };

/**
 * A distribution conditioned on a window [lo, hi] (the whole line for the declared distribution itself): the
 * object samplers, range checks, domain checks and the density preview use.
 */
export type Conditioned = {
  /** Mass of the declared distribution below lo and above hi (what the window cuts off). */
  readonly cutBelow: number;
  readonly cutAbove: number;
  /** Where the conditioned distribution lives. */
  readonly support: Support;
  /** Closed-form moments of the conditioned distribution (evaluated without cancellation where it matters). */
  readonly mean: number;
  readonly variance: number;
  /** The exact quantile function (to the accuracy measured in tests/models/random). */
  readonly quantile: QuantileFn;
  /**
   * A family MAY offer a faster quantile whose backward error is at most `tolerance` (table-driven, say); it returns
   * null when it has none that good. Callers that need exact draws never call it.
   */
  readonly approximateQuantile?: (tolerance: number) => ApproximateQuantile | null;
  /** P(X ≤ x) of the conditioned distribution. */
  readonly cdf: (x: number) => number;
  /** Density (continuous) or probability mass at x (discrete). */
  readonly pdf: (x: number) => number;
  readonly discrete: boolean;
};

/** Either the conditioned distribution, or why there is nothing to sample (e.g. the window holds no mass). */
export type ConditionResult =
  { readonly ok: true; readonly value: Conditioned } | { readonly ok: false; readonly message: string };

/** A field of a family's JSON object (drives the zod schema check and the editor's inputs). */
export type FieldSpec = {
  readonly key: string;
  readonly label: string;
  readonly optional: boolean;
  readonly kind: 'number' | 'numbers';
};

/** One distribution family. `D` is its JSON object type. */
export type DistributionFamily<D extends Distribution = Distribution> = {
  readonly type: D['type'];
  /** For menus: "Normal", "PERT", … */
  readonly label: string;
  readonly fields: readonly FieldSpec[];
  /**
   * Every problem with d's own fields, as [field ('' = the whole object), plain message] pairs: empty means valid.
   * The other members may only be called on a valid d.
   */
  problems(d: D): [string, string][];
  /** One line for messages, e.g. `normal (mean 1, sd 0.608)`. */
  describe(d: D): string;
  /**
   * d conditioned on [lo, hi] (lo ≤ hi, either infinite): lo = hi is the point itself when the support's closure
   * holds it (the limit of shrinking windows); a window with no mass is refused with a plain reason.
   */
  condition(d: D, lo: number, hi: number): ConditionResult;
};

/** A number for messages: up to 4 significant digits (the user's own numbers are printed in full elsewhere). */
export const fmt = (x: number): string => {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-4 && a < 1e6 ? String(Number(x.toPrecision(4))) : x.toPrecision(3);
};

/** A probability as a percentage for messages: 25.5%, 0.3%, 4e-05%, 100%. */
export const fmtPercent = (x: number): string =>
  x >= 0.9995
    ? '100%'
    : x >= 0.1
      ? `${(x * 100).toFixed(0)}%`
      : x >= 0.001
        ? `${(x * 100).toFixed(1)}%`
        : `${(x * 100).toPrecision(1)}%`;

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Field checks shared by the families: each field a finite number. */
export const finiteFields = (d: object, keys: readonly string[], out: [string, string][]): boolean => {
  let ok = true;
  for (const k of keys) {
    const v = (d as Record<string, unknown>)[k];
    if (v !== undefined && !finite(v)) {
      out.push([k, 'must be a finite number']);
      ok = false;
    }
  }
  return ok;
};

/** Largest magnitude a draw may reach (keeps sums and differences of draws finite). */
export const MAX_MAGNITUDE = 1e300;
