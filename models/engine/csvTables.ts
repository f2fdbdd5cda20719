// The summary table and the sweep table of an export, written with the one CSV writer (models/text/csv.ts: typed
// cells — numbers never guarded, text always guarded); the sidecar JSON is sidecar.ts, compare and sensitivity
// tables are whatIfTables.ts.
import { csvTable, type CsvCell } from '../text/csv';
import type { RunResult } from './runScenario';
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
