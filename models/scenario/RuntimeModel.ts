// CONTRACT between the scenario compiler (models/scenario, models/formula) and the engine (models/engine) and UI.
// A scenario file is validated and compiled ONCE (with mathjs) into a ModelSpec: plain JSON, transferable to a
// worker. instantiateModel(spec) turns it into a RuntimeModel of plain JS functions WITHOUT importing mathjs.
import type { FormulaIR } from '../formula/FormulaIR';
import type { NumFn } from '../formula/instantiateFormula';
import type { Distribution } from '../random/Distribution';

// The two formula forms belong to models/formula; re-exported here because they are part of this contract.
export type { FormulaIR, NumFn };

/**
 * How an equilibrium is picked when a round's game has several (nash behaviour). Implemented by
 * models/engine/EquilibriumSelector.ts; documented in the README ("Equilibrium selection").
 */
export type SelectionRule =
  /** the pure equilibrium with the largest sum of payoffs (ties: uniformly at random with the round's uniform) */
  | 'payoff-dominant'
  /**
   * the pure equilibrium with the largest product of unilateral deviation losses (Harsanyi–Selten for 2×2; ties:
   * uniformly at random with the round's uniform)
   */
  | 'risk-dominant'
  /** uniformly at random among the pure equilibria (drawn from the trial's stream) */
  | 'random'
  /** the pure equilibrium with the lowest profile index */
  | 'first'
  /**
   * the limit of the principal logit QRE branch (McKelvey–Palfrey's limiting logit equilibrium), pure or mixed:
   * unique for almost all games, the symmetric equilibrium of a symmetric game such as chicken
   */
  | 'logit-limit';
// In the first four rules, a game with no pure equilibrium falls back to a mixed equilibrium
// (2 players: the first found by Lemke–Howson from label 0; N players: the logit limit).

export type Behaviour =
  /** Play a Nash equilibrium of the round's game (with the scenario's selection rule). */
  | { readonly model: 'nash' }
  /** Logit quantal response at rationality lambda ≥ 0. */
  | { readonly model: 'logit'; readonly lambda: number }
  /** Always this strategy (index into the actor's strategies). */
  | { readonly model: 'fixed'; readonly strategy: number }
  /** A fixed mixed strategy (probabilities per strategy, sum 1). */
  | { readonly model: 'mixed'; readonly probabilities: readonly number[] }
  /** Best response to the empirical frequency of the others' past play (prior weight per strategy, default 1). */
  | { readonly model: 'fictitious-play'; readonly prior?: number };

/** F is the formula representation: FormulaIR in a ModelSpec, NumFn in a RuntimeModel. */
export type ModelOf<F> = {
  readonly id: string;
  readonly title: string;
  /** Hex SHA-256-like content hash of the scenario file (stable; recorded in exports). */
  readonly hash: string;
  /** Length of the Float64Array environment every formula reads. */
  readonly envSize: number;
  /** slotNames[i]: the identifier living in slot i (for diagnostics and the UI). */
  readonly slotNames: readonly string[];
  readonly params: readonly {
    readonly id: string;
    readonly label: string;
    readonly unit: string;
    readonly description: string;
    readonly slot: number;
    /** The default (point) value. */
    readonly value: number;
    readonly min: number;
    readonly max: number;
    readonly step: number;
    /** Uncertainty; null = fixed at value. */
    readonly distribution: Distribution | null;
  }[];
  /** Spearman rank correlations between uncertain parameters (Iman–Conover), by parameter id. */
  readonly correlations: readonly { readonly a: string; readonly b: string; readonly rho: number }[];
  /** Built-in slots: round number (1-based) and calendar month (1–12) of the current round. */
  readonly builtins: { readonly roundSlot: number; readonly monthSlot: number; readonly startMonth: number };
  /** Derived variables (e.g. calendar effects such as drill season), evaluated in order at the start of each round. */
  readonly derived: readonly { readonly id: string; readonly slot: number; readonly value: F }[];
  readonly state: readonly {
    readonly id: string;
    readonly label: string;
    readonly slot: number;
    /** Evaluated once per trial after parameters are drawn. */
    readonly initial: F;
    /** New value after each round (all states updated simultaneously); null = unchanged. */
    readonly update: F | null;
    readonly min: number | null;
    readonly max: number | null;
  }[];
  readonly actors: readonly {
    readonly id: string;
    readonly name: string;
    readonly strategies: readonly { readonly id: string; readonly label: string }[];
    /** choiceSlots[k] = 1 when this actor plays strategy k, else 0 (the indicator variables). */
    readonly choiceSlots: readonly number[];
    /** payoffs[k]: this actor's payoff when playing k, given the others' indicator slots (overrides compiled in). */
    readonly payoffs: readonly F[];
    readonly behaviour: Behaviour;
  }[];
  readonly selection: SelectionRule;
  /** The round as a game tree (parley.scenario/2 `tree`); absent: a simultaneous round (every /1 file). */
  readonly tree?: TreeRoundOf<F>;
  readonly events: readonly {
    readonly id: string;
    readonly label: string;
    /** Probability per round (clamped to [0, 1]), evaluated after choices are made. */
    readonly probability: F;
    /** Can fire at most once per trial. */
    readonly once: boolean;
    /** Slot set to 1 from the round the event fires (0 before). */
    readonly firedSlot: number;
    /** State assignments applied when the event fires (before the round's state updates). */
    readonly effects: readonly { readonly slot: number; readonly value: F }[];
  }[];
  readonly rounds: { readonly count: number; readonly label: string };
  /** Boolean formulas over choices and state (nonzero = true), recorded per round. */
  readonly outcomes: readonly { readonly id: string; readonly label: string; readonly when: F }[];
  /** Numeric formulas recorded per round (trial value = last round's value). */
  readonly metrics: readonly {
    readonly id: string;
    readonly label: string;
    readonly unit: string;
    readonly value: F;
  }[];
};

