// Provenance: where a result came from — the record every result object carries (run, live estimate, replay,
// sweep, compare, sensitivity, game analysis), every view shows in its status line and every export writes in its
// sidecar JSON, so that any number can be traced to its inputs and re-run (`parley rerun sidecar.json`).
//
// Pure: the caller supplies what models/ cannot know (app version, the run's start time, worker count, file name).
import type { RootSeed } from '../random/seedKey';
import type { ModelSpec } from '../scenario/RuntimeModel';
import type { Sampler } from './ParamSampler';

/** Bumped when the engine's numbers for the same inputs change (a seed then reproduces only within a version). */
export const ENGINE_VERSION = 4;

export type ResultKind = 'run' | 'estimate' | 'replay' | 'sweep' | 'compare' | 'sensitivity' | 'game';

export type ProvenanceParameter = {
  readonly id: string;
  /** The value used: the override, else the scenario's value (drawn per trial when `uncertain`). */
  readonly value: number;
  /** Set by the user (slider, --set, compare variant baseline excluded). */
  readonly overridden: boolean;
  /** Drawn from its distribution in every trial (not overridden and the scenario gives it an uncertainty). */
  readonly uncertain: boolean;
  /** True when the value lies outside the parameter's declared [min, max] (accepted only on explicit request:
   *  allowOutsideRange, `--allow-outside-range`); null where the run did not check. */
  readonly outsideRange: boolean | null;
};

/** What a kind of result adds to the common record. */
export type ProvenanceDetail =
  | { readonly kind: 'run'; readonly trialsRun: number; readonly stoppedEarly: boolean }
  | { readonly kind: 'estimate'; readonly trialsRun: number }
  | { readonly kind: 'replay'; readonly trial: number }
  | {
      readonly kind: 'sweep';
      readonly x: { readonly param: string; readonly values: readonly number[] };
      readonly y: { readonly param: string; readonly values: readonly number[] } | null;
    }
  | { readonly kind: 'compare'; readonly variant: Readonly<Record<string, number>> }
  | {
      readonly kind: 'sensitivity';
      readonly target: string | null;
      readonly params: readonly string[] | null;
    }
  | { readonly kind: 'game'; readonly round: number };

export type Provenance = {
  readonly format: 'parley.provenance/1';
  readonly kind: ResultKind;
  readonly scenario: {
    readonly id: string;
    readonly title: string;
    /** SHA-256 of the scenario's content. */
    readonly hash: string;
    /** The file it was read from (a path, a browser file name), or null for a built-in or unsaved scenario. */
    readonly file: string | null;
  };
  readonly parameters: readonly ProvenanceParameter[];
  /** The overridden values by parameter id (what --set / the sliders gave). */
  readonly overrides: Readonly<Record<string, number>>;
  /** Root seed (null: no randomness, e.g. game analysis). */
  readonly seed: RootSeed | null;
  /** Planned trials (per grid point for sweeps, per variant for compare and sensitivity); null: none. */
  readonly trials: number | null;
  readonly sampler: Sampler | null;
  readonly rounds: number | null;
  /** The stop-early rule: stop once every probability's 95% half-width is below this; null = run every trial. */
  readonly stopEarly: { readonly halfWidth: number } | null;
  /** Worker threads used (the numbers never depend on it; recorded for the record). null: not a simulation. */
  readonly workers: number | null;
  readonly appVersion: string;
  readonly engineVersion: number;
  /** ISO 8601 time the computation STARTED (not when it was exported). */
  readonly startedAt: string | null;
  readonly detail: ProvenanceDetail;
};

/** What the caller knows and models/ cannot. */
export type ProvenanceContext = {
  readonly appVersion: string;
  /** ISO time the computation started. */
  readonly startedAt: string;
  readonly workers?: number | null;
  readonly file?: string | null;
  /** Parameters accepted outside their declared range (issue 11's explicit opt-in), by id. */
  readonly outsideRange?: Readonly<Record<string, boolean>>;
};

