// The scenario file format "parley.scenario/2", defined ONCE with zod: it validates files (parseScenario) and
// generates the JSON Schema shipped for editors (models/library/parley.scenario.schema.json).
import { z } from 'zod';
import { INTERVAL_SHORTHAND, MAX_SHORTHAND_LENGTH } from '../random/distributions/intervalShorthand';
import { INPUT_LIMITS } from '../text/inputLimits';

import { SCENARIO_FORMAT } from './scenarioFormat';

export { SCENARIO_FORMAT };

const Id = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and contain only letters, digits and _')
  .max(64);

/** A formula (mathjs syntax, restricted) or a plain number. */
const Formula = z
  .union([z.string().max(INPUT_LIMITS.formulaChars), z.number()])
  .describe(
    'A formula over parameters, state, derived variables, events, round/month and strategy indicators (actor.strategy).',
  );

const Text = z.string().max(20_000);

const Source = z.strictObject({
  title: z.string().min(1).max(500),
  publisher: z.string().max(200).optional(),
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date like 2025-07-28 (or 2025-07, or 2025)')
    .describe('Publication date, ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD).'),
  url: z.url().max(2000).optional(),
  note: z.string().max(2000).optional(),
});

const num = z.number();
/**
 * The distribution objects' fields and types; each family's own rules (sd ≥ 0, min ≤ mode ≤ max, …) are in its
 * module (models/random/distributions/), and tests/models/scenario/schema.test.ts checks these shapes against the
 * families' field lists.
 */
export const DistributionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('fixed'), value: num }),
  z.strictObject({ type: z.literal('uniform'), min: num, max: num }),
  z.strictObject({ type: z.literal('normal'), mean: num, sd: num, min: num.optional(), max: num.optional() }),
  z.strictObject({ type: z.literal('lognormal'), mu: num, sigma: num }),
  z.strictObject({ type: z.literal('triangular'), min: num, mode: num, max: num }),
  z.strictObject({ type: z.literal('pert'), min: num, mode: num, max: num, lambda: num.optional() }),
  z.strictObject({
    type: z.literal('beta'),
    alpha: num,
    beta: num,
    min: num.optional(),
    max: num.optional(),
  }),
  z.strictObject({ type: z.literal('bernoulli'), p: num }),
  z.strictObject({
    type: z.literal('discrete'),
    values: z.array(num).min(1).max(1000),
    weights: z.array(num).max(1000).optional(),
  }),
  z.strictObject({ type: z.literal('interval90'), low: num, high: num }),
]);

const Uncertainty = z
  .union([
    z
      .string()
      .max(MAX_SHORTHAND_LENGTH)
      .regex(INTERVAL_SHORTHAND, 'must be a distribution object or a 90% interval like "0.2 to 0.6"'),
    DistributionSchema,
  ])
  .describe('Uncertainty: a distribution, or "low to high" (a 90% interval).');

const Parameter = z.strictObject({
  label: z.string().min(1).max(200),
  unit: z.string().max(50).optional(),
  description: Text.optional(),
  default: num,
  min: num,
  max: num,
  step: z.number().positive().optional(),
  uncertainty: Uncertainty.optional(),
});

const Strategy = z.strictObject({
  id: Id,
  label: z.string().min(1).max(200),
  description: Text.optional(),
});

const Behaviour = z.discriminatedUnion('model', [
  z.strictObject({ model: z.literal('nash') }),
  z.strictObject({ model: z.literal('logit'), lambda: z.number().min(0) }),
  z.strictObject({ model: z.literal('fixed'), strategy: Id }),
  z.strictObject({ model: z.literal('mixed'), probabilities: z.record(Id, z.number().min(0).max(1)) }),
  z.strictObject({ model: z.literal('fictitious-play'), prior: z.number().min(0).optional() }),
]);

