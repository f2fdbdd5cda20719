import { describe, expect, it } from 'vitest';
import {
  serializeSvg,
  svgDataUrl,
  findChartSvg,
  svgSize,
  oneChunk,
} from '../../../renderer/lib/charts/chartExport';
import { exportBaseName } from '../../../models/engine/sidecar';

const NS = 'http://www.w3.org/2000/svg';
const makeSvg = () => {
  const div = document.createElement('div');
  const figure = document.createElement('figure');
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('width', '200');
  svg.setAttribute('height', '100');
  svg.setAttribute('aria-hidden', 'true');
  const style = document.createElementNS(NS, 'style');
  style.textContent = '.plot{font:10px sans-serif}';
  const rect = document.createElementNS(NS, 'rect');
  rect.setAttribute('width', '10');
  rect.setAttribute('height', '20');
  rect.setAttribute('fill', 'currentColor');
  svg.append(style, rect);
  figure.append(svg);
  div.append(figure);
  document.body.append(div);
  return div;
};

describe('chart export', () => {
  it('finds the chart svg inside a Plot figure', () => {
    const div = makeSvg();
    const svg = findChartSvg(div.firstElementChild);
    expect(svg?.getAttribute('width')).toBe('200');
    expect(svgSize(svg!)).toEqual({ width: 200, height: 100 });
    expect(findChartSvg(null)).toBeNull();
  });

  it('finds the drawing, not a legend swatch, in a Plot figure with a legend (the QRE chart)', () => {
    const div = makeSvg();
    const figure = div.firstElementChild!;
    const legend = document.createElement('div');
    const swatch = document.createElementNS(NS, 'svg');
    swatch.setAttribute('width', '15');
    legend.append(swatch);
    figure.prepend(legend);
    expect(findChartSvg(figure)?.getAttribute('width')).toBe('200');
  });

  it('serialises a standalone SVG with namespace, size, title, colour and background', () => {
    const svg = findChartSvg(makeSvg())!;
    const text = serializeSvg(svg, {
      color: 'rgb(10, 20, 30)',
      background: '#ffffff',
      title: 'Outcomes & more',
    });
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(text).toContain('viewBox="0 0 200 100"');
    expect(text).toContain('<title>Outcomes &amp; more</title>');
    expect(text).toContain('role="img"');
    expect(text).not.toContain('aria-hidden');
    expect(text).toMatch(/color: rgb\(10, 20, 30\)/);
    // background rect after title/style, before the drawing
    expect(text.indexOf('fill="#ffffff"')).toBeGreaterThan(text.indexOf('</style>'));
    expect(text.indexOf('fill="#ffffff"')).toBeLessThan(text.indexOf('height="20"'));
    // the page's own chart is untouched
    expect(svg.querySelector('title')).toBeNull();
  });

  it('makes a data: URL (allowed by the CSP img-src) and a one-chunk stream', async () => {
    expect(svgDataUrl('<svg a="1"/>')).toBe('data:image/svg+xml;charset=utf-8,%3Csvg%20a%3D%221%22%2F%3E');
    const got: (string | Uint8Array)[] = [];
    for await (const c of oneChunk('x')) got.push(c);
    expect(got).toEqual(['x']);
  });

  it('names run exports after the scenario and seed, safely', () => {
    expect(exportBaseName({ scenario: { id: 'korea-2025' }, seed: 42 }, 'trials')).toBe(
      'korea-2025-trials-42',
    );
    expect(exportBaseName({ scenario: { id: 'a/b c' }, seed: 1 }, 'sweep')).toBe('a-b-c-sweep-1');
  });
});
