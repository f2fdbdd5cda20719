// Observable Plot specs of the teacher screen (drawn by components/charts/Chart.svelte): the class's choice shares
// round by round, and a multi-round scenario's trajectory (each table's path) beside the simulated fan chart.
import * as Plot from '@observablehq/plot';
import type { RoleInfo, RoundSummary, TeacherView } from '../../../models/class/classViews';
import { seriesColour } from '../charts/okabeIto';

type Spec = (width: number) => Plot.PlotOptions;

/** Whole-round ticks (at most about 12) from 1 to `last`. */
export const roundTicks = (last: number): number[] => {
  const step = Math.max(1, Math.ceil(last / 12));
  const out: number[] = [];
  for (let r = 1; r <= last; r += step) out.push(r);
  return out;
};

export type ShareRow = { readonly round: number; readonly series: string; readonly share: number };

/** Students' choice share of every strategy of every role, round by round. */
export const shareRows = (roles: readonly RoleInfo[], history: readonly RoundSummary[]): ShareRow[] =>
  history.flatMap((h) =>
    roles.flatMap((role, a) => {
      const counts = h.counts[a] ?? [];
      const n = counts.reduce((s, c) => s + c, 0);
      return role.strategies.map((st, k) => ({
        round: h.round,
        series: `${role.name}: ${st.label}`,
        share: n > 0 ? (counts[k] ?? 0) / n : 0,
      }));
    }),
  );

export const sharesSpec =
  (rows: readonly ShareRow[]): Spec =>
  () => {
    const series = [...new Set(rows.map((r) => r.series))];
    const last = Math.max(1, ...rows.map((r) => r.round));
    return {
      marginLeft: 48,
      x: { label: 'round', tickFormat: 'd', ticks: roundTicks(last), domain: [1, Math.max(2, last)] },
      y: { domain: [0, 1], tickFormat: '.0%', label: 'share of the class', grid: true },
      color: { domain: series, range: series.map((_, i) => seriesColour(i)), legend: true },
      marks: [
        Plot.lineY(rows, {
          x: 'round',
          y: 'share',
          z: 'series',
          stroke: 'series',
          strokeWidth: 2,
          marker: 'circle',
        }),
        Plot.ruleY([0]),
      ],
    };
  };

export type TrajectoryRow = { readonly round: number; readonly table: string; readonly value: number };

/** Each table's path of metric k, and its simulated fan (null when the fan is not computed yet). */
export const trajectorySpec =
  (view: TeacherView, k: number): Spec =>
  () => {
    const m = view.trajectory?.metrics[k];
    const fan = view.fan?.metrics.find((f) => f.id === m?.id)?.bands ?? [];
    const rows: TrajectoryRow[] = (m?.tables ?? []).flatMap((path, t) =>
      path.flatMap((v, r) => (v === null ? [] : [{ round: r + 1, table: `table ${t + 1}`, value: v }])),
    );
    return {
      marginLeft: 52,
      x: {
        label: view.session.roundLabel || 'round',
        tickFormat: 'd',
        ticks: roundTicks(view.session.rounds),
      },
      y: { label: m ? `${m.label}${m.unit ? ` (${m.unit})` : ''}` : '', grid: true },
      marks: [
        Plot.areaY(fan, { x: 'round', y1: 'p5', y2: 'p95', fill: seriesColour(0), fillOpacity: 0.15 }),
        Plot.areaY(fan, { x: 'round', y1: 'p25', y2: 'p75', fill: seriesColour(0), fillOpacity: 0.3 }),
        Plot.lineY(fan, { x: 'round', y: 'p50', stroke: seriesColour(0), strokeDasharray: '4 3' }),
        Plot.lineY(rows, { x: 'round', y: 'value', z: 'table', stroke: seriesColour(1), strokeOpacity: 0.8 }),
      ],
    };
  };
