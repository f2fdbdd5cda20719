// What the UI needs from the model layer, behind one interface so the state classes can be tested with a fake and
// the heavy compiler (mathjs) is loaded lazily, off the first paint. The real implementation is loadModelService().
import type { GameTree } from '../../../models/games/extensive/GameTree';
import type { Game } from '../../../models/games/Game';
import type { ModelSpec, RuntimeModel } from '../../../models/scenario/RuntimeModel';
import type { PlayedEquilibrium } from '../../../models/engine/playedEquilibrium';
import type { PlayedTree } from '../../../models/engine/playedTree';

/** A problem with a JSON path such as `actors[0].payoffs.engage` ('' = the whole file). */
export type Issue = { readonly path: string; readonly message: string };

export type CheckResult =
  | {
      readonly ok: true;
      readonly spec: ModelSpec;
      readonly model: RuntimeModel;
      readonly warnings: readonly Issue[];
    }
  | { readonly ok: false; readonly issues: readonly Issue[] };

export type BuiltinInfo = {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Teaching notes (Markdown, untrusted: sanitise before rendering). */
  readonly notes: string;
  /** Cited sources (dates as in the file). */
  readonly sources?: readonly {
    readonly title: string;
    readonly publisher: string;
    readonly date: string;
    readonly url: string;
  }[];
};

export type ModelService = {
  builtins(): Promise<readonly BuiltinInfo[]>;
  /** The text of a built-in scenario file. */
  builtinText(id: string): Promise<string>;
  /** Parse, validate and compile: every problem at once, never throws. */
  check(text: string, fileName: string): Promise<CheckResult>;
  /** Stop a running check (the text changed): its promise rejects and its answer is never used. */
  cancelCheck?(): void;
  /** The one-round game at these parameter values (state at its initial values unless given, by state id). */
  reduce(
    model: RuntimeModel,
    at: {
      readonly params: Readonly<Record<string, number>>;
      readonly round?: number;
      readonly state?: Readonly<Record<string, number>>;
    },
  ): Game;
  /**
   * What the simulation plays in `game` (a reduce() of `model`): the engine's own round code and selection rule
   * (models/engine/playedEquilibrium). Throws when the engine finds no equilibrium or is still loading.
   */
  played(model: RuntimeModel, game: Game): PlayedEquilibrium;
  /**
   * A tree scenario's round as a game tree at these values (models/scenario/roundTree; the Tree view). Throws on
   * values that make no game (a non-finite payoff, chance probabilities that are not a distribution) or while the
   * model layer loads. Optional: a service without it shows no scenario trees.
   */
  roundTree?(
    model: RuntimeModel,
    at: { readonly params: Readonly<Record<string, number>>; readonly round?: number },
  ): GameTree;
  /**
   * What the simulation plays in a sequential tree scenario's round at these values (models/engine/playedTree: the
   * engine's own backward induction); null for other rounds. Throws as roundTree. Optional, as roundTree.
   */
  playedTree?(
    model: RuntimeModel,
    at: { readonly params: Readonly<Record<string, number>>; readonly round?: number },
  ): PlayedTree | null;
};
