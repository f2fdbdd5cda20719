// The summary, sweep, compare and sensitivity tables and the sidecar JSON of an export, all written with the one CSV
// writer (models/text/csv.ts: typed cells — numbers never guarded, text always guarded).
import { csvTable, type CsvCell } from '../text/csv';
import { CSV_FORMAT_VERSION } from './csv';
import type { RootSeed } from '../random/seedKey';
import type { Sampler } from './ParamSampler';
import type { CompareResult } from './runCompare';
import type { RunResult } from './runScenario';
import type { SensitivityResult } from './runSensitivity';
import type { SweepResult } from './runSweep';

export const SUMMARY_COLUMNS = [
  'kind',
  'id',
  'label',
  'round',
  'n',
  'estimate',
  'low',
  'high',
  'sd',
  'min',
  'p5',
  'p25',
  'p50',
  'p75',
  'p95',
  'max',
] as const;

/**
 * Summary table, one row per statistic:
 * kind,id,label,round,n,estimate,low,high,sd,min,p5,p25,p50,p75,p95,max
 *  - outcome (round empty: within the horizon; else per round): estimate = probability, low/high = Wilson 95%
 *  - metric (round empty: trial value = last round; else per-round band): estimate = mean
 *  - event: probability it fired within the horizon
 */
export const summaryCsv = (r: RunResult): string => {
  const n = r.trials;
  const rows: CsvCell[][] = [];
  const empty = [null, null, null, null, null, null, null, null];
  for (const o of r.outcomes) {
    rows.push(['outcome', o.id, o.label, null, n, o.p, o.low, o.high, ...empty]);
    for (const pr of o.perRound)
      rows.push(['outcome', o.id, o.label, pr.round, n, pr.p, pr.low, pr.high, ...empty]);
  }
  for (const m of r.metrics) {
    const q = m.quantiles;
    rows.push([
      'metric',
      m.id,
      m.label,
      null,
      n,
      m.mean,
      null,
      null,
      m.sd,
      m.min,
      q.p5,
      q.p25,
      q.p50,
      q.p75,
      q.p95,
      m.max,
    ]);
    for (const b of m.bands) {
      rows.push([
        'metric',
        m.id,
        m.label,
        b.round,
        n,
        b.mean,
        null,
        null,
        null,
        null,
        b.p5,
        b.p25,
        b.p50,
        b.p75,
        b.p95,
        null,
      ]);
    }
  }
  for (const e of r.events) rows.push(['event', e.id, e.label, null, n, e.p, e.low, e.high, ...empty]);
  return csvTable(SUMMARY_COLUMNS, rows);
};

/** Sweep table: `<param>[,<param2>],outcome,p,low,high,n` — one row per grid point and outcome. */
export const sweepCsv = (s: SweepResult): string => {
  const names = [s.x.param, ...(s.y ? [s.y.param] : []), 'outcome', 'p', 'low', 'high', 'n'];
  const rows: CsvCell[][] = [];
  for (const pt of s.points) {
    const coords: CsvCell[] = [pt.x, ...(s.y ? [pt.y as number] : [])];
    for (const o of pt.outcomes) rows.push([...coords, o.id, o.p, o.low, o.high, pt.n]);
  }
  return csvTable(names, rows);
};

/**
 * Compare table, one row per outcome and metric: `kind,id,label,baseline,variant,difference,low,high,n` — outcomes:
 * probabilities within the horizon; metrics: mean trial values; difference = variant − baseline with its paired 95%
 * interval [low, high] (common random numbers).
 */
export const compareCsv = (c: CompareResult): string => {
  const n = c.baseline.trials;
  const rows: CsvCell[][] = [
    ...c.outcomes.map((o): CsvCell[] => [
      'outcome',
      o.id,
      o.label,
      o.baseline,
      o.variant,
      o.diff,
      o.low,
      o.high,
      n,
    ]),
    ...c.metrics.map((m): CsvCell[] => [
      'metric',
      m.id,
      m.label,
      m.baseline,
      m.variant,
      m.diff,
      m.low,
      m.high,
      n,
    ]),
  ];
  return csvTable(['kind', 'id', 'label', 'baseline', 'variant', 'difference', 'low', 'high', 'n'], rows);
};

