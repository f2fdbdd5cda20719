import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import Chart from '../../../renderer/components/charts/Chart.svelte';
import { chartSpecs } from '../../../renderer/lib/charts/chartSpecs';
import { okabeIto, seriesColour } from '../../../renderer/lib/charts/okabeIto';

const rows = [
  { label: 'Talks', p: 0.6, low: 0.55, high: 0.65 },
  { label: 'War', p: 0.1, low: 0.08, high: 0.12 },
];

describe('chartSpecs margins', () => {
  it('leave room for a long bar label on the left and the "100%" written after a full bar', () => {
    const spec = chartSpecs.probabilities([
      { label: 'Someone backs down', p: 1, low: 0.9996, high: 1 },
      { label: 'Crash', p: 0, low: 0, high: 0.0004 },
    ])(800);
    // "Someone backs down" is 131 px in the charts' 12px system-ui font (measured in Chromium), plus the tick
    expect(spec.marginLeft).toBeGreaterThanOrEqual(140);
    expect(spec.marginRight).toBeGreaterThanOrEqual(40);
  });
});

describe('chartSpecs.differences', () => {
  it('labels its axis in percentage points, the unit of the difference table (not per cent)', () => {
    const spec = chartSpecs.differences([{ label: 'Talks', diff: 0.05, low: 0.03, high: 0.07 }])(800) as {
      x: { label: string; tickFormat: (v: number) => string };
    };
    expect(spec.x.label).toMatch(/percentage points/);
    expect([0.05, -0.025, 0].map(spec.x.tickFormat)).toEqual(['+5.0', '−2.5', '0.0']);
  });
});

describe('Chart', () => {
  it('renders the Plot into an accessible role="img" with a hidden data table', async () => {
    render(Chart, {
      spec: chartSpecs.probabilities(rows),
      label: 'Outcome probabilities',
      summary: 'Talks 60%',
      table: { columns: ['Outcome', 'p'], rows: rows.map((r) => [r.label, r.p]) },
    });
    const img = screen.getByRole('img', { name: 'Outcome probabilities' });
    await new Promise((r) => setTimeout(r, 0));
    expect(img.querySelector('svg')).not.toBeNull();
    expect(img.getAttribute('data-ready')).toBe('true');
    // the container is the image: the drawing is hidden from assistive tech and carries no stray aria-labels
    expect(img.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(img.querySelectorAll('[aria-label]')).toHaveLength(0);
    expect(screen.getByText('Talks 60%')).toBeTruthy();
    const cells = screen.getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['Talks', '0.6', 'War', '0.1']);
  });

  it('every chart builder draws without throwing', async () => {
    const specs = [
      chartSpecs.histogram(
        [{ x0: 0, x1: 1, count: 3 }],
        { p5: 0, p25: 0.2, p50: 0.5, p75: 0.7, p95: 1 },
        'x',
      ),
      chartSpecs.fan(
        [1, 2, 3].map((round) => ({ round, p5: 0, p25: 1, p50: 2, p75: 3, p95: 4 })),
        'y',
        'month',
      ),
      chartSpecs.survival(
        [0, 1, 2].map((round) => ({ series: 'Talks', round, survival: 1 - round / 4 })),
        'month',
      ),
      chartSpecs.shares([{ label: 'A / B', share: 0.7 }]),
      chartSpecs.sweepLine(
        [0, 0.5, 1].map((x) => ({ x, p: x, low: x * 0.9, high: x, series: 'Talks' })),
        'support',
      ),
      chartSpecs.heatmap(
        [
          { x: 0, y: 0, p: 0.2 },
          { x: 1, y: 0, p: 0.7 },
        ],
        'a',
        'b',
      ),
      chartSpecs.tornado([{ label: 'a', low: 0.2, high: 0.8 }], 0.5, 'P(talks)'),
      chartSpecs.differences([{ label: 'Talks', diff: 0.1, low: 0.05, high: 0.15 }]),
      chartSpecs.correlations([
        { label: 'a', rho: 0.5 },
        { label: 'b', rho: -0.2 },
      ]),
      chartSpecs.convergence([100, 1000].map((trials) => ({ trials, series: 'Talks', p: 0.3 }))),
      chartSpecs.sideBySide([
        { ...rows[0]!, which: 'baseline' },
        { ...rows[0]!, p: 0.7, which: 'variant' },
      ]),
    ];
    for (const spec of specs) {
      const { container, unmount } = render(Chart, { spec, label: 'c' });
      await new Promise((r) => setTimeout(r, 0));
      expect(container.querySelector('[role="alert"]')).toBeNull();
      expect(container.querySelector('svg')).not.toBeNull();
      unmount();
    }
  });

  it('shows a drawing failure as a message in place', async () => {
    render(Chart, {
      spec: () => {
        throw new Error('bad data');
      },
      label: 'broken',
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByRole('alert').textContent).toMatch(/could not be drawn: bad data/);
  });

  it('uses the Okabe–Ito palette, cycling', () => {
    expect(okabeIto).toHaveLength(8);
    expect(seriesColour(0)).toBe('#0072B2');
    expect(seriesColour(8)).toBe(seriesColour(0));
  });
});

describe('chart specs', () => {
  it('end labels of coinciding curves are moved apart', () => {
    const rows = [0, 1, 2].flatMap((round) =>
      ['Crisis', 'Provocation'].map((series) => ({ series, round, survival: 1 - round * 0.3 })),
    );
    const opts = chartSpecs.survival(rows, 'month')(600);
    const text = (opts.marks ?? []).at(-1) as unknown as {
      data: { ly: number }[];
      channels: { y: { value: unknown } };
    };
    expect(text.channels.y.value).toBe('ly');
    const ys = text.data.map((d) => d.ly).sort();
    expect(ys).toHaveLength(2);
    expect(Math.abs((ys[1] ?? 0) - (ys[0] ?? 0))).toBeGreaterThanOrEqual(0.07 - 1e-12);
  });
});
