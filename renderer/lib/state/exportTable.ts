// Every table export of the app: the CSV under `<scenario>-<table>-<seed>.csv` and, beside it, its sidecar JSON
// (`.json`, the result's full provenance) — both named from the RESULT's provenance, never from the document now
// open. A cancelled or failed CSV export writes no sidecar.
import type { Provenance } from '../../../models/engine/Provenance';
import { exportBaseName, makeSidecar, sidecarText, type ExportTable } from '../../../models/engine/sidecar';
import type { Platform, SaveResult } from '../platform/Platform';

/** The CSV then its sidecar; the result of the CSV export (the sidecar's failure is reported in its place). */
export const exportTable = async (
  platform: Platform,
  provenance: Provenance,
  table: ExportTable,
  csv: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  runId: string | null = null,
): Promise<SaveResult> => {
  const base = exportBaseName(provenance, table);
  const r = await platform.exportFile('csv', `${base}.csv`, csv);
  if (!r.ok) return r;
  const pairName = /\.csv$/i.test(r.name) ? r.name.replace(/\.csv$/i, '.json') : `${base}.json`;
  const s = await platform.exportFile('json', pairName, [sidecarText(makeSidecar(provenance, table, runId))]);
  return s.ok ? { ...r, name: `${r.name} and ${s.name}` } : s;
};
