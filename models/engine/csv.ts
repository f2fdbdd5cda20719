// The engine's CSV names: the one writer lives in models/text/csv.ts (also imported from here by older code, e.g. the
// class session's CSV); this file adds the engine's export format version.
export { CSV_EOL, csvHeader, csvLine, csvNumber, csvRow, csvText } from '../text/csv';

export const CSV_FORMAT_VERSION = 1;