const Override = z.strictObject({
  profile: z
    .record(Id, Id)
    .describe(
      'Actor id → strategy id (or, in a tree round, chance move id → outcome id). Must name this actor; moves left out match any choice.',
    ),
  payoff: Formula,
});

const Actor = z.strictObject({
  id: Id,
  name: z.string().min(1).max(200),
  description: Text.optional(),
  strategies: z.array(Strategy).min(1).max(INPUT_LIMITS.strategiesPerActor),
  payoffs: z
    .record(Id, Formula)
    .describe("One formula per own strategy id: this actor's payoff when playing it."),
  overrides: z.array(Override).max(1000).optional(),
  behaviour: Behaviour.optional(),
});

const StateVar = z.strictObject({
  label: z.string().min(1).max(200),
  description: Text.optional(),
  initial: Formula,
  update: Formula.optional(),
  min: num.optional(),
  max: num.optional(),
});

const Event = z.strictObject({
  id: Id,
  label: z.string().min(1).max(200),
  description: Text.optional(),
  probability: Formula.describe('Probability per round (clamped to [0, 1]).'),
  once: z.boolean().optional(),
  effects: z.record(Id, Formula).optional().describe('State id → new value when the event fires.'),
});

const Outcome = z.strictObject({
  label: z.string().min(1).max(200),
  description: Text.optional(),
  when: Formula,
});

const Metric = z.strictObject({
  label: z.string().min(1).max(200),
  unit: z.string().max(50).optional(),
  description: Text.optional(),
  value: Formula,
});

const Derived = z.union([Formula, z.strictObject({ label: z.string().max(200).optional(), value: Formula })]);

// ---------------------------------------------------------------------------------------------------------------
// Tree rounds (parley.scenario/2). A round is a game tree built from MOVES IN ORDER: each actor moves exactly once
// (its actions are its strategies), chance moves draw an outcome. What a mover knows is stated by `observes`: the
// earlier moves whose result it sees when it chooses; the nodes it cannot tell apart form one information set.
// Payoffs stay the actors' formulas over indicators (actor.strategy, and chance.outcome for chance moves), so a
// leaf pays each actor its formula on the path's profile. A simultaneous round is the special case where nobody
// observes anything (and a file without `tree` is exactly that, in the actors' order).

const MoveIdList = z
  .union([z.literal('all'), z.array(Id).max(INPUT_LIMITS.actors + 64)])
  .describe(
    'The earlier moves (actor ids and chance move ids) whose result this mover sees before choosing, or "all". Default: none (a simultaneous move).',
  );

export const ActorMoveSchema = z
  .strictObject({
    actor: Id.describe('The actor who moves; its actions are its strategies. Each actor moves exactly once.'),
    observes: MoveIdList.optional(),
  })
  .describe("An actor's move: the actor chooses one of its strategies, knowing only the moves it observes.");

export const ChanceOutcomeSchema = z
  .strictObject({
    id: Id,
    label: z.string().min(1).max(200).optional(),
    probability: Formula.optional().describe(
      'A formula over parameters, state, derived variables and round/month (not over choices). At most one outcome of a move may leave it out: it takes the rest (1 − the others). Checked when the scenario is read if constant, else in every trial and round (an error names the chance move).',
    ),
  })
  .describe(
    'One outcome of a chance move; formulas see it as the indicator chanceId.outcomeId (1 if drawn, else 0).',
  );

export const ChanceMoveSchema = z
  .strictObject({
    chance: Id.describe('The chance move id (distinct from actor, parameter, state and other names).'),
    label: z.string().min(1).max(200).optional(),
    description: Text.optional(),
    outcomes: z.array(ChanceOutcomeSchema).min(1).max(INPUT_LIMITS.strategiesPerActor),
  })
  .describe("A chance move: an outcome drawn with the given probabilities (Nature in Gambit's terms).");

export const TreeMoveSchema = z.union([ActorMoveSchema, ChanceMoveSchema]);

