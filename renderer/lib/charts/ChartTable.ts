/** A plain data table rendered (visually hidden) next to a chart for screen readers. */
export type ChartTable = {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
};