export type ProvenanceInputs = {
  readonly seed: RootSeed | null;
  readonly trials: number | null;
  readonly sampler?: Sampler | null;
  readonly rounds?: number | null;
  readonly overrides?: Readonly<Record<string, number>>;
  readonly stopEarly?: { readonly halfWidth: number } | null;
};

const sortedRecord = (r: Readonly<Record<string, number>>): Record<string, number> => {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const k of Object.keys(r).sort()) out[k] = r[k] as number;
  return { ...out };
};

/** The provenance of a result of `spec` computed with these inputs. */
export const makeProvenance = (
  spec: Pick<ModelSpec, 'id' | 'title' | 'hash' | 'params' | 'rounds'>,
  inputs: ProvenanceInputs,
  detail: ProvenanceDetail,
  context: ProvenanceContext | undefined,
): Provenance => {
  const overrides = inputs.overrides ?? {};
  const random = inputs.seed !== null;
  return {
    format: 'parley.provenance/1',
    kind: detail.kind,
    scenario: { id: spec.id, title: spec.title, hash: spec.hash, file: context?.file ?? null },
    parameters: spec.params.map((p) => {
      const overridden = Object.prototype.hasOwnProperty.call(overrides, p.id);
      const value = overridden ? (overrides[p.id] as number) : p.value;
      return {
        id: p.id,
        value,
        overridden,
        uncertain: random && !overridden && p.distribution !== null,
        outsideRange:
          context?.outsideRange?.[p.id] ?? (overridden ? !(value >= p.min && value <= p.max) : false),
      };
    }),
    overrides: sortedRecord(overrides),
    seed: inputs.seed,
    trials: inputs.trials,
    sampler: random ? (inputs.sampler ?? 'mc') : null,
    rounds: random ? (inputs.rounds ?? spec.rounds.count) : (inputs.rounds ?? null),
    stopEarly: inputs.stopEarly ?? null,
    workers: context?.workers ?? null,
    appVersion: context?.appVersion ?? 'unknown',
    engineVersion: ENGINE_VERSION,
    startedAt: context?.startedAt ?? null,
    detail,
  };
};

/**
 * The inputs that decide a result's numbers: the scenario's content and the parameter values. Two provenances with
 * the same key were computed from the same model at the same values (settings such as seed and trials are the
 * result's own and are shown with it; they do not make it false).
 */
export const inputKey = (p: Pick<Provenance, 'scenario' | 'overrides'>): string =>
  JSON.stringify([p.scenario.hash, sortedRecord(p.overrides)]);

/**
 * Why a result no longer matches the document (null: it still does): the scenario was edited or replaced, or
 * parameter values changed — each change named with its labels and values, for the stale banner.
 */
export const describeChange = (
  result: Pick<Provenance, 'scenario' | 'overrides'>,
  current: {
    readonly scenario: { readonly id: string; readonly hash: string };
    readonly overrides: Readonly<Record<string, number>>;
    readonly labels?: Readonly<Record<string, string>>;
  },
): string | null => {
  if (result.scenario.id !== current.scenario.id)
    return `these results are for “${result.scenario.title}”, not the scenario now open`;
  if (result.scenario.hash !== current.scenario.hash) return 'the scenario was edited after this result';
  const ids = [...new Set([...Object.keys(result.overrides), ...Object.keys(current.overrides)])].sort();
  const changes = ids.flatMap((id) => {
    const a = result.overrides[id];
    const b = current.overrides[id];
    if (a === b) return [];
    const label = current.labels?.[id] ?? id;
    const show = (v: number | undefined): string => (v === undefined ? 'its scenario value' : String(v));
    return [`${label} ${show(a)} → ${show(b)}`];
  });
  return changes.length === 0 ? null : `parameter values changed since: ${changes.join('; ')}`;
};
