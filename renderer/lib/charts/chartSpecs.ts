// Plot option builders for every chart of the simulation, what-if and export views. Each takes plain rows (the
// view models below) and returns (width) => Plot options for <Chart>. Colours: Okabe–Ito (colour-blind-safe).
import * as Plot from '@observablehq/plot';
import { divergingScheme, heatmapScheme, seriesColour } from './okabeIto';
import { formatNumber, formatPercent, formatPointsValue } from '../../../models/text/format';

export type ProbabilityRow = {
  readonly label: string;
  readonly p: number;
  readonly low: number;
  readonly high: number;
};
export type HistogramBin = { readonly x0: number; readonly x1: number; readonly count: number };
export type QuantileMarks = Readonly<Record<'p5' | 'p25' | 'p50' | 'p75' | 'p95', number>>;
export type BandRow = {
  readonly round: number;
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
};
export type SurvivalRow = { readonly series: string; readonly round: number; readonly survival: number };
export type ShareRow = { readonly label: string; readonly share: number };
export type SweepRow = {
  readonly x: number;
  readonly p: number;
  readonly low: number;
  readonly high: number;
  readonly series: string;
};
export type HeatRow = { readonly x: number; readonly y: number; readonly p: number };
export type TornadoRow = {
  readonly label: string;
  /** Output at the parameter's low end / high end of its range. */
  readonly low: number;
  readonly high: number;
};
export type DiffRow = {
  readonly label: string;
  readonly diff: number;
  readonly low: number;
  readonly high: number;
};

type Spec = (width: number) => Plot.PlotOptions;

const pct = formatPercent;

const MAX_LABEL = 34;
/** Axis labels longer than MAX_LABEL characters are shortened with an ellipsis (the data table has them in full). */
const shortLabel = (l: string): string => (l.length > MAX_LABEL ? `${l.slice(0, MAX_LABEL - 1)}…` : l);

/** Room for the longest axis label: ~7.2 px a character at the charts' 12px system-ui (DejaVu Sans is wide: "Someone
 * backs down" is 131 px), plus the tick. */
const marginLeftFor = (labels: readonly string[]): number =>
  Math.min(260, Math.max(60, 7.2 * Math.max(0, ...labels.map((l) => Math.min(MAX_LABEL, l.length))) + 16));

/** End-of-line labels nudged apart vertically (in data units) so that they never overlap. */
const dodgeLabels = <T extends { readonly y: number }>(
  items: readonly T[],
  gap: number,
): (T & { ly: number })[] => {
  const sorted = [...items].sort((a, b) => b.y - a.y).map((d) => ({ ...d, ly: d.y }));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (prev.ly - cur.ly < gap) cur.ly = prev.ly - gap;
  }
  return sorted;
};

/** Horizontal bars of probabilities with their 95% interval as a black rule. */
const probabilities =
  (rows: readonly ProbabilityRow[]): Spec =>
  () => ({
    marginLeft: marginLeftFor(rows.map((r) => r.label)),
    // the percentage is written after the interval: "100%" must fit right of the axis end
    marginRight: 44,
    x: { domain: [0, 1], tickFormat: '.0%', label: 'probability (95% interval)', grid: true },
    y: { label: null, domain: rows.map((r) => r.label), tickFormat: shortLabel },
    marks: [
      Plot.barX(rows, { x: 'p', y: 'label', fill: seriesColour(0), fillOpacity: 0.85 }),
      Plot.ruleY(rows, { x1: 'low', x2: 'high', y: 'label', stroke: 'currentColor', strokeWidth: 2 }),
      Plot.tickX(rows, { x: 'low', y: 'label', stroke: 'currentColor' }),
      Plot.tickX(rows, { x: 'high', y: 'label', stroke: 'currentColor' }),
      Plot.text(rows, {
        x: 'high',
        y: 'label',
        text: (d: ProbabilityRow) => pct(d.p),
        textAnchor: 'start',
        dx: 6,
      }),
      Plot.ruleX([0]),
    ],
  });

