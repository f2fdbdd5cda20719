// Scenario file text → a validated Scenario (plus its compiled ModelSpec), or EVERY problem at once, each with
// its JSON path and a plain-language message. Never throws.
import { gambitFileHint } from './gambitFileHint';
import { INPUT_LIMITS } from '../text/inputLimits';
import type { z } from 'zod';
import { SuggestionIndex, suggestion } from '../formula/didYouMean';
import { compileScenario } from './compileScenario';
import type { ScenarioIssue } from './compile/ScenarioDiagnostics';
import { checkScenarioLimits } from './compile/checkLimits';
import { migrate } from './migrate';
import { formatPath, parseJson } from './parseJson';
import type { ModelSpec } from './RuntimeModel';
import { SCENARIO_FORMAT, ScenarioSchema, scenarioJsonSchema, type Scenario } from './scenarioSchema';
import { MAX_SCENARIO_TEXT } from './scenarioLimits';

export type { ScenarioIssue };

export type ParseScenarioResult =
  | {
      readonly ok: true;
      readonly scenario: Scenario;
      readonly spec: ModelSpec;
      readonly warnings: ScenarioIssue[];
      /** Format the file was written in when it was migrated (e.g. "parley.scenario/0"), else null. */
      readonly migratedFrom: string | null;
    }
  | { readonly ok: false; readonly issues: ScenarioIssue[] };

export { MAX_SCENARIO_TEXT };

let fieldNames: string[] | null = null;
/** Every field name of the format (computed once), indexed for "did you mean" — a fresh index per file, whose
 * query budget is that file's. */
const knownFields = (): SuggestionIndex => {
  if (!fieldNames) {
    const names = new Set<string>();
    const walk = (s: unknown, depth: number): void => {
      if (depth > 40 || typeof s !== 'object' || s === null) return;
      const o = s as Record<string, unknown>;
      if (o.properties && typeof o.properties === 'object')
        for (const k of Object.keys(o.properties)) names.add(k);
      for (const v of Object.values(o)) walk(v, depth + 1);
    };
    walk(scenarioJsonSchema(), 0);
    fieldNames = [...names];
  }
  return new SuggestionIndex(fieldNames);
};

const describeValue = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v)}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return typeof v;
};

const TYPE_NOUN: Record<string, string> = {
  string: 'text (a string)',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  int: 'a whole number',
};

type ZIssue = z.core.$ZodIssue & { input?: unknown };

/** ` ("а" is U+0430, not a Latin letter)` for the first non-ASCII character of an id, else ''. */
export const nonAsciiHint = (v: unknown): string => {
  if (typeof v !== 'string') return '';
  for (const ch of v) {
    const c = ch.codePointAt(0) as number;
    if (c > 127) {
      const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
      return ` (${JSON.stringify(ch)} is ${code}, not a plain Latin letter or digit)`;
    }
  }
  return '';
};

const clipKey = (k: string): string => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k);

