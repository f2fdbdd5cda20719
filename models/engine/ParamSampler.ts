// Parameter draws of a trial: uniforms from the trial's own `params` stream (plain Monte Carlo), optionally
// stratified (Latin hypercube) and rank-correlated (Iman–Conover), then mapped through each distribution's
// quantile function.
//
// Determinism: trial k's uniforms depend only on (root seed, k) for plain MC — not on workers, chunking or the
// trial count. For LHS they also depend on the trial count (the strata). With declared correlations,
// Iman–Conover is applied within fixed blocks of IC_BLOCK consecutive trials (block b = trials
// [b·IC_BLOCK, (b+1)·IC_BLOCK)); with plain MC a block is always generated in full, so trial k is still the same
// in a 1,000- and a 1,000,000-trial run; replaying trial k alone regenerates its block.
import { KeyedPermutation } from '../random/latinHypercube';
import { imanConover } from '../random/imanConover';
import { planCorrelations } from '../random/rankCorrelations';
import type { QuantileFn } from '../random/quantileFunction';
import { describeDistribution } from '../random/distributions/distributionFamilies';
import { parameterDistribution } from '../random/parameterDistribution';
import { quantileColumn, tabulatedQuantile, type QuantileColumnFn } from '../random/tabulatedQuantile';
import { RandomStream } from '../random/RandomStream';
import { PURPOSE, type SeedKey } from '../random/seedKey';
import type { Distribution } from '../random/Distribution';
import { canGenerateCode } from '../formula/instantiateFormula';

/** How parameters are drawn: plain Monte Carlo, or Latin hypercube sampling (McKay, Beckman & Conover 1979). */
export type Sampler = 'mc' | 'lhs';

/** Trials per Iman–Conover block. */
export const IC_BLOCK = 1024;

export type SampledParam = {
  readonly id: string;
  readonly value: number;
  readonly distribution: Distribution | null;
  /** The declared range: draws are the distribution conditioned on it (the range rule). Default: unbounded. */
  readonly min?: number;
  readonly max?: number;
};

/** A parameter's draw was not a finite number (cannot happen for a validated file; named for hand-made specs). */
export class ParameterDrawError extends Error {
  override readonly name = 'ParameterDrawError';
}

export class ParamSampler {
  readonly count: number;
  private readonly params: readonly SampledParam[];
  private readonly quantiles: (QuantileFn | null)[];
  private readonly defaults: Float64Array;
  private readonly perms: (KeyedPermutation | null)[];
  private readonly stream = new RandomStream();
  private readonly icCols: number[];
  private readonly icChol: Float64Array | null;
  /** |ρ| = 1: [parameter, leader, ±1]: the parameter takes the leader's uniform u (or 1 − u). */
  private readonly followers: readonly (readonly [number, number, 1 | -1])[];
  private blockIndex = -1;
  private readonly block: Float64Array;
  /**
   * The block's parameter values, mapped column by column when the block is filled (quantileColumn): the quantile
   * tables stay in cache for the whole block instead of being evicted by every trial's rounds, and a draw is no
   * call. Same function of the same uniforms.
   */
  private readonly blockValues: Float64Array;
  /** uniforms (from u[o]) → values for one trial (see mapperOf). */
  private readonly mapValues: Mapper;
  /** Per parameter, its quantile over a column of the block (null: no distribution, the default value). */
  private readonly columns: (QuantileColumnFn | null)[];

  constructor(
    params: readonly SampledParam[],
    correlations: readonly { readonly a: string; readonly b: string; readonly rho: number }[],
    private readonly key: SeedKey,
    private readonly trials: number,
    private readonly sampler: Sampler,
  ) {
    this.count = params.length;
    this.params = params;
    this.quantiles = params.map((p) => {
      if (!p.distribution) return null;
      const min = p.min ?? -Infinity;
      const max = p.max ?? Infinity;
      // the same function validation uses: run never finds a problem validate missed
      const r = parameterDistribution(p.distribution, min, max);
      if (!r.ok) {
        throw new Error(
          `parameter "${p.id}": its uncertainty ${describeDistribution(p.distribution)} cannot be drawn in its range ${min} to ${max}: ${r.message}`,
        );
      }
      // the table layer over the exact quantile (stated bound: models/random/tabulatedQuantile.ts)
      return tabulatedQuantile(r.value);
    });
    this.defaults = Float64Array.from(params.map((p) => p.value));
    this.perms = params.map((p, j) =>
      sampler === 'lhs' && p.distribution ? new KeyedPermutation(trials, key, 1000 + j) : null,
    );
    // the same function validation uses (a hand-made spec gets the same message validate would give)
    const planned = planCorrelations(
      params.map((p) => ({ id: p.id, uncertain: p.distribution !== null })),
      correlations,
    );
    if (!planned.ok) {
      const p = planned.problems[0] as (typeof planned.problems)[number];
      throw new Error(
        `correlations${p.index >= 0 ? `[${p.index}]${p.field ? `.${p.field}` : ''}` : ''}: ${p.message}`,
      );
    }
    this.icCols = [...planned.plan.leaders];
    this.icChol = planned.plan.cholesky;
    this.followers = planned.plan.followers;
    this.block = new Float64Array(this.icChol ? IC_BLOCK * this.count : 0);
    this.blockValues = new Float64Array(this.block.length);
    this.mapValues = mapperOf(this.quantiles, this.defaults);
    this.columns = this.quantiles.map((q) => (q ? quantileColumn(q) : null));
  }