/** A histogram from pre-binned counts, with its quantiles as dashed rules (p50 solid). */
const histogram =
  (bins: readonly HistogramBin[], q: QuantileMarks | null, xLabel: string): Spec =>
  () => ({
    marginLeft: 52,
    x: { label: xLabel },
    y: { label: 'trials', grid: true },
    marks: [
      Plot.rectY(bins, { x1: 'x0', x2: 'x1', y: 'count', fill: seriesColour(4), inset: 0.5 }),
      ...(q
        ? [
            Plot.ruleX(
              (['p5', 'p25', 'p75', 'p95'] as const).map((k) => ({ k, v: q[k] })),
              { x: 'v', stroke: seriesColour(3), strokeDasharray: '4,3' },
            ),
            Plot.ruleX([q.p50], { stroke: seriesColour(3), strokeWidth: 2 }),
          ]
        : []),
      Plot.ruleY([0]),
    ],
  });

/** Fan chart of a metric over rounds: p5–p95 and p25–p75 bands and the median line. */
const fan =
  (rows: readonly BandRow[], yLabel: string, xLabel: string): Spec =>
  () => ({
    marginLeft: 52,
    x: { label: xLabel, tickFormat: 'd' },
    y: { label: yLabel, grid: true },
    marks: [
      Plot.areaY(rows, { x: 'round', y1: 'p5', y2: 'p95', fill: seriesColour(0), fillOpacity: 0.2 }),
      Plot.areaY(rows, { x: 'round', y1: 'p25', y2: 'p75', fill: seriesColour(0), fillOpacity: 0.35 }),
      Plot.lineY(rows, { x: 'round', y: 'p50', stroke: seriesColour(0), strokeWidth: 2 }),
    ],
  });

/** Survival curves: P(outcome has not happened yet) by round, one stepped line per outcome, labelled at the end. */
const survival =
  (rows: readonly SurvivalRow[], xLabel: string): Spec =>
  () => {
    const series = [...new Set(rows.map((r) => r.series))];
    const last = dodgeLabels(
      series
        .map((s) => rows.filter((r) => r.series === s).at(-1))
        .filter((r) => r !== undefined)
        .map((r) => ({ ...r, y: r.survival })),
      0.07,
    );
    return {
      marginRight: marginLeftFor(series),
      x: { label: xLabel, tickFormat: 'd' },
      y: { domain: [0, 1], tickFormat: '.0%', label: 'not yet happened', grid: true },
      color: { domain: series, range: series.map((_, i) => seriesColour(i)) },
      marks: [
        Plot.lineY(rows, {
          x: 'round',
          y: 'survival',
          stroke: 'series',
          curve: 'step-after',
          strokeWidth: 2,
        }),
        Plot.text(last, {
          x: 'round',
          y: 'ly',
          text: 'series',
          fill: 'series',
          textAnchor: 'start',
          dx: 6,
        }),
      ],
    };
  };

/** Shares (e.g. strategy profile frequencies) as horizontal bars, labelled with their percentage; `yLabel` (e.g.
 * whose strategies a profile label lists) is written above the bar labels. */
const shares =
  (rows: readonly ShareRow[], yLabel: string | null = null): Spec =>
  () => ({
    marginLeft: marginLeftFor(rows.map((r) => r.label)),
    marginRight: 48,
    ...(yLabel ? { marginTop: 30 } : {}),
    x: {
      domain: [0, Math.max(0.01, ...rows.map((r) => r.share))],
      tickFormat: '.0%',
      label: 'share of rounds',
      grid: true,
    },
    y: {
      label: yLabel,
      labelAnchor: 'top',
      domain: rows.map((r) => r.label),
      tickFormat: shortLabel,
    },
    marks: [
      Plot.barX(rows, { x: 'share', y: 'label', fill: seriesColour(2) }),
      Plot.text(rows, {
        x: 'share',
        y: 'label',
        text: (d: ShareRow) => pct(d.share),
        textAnchor: 'start',
        dx: 4,
      }),
      Plot.ruleX([0]),
    ],
  });

