// The summary table and the sweep table of an export (pure string building; the sidecar JSON is sidecar.ts).
import { csvHeader, csvLine, csvNumber, csvText } from './csv';
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
