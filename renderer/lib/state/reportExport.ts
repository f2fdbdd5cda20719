// A toast for the result of an export (success, failure; nothing when the user cancelled the dialog).
import type { SaveResult } from '../platform/Platform';

type Notifier = { notify(message: string, kind: 'success'): void; error(message: string): void };

export const reportExport = (app: Notifier, r: SaveResult | null): void => {
  if (!r) return;
  if (r.ok) app.notify(`Exported ${r.name}.`, 'success');
  else if (!r.canceled) app.error(`Export failed: ${r.error ?? 'unknown error'}`);
};
