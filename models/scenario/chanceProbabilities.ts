// The probabilities of a tree round's chance moves at one environment, checked (each in [0, 1], summing to 1; the
// outcome without a formula takes the rest). For the model layer's one-off uses (reduceToGame, roundTree); the
// engine's per-trial check is the same rule in models/engine/TreeRoundPlayer.ts, allocation-free.
import type { RuntimeModel } from './RuntimeModel';

/** Tolerance of the sum-to-one check (the same as the compiler's and the engine's). */
export const CHANCE_SUM_TOLERANCE = 1e-9;

export type ChanceAt = {
  /** Index in tree.moves. */
  readonly move: number;
  readonly id: string;
  /** Indicator slots, one per outcome. */
  readonly slots: readonly number[];
  /** Probabilities per outcome (clamped to [0, 1]); `rest`: the index of the outcome without a formula, or -1. */
  readonly probabilities: readonly number[];
  readonly rest: number;
};

/**
 * Every chance move's probabilities at `env`, in the file's order; `fail(message)` is called (and must throw) when
 * a move's probabilities are not a distribution. Empty without a tree.
 */
export const chanceProbabilities = (
  model: RuntimeModel,
  env: Float64Array,
  fail: (message: string) => never,
): ChanceAt[] => {
  const tree = model.tree;
  if (!tree) return [];
  return tree.chance.map((k) => {
    const m = tree.moves[k];
    if (!m || m.kind !== 'chance') throw new Error(`tree.moves.${k} is not a chance move`);
    const vals = m.outcomes.map((o) => (o.probability ? o.probability(env) : null));
    const rest = vals.indexOf(null);
    const given = vals.reduce<number>((s, v) => s + (v ?? 0), 0);
    const T = CHANCE_SUM_TOLERANCE;
    const ok =
      vals.every((v) => v === null || (v >= -T && v <= 1 + T)) &&
      (rest >= 0 ? given <= 1 + T : Math.abs(given - 1) <= T);
    if (!ok) {
      fail(
        `chance move "${m.id}" (tree.moves.${k}): its probabilities (${m.outcomes
          .map((o, i) => `${o.id} = ${vals[i] === null ? 'the rest' : String(vals[i])}`)
          .join(', ')}) are not each between 0 and 1 summing to 1`,
      );
    }
    const clamp = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
    return {
      move: k,
      id: m.id,
      slots: m.outcomes.map((o) => o.slot),
      probabilities: vals.map((v) => clamp(v ?? 1 - given)),
      rest,
    };
  });
};
