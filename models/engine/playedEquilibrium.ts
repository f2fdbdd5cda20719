// Which strategies the simulation plays in a round's game: for the Game view ("the simulation plays this
// equilibrium") and for teaching notes. Runs the engine's own round code (TrialSimulator.strategiesFor), so it can
// never disagree with a simulated round.
import type { Game } from '../games/Game';
import type { RuntimeModel, SelectionRule } from '../scenario/RuntimeModel';
import { EQ_MIXED, EQ_PURE } from './EquilibriumSelector';
import { TrialSimulator } from './TrialSimulator';

export type PlayedEquilibrium = {
  /** The scenario's selection rule. */
  readonly rule: SelectionRule;
  /** What the nash actors play: "none" (no nash actor), a "pure" or a "mixed" equilibrium. */
  readonly kind: 'none' | 'pure' | 'mixed';
  /** Number of pure equilibria of the game the nash actors face. */
  readonly pureEquilibria: number;
  /**
   * What is played, as one or more alternatives with the probability the round's selection uniform picks each: one
   * alternative unless the rule broke a tie between equally ranked pure equilibria (payoff-/risk-dominant) or drew
   * among the pure equilibria (random). profile[actor][strategy] = probability for EVERY actor (nash actors: the
   * selected equilibrium; fixed/mixed/logit/fictitious-play actors: what their behaviour plays in round 1).
   */
  readonly alternatives: readonly { readonly probability: number; readonly profile: readonly number[][] }[];
};

/**
 * The profile(s) the simulation plays in a round whose one-round game is `game` (as `reduceToGame(model, …)`
 * builds it: the same actors, strategies and profile order), under the model's behaviours and selection rule.
 * @throws RangeError when the game's shape is not the model's; EquilibriumNotFoundError when the engine could not
 * compute an equilibrium (a simulated round would stop the run the same way).
 */
export const playedEquilibrium = (model: RuntimeModel, game: Game): PlayedEquilibrium => {
  const counts = model.actors.map((a) => a.strategies.length);
  if (
    game.strategies.length !== counts.length ||
    game.strategies.some((s, i) => s.length !== counts[i]) ||
    game.payoffs.length !== counts.reduce((a, b) => a * b, 1)
  ) {
    throw new RangeError(`playedEquilibrium: the game's shape is not the model's (${counts.join('×')})`);
  }
  const n = counts.length;
  const flat = new Float64Array(game.payoffs.length * n);
  game.payoffs.forEach((row, p) => row.forEach((v, i) => (flat[p * n + i] = v)));
  const sim = new TrialSimulator(model, { rounds: 1, fused: false });
  const first = sim.strategiesFor(flat, 0);
  const ties = first.tieCount;
  const rows = (mix: Float64Array): number[][] =>
    counts.map((c, i) =>
      Array.from(mix.subarray(sim.game.offsets[i] as number, (sim.game.offsets[i] as number) + c)),
    );
  const alternatives =
    ties <= 1
      ? [{ probability: 1, profile: rows(first.mix) }]
      : Array.from({ length: ties }, (_, k) => ({
          probability: 1 / ties,
          profile: rows(sim.strategiesFor(flat, (k + 0.5) / ties).mix),
        }));
  return {
    rule: model.selection,
    kind: first.eqType === EQ_PURE ? 'pure' : first.eqType === EQ_MIXED ? 'mixed' : 'none',
    pureEquilibria: first.pureCount,
    alternatives,
  };
};
