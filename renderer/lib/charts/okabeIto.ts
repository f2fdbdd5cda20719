/**
 * The Okabe–Ito colour-blind-safe palette (Okabe & Ito, 2008), in the order Parley assigns series.
 * Black is replaced by a mid grey so the eighth colour reads on both light and dark themes.
 */
export const okabeIto: readonly string[] = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#D55E00', // vermillion
  '#56B4E9', // sky blue
  '#CC79A7', // reddish purple
  '#F0E442', // yellow
  '#999999', // grey (instead of black)
];

/** The colour of series i (cycles through the palette). */
export const seriesColour = (i: number): string =>
  okabeIto[((i % okabeIto.length) + okabeIto.length) % okabeIto.length] ?? '#0072B2';

/** A sequential, colour-blind-safe scheme for heatmaps (Plot scheme name). */
export const heatmapScheme = 'viridis';
/** A diverging, colour-blind-safe scheme for signed differences (Plot scheme name). */
export const divergingScheme = 'puor';
