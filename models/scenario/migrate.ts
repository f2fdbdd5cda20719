// Upgrading older scenario files on load: a registry of steps, each taking a raw (already JSON-parsed) file of
// one format version to the next, applied until the current format is reached.
import { SCENARIO_FORMAT } from './scenarioSchema';

export type MigrationStep = {
  readonly from: string;
  readonly to: string;
  readonly up: (raw: Record<string, unknown>) => Record<string, unknown>;
};

/** Known steps. parley.scenario/0 is the (fictional) draft format: identical to /1 except for the tag. */
export const MIGRATIONS: readonly MigrationStep[] = [
  {
    from: 'parley.scenario/0',
    to: 'parley.scenario/1',
    up: (raw) => ({ ...raw, format: 'parley.scenario/1' }),
  },
];

export type MigrationResult =
  | { readonly ok: true; readonly value: unknown; readonly from: string | null; readonly steps: string[] }
  | { readonly ok: false; readonly message: string };

/** Bring a raw file up to the current format. Files that are not objects or lack `format` pass through unchanged. */
export const migrate = (raw: unknown, steps: readonly MigrationStep[] = MIGRATIONS): MigrationResult => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: true, value: raw, from: null, steps: [] };
  let cur = raw as Record<string, unknown>;
  const from = typeof cur.format === 'string' ? cur.format : null;
  const applied: string[] = [];
  while (typeof cur.format === 'string' && cur.format !== SCENARIO_FORMAT) {
    const step = steps.find((s) => s.from === cur.format);
    if (!step) {
      const known = [SCENARIO_FORMAT, ...steps.map((s) => s.from)];
      return {
        ok: false,
        message: `unknown format "${cur.format.slice(0, 60)}" (this version of Parley reads ${known.join(', ')})`,
      };
    }
    if (applied.length > steps.length) return { ok: false, message: 'migration steps form a loop' };
    cur = step.up(cur);
    applied.push(`${step.from} → ${step.to}`);
  }
  return { ok: true, value: cur, from, steps: applied };
};