export const TreeRoundSchema = z
  .strictObject({
    moves: z
      .array(TreeMoveSchema)
      .min(1)
      .max(INPUT_LIMITS.actors + 64)
      .describe(
        'The moves of one round, in the order they are made. Every actor appears exactly once; chance moves anywhere. A move may observe only moves before it.',
      ),
  })
  .describe(
    'The round as a game tree (extensive form): moves in order, what each mover observes, chance moves. Without it every actor moves at once and nobody observes (a simultaneous round).',
  );

/** The tree part of a scenario document (for editors): `scenario.tree`. */
export type TreeRound = z.infer<typeof TreeRoundSchema>;
/** One move of a tree round: an actor's move or a chance move. */
export type TreeMove = z.infer<typeof TreeMoveSchema>;
/** An actor's move (`{ actor, observes? }`). */
export type ActorMove = z.infer<typeof ActorMoveSchema>;
/** A chance move (`{ chance, label?, description?, outcomes }`). */
export type ChanceMove = z.infer<typeof ChanceMoveSchema>;
/** One outcome of a chance move (`{ id, label?, probability? }`). */
export type ChanceOutcome = z.infer<typeof ChanceOutcomeSchema>;
/** The `observes` field: "all" or a list of earlier move ids. */
export type ObservedMoves = z.infer<typeof MoveIdList>;

/** Is this move a chance move? (The editor's and the compiler's one test.) */
export const isChanceMove = (m: TreeMove): m is ChanceMove => 'chance' in m;
/** The id a move is known by: the actor id for an actor's move, the chance id for a chance move. */
export const moveId = (m: TreeMove): string => (isChanceMove(m) ? m.chance : m.actor);

export const ScenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal(SCENARIO_FORMAT),
    id: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'must start with a letter and contain only letters, digits, _ and -')
      .max(64)
      .optional(),
    title: z.string().min(1).max(200),
    summary: z.string().max(300).optional(),
    description: Text.optional(),
    tags: z.array(z.string().max(40)).max(20).optional(),
    teachingNotes: Text.optional().describe('Markdown.'),
    sources: z.array(Source).max(100).optional(),
    parameters: z.record(Id, Parameter).optional(),
    correlations: z
      .array(z.strictObject({ a: Id, b: Id, rho: z.number().min(-1).max(1) }))
      .max(200)
      .optional()
      .describe('Spearman rank correlations between uncertain parameters.'),
    rounds: z
      .strictObject({
        count: z.number().int().min(1).max(INPUT_LIMITS.rounds),
        label: z.string().min(1).max(40).optional(),
        startMonth: z.number().int().min(1).max(12).optional(),
      })
      .optional(),
    derived: z.record(Id, Derived).optional(),
    state: z.record(Id, StateVar).optional(),
    actors: z.array(Actor).min(1).max(INPUT_LIMITS.actors),
    tree: TreeRoundSchema.optional(),
    equilibrium: z
      .enum(['payoff-dominant', 'risk-dominant', 'random', 'first', 'logit-limit'])
      .optional()
      .describe(
        'How nash actors pick among equilibria: payoff-dominant (default), risk-dominant, random, first, or logit-limit (the limit of the principal logit branch, pure or mixed).',
      ),
    events: z.array(Event).max(100).optional(),
    outcomes: z.record(Id, Outcome).optional(),
    metrics: z.record(Id, Metric).optional(),
  })
  .describe('A Parley scenario (parley.scenario/2).');

export type Scenario = z.infer<typeof ScenarioSchema>;

/** The JSON Schema of the format, generated from ScenarioSchema. */
export const scenarioJsonSchema = (): Record<string, unknown> => ({
  ...(z.toJSONSchema(ScenarioSchema, { target: 'draft-2020-12' }) as Record<string, unknown>),
  $id: 'https://parley.invalid/schema/parley.scenario.schema.json',
  title: 'Parley scenario (parley.scenario/2)',
});