  private baseUniforms(trial: number, out: Float64Array, offset: number): void {
    const s = this.stream.reseed(this.key, trial, PURPOSE.params);
    s.fillUniforms(out, offset, this.count);
    if (this.sampler !== 'lhs') return;
    for (let j = 0; j < this.count; j++) {
      const perm = this.perms[j];
      if (perm) out[offset + j] = (perm.map(trial) + (out[offset + j] as number)) / this.trials;
    }
  }

  /** |ρ| = 1: each follower takes its leader's (final) uniform, or its complement — exact rank dependence. */
  private follow(out: Float64Array, offset: number): void {
    const f = this.followers;
    for (let k = 0; k < f.length; k++) {
      const [j, leader, s] = f[k] as readonly [number, number, 1 | -1];
      const u = out[offset + leader] as number;
      out[offset + j] = s === 1 ? u : 1 - u;
    }
  }

  private fillBlock(b: number): void {
    const start = b * IC_BLOCK;
    const end = this.sampler === 'lhs' ? Math.min(start + IC_BLOCK, this.trials) : start + IC_BLOCK;
    const rows = end - start;
    for (let r = 0; r < rows; r++) this.baseUniforms(start + r, this.block, r * this.count);
    imanConover(
      this.block,
      rows,
      this.count,
      this.icCols,
      this.icChol as Float64Array,
      this.stream.reseed(this.key, b, PURPOSE.imanConover),
    );
    if (this.followers.length) for (let r = 0; r < rows; r++) this.follow(this.block, r * this.count);
    // column by column: one call per parameter and block, each quantile table in cache for its whole column
    const P = this.count;
    const values = this.blockValues;
    for (let j = 0; j < P; j++) {
      const column = this.columns[j];
      if (column) column(this.block, values, j, P, rows);
      else {
        const v = this.defaults[j] as number;
        for (let r = 0; r < rows; r++) values[r * P + j] = v;
      }
    }
    this.blockIndex = b;
  }

  /** The uniforms in (0, 1) of trial `trial`, one per parameter (consumed for every parameter, fixed or not). */
  uniforms(trial: number, out: Float64Array): void {
    if (!this.icChol) {
      this.baseUniforms(trial, out, 0);
      if (this.followers.length) this.follow(out, 0);
      return;
    }
    const b = Math.floor(trial / IC_BLOCK);
    if (b !== this.blockIndex) this.fillBlock(b);
    const off = (trial - b * IC_BLOCK) * this.count;
    for (let j = 0; j < this.count; j++) out[j] = this.block[off + j] as number;
  }

  /**
   * Parameter values of a trial: a parameter without a distribution takes its default value. `uniforms` is
   * scratch (with correlations the values are mapped straight from the Iman–Conover block).
   */
  values(trial: number, uniforms: Float64Array, out: Float64Array): void {
    if (!this.icChol) {
      this.baseUniforms(trial, uniforms, 0);
      if (this.followers.length) this.follow(uniforms, 0);
      this.mapValues(uniforms, 0, out);
    } else {
      const b = Math.floor(trial / IC_BLOCK);
      if (b !== this.blockIndex) this.fillBlock(b);
      const off = (trial - b * IC_BLOCK) * this.count;
      for (let j = 0; j < out.length; j++) out[j] = this.blockValues[off + j] as number;
    }
    for (let j = 0; j < out.length; j++) {
      const v = out[j] as number;
      if (v - v !== 0) this.nonFinite(trial, j, v);
    }
  }

  /** A draw that is not a finite number is blamed on its parameter and distribution (never on a later formula). */
  private nonFinite(trial: number, j: number, v: number): never {
    const p = this.params[j] as SampledParam;
    const d = p.distribution;
    throw new ParameterDrawError(
      `parameter "${p.id}" drew ${String(v)} from ${d ? `its uncertainty ${describeDistribution(d)}` : 'its default'} (trial ${trial + 1})`,
    );
  }
}

/**
 * The per-trial map from uniforms to parameter values. Calling each parameter's quantile function from one loop
 * makes that call site megamorphic (a different closure per parameter): no inlining, every result boxed. Where
 * `new Function` is allowed, a straight-line function with one call site per parameter is generated instead (it
 * contains only indices, never scenario text), so each call stays monomorphic and inlinable. Same arithmetic,
 * same results.
 */
type Mapper = (u: Float64Array, offset: number, out: Float64Array) => void;

const mapperOf = (quantiles: readonly (QuantileFn | null)[], defaults: Float64Array): Mapper => {
  const P = quantiles.length;
  if (canGenerateCode() && P <= 1024) {
    try {
      const head: string[] = [];
      const body: string[] = [];
      for (let j = 0; j < P; j++) {
        if (quantiles[j]) {
          head.push(`const q${j} = Q[${j}];`);
          body.push(`out[${j}] = q${j}(u[o + ${j}]);`);
        } else body.push(`out[${j}] = D[${j}];`);
      }
      return new Function(
        'Q',
        'D',
        `"use strict"; ${head.join(' ')} return function (u, o, out) { ${body.join(' ')} };`,
      )(quantiles, defaults) as Mapper;
    } catch {
      // fall through to the loop
    }
  }
  return (u, o, out) => {
    for (let j = 0; j < P; j++) {
      const q = quantiles[j];
      out[j] = q ? q(u[o + j] as number) : (defaults[j] as number);
    }
  };
};