const formatIssues = (
  list: readonly ZIssue[],
  prefix: readonly PropertyKey[],
  out: ScenarioIssue[],
  fields: { index: SuggestionIndex | null } = { index: null },
): void => {
  for (const iss of list) {
    const path = [...prefix, ...iss.path].map((p) => (typeof p === 'symbol' ? String(p) : p)) as (
      string | number
    )[];
    const push = (message: string, p = path): void => {
      out.push({ path: formatPath(p), message });
    };
    switch (iss.code) {
      case 'invalid_type':
        if (iss.input === undefined) push('is required');
        else push(`must be ${TYPE_NOUN[iss.expected] ?? iss.expected}, not ${describeValue(iss.input)}`);
        break;
      case 'unrecognized_keys':
        // Past the listed-issues limit, no "did you mean" is computed (the lines are only counted).
        for (const k of iss.keys) {
          const hint =
            out.length < INPUT_LIMITS.issues ? suggestion(k, (fields.index ??= knownFields())) : '';
          push(`unknown field ${clipKey(k)}${hint}`, [...path, k]);
        }
        break;
      case 'invalid_union': {
        const u = iss as ZIssue & {
          note?: string;
          discriminator?: string;
          options?: unknown[];
          errors: ZIssue[][];
        };
        if (u.note === 'No matching discriminator') {
          const options = (u.options ?? []).map(String);
          const got = (iss.input as Record<string, unknown> | undefined)?.[u.discriminator ?? ''];
          const hint = typeof got === 'string' ? suggestion(got, options) : '';
          push(
            got === undefined
              ? `is required (one of ${options.map((o) => `"${o}"`).join(', ')})`
              : `must be one of ${options.map((o) => `"${o}"`).join(', ')}, not ${describeValue(got)}${hint}`,
            u.path.length && u.path.at(-1) === u.discriminator ? path : [...path, u.discriminator ?? 'type'],
          );
          break;
        }
        // An alternative that got past the type check carries the useful detail: report its issues.
        const deep = u.errors.find((alt) => alt.some((e) => e.code !== 'invalid_type' || e.path.length > 0));
        if (deep) {
          formatIssues(deep, path, out, fields);
          break;
        }
        const expected = [
          ...new Set(
            u.errors
              .flat()
              .flatMap((e) => (e.code === 'invalid_type' ? [TYPE_NOUN[e.expected] ?? e.expected] : [])),
          ),
        ];
        push(
          expected.length
            ? `must be ${expected.join(' or ')}, not ${describeValue(iss.input)}`
            : 'does not match any allowed form',
        );
        break;
      }
      case 'too_small': {
        const min = Number(iss.minimum);
        if (iss.origin === 'array') push(`needs at least ${min} item${min === 1 ? '' : 's'}`);
        else if (iss.origin === 'string')
          push(min <= 1 ? 'must not be empty' : `must be at least ${min} characters`);
        else push(`must be ${iss.inclusive ? 'at least' : 'greater than'} ${min}`);
        break;
      }
      case 'too_big': {
        const max = Number(iss.maximum);
        if (iss.origin === 'array') push(`has too many items (at most ${max})`);
        else if (iss.origin === 'string') push(`is too long (at most ${max} characters)`);
        else push(`must be ${iss.inclusive ? 'at most' : 'less than'} ${max}`);
        break;
      }
      case 'invalid_value':
        push(
          `must be ${iss.values.map((v) => JSON.stringify(v)).join(' or ')}, not ${describeValue(iss.input)}`,
        );
        break;
      case 'invalid_format':
        push(
          iss.format === 'url'
            ? 'must be a web address (https://…)'
            : `${iss.message}${nonAsciiHint(iss.input)}`,
        );
        break;
      case 'invalid_key': {
        const key = typeof iss.input === 'string' ? iss.input : String(iss.path.at(-1) ?? '');
        const inner = (iss as ZIssue & { issues?: ZIssue[] }).issues?.[0];
        const why =
          inner?.code === 'too_big'
            ? 'is too long (at most 64 characters)'
            : 'must start with a letter and contain only letters, digits and _';
        push(`${clipKey(key)} is not a valid id: it ${why}${nonAsciiHint(key)}`);
        break;
      }
      case 'not_multiple_of':
        push(`must be a multiple of ${String(iss.divisor)}`);
        break;
      default:
        push(iss.message);
    }
  }
};

/**
 * Own "__proto__" keys anywhere in the value (the JSON reader keeps them as plain data, but a record would
 * silently drop them, losing whatever the user wrote there): each becomes an issue.
 */
const protoKeys = (v: unknown, path: (string | number)[], out: ScenarioIssue[], depth = 0): void => {
  if (depth > 250 || typeof v !== 'object' || v === null || out.length >= 100) return;
  if (Array.isArray(v)) {
    v.forEach((x, i) => protoKeys(x, [...path, i], out, depth + 1));
    return;
  }
  for (const k of Object.keys(v)) {
    if (k === '__proto__') {
      out.push({
        path: formatPath([...path, k]),
        message: '"__proto__" is not allowed as a name or key (it is reserved); rename it',
      });
    } else protoKeys((v as Record<string, unknown>)[k], [...path, k], out, depth + 1);
  }
};

