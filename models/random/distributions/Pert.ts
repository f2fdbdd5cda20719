// PERT (Vose's modified beta): Beta(1 + λ(mode − min)/(max − min), 1 + λ(max − mode)/(max − min)) on [min, max],
// λ = 4 by default; mean (min + λ·mode + max)/(λ + 2). min = max is the point mass.
import type { Distribution } from '../Distribution';
import { conditionPoint } from './conditionAtoms';
import { conditionContinuous } from './conditionContinuous';
import { fmt, type DistributionFamily } from './DistributionFamily';
import { MAX_BETA_SHAPE, scaledBeta } from './Beta';
import { boundedModeProblems } from './Triangular';

type PertDistribution = Extract<Distribution, { type: 'pert' }>;

/** The beta shape parameters of a PERT (min < max). */
export const pertShape = (d: PertDistribution): [number, number] => {
  const lambda = d.lambda ?? 4;
  const span = d.max - d.min;
  return [1 + (lambda * (d.mode - d.min)) / span, 1 + (lambda * (d.max - d.mode)) / span];
};

export const Pert: DistributionFamily<PertDistribution> = {
  type: 'pert',
  label: 'PERT',
  fields: [
    { key: 'min', label: 'Min', optional: false, kind: 'number' },
    { key: 'mode', label: 'Mode', optional: false, kind: 'number' },
    { key: 'max', label: 'Max', optional: false, kind: 'number' },
    { key: 'lambda', label: 'λ (default 4)', optional: true, kind: 'number' },
  ],
  problems(d) {
    const out: [string, string][] = [];
    boundedModeProblems(d, out);
    if (d.lambda !== undefined) {
      if (!Number.isFinite(d.lambda) || !(d.lambda > 0)) out.push(['lambda', 'must be a positive number']);
      else if (d.lambda > MAX_BETA_SHAPE)
        out.push(['lambda', `must be at most ${MAX_BETA_SHAPE.toExponential(0)}`]);
    }
    return out;
  },
  describe: (d) =>
    d.min === d.max
      ? `PERT (the point ${fmt(d.min)})`
      : `PERT (${fmt(d.min)} to ${fmt(d.max)}, mode ${fmt(d.mode)}${d.lambda !== undefined ? `, λ ${fmt(d.lambda)}` : ''})`,
  condition(d, lo, hi) {
    if (d.min === d.max) return conditionPoint(d.min, lo, hi);
    const [a, b] = pertShape(d);
    return conditionContinuous(scaledBeta(a, b, d.min, d.max), lo, hi);
  },
};