/**
 * A tree round, compiled (models/scenario/compile/compileTree.ts). Three shapes are played (the engine's
 * TreeRoundPlayer): `perfect` — every actor observes every earlier actor's move, and each chance move is observed by
 * every actor from some point on (or by none) — played by backward induction; `simultaneous` — nobody observes
 * anything, played as the strategic-form game of expected payoffs over the chance moves; `imperfect` — any other
 * information structure, played by subgame decomposition over `subgameLevels`.
 */
export type TreeRoundOf<F> = {
  readonly shape: 'perfect' | 'simultaneous' | 'imperfect';
  /**
   * Shape `imperfect` only: the levels of `playOrder` whose nodes root proper subgames (ascending, from 0;
   * models/scenario/treeSubgameLevels.ts). The moves from one level to the next form a segment.
   */
  readonly subgameLevels?: readonly number[];
  /** The moves in the file's order. */
  readonly moves: readonly TreeMoveOf<F>[];
  /**
   * The order the engine resolves the moves (indices into `moves`): the file's order with each chance move placed
   * just before its first observer, or last when nobody observes it (an equivalent tree: chance draws do not depend
   * on choices, and until it is observed nobody's choice can reveal it).
   */
  readonly playOrder: readonly number[];
  /** Indices into `moves` of the chance moves, in the file's order (the per-trial CSV's chance columns). */
  readonly chance: readonly number[];
};

export type TreeMoveOf<F> =
  | {
      readonly kind: 'actor';
      /** Index into `actors`. */
      readonly actor: number;
      /** Indices into `moves` of the earlier moves this mover observes. */
      readonly observes: readonly number[];
    }
  | {
      readonly kind: 'chance';
      readonly id: string;
      readonly label: string;
      readonly outcomes: readonly {
        readonly id: string;
        readonly label: string;
        /** The indicator slot (1 when drawn). */
        readonly slot: number;
        /** null: the rest (1 − the others). */
        readonly probability: F | null;
      }[];
    };

export type ModelSpec = ModelOf<FormulaIR>;
export type RuntimeModel = ModelOf<NumFn> & { readonly spec: ModelSpec };

/*
 * One round, as the engine runs it:
 *  1. env[roundSlot] = r (1-based); env[monthSlot] = ((startMonth - 1 + r - 1) mod 12) + 1; evaluate derived in order.
 *  2. For every profile: set every actor's choice slots to that profile's indicators, evaluate payoffs → the round's Game.
 *  3. Each actor chooses a mixed strategy by its behaviour; the realised pure choices are drawn; choice slots set.
 *  4. Outcomes and metrics are evaluated and recorded.
 *  5. Each event not yet fired (or not `once`) fires with its probability: effects applied, firedSlot = 1.
 *  6. State updates evaluated from the same env, then written (clamped to [min, max]).
 */