/** Validate an already-parsed JSON value (e.g. a built-in imported as a JSON module). Never throws. */
export const parseScenarioValue = (raw: unknown, fileName?: string): ParseScenarioResult => {
  // Declared limits first (models/text/inputLimits.ts): counting keys is linear; what they bound is not.
  const over = checkScenarioLimits(raw);
  if (over.length) return { ok: false, issues: over };
  const reserved: ScenarioIssue[] = [];
  protoKeys(raw, [], reserved);
  if (reserved.length === 0) return parseValidValue(raw, fileName);
  const rest = parseValidValue(raw, fileName);
  return { ok: false, issues: dedupe([...reserved, ...(rest.ok ? [] : rest.issues)]) };
};

const parseValidValue = (raw: unknown, fileName?: string): ParseScenarioResult => {
  try {
    const mig = migrate(raw);
    if (!mig.ok) return { ok: false, issues: [{ path: 'format', message: mig.message }] };
    const value = mig.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return {
        ok: false,
        issues: [
          { path: '', message: `a scenario file must hold a JSON object, not ${describeValue(value)}` },
        ],
      };
    }
    const parsed = ScenarioSchema.safeParse(value, { reportInput: true });
    if (!parsed.success) {
      const issues: ScenarioIssue[] = [];
      formatIssues(parsed.error.issues as ZIssue[], [], issues);
      const fmt = (value as Record<string, unknown>).format;
      if (fmt === undefined) {
        const i = issues.findIndex((x) => x.path === 'format');
        if (i >= 0)
          issues[i] = { path: 'format', message: `is required: add "format": "${SCENARIO_FORMAT}"` };
      }
      return { ok: false, issues: dedupe(issues) };
    }
    const id = fileName ? idFromFileName(fileName) : undefined;
    const compiled = compileScenario(parsed.data, id ? { id } : {});
    if (!compiled.ok) return { ok: false, issues: dedupe(compiled.issues) };
    return {
      ok: true,
      scenario: parsed.data,
      spec: compiled.spec,
      warnings: compiled.warnings,
      migratedFrom: mig.steps.length ? mig.from : null,
    };
  } catch (err) {
    // Defensive: a bug must still come back as an issue, never as an exception.
    return {
      ok: false,
      issues: [{ path: '', message: `internal error while reading the scenario: ${String(err)}` }],
    };
  }
};

/** Parse and validate scenario file text. Never throws. */
export const parseScenario = (text: string, fileName?: string): ParseScenarioResult => {
  if (typeof text !== 'string') return { ok: false, issues: [{ path: '', message: 'no text to read' }] };
  if (text.length > MAX_SCENARIO_TEXT) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          message: `file is too large (${text.length} characters; the limit is ${MAX_SCENARIO_TEXT})`,
        },
      ],
    };
  }
  const json = parseJson(text);
  if (!json.ok) {
    const hint = gambitFileHint(text);
    if (hint !== null) return { ok: false, issues: [{ path: '', message: hint }] };
    return {
      ok: false,
      issues: [{ path: `line ${json.line}:${json.column}`, message: `invalid JSON: ${json.message}` }],
    };
  }
  const result = parseScenarioValue(json.value, fileName);
  if (json.duplicates.length === 0) return result;
  return { ok: false, issues: dedupe([...json.duplicates, ...(result.ok ? [] : result.issues)]) };
};

/** Distinct issues, at most INPUT_LIMITS.issues of them (then one line counting the rest). */
const dedupe = (issues: ScenarioIssue[]): ScenarioIssue[] => {
  const seen = new Set<string>();
  const out = issues.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (out.length <= INPUT_LIMITS.issues) return out;
  const more = out.length - INPUT_LIMITS.issues;
  return [
    ...out.slice(0, INPUT_LIMITS.issues),
    {
      path: '',
      message: `and ${more} more problem${more === 1 ? '' : 's'} (only the first ${INPUT_LIMITS.issues} are listed)`,
    },
  ];
};

/** "path/to/my-game.parley.json" → "my-game" (when it is a valid id), else undefined. */
export const idFromFileName = (fileName: string): string | undefined => {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.parley\.json$|\.json$/i, '');
  return /^[A-Za-z][A-Za-z0-9_-]*$/.test(stem) ? stem : undefined;
};
