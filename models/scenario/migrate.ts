// Upgrading older scenario files on load: a registry of steps, each taking a raw (already JSON-parsed) file of
// one format version to the next, applied until the current format is reached.
import { SCENARIO_FORMAT } from './scenarioFormat';

export type MigrationStep = {
  readonly from: string;
  readonly to: string;
  readonly up: (raw: Record<string, unknown>) => Record<string, unknown>;
  /** A reason this file cannot be in the `from` format (a field that format does not have), or null. */
  readonly refuse?: (raw: Record<string, unknown>) => string | null;
};

/** Game-tree rounds exist from format 2 on: an older file that has one would be read as something it never meant. */
const refuseTree = (raw: Record<string, unknown>): string | null =>
  Object.hasOwn(raw, 'tree')
    ? `a ${String(raw.format)} file cannot have "tree" (game-tree rounds are new in ${SCENARIO_FORMAT}); set "format" to "${SCENARIO_FORMAT}"`
    : null;

/**
 * Known steps. parley.scenario/0 is the (fictional) draft format: identical to /1 except for the tag. /1 → /2:
 * format 2 only adds the optional `tree` (a round as a game tree); a /1 file has none, so each of its rounds stays
 * simultaneous and means exactly what it meant — the step only rewrites the tag (saving then writes /2).
 */
export const MIGRATIONS: readonly MigrationStep[] = [
  {
    from: 'parley.scenario/0',
    to: 'parley.scenario/1',
    up: (raw) => ({ ...raw, format: 'parley.scenario/1' }),
    refuse: refuseTree,
  },
  {
    from: 'parley.scenario/1',
    to: 'parley.scenario/2',
    up: (raw) => ({ ...raw, format: 'parley.scenario/2' }),
    refuse: refuseTree,
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
    const refusal = step.refuse?.(cur) ?? null;
    if (refusal !== null) return { ok: false, message: refusal };
    cur = step.up(cur);
    applied.push(`${step.from} → ${step.to}`);
  }
  return { ok: true, value: cur, from, steps: applied };
};

/**
 * The text to save for a document: when it is written in an older format whose upgrade only rewrites the tag
 * (/0, /1), the same text with its `format` value set to the current format; else the text unchanged (invalid
 * JSON, unknown or current format). Only the tag's value is replaced, so the author's layout stays. Never throws.
 */
export const withCurrentFormat = (text: string): string => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return text;
  const fmt = (raw as Record<string, unknown>).format;
  if (typeof fmt !== 'string' || fmt === SCENARIO_FORMAT) return text;
  const mig = migrate(raw);
  if (!mig.ok || !TAG_ONLY.has(fmt)) return text;
  const tag = new RegExp(`("format"\\s*:\\s*)${JSON.stringify(fmt).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`);
  const out = text.replace(tag, `$1${JSON.stringify(SCENARIO_FORMAT)}`);
  try {
    const back = JSON.parse(out) as Record<string, unknown>;
    return back.format === SCENARIO_FORMAT ? out : text;
  } catch {
    return text;
  }
};

/** Formats whose migration to the current one rewrites only the tag (so rewriting the tag in the text is the whole upgrade). */
const TAG_ONLY: ReadonlySet<string> = new Set(['parley.scenario/0', 'parley.scenario/1']);
