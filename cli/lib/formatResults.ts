// Readable text renderings of engine results for stdout.
import type { CompareResult } from '../../models/engine/runCompare';
import type { RunResult } from '../../models/engine/runScenario';
import type { SensitivityResult } from '../../models/engine/runSensitivity';
import type { SweepResult } from '../../models/engine/runSweep';
import type { TrialReplay } from '../../models/engine/replayTrial';
import { terminalText } from '../../models/text/terminalText';
import {
  formatPercent,
  formatPercentTriple,
  formatPoints,
  formatPointsInterval,
} from '../../models/text/format';

// the app's one number formatter (models/text/format): digits enough that an interval never collapses to one value
const pct = formatPercent;
/** A probability and its 95% interval, at shared digits: [p, "low – high"]. */
const pctInterval = (p: number, low: number, high: number): [string, string] => {
  const [a, b, c] = formatPercentTriple(p, low, high);
  return [a, `${b} – ${c}`];
};
const num = (x: number): string => {
  if (!Number.isFinite(x)) return String(x);
  const r = Number(x.toPrecision(4));
  return Object.is(r, -0) ? '0' : String(r);
};

/** An aligned table; cells are escaped (terminalText) first so that widths are those shown. */
const table = (head: string[], cells: string[][]): string[] => {
  const rows = cells.map((r) => r.map(terminalText));
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, k) => (k === 0 ? c.padEnd(widths[k] ?? 0) : c.padStart(widths[k] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
};

const runHeader = (r: RunResult): string[] => {
  const over = Object.entries(r.overrides);
  return [
    `${r.scenario.title} (${r.scenario.id})`,
    `seed ${r.seedText} · ${r.trials.toLocaleString('en-US')} trials${r.stoppedEarly ? ` (auto-stopped; planned ${r.plannedTrials})` : ''} · ${r.rounds} ${r.roundLabel}${r.rounds === 1 ? '' : 's'} · sampler ${r.sampler}${over.length ? ` · set ${over.map(([k, v]) => `${k}=${v}`).join(', ')}` : ''}`,
  ];
};

export const formatRun = (r: RunResult): string[] => {
  const lines = runHeader(r);
  lines.push(
    '',
    `Outcomes (within ${r.rounds} ${r.roundLabel}${r.rounds === 1 ? '' : 's'}; 95% Wilson interval):`,
  );
  lines.push(
    ...table(
      ['outcome', 'p', '95% interval', 'median first ' + r.roundLabel],
      r.outcomes.map((o) => [
        o.label,
        ...pctInterval(o.p, o.low, o.high),
        o.medianFirstRound === null ? '–' : String(o.medianFirstRound),
      ]),
    ),
  );
  if (r.metrics.length) {
    lines.push('', `Metrics (value at the end of the last ${r.roundLabel}):`);
    lines.push(
      ...table(
        ['metric', 'mean', 'sd', 'p5', 'p50', 'p95', 'min', 'max'],
        r.metrics.map((m) => [
          m.label,
          num(m.mean),
          num(m.sd),
          num(m.quantiles.p5),
          num(m.quantiles.p50),
          num(m.quantiles.p95),
          num(m.min),
          num(m.max),
        ]),
      ),
    );
  }
  if (r.events.length) {
    lines.push('', 'Events (fired within the horizon):');
    lines.push(
      ...table(
        ['event', 'p', '95% interval'],
        r.events.map((e) => [e.label, ...pctInterval(e.p, e.low, e.high)]),
      ),
    );
  }
  const eq = r.equilibria;
  if (eq.rounds > 0) {
    lines.push(
      '',
      `Equilibria played (share of ${r.roundLabel}s): pure ${pct(eq.pure / eq.rounds)}, mixed ${pct(eq.mixed / eq.rounds)}, no nash actor ${pct(eq.none / eq.rounds)}; several pure equilibria in ${pct(eq.multiplePure / eq.rounds)}`,
    );
  }
  if (r.profiles.length) {
    lines.push('', 'Most frequent strategy profiles:');
    for (const p of r.profiles.slice(0, 5)) lines.push(`  ${pct(p.share).padStart(6)}  ${p.label}`);
  }
  return lines;
};

export const formatSweep = (s: SweepResult): string[] => {
  const lines = [
    `${s.scenario.title} (${s.scenario.id}) — sweep of ${s.x.param}${s.y ? ` × ${s.y.param}` : ''}`,
    `seed ${s.seedText} · ${s.trials.toLocaleString('en-US')} trials per point (common random numbers) · sampler ${s.sampler}`,
    '',
  ];
  const outcomes = s.points[0]?.outcomes ?? [];
  const head = [s.x.param, ...(s.y ? [s.y.param] : []), ...outcomes.map((o) => `P(${o.id}) [95%]`)];
  lines.push(
    ...table(
      head,
      s.points.map((pt) => [
        num(pt.x),
        ...(s.y ? [num(pt.y as number)] : []),
        ...pt.outcomes.map((o) => {
          const [a, b, c] = formatPercentTriple(o.p, o.low, o.high);
          return `${a} [${b}, ${c}]`;
        }),
      ]),
    ),
  );
  return lines;
};

export const formatCompare = (c: CompareResult): string[] => {
  const lines = runHeader(c.baseline);
  lines.push(
    `variant: ${Object.entries(c.variantOverrides)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')} (same trial seeds)`,
    '',
  );
  lines.push(
    ...table(
      ['outcome', 'baseline', 'variant', 'difference', '95% interval'],
      c.outcomes.map((o) => [
        o.label,
        pct(o.baseline),
        pct(o.variant),
        formatPoints(o.diff),
        formatPointsInterval(o.diff, o.low, o.high).replace(/^.* pts \((.*)\)$/, '$1 pts'),
      ]),
    ),
  );
  if (c.metrics.length) {
    lines.push('');
    lines.push(
      ...table(
        ['metric (mean)', 'baseline', 'variant', 'difference', '95% interval'],
        c.metrics.map((m) => [
          m.label,
          num(m.baseline),
          num(m.variant),
          num(m.diff),
          `${num(m.low)} – ${num(m.high)}`,
        ]),
      ),
    );
  }
  return lines;
};

export const formatSensitivity = (s: SensitivityResult, target: string): string[] => {
  const isOutcome = s.base.outcomes.some((o) => o.id === target);
  const base = isOutcome
    ? s.base.outcomes.find((o) => o.id === target)?.p
    : s.base.metrics.find((m) => m.id === target)?.mean;
  const show = (x: number): string => (isOutcome ? pct(x) : num(x));
  const lines = [
    `${s.scenario.title} (${s.scenario.id}) — sensitivity of ${isOutcome ? `P(${target})` : `mean ${target}`}`,
    `seed ${String(s.seed)} · ${s.trials.toLocaleString('en-US')} trials per bar (common random numbers); baseline (all parameters at their defaults): ${base === undefined ? '?' : show(base)}`,
    '',
    'Tornado (one at a time; low/high = 5th/95th percentile of the distribution, or the slider range):',
  ];
  const bars = s.tornado.map((b) => {
    const t = isOutcome ? b.outcomes.find((o) => o.id === target) : b.metrics.find((m) => m.id === target);
    return { b, low: t?.low ?? NaN, high: t?.high ?? NaN };
  });
  bars.sort((x, y) => Math.abs(y.high - y.low) - Math.abs(x.high - x.low));
  lines.push(
    ...table(
      ['parameter', 'low value', 'high value', 'at low', 'at high', 'swing', 'source'],
      bars.map(({ b, low, high }) => [
        b.param,
        num(b.lowValue),
        num(b.highValue),
        show(low),
        show(high),
        isOutcome ? `${((high - low) * 100).toFixed(1)} pts` : num(high - low),
        b.source,
      ]),
    ),
  );
  if (s.spearman.length) {
    lines.push(
      '',
      `Global (Spearman rank correlation over ${s.globalTrials.toLocaleString('en-US')} trials with every uncertain parameter sampled):`,
    );
    const rows = s.spearman
      .map((p) => ({
        p,
        rho: (isOutcome ? p.outcomes : p.metrics).find((x) => x.id === target)?.rho ?? null,
      }))
      .sort((a, b) => Math.abs(b.rho ?? 0) - Math.abs(a.rho ?? 0));
    lines.push(
      ...table(
        ['parameter', 'rho'],
        rows.map(({ p, rho }) => [p.param, rho === null ? '–' : rho.toFixed(3)]),
      ),
    );
  }
  return lines;
};

export const formatReplay = (t: TrialReplay): string[] => {
  const lines = [
    `Trial ${t.trial} (seed ${t.seedText})`,
    `parameters: ${t.params.map((p) => `${p.id}=${num(p.value)}`).join(', ')}`,
    '',
  ];
  for (const r of t.rounds) {
    lines.push(
      `round ${r.round} (month ${r.month}): ${[...r.choices.map((c) => `${c.actor}:${c.strategy}`), ...r.chance.map((c) => `${c.move}:${c.outcome}`)].join(' ')} [${r.equilibrium}]` +
        `${r.outcomes.length ? ` → ${r.outcomes.join(', ')}` : ''}${r.events.length ? ` · events: ${r.events.join(', ')}` : ''}` +
        ` · ${r.state.map((s) => `${s.id}=${num(s.value)}`).join(' ')}`,
    );
  }
  return lines;
};