/**
 * Sensitivity table, one row per parameter and target (outcome or metric):
 * `param,label,source,low_value,high_value,kind,target,at_low,at_high,spearman_rho` — the tornado (target at the
 * parameter's low and high value, others at their defaults; outcomes: probability, metrics: mean) and the global
 * Spearman rank correlation (empty when the parameter is not uncertain or the correlation is undefined).
 */
export const sensitivityCsv = (s: SensitivityResult): string => {
  const rho = new Map(s.spearman.map((g) => [g.param, g] as const));
  const rows: CsvCell[][] = [];
  for (const bar of s.tornado) {
    const g = rho.get(bar.param);
    const head: CsvCell[] = [bar.param, bar.label, bar.source, bar.lowValue, bar.highValue];
    for (const o of bar.outcomes) {
      const r = g?.outcomes.find((x) => x.id === o.id)?.rho ?? null;
      rows.push([...head, 'outcome', o.id, o.low, o.high, r]);
    }
    for (const m of bar.metrics) {
      const r = g?.metrics.find((x) => x.id === m.id)?.rho ?? null;
      rows.push([...head, 'metric', m.id, m.low, m.high, r]);
    }
  }
  return csvTable(
    [
      'param',
      'label',
      'source',
      'low_value',
      'high_value',
      'kind',
      'target',
      'at_low',
      'at_high',
      'spearman_rho',
    ],
    rows,
  );
};

export type SidecarInfo = {
  /** The application's version (the caller knows it; models/ does not read package.json). */
  readonly appVersion: string;
  /** ISO timestamp (passed in so the CSV itself stays byte-identical across runs). */
  readonly timestamp: string;
  /** What the CSV holds. */
  readonly table: 'trials' | 'summary' | 'sweep' | 'compare' | 'sensitivity';
};

/** The run metadata written as the `.json` sidecar next to a CSV export (keys are the file's field names). */
export type RunMetadata = {
  readonly format_version: typeof CSV_FORMAT_VERSION;
  readonly table: SidecarInfo['table'];
  readonly app: 'parley';
  readonly app_version: string;
  readonly scenario: string;
  readonly scenario_title: string;
  readonly scenario_hash: string;
  readonly run_id: string;
  readonly root_seed: RootSeed;
  readonly sampler: Sampler;
  readonly trials: number;
  readonly planned_trials: number;
  readonly rounds: number;
  readonly overrides: Readonly<Record<string, number>>;
  readonly timestamp: string;
  readonly encoding: 'UTF-8';
  readonly delimiter: ',';
  readonly decimal: '.';
};

/** The run's metadata, as an object: the CLI and the renderer serialise it (JSON, 2-space indent) at the edge. */
export const runMetadata = (
  r: Pick<RunResult, 'scenario' | 'runId' | 'seed' | 'sampler' | 'trials' | 'rounds'> & {
    readonly overrides?: Readonly<Record<string, number>>;
    readonly plannedTrials?: number;
  },
  info: SidecarInfo,
): RunMetadata => ({
  format_version: CSV_FORMAT_VERSION,
  table: info.table,
  app: 'parley',
  app_version: info.appVersion,
  scenario: r.scenario.id,
  scenario_title: r.scenario.title,
  scenario_hash: r.scenario.hash,
  run_id: r.runId,
  root_seed: r.seed,
  sampler: r.sampler,
  trials: r.trials,
  planned_trials: r.plannedTrials ?? r.trials,
  rounds: r.rounds,
  overrides: r.overrides ?? {},
  timestamp: info.timestamp,
  encoding: 'UTF-8',
  delimiter: ',',
  decimal: '.',
});