/** A one-parameter sweep: one line per outcome with its 95% interval band. */
const sweepLine =
  (rows: readonly SweepRow[], xLabel: string): Spec =>
  () => {
    const series = [...new Set(rows.map((r) => r.series))];
    const last = dodgeLabels(
      series
        .map((s) => rows.filter((r) => r.series === s).at(-1))
        .filter((r) => r !== undefined)
        .map((r) => ({ ...r, y: r.p })),
      0.07,
    );
    return {
      marginRight: marginLeftFor(series),
      x: { label: xLabel },
      y: { domain: [0, 1], tickFormat: '.0%', label: 'probability', grid: true },
      color: { domain: series, range: series.map((_, i) => seriesColour(i)) },
      marks: [
        Plot.areaY(rows, { x: 'x', y1: 'low', y2: 'high', fill: 'series', fillOpacity: 0.2, z: 'series' }),
        Plot.lineY(rows, { x: 'x', y: 'p', stroke: 'series', strokeWidth: 2, marker: 'circle-stroke' }),
        Plot.text(last, { x: 'x', y: 'ly', text: 'series', fill: 'series', textAnchor: 'start', dx: 6 }),
      ],
    };
  };

/** A two-parameter sweep as a heatmap of one outcome's probability. */
const heatmap =
  (rows: readonly HeatRow[], xLabel: string, yLabel: string): Spec =>
  () => ({
    marginLeft: 64,
    marginBottom: 40,
    x: { label: shortLabel(xLabel), type: 'band', tickFormat: (v: number) => fmt(v) },
    y: { label: shortLabel(yLabel), type: 'band', reverse: true, tickFormat: (v: number) => fmt(v) },
    color: { scheme: heatmapScheme, domain: [0, 1], legend: false },
    marks: [
      Plot.cell(rows, { x: 'x', y: 'y', fill: 'p', inset: 0.5 }),
      Plot.text(rows, {
        x: 'x',
        y: 'y',
        text: (d: HeatRow) => pct(d.p),
        fill: (d: HeatRow) => (d.p > 0.6 ? 'black' : 'white'),
        fontSize: 10,
      }),
    ],
  });

/** Tornado: for each parameter, a bar from the output at its low end to the output at its high end. */
const tornado =
  (rows: readonly TornadoRow[], base: number, xLabel: string, probability = false): Spec =>
  () => {
    const sorted = [...rows].sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
    const segs = sorted.flatMap((r) => [
      { label: r.label, from: base, to: r.low, end: 'low end' },
      { label: r.label, from: base, to: r.high, end: 'high end' },
    ]);
    return {
      marginLeft: marginLeftFor(rows.map((r) => r.label)),
      x: probability
        ? { label: xLabel, grid: true, domain: [0, 1], tickFormat: '.0%' }
        : { label: xLabel, grid: true, nice: true, tickFormat: (v: number) => fmt(v) },
      y: { label: null, domain: sorted.map((r) => r.label), tickFormat: shortLabel },
      color: { domain: ['low end', 'high end'], range: [seriesColour(1), seriesColour(0)] },
      marks: [
        Plot.barX(segs, { x1: 'from', x2: 'to', y: 'label', fill: 'end' }),
        Plot.ruleX([base], { stroke: 'currentColor' }),
      ],
    };
  };

/** Differences (variant − baseline) with 95% intervals: dot and rule, centred on zero. */
const differences =
  (rows: readonly DiffRow[]): Spec =>
  () => {
    const m = Math.max(0.01, ...rows.flatMap((r) => [Math.abs(r.low), Math.abs(r.high)]));
    return {
      marginLeft: marginLeftFor(rows.map((r) => r.label)),
      x: {
        domain: [-m * 1.1, m * 1.1],
        tickFormat: formatPointsValue,
        label: 'variant − baseline, percentage points (95% interval)',
        grid: true,
      },
      y: { label: null, domain: rows.map((r) => r.label), tickFormat: shortLabel },
      color: { scheme: divergingScheme, domain: [-m, m] },
      marks: [
        Plot.ruleX([0], { stroke: 'currentColor' }),
        Plot.ruleY(rows, { x1: 'low', x2: 'high', y: 'label', stroke: 'currentColor', strokeWidth: 2 }),
        Plot.dot(rows, { x: 'diff', y: 'label', fill: seriesColour(3), r: 5 }),
      ],
    };
  };

