// CONTRACT (scenario file format <-> engine sampling). Owned by models/random.

/** An uncertainty distribution for a parameter. All fields are plain numbers: JSON-serialisable. */
export type Distribution =
  | { readonly type: 'fixed'; readonly value: number }
  | { readonly type: 'uniform'; readonly min: number; readonly max: number }
  | {
      readonly type: 'normal';
      readonly mean: number;
      readonly sd: number;
      /** Optional truncation bounds. */
      readonly min?: number;
      readonly max?: number;
    }
  /** Lognormal: the log of the value is normal(mu, sigma). */
  | { readonly type: 'lognormal'; readonly mu: number; readonly sigma: number }
  | { readonly type: 'triangular'; readonly min: number; readonly mode: number; readonly max: number }
  /** PERT (modified beta); lambda defaults to 4. */
  | {
      readonly type: 'pert';
      readonly min: number;
      readonly mode: number;
      readonly max: number;
      readonly lambda?: number;
    }
  /** Beta(alpha, beta) scaled to [min, max] (default [0, 1]). */
  | {
      readonly type: 'beta';
      readonly alpha: number;
      readonly beta: number;
      readonly min?: number;
      readonly max?: number;
    }
  /** 1 with probability p, else 0. */
  | { readonly type: 'bernoulli'; readonly p: number }
  /** One of `values` with probability proportional to `weights` (equal weights when absent). */
  | { readonly type: 'discrete'; readonly values: readonly number[]; readonly weights?: readonly number[] }
  /**
   * "low to high": a 90% interval. Lognormal when 0 < low < high, normal otherwise;
   * low and high are the 5th and 95th percentiles.
   */
  | { readonly type: 'interval90'; readonly low: number; readonly high: number };
