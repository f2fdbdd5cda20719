// What the simulation plays in a sequential tree round (RuntimeModel.tree, shape `perfect`), for the Game view:
// each actor's behaviour at every one of its information sets, the probability the engine's play reaches it, and
// the expected payoffs. Runs the engine's own round code (TrialSimulator.beginRound + TreeRoundPlayer's backward
// induction), so it can never disagree with a simulated round at the same environment. The simultaneous shape
// (nobody observes anything) is a strategic-form round: playedEquilibrium answers for it.
import type { RuntimeModel, SelectionRule } from '../scenario/RuntimeModel';
import { environmentAt, type ReduceOptions } from '../scenario/reduceToGame';
import { seedKey } from '../random/seedKey';
import { TrialSimulator } from './TrialSimulator';

/** One information set of an actor: what it has observed, what it plays there, how likely the play reaches it. */
export type PlayedTreeSet = {
  /**
   * What the mover has observed: (move index in the file's order, action or outcome index) for each move it
   * observes, in the order of its `observes` list (the key of models/scenario/roundTree's information sets).
   */
  readonly observed: readonly { readonly move: number; readonly action: number }[];
  /** Probability of each of the actor's strategies at this set (nash: 0/1). */
  readonly behaviour: readonly number[];
  /** Probability that the round's play reaches this set (chance and every mover's behaviour). */
  readonly reach: number;
};

export type PlayedTree = {
  readonly rule: SelectionRule;
  /** One entry per actor move, in play order (= the file's order of the actors). */
  readonly movers: readonly {
    /** Index into model.actors. */
    readonly actor: number;
    /** Index of the move in model.tree.moves (the file's order). */
    readonly move: number;
    readonly sets: readonly PlayedTreeSet[];
  }[];
  /** Each actor's expected payoff in the round under this play (over chance and mixed behaviour). */
  readonly values: readonly number[];
  /** Number of pure subgame-perfect profiles among the nash movers' tie-breaks (0 without a nash actor). */
  readonly pureCount: number;
};

/**
 * What the engine plays in round `opts.round` (default 1) of a sequential tree scenario at the given parameter
 * values, from the environment reduceToGame and roundTree use (state at its initial values unless given).
 * @returns null when the model's round is not a sequential tree.
 * @throws as a simulated round would (ModelEvaluationError for a non-finite payoff, ChanceProbabilityError).
 */
export const playedTree = (model: RuntimeModel, opts: ReduceOptions = {}): PlayedTree | null => {
  const tree = model.tree;
  if (!tree || tree.shape !== 'perfect') return null;
  const round = opts.round ?? 1;
  const env0 = environmentAt(model, opts);
  const sim = new TrialSimulator(model, { rounds: 1, fused: false });
  sim.start(
    seedKey('parley.playedTree'),
    0,
    Float64Array.from(model.params, (p) => env0[p.slot] as number),
  );
  // the same environment as the Game view's game: state (initial or given) and derived, then the round's tables
  sim.environment.set(env0);
  sim.beginRound(round);
  const player = sim.treeRound;
  if (!player) return null;
  // backward induction (the path it draws with these uniforms is not used: every node's behaviour is read)
  player.play(
    new Float64Array(model.actors.length),
    new Int32Array(model.actors.length),
    0,
    sim.behaviourMix,
  );

  const order = tree.playOrder;
  const branch = order.map((k) => {
    const m = tree.moves[k]!;
    return m.kind === 'actor' ? (model.actors[m.actor]?.strategies.length ?? 0) : m.outcomes.length;
  });
  const depthOf = new Map(order.map((k, d) => [k, d]));
  const movers: { actor: number; move: number; sets: PlayedTreeSet[] }[] = [];
  // walk the play-order tree breadth first, carrying each node's history and reach probability
  let level: { history: number[]; reach: number }[] = [{ history: [], reach: 1 }];
  order.forEach((k, d) => {
    const m = tree.moves[k]!;
    const sets: PlayedTreeSet[] = [];
    const next: { history: number[]; reach: number }[] = [];
    level.forEach((node, index) => {
      const beh = Array.from(player.behaviourAt(d, index));
      if (m.kind === 'actor') {
        sets.push({
          observed: m.observes.map((j) => ({
            move: j,
            action: node.history[depthOf.get(j) as number] as number,
          })),
          behaviour: beh,
          reach: node.reach,
        });
      }
      for (let a = 0; a < (branch[d] as number); a++)
        next.push({ history: [...node.history, a], reach: node.reach * (beh[a] as number) });
    });
    if (m.kind === 'actor') movers.push({ actor: m.actor, move: k, sets });
    level = next;
  });
  return {
    rule: model.selection,
    movers,
    values: model.actors.map((_, i) => player.rootValue(i)),
    pureCount: player.pureCount,
  };
};
