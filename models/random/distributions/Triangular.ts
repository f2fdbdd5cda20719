// Triangular on [min, max] with its peak at mode: closed-form CDF, tails and quantiles (each tail solved on its own
// side, so neither end loses precision); min = max is the point mass.
import { pow } from '../../math/pow';
import type { Distribution } from '../Distribution';
import { conditionPoint } from './conditionAtoms';
import { conditionContinuous } from './conditionContinuous';
import { finiteFields, fmt, type DistributionFamily } from './DistributionFamily';

type TriangularDistribution = Extract<Distribution, { type: 'triangular' }>;

/** Shared by triangular and PERT: min ≤ mode ≤ max, finite span. */
export const boundedModeProblems = (
  d: { readonly min: number; readonly mode: number; readonly max: number },
  out: [string, string][],
): boolean => {
  if (!finiteFields(d, ['min', 'mode', 'max'], out)) return false;
  const before = out.length;
  if (d.max < d.min) out.push(['max', `must be at least min (${d.min})`]);
  else if (!Number.isFinite(d.max - d.min)) out.push(['max', 'max − min is too large (beyond ±1.8e308)']);
  else if (d.mode < d.min || d.mode > d.max)
    out.push(['mode', `must lie between min and max (${d.min} to ${d.max})`]);
  return out.length === before;
};

/** ∫ yᵏ (α + βy) dy over [y0, y1]. */
const linearMoment = (k: number, alpha: number, beta: number, y0: number, y1: number): number =>
  (alpha * (pow(y1, k + 1) - pow(y0, k + 1))) / (k + 1) +
  (beta * (pow(y1, k + 2) - pow(y0, k + 2))) / (k + 2);

export const Triangular: DistributionFamily<TriangularDistribution> = {
  type: 'triangular',
  label: 'Triangular',
  fields: [
    { key: 'min', label: 'Min', optional: false, kind: 'number' },
    { key: 'mode', label: 'Mode', optional: false, kind: 'number' },
    { key: 'max', label: 'Max', optional: false, kind: 'number' },
  ],
  problems(d) {
    const out: [string, string][] = [];
    boundedModeProblems(d, out);
    return out;
  },
  describe: (d) =>
    d.min === d.max
      ? `triangular (the point ${fmt(d.min)})`
      : `triangular (${fmt(d.min)} to ${fmt(d.max)}, mode ${fmt(d.mode)})`,
  condition(d, lo, hi) {
    const { min: a, max: b } = d;
    if (a === b) return conditionPoint(a, lo, hi);
    let c = d.mode;
    // a mode within 1e-290 of the span from an end leaves that side a mass below 1e-290 but makes (b − a)(c − a)
    // subnormal or 0 (2/left overflows: NaN density and moments): the mode is that end
    if (c !== a && (c - a) / (b - a) < 1e-290) c = a;
    if (c !== b && (b - c) / (b - a) < 1e-290) c = b;
    const span = b - a;
    const left = span * (c - a); // (b − a)(c − a)
    const right = span * (b - c); // (b − a)(b − c)
    const fc = (c - a) / span; // F(c)
    const sc = (b - c) / span; // 1 − F(c)
    const cdf = (x: number): number =>
      x <= a ? 0 : x >= b ? 1 : x <= c ? ((x - a) * (x - a)) / left : 1 - ((b - x) * (b - x)) / right;
    const sf = (x: number): number =>
      x <= a ? 1 : x >= b ? 0 : x >= c ? ((b - x) * (b - x)) / right : 1 - ((x - a) * (x - a)) / left;
    const pdf = (x: number): number =>
      x < a || x > b ? 0 : x < c ? (2 * (x - a)) / left : c === b ? 2 / span : (2 * (b - x)) / right;
    return conditionContinuous(
      {
        support: { lo: a, hi: b, loClosed: true, hiClosed: true, atoms: null },
        cdf,
        sf,
        pdf,
        // each branch in the form without cancellation: b − √((1−p)R) = a + span·((c−a) + p(b−c))/(span + √((1−p)R))
        quantile: (p) =>
          p <= fc
            ? a + Math.sqrt(p * left)
            : a + (span * (c - a + p * (b - c))) / (span + Math.sqrt((1 - p) * right)),
        upperQuantile: (q) =>
          q <= sc
            ? b - Math.sqrt(q * right)
            : b - (span * (b - c + q * (c - a))) / (span + Math.sqrt((1 - q) * left)),
        moments(L, H) {
          // in y = x − L: the density is linear on [L, c] and on [c, H]; integrate yᵏ against each piece
          const m = [0, 0, 0];
          const pieces: [number, number, number, number][] = [];
          // f(x) = 2(x − a)/left on [a, c]:  in y, α = 2(L − a)/left, β = 2/left
          if (L < c) pieces.push([0, Math.min(H, c) - L, (2 * (L - a)) / left, 2 / left]);
          // f(x) = 2(b − x)/right on [c, b]: α = 2(b − L)/right, β = −2/right
          if (H > c && right > 0) pieces.push([Math.max(L, c) - L, H - L, (2 * (b - L)) / right, -2 / right]);
          for (const [y0, y1, al, be] of pieces)
            for (let k = 0; k < 3; k++) m[k] = (m[k] as number) + linearMoment(k, al, be, y0, y1);
          const mean = (m[1] as number) / (m[0] as number);
          return [L + mean, Math.max(0, (m[2] as number) / (m[0] as number) - mean * mean)];
        },
      },
      lo,
      hi,
    );
  },
};
