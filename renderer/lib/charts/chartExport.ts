// Export of a rendered chart: the chart's own SVG serialised (self-contained), and a PNG drawn from that SVG on an
// offscreen canvas. Needs no inline script and no eval: the SVG is loaded as a data: image (CSP img-src allows data:).

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The chart's <svg> inside a rendered Plot node (Plot returns an <svg>, or a <figure> wrapping one). */
export const findChartSvg = (root: Element | null): SVGSVGElement | null => {
  if (!root) return null;
  if (root instanceof SVGSVGElement) return root;
  // a Plot <figure> with a legend holds one small <svg> per swatch before the drawing: the drawing is the
  // figure's own <svg> child
  return root.querySelector(':scope > svg') ?? root.querySelector('svg');
};

export type SerializeOptions = {
  /** Text colour that `currentColor` resolves to (axes, labels). */
  readonly color?: string;
  /** Background fill (a rect behind everything); null = transparent. */
  readonly background?: string | null;
  /** Title written into the SVG (<title>), for accessibility of the exported file. */
  readonly title?: string;
};

/** A standalone SVG document of the chart (XML declaration-free, with xmlns, size, colour and optional background). */
export const serializeSvg = (svg: SVGSVGElement, options: SerializeOptions = {}): string => {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  const { width, height } = svgSize(svg);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  if (options.color) clone.style.setProperty('color', options.color);
  const doc = clone.ownerDocument;
  clone.removeAttribute('aria-hidden'); // hidden in the page (the container is the image), not in the file
  if (options.title) {
    clone.setAttribute('role', 'img');
    const title = doc.createElementNS(SVG_NS, 'title');
    title.textContent = options.title;
    clone.insertBefore(title, clone.firstChild);
  }
  if (options.background) {
    const rect = doc.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('x', '0');
    rect.setAttribute('y', '0');
    rect.setAttribute('width', '100%');
    rect.setAttribute('height', '100%');
    rect.setAttribute('fill', options.background);
    // after <title>/<style> so the document still starts with its metadata
    const firstDrawn = Array.from(clone.childNodes).find(
      (n) => !(n instanceof Element && (n.localName === 'title' || n.localName === 'style')),
    );
    clone.insertBefore(rect, firstDrawn ?? null);
  }
  return new XMLSerializer().serializeToString(clone);
};

/** The SVG's intrinsic size (attributes first, then layout). */
export const svgSize = (svg: SVGSVGElement): { width: number; height: number } => {
  const w = Number(svg.getAttribute('width'));
  const h = Number(svg.getAttribute('height'));
  if (w > 0 && h > 0) return { width: w, height: h };
  const box = svg.getBoundingClientRect();
  return { width: Math.max(1, Math.round(box.width)), height: Math.max(1, Math.round(box.height)) };
};

/** data: URL of an SVG text (img-src 'self' data: blob: allows it under the app's CSP). */
export const svgDataUrl = (svgText: string): string =>
  `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;

/** Rasterise an SVG document to PNG bytes at `scale` × its size. */
export const svgToPng = async (
  svgText: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Uint8Array> => {
  const img = new Image();
  img.width = width;
  img.height = height;
  img.src = svgDataUrl(svgText);
  await img.decode();
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  let blob: Blob;
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('PNG export: no 2D canvas context available.');
    ctx.drawImage(img, 0, 0, w, h);
    blob = await canvas.convertToBlob({ type: 'image/png' });
  } else {
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('PNG export: no 2D canvas context available.');
    ctx.drawImage(img, 0, 0, w, h);
    blob = await new Promise<Blob>((ok, fail) =>
      canvas.toBlob(
        (b) => (b ? ok(b) : fail(new Error('PNG export: the canvas produced no image.'))),
        'image/png',
      ),
    );
  }
  return new Uint8Array(await blob.arrayBuffer());
};

/** One-chunk async iterable (exportFile takes a stream of chunks). */
export async function* oneChunk(chunk: string | Uint8Array): AsyncGenerator<string | Uint8Array> {
  yield chunk;
}
