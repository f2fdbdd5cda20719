// The scenario side of models/text/inputLimits.ts, checked on the parsed JSON value BEFORE the schema and the
// compiler run, so that a hostile file is refused in time linear in its size (counting keys), never after
// quadratic or memory-hungry work: the number of names and formulas, and the memory a run's aggregates would need
// (rounds × outcomes, rounds × metrics, rounds × profiles). makeJob checks the last three again with the rounds a run
// actually uses (the CLI's --rounds).
import { INPUT_LIMITS } from '../../text/inputLimits';
import { formatPath } from '../parseJson';
import type { ScenarioIssue } from './ScenarioDiagnostics';

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const keysOf = (v: unknown): number => (isObject(v) ? Object.keys(v).length : 0);
const lengthOf = (v: unknown): number => (Array.isArray(v) ? v.length : 0);
const fmt = (n: number): string => n.toLocaleString('en-US');

/** The aggregate-memory limits for a model with these counts, run for `rounds` rounds: the first exceeded, or null. */
export const aggregateLimitProblem = (
  counts: { readonly outcomes: number; readonly metrics: number; readonly profiles: number },
  rounds: number,
): string | null => {
  const checks: [number, number, string, string][] = [
    [counts.outcomes, INPUT_LIMITS.roundOutcomes, 'outcomes', 'hit counts per round'],
    [counts.metrics, INPUT_LIMITS.roundMetrics, 'metrics', 'a quantile store per round'],
    [counts.profiles, INPUT_LIMITS.roundProfiles, 'strategy profiles', 'counts per round'],
  ];
  for (const [n, limit, what, why] of checks) {
    if (rounds * n > limit) {
      return `${fmt(rounds)} rounds × ${fmt(n)} ${what} = ${fmt(rounds * n)} is more than the limit of ${fmt(limit)} (a run keeps ${why}); use fewer rounds or ${what}`;
    }
  }
  return null;
};

/** Names, formulas and aggregate memory of a raw scenario value: the limits it exceeds, each with a JSON path. */
export const checkScenarioLimits = (raw: unknown): ScenarioIssue[] => {
  if (!isObject(raw)) return [];
  const actors = Array.isArray(raw.actors) ? raw.actors.filter(isObject) : [];
  const events = Array.isArray(raw.events) ? raw.events.filter(isObject) : [];
  const state = isObject(raw.state) ? Object.values(raw.state) : [];
  const moves = isObject(raw.tree) && Array.isArray(raw.tree.moves) ? raw.tree.moves.filter(isObject) : [];
  const chanceOutcomes = moves.reduce((n, m) => n + lengthOf(m.outcomes), 0);
  const sections: [string, number][] = [
    ['parameters', keysOf(raw.parameters)],
    ['derived', keysOf(raw.derived)],
    ['state', keysOf(raw.state)],
    ['events', lengthOf(raw.events)],
    ['outcomes', keysOf(raw.outcomes)],
    ['metrics', keysOf(raw.metrics)],
    ['actors', lengthOf(raw.actors) + actors.reduce((n, a) => n + lengthOf(a.strategies), 0)],
    ['tree', moves.length + chanceOutcomes],
  ];
  const issues: ScenarioIssue[] = [];
  const names = sections.reduce((n, [, k]) => n + k, 0);
  if (names > INPUT_LIMITS.names) {
    const [biggest] = [...sections].sort((a, b) => b[1] - a[1]);
    issues.push({
      path: formatPath([biggest?.[0] ?? '']),
      message: `the scenario has ${fmt(names)} names (${sections
        .filter(([, k]) => k > 0)
        .map(([s, k]) => `${s} ${fmt(k)}`)
        .join(', ')}); the limit is ${fmt(INPUT_LIMITS.names)}`,
    });
  }
  const formulaSections: [string, number][] = [
    ['actors', actors.reduce((n, a) => n + keysOf(a.payoffs) + lengthOf(a.overrides), 0)],
    ['derived', keysOf(raw.derived)],
    [
      'state',
      state.reduce<number>(
        (n, s) => n + (isObject(s) ? Number('initial' in s) + Number('update' in s) : 0),
        0,
      ),
    ],
    ['events', events.reduce((n, e) => n + 1 + keysOf(e.effects), 0)],
    ['outcomes', keysOf(raw.outcomes)],
    ['metrics', keysOf(raw.metrics)],
    ['tree', chanceOutcomes],
  ];
  const formulas = formulaSections.reduce((n, [, k]) => n + k, 0);
  if (formulas > INPUT_LIMITS.formulas) {
    const [biggest] = [...formulaSections].sort((a, b) => b[1] - a[1]);
    issues.push({
      path: formatPath([biggest?.[0] ?? '']),
      message: `the scenario has ${fmt(formulas)} formulas (${formulaSections
        .filter(([, k]) => k > 0)
        .map(([s, k]) => `${s} ${fmt(k)}`)
        .join(', ')}); the limit is ${fmt(INPUT_LIMITS.formulas)}`,
    });
  }
  const rounds = isObject(raw.rounds) && typeof raw.rounds.count === 'number' ? raw.rounds.count : 1;
  const profiles = actors.reduce((p, a) => Math.min(p * Math.max(1, lengthOf(a.strategies)), 1e15), 1);
  // Too many actors, strategies or profiles, or a bad round count, get their own messages (schema, declareSymbols).
  const shapeOk =
    actors.length <= INPUT_LIMITS.actors &&
    actors.every((a) => lengthOf(a.strategies) <= INPUT_LIMITS.strategiesPerActor) &&
    profiles <= INPUT_LIMITS.profiles;
  if (shapeOk && Number.isInteger(rounds) && rounds >= 1 && rounds <= INPUT_LIMITS.rounds) {
    const problem = aggregateLimitProblem(
      { outcomes: keysOf(raw.outcomes), metrics: keysOf(raw.metrics), profiles },
      rounds,
    );
    if (problem) issues.push({ path: 'rounds.count', message: problem });
  }
  return issues;
};
