// Export one rendered chart through the platform adapter, as SVG (serialised) or PNG (rasterised offscreen).
import type { Platform, SaveResult } from '../platform/Platform';
import { oneChunk, serializeSvg, svgSize, svgToPng } from './chartExport';

/** The first non-transparent background colour up the tree (white when none). */
const backgroundOf = (el: Element): string => {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg && bg !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return '#ffffff';
};

export const exportChart = async (
  platform: Platform,
  svg: SVGSVGElement,
  kind: 'svg' | 'png',
  baseName: string,
  title: string,
): Promise<SaveResult> => {
  const color = getComputedStyle(svg).color || '#000000';
  const text = serializeSvg(svg, { color, background: backgroundOf(svg), title });
  if (kind === 'svg') return platform.exportFile('svg', `${baseName}.svg`, oneChunk(text));
  const { width, height } = svgSize(svg);
  const png = await svgToPng(text, width, height, 2);
  return platform.exportFile('png', `${baseName}.png`, oneChunk(png));
};
