// The summary table, the sweep table and the sidecar JSON of an export (pure string building).
import { CSV_FORMAT_VERSION, csvHeader, csvLine, csvNumber, csvText } from './csv';
import type { RootSeed } from '../random/seedKey';
import type { Sampler } from './ParamSampler';
import type { RunResult } from './runScenario';
import type { SweepResult } from './runSweep';

/**
 * Summary table, one row per statistic:
 * kind,id,label,round,n,estimate,low,high,sd,min,p5,p25,p50,p75,p95,max
 *  - outcome (round empty: within the horizon; else per round): estimate = probability, low/high = Wilson 95%
 *  - metric (round empty: trial value = last round; else per-round band): estimate = mean
 *  - event: probability it fired within the horizon
 */
export const summaryCsv = (r: RunResult): string => {
  const head = csvHeader([
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
  ]);
  const n = String(r.trials);
  const rows: string[] = [head];
  const empty = ['', '', '', '', '', '', '', ''];
  for (const o of r.outcomes) {
    rows.push(
      csvLine([
        'outcome',
        csvText(o.id),
        csvText(o.label),
        '',
        n,
        csvNumber(o.p),
        csvNumber(o.low),
        csvNumber(o.high),
        ...empty,
      ]),
    );
    for (const pr of o.perRound) {
      rows.push(
        csvLine([
          'outcome',
          csvText(o.id),
          csvText(o.label),
          String(pr.round),
          n,
          csvNumber(pr.p),
          csvNumber(pr.low),
          csvNumber(pr.high),
          ...empty,
        ]),
      );
    }
  }
  for (const m of r.metrics) {
    const q = m.quantiles;
    rows.push(
      csvLine([
        'metric',
        csvText(m.id),
        csvText(m.label),
        '',
        n,
        csvNumber(m.mean),
        '',
        '',
        csvNumber(m.sd),
        csvNumber(m.min),
        csvNumber(q.p5),
        csvNumber(q.p25),
        csvNumber(q.p50),
        csvNumber(q.p75),
        csvNumber(q.p95),
        csvNumber(m.max),
      ]),
    );
    for (const b of m.bands) {
      rows.push(
        csvLine([
          'metric',
          csvText(m.id),
          csvText(m.label),
          String(b.round),
          n,
          csvNumber(b.mean),
          '',
          '',
          '',
          '',
          csvNumber(b.p5),
          csvNumber(b.p25),
          csvNumber(b.p50),
          csvNumber(b.p75),
          csvNumber(b.p95),
          '',
        ]),
      );
    }
  }
  for (const e of r.events) {
    rows.push(
      csvLine([
        'event',
        csvText(e.id),
        csvText(e.label),
        '',
        n,
        csvNumber(e.p),
        csvNumber(e.low),
        csvNumber(e.high),
        ...empty,
      ]),
    );
  }
  return rows.join('');
};

/** Sweep table: `<param>[,<param2>],outcome,p,low,high,n` — one row per grid point and outcome. */
export const sweepCsv = (s: SweepResult): string => {
  const names = [s.x.param, ...(s.y ? [s.y.param] : []), 'outcome', 'p', 'low', 'high', 'n'];
  const rows: string[] = [csvHeader(names)];
  for (const pt of s.points) {
    const coords = [csvNumber(pt.x), ...(s.y ? [csvNumber(pt.y as number)] : [])];
    for (const o of pt.outcomes) {
      rows.push(
        csvLine([
          ...coords,
          csvText(o.id),
          csvNumber(o.p),
          csvNumber(o.low),
          csvNumber(o.high),
          String(pt.n),
        ]),
      );
    }
  }
  return rows.join('');
};

export type SidecarInfo = {
  /** The application's version (the caller knows it; models/ does not read package.json). */
  readonly appVersion: string;
  /** ISO timestamp (passed in so the CSV itself stays byte-identical across runs). */
  readonly timestamp: string;
  /** What the CSV holds: "trials", "summary" or "sweep". */
  readonly table: 'trials' | 'summary' | 'sweep';
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
