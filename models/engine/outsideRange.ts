// The range rule for overrides (what-if values, sweep grids, compare variants, `--set`): which values lie outside
// their parameter's declared range [min, max] (see models/random/parameterDistribution.ts for the rule itself).
import type { Overrides } from './Runner';

/** An override outside its parameter's declared range (the range rule: models/random/parameterDistribution.ts). */
export type RangeViolation = {
  readonly id: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
};

export type RangedParams = {
  readonly params: readonly { readonly id: string; readonly min: number; readonly max: number }[];
};

/** The overrides that lie outside their parameter's [min, max] (unknown ids are ignored here). */
export const outsideRange = (model: RangedParams, o: Overrides): RangeViolation[] =>
  Object.entries(o).flatMap(([id, value]) => {
    const p = model.params.find((q) => q.id === id);
    return p && !(value >= p.min && value <= p.max) && Number.isFinite(value)
      ? [{ id, value, min: p.min, max: p.max }]
      : [];
  });
