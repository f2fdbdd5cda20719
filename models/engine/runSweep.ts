// Sweeps over one or two parameters on a grid. Every grid point runs on the SAME trial seeds (common random
// numbers): the only difference between points is the swept value, so curves are smooth.
import { seedText } from '../random/seedKey';
import type { ModelSpec } from '../scenario/RuntimeModel';
import { defaultChunkSize, makeJob, type BaseOptions } from './makeJob';
import type { Sampler } from './ParamSampler';
import { makeProvenance, type Provenance } from './Provenance';
import type { Overrides, Runner } from './Runner';
import type { RunHooks } from './runScenario';
import { simulate } from './simulate';
import { wilson } from './wilson';

export type SweepAxis = { readonly param: string; readonly values: readonly number[] };

export type SweepOptions = BaseOptions & { readonly x: SweepAxis; readonly y?: SweepAxis | null };

export type SweepPoint = {
  readonly x: number;
  readonly y: number | null;
  readonly n: number;
  readonly outcomes: readonly {
    readonly id: string;
    readonly label: string;
    readonly count: number;
    readonly p: number;
    readonly low: number;
    readonly high: number;
  }[];
  readonly metrics: readonly {
    readonly id: string;
    readonly label: string;
    readonly mean: number;
    readonly sd: number;
  }[];
};

export type SweepResult = {
  readonly kind: 'sweep';
  readonly provenance: Provenance;
  readonly scenario: { readonly id: string; readonly title: string; readonly hash: string };
  readonly runId: string;
  readonly seed: string | number;
  readonly seedText: string;
  readonly sampler: Sampler;
  readonly trials: number;
  readonly rounds: number;
  readonly x: SweepAxis;
  readonly y: SweepAxis | null;
  /** x varies fastest. */
  readonly points: readonly SweepPoint[];
};

export const MAX_GRID_POINTS = 10_000;

/** from, from+step, …, ≤ to (values rounded to 12 significant digits to avoid float drift). */
export const gridValues = (from: number, to: number, step: number): number[] => {
  if (![from, to, step].every(Number.isFinite))
    throw new Error('grid bounds and step must be finite numbers');
  if (!(step > 0)) throw new Error('grid step must be > 0');
  if (to < from) throw new Error('grid "to" must be ≥ "from"');
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_GRID_POINTS) throw new Error(`grid has ${count} points (at most ${MAX_GRID_POINTS})`);
  return Array.from({ length: count }, (_, i) => Number((from + i * step).toPrecision(12)));
};

export const runSweep = async (
  runner: Runner,
  spec: ModelSpec,
  options: SweepOptions,
  hooks: Omit<RunHooks, 'onCsv'> = {},
): Promise<SweepResult> => {
  const axes = [options.x, ...(options.y ? [options.y] : [])];
  for (const a of axes) {
    if (!spec.params.some((p) => p.id === a.param)) throw new Error(`sweep: unknown parameter "${a.param}"`);
    if (a.values.length === 0) throw new Error(`sweep: no values for "${a.param}"`);
  }
  if (options.y && options.y.param === options.x.param)
    throw new Error('sweep: the two parameters must differ');
  const ys: (number | null)[] = options.y ? [...options.y.values] : [null];
  const variants: Overrides[] = [];
  const coords: [number, number | null][] = [];
  for (const y of ys) {
    for (const x of options.x.values) {
      variants.push(
        y === null ? { [options.x.param]: x } : { [options.x.param]: x, [(options.y as SweepAxis).param]: y },
      );
      coords.push([x, y]);
    }
  }
  if (variants.length > MAX_GRID_POINTS)
    throw new Error(`sweep grid has ${variants.length} points (at most ${MAX_GRID_POINTS})`);
  const chunkSize =
    options.chunkSize ??
    Math.max(16, Math.floor(defaultChunkSize(options.trials) / Math.ceil(variants.length / 4)));
  const job = makeJob(spec, { ...options, chunkSize }, { variants, detail: 'light' });
  const out = await simulate(runner, job, hooks);
  return {
    kind: 'sweep',
    provenance: makeProvenance(
      spec,
      { ...options, rounds: job.rounds },
      { kind: 'sweep', x: options.x, y: options.y ?? null },
      options.context,
    ),
    scenario: { id: spec.id, title: spec.title, hash: spec.hash },
    runId: job.runId,
    seed: job.seed,
    seedText: seedText(job.seed),
    sampler: job.sampler,
    trials: out.trials,
    rounds: job.rounds,
    x: options.x,
    y: options.y ?? null,
    points: out.aggregates.map((a, v) => ({
      x: coords[v]![0],
      y: coords[v]![1],
      n: a.n,
      outcomes: spec.outcomes.map((o, k) => ({
        id: o.id,
        label: o.label,
        count: a.ever[k] as number,
        ...wilson(a.ever[k] as number, a.n),
      })),
      metrics: spec.metrics.map((m, k) => {
        const mo = a.moments[k]!;
        return { id: m.id, label: m.label, mean: mo.mean, sd: mo.n > 1 ? Math.sqrt(mo.m2 / (mo.n - 1)) : 0 };
      }),
    })),
  };
};
