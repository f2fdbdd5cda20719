// Every limit on what Parley reads from a file, in ONE place (README "Scenario files" lists them). Each is checked
// up front — before the work it bounds is done — and a refusal is a one-line message naming the limit and the JSON
// path or file line where it was exceeded. Together they bound the time and memory of checking any file: a 5 MB
// scenario of any shape is validated in seconds or refused; a simulation's aggregates stay within tens of MB.
// Solver work budgets (how long an exact solver may search) are not input limits: models/games/solverLimits.ts.

export const INPUT_LIMITS = {
  /** Bytes of a scenario file read from disk (CLI, desktop app, the browser's file picker). */
  scenarioFileBytes: 5_000_000,
  /** Characters of scenario text given to the loader (an editor buffer, a restored autosave). */
  scenarioTextChars: 5_000_000,
  /** Bytes of the desktop app's autosave file: a scenario text (JSON-escaped, up to 6 bytes per character) and its
   * envelope. A larger file is ignored, not read. */
  autosaveFileBytes: 32_000_000,
  /** Bytes of a Gambit .nfg file read from disk. */
  nfgFileBytes: 20_000_000,

  /** Identifiers of a scenario: parameters, derived values, state variables, events, outcomes, metrics, actors and
   * strategies, all together. */
  names: 10_000,
  /** Formulas of a scenario (payoffs, overrides, derived values, state initial values and updates, event
   * probabilities and effects, outcomes, metrics), all together. */
  formulas: 10_000,
  /** Characters of one formula. */
  formulaChars: 2_000,
  /** Bracket nesting of one formula (and of its compiled form: expansions such as clamp deepen it). */
  formulaDepth: 64,
  /** Nodes of one compiled formula. */
  formulaNodes: 5_000,

  /** Actors of a scenario, and strategies of one actor. */
  actors: 8,
  strategiesPerActor: 12,
  /** Pure-strategy profiles of a scenario's one-round game (the product of the strategy counts). */
  profiles: 10_000,
  /** Rounds per trial (a scenario's `rounds.count` and the CLI's --rounds). */
  rounds: 1_200,
  /** The memory of a run's aggregates, per trial round: rounds × outcomes (hit counts per round), rounds × metrics
   * (a quantile store per round, ~1 kB each) and rounds × profiles (counts per round). */
  roundOutcomes: 100_000,
  roundMetrics: 20_000,
  roundProfiles: 1_000_000,

  /** Players and pure-strategy profiles of a Gambit .nfg game. */
  nfgPlayers: 64,
  nfgProfiles: 200_000,
  /** Decimal digits of an exact payoff read from a .nfg file: of its numerator and of its denominator, once
   * written as a fraction (5e-99154 would need a 99,155-digit denominator; exact solvers then run for minutes). */
  payoffDigits: 40,
  /** Decimal digits of the common denominator (least common multiple of the denominators) of one player's payoffs
   * in a .nfg or .efg file, and of a .efg file's chance probabilities: the exact solvers scale by it, so many
   * distinct denominators would make every exact number thousands of digits long (models/games/CommonDenominators). */
  payoffDenominatorDigits: 60,

  /** Problems listed for one file (the rest are counted in one last line). */
  issues: 1_000,
} as const;

export type InputLimit = keyof typeof INPUT_LIMITS;
