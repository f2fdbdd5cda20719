// The sidecar JSON written next to every CSV export (`<scenario>-<table>-<seed>.csv` + `.json`): how to read the
// table (encoding, delimiter, decimal mark) and the full Provenance of the result it holds, so the file can be
// traced to its inputs and re-run (`parley rerun file.json` reproduces the CSV byte for byte).
// The flat keys of the first sidecar format are kept for readers written against it.
import { CSV_FORMAT_VERSION } from './csv';
import type { Provenance } from './Provenance';

/** What a CSV export holds. */
export type ExportTable = 'trials' | 'summary' | 'sweep' | 'compare' | 'sensitivity';

export const SIDECAR_VERSION = 2;

export type Sidecar = {
  readonly sidecar_version: typeof SIDECAR_VERSION;
  readonly format_version: typeof CSV_FORMAT_VERSION;
  readonly table: ExportTable;
  readonly app: 'parley';
  readonly app_version: string;
  readonly scenario: string;
  readonly scenario_title: string;
  readonly scenario_hash: string;
  readonly run_id: string | null;
  readonly root_seed: Provenance['seed'];
  readonly sampler: Provenance['sampler'];
  /** Trials actually run (fewer than planned when the stop-early rule ended the run). */
  readonly trials: number | null;
  readonly planned_trials: number | null;
  readonly rounds: number | null;
  readonly overrides: Readonly<Record<string, number>>;
  readonly stop_early: Provenance['stopEarly'];
  readonly workers: number | null;
  /** When the computation started (ISO 8601), not when the file was written. */
  readonly timestamp: string | null;
  readonly encoding: 'UTF-8';
  readonly delimiter: ',';
  readonly decimal: '.';
  readonly provenance: Provenance;
};

/** The sidecar of a table holding a result with this provenance (`runId` when the result has one). */
export const makeSidecar = (
  provenance: Provenance,
  table: ExportTable,
  runId: string | null = null,
): Sidecar => {
  const d = provenance.detail;
  const trialsRun = d.kind === 'run' || d.kind === 'estimate' ? d.trialsRun : provenance.trials;
  return {
    sidecar_version: SIDECAR_VERSION,
    format_version: CSV_FORMAT_VERSION,
    table,
    app: 'parley',
    app_version: provenance.appVersion,
    scenario: provenance.scenario.id,
    scenario_title: provenance.scenario.title,
    scenario_hash: provenance.scenario.hash,
    run_id: runId,
    root_seed: provenance.seed,
    sampler: provenance.sampler,
    trials: trialsRun,
    planned_trials: provenance.trials,
    rounds: provenance.rounds,
    overrides: provenance.overrides,
    stop_early: provenance.stopEarly,
    workers: provenance.workers,
    timestamp: provenance.startedAt,
    encoding: 'UTF-8',
    delimiter: ',',
    decimal: '.',
    provenance,
  };
};

/** The sidecar's text: JSON, 2-space indent, final newline. */
export const sidecarText = (s: Sidecar): string => `${JSON.stringify(s, null, 2)}\n`;

/** `<scenario>-<table>-<seed>` with safe characters only: the base name of an export and its sidecar. */
export const exportBaseName = (
  p: { readonly scenario: { readonly id: string }; readonly seed: Provenance['seed'] },
  table: ExportTable,
): string => {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  const seed = p.seed === null ? 'exact' : safe(String(p.seed)) || 'seed';
  return `${safe(p.scenario.id) || 'scenario'}-${table}-${seed}`;
};