/** Probability comparison: baseline and variant bars side by side per outcome (one row each, grouped). */
const sideBySide =
  (rows: readonly (ProbabilityRow & { readonly which: string })[]): Spec =>
  () => {
    const which = [...new Set(rows.map((r) => r.which))];
    const data = rows.map((r) => ({ ...r, row: `${r.label} · ${r.which}` }));
    return {
      marginLeft: marginLeftFor(data.map((r) => r.row)),
      marginRight: 44,
      x: { domain: [0, 1], tickFormat: '.0%', label: 'probability (95% interval)', grid: true },
      y: { label: null, domain: data.map((r) => r.row) },
      color: { domain: which, range: which.map((_, i) => seriesColour(i)) },
      marks: [
        Plot.barX(data, { x: 'p', y: 'row', fill: 'which' }),
        Plot.ruleY(data, { x1: 'low', x2: 'high', y: 'row', stroke: 'currentColor', strokeWidth: 2 }),
        Plot.text(data, {
          x: 'high',
          y: 'row',
          text: (d: ProbabilityRow) => pct(d.p),
          textAnchor: 'start',
          dx: 4,
        }),
        Plot.ruleX([0]),
      ],
    };
  };

/** Rank correlations in [−1, 1] as bars from zero, sorted by strength; colour by sign. */
const correlations =
  (rows: readonly { readonly label: string; readonly rho: number }[]): Spec =>
  () => {
    const sorted = [...rows].sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho));
    return {
      marginLeft: marginLeftFor(sorted.map((r) => r.label)),
      marginRight: 40,
      x: { domain: [-1, 1], label: 'Spearman rank correlation', grid: true },
      y: { label: null, domain: sorted.map((r) => r.label), tickFormat: shortLabel },
      marks: [
        Plot.barX(sorted, {
          x: 'rho',
          y: 'label',
          fill: (d: { rho: number }) => (d.rho >= 0 ? seriesColour(0) : seriesColour(1)),
        }),
        Plot.text(
          sorted.filter((d) => d.rho >= 0),
          {
            x: 'rho',
            y: 'label',
            text: (d: { rho: number }) => d.rho.toFixed(2),
            textAnchor: 'start',
            dx: 4,
          },
        ),
        Plot.text(
          sorted.filter((d) => d.rho < 0),
          { x: 'rho', y: 'label', text: (d: { rho: number }) => d.rho.toFixed(2), textAnchor: 'end', dx: -4 },
        ),
        Plot.ruleX([0], { stroke: 'currentColor' }),
      ],
    };
  };

/** Convergence: each series' estimate against the number of trials (log x). */
const convergence =
  (rows: readonly { readonly trials: number; readonly series: string; readonly p: number }[]): Spec =>
  () => {
    const series = [...new Set(rows.map((r) => r.series))];
    const last = dodgeLabels(
      series
        .map((s) => rows.filter((r) => r.series === s).at(-1))
        .filter((r) => r !== undefined)
        .map((r) => ({ ...r, y: r.p })),
      0.07,
    );
    return {
      marginRight: marginLeftFor(series),
      x: { type: 'log', label: 'trials', grid: true },
      y: { domain: [0, 1], tickFormat: '.0%', label: 'estimate', grid: true },
      color: { domain: series, range: series.map((_, i) => seriesColour(i)) },
      marks: [
        Plot.lineY(rows, { x: 'trials', y: 'p', stroke: 'series', strokeWidth: 1.5 }),
        Plot.text(last, { x: 'trials', y: 'ly', text: 'series', fill: 'series', textAnchor: 'start', dx: 6 }),
      ],
    };
  };

const fmt = formatNumber;

/** Every chart builder, by chart kind. */
export const chartSpecs = {
  probabilities,
  histogram,
  fan,
  survival,
  shares,
  sweepLine,
  heatmap,
  tornado,
  differences,
  sideBySide,
  convergence,
  correlations,
};
