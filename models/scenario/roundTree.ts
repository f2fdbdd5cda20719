// A tree scenario's round as a GameTree (models/games/extensive) at given parameter values, state and round: the
// moves in the FILE's order, each actor's information sets from what it observes (nodes whose observed moves took
// the same actions form one set), chance moves with their probabilities, payoffs at the leaves. For `show --format
// efg` (Gambit reads it back) and for checking the engine's float kernel against the exact tree solvers. No mathjs.
import { Rational } from '../games/Rational';
import type { GameTree } from '../games/extensive/GameTree';
import { makeTree, type NodeSpec } from '../games/extensive/makeTree';
import { treeFromGame } from '../games/extensive/treeFromGame';
import type { RuntimeModel } from './RuntimeModel';
import { chanceProbabilities } from './chanceProbabilities';
import {
  ScenarioValueError,
  environmentAt,
  gameAtChanceOutcomes,
  gameAtEnvironment,
  roundOff,
  type ReduceOptions,
} from './reduceToGame';

/**
 * The round's game tree. A scenario without a tree gives its simultaneous game as a tree (treeFromGame). Throws
 * ScenarioValueError for a payoff that is not finite or chance probabilities that are not a distribution (naming the
 * chance move). Payoffs and probabilities are rounded to 12 significant digits (roundOff), exact from there.
 */
export const roundTree = (model: RuntimeModel, opts: ReduceOptions = {}): GameTree =>
  roundTreeAt(model, environmentAt(model, opts));

/** As roundTree, at a given environment (a copy is used). */
export const roundTreeAt = (model: RuntimeModel, envIn: Float64Array): GameTree => {
  const env = Float64Array.from(envIn);
  const tree = model.tree;
  if (!tree) return treeFromGame(gameAtEnvironment(model, env));
  const moves = tree.moves;
  // chance probabilities (exact, from the rounded floats; the rest-outcome gets 1 − the others exactly)
  const probs = new Map<number, Rational[]>();
  for (const c of chanceProbabilities(model, env, (message) => {
    throw new ScenarioValueError(message);
  })) {
    const last = c.rest >= 0 ? c.rest : c.probabilities.length - 1;
    const exact = c.probabilities.map((v) => Rational.from(roundOff(v)));
    let others = Rational.ZERO;
    exact.forEach((r, i) => {
      if (i !== last) others = others.add(r);
    });
    const rest = Rational.ONE.sub(others);
    exact[last] = rest.sign() < 0 ? Rational.ZERO : rest;
    probs.set(c.move, exact);
  }
  // one strategic-form table per chance combination (chance indicator slots set)
  const chanceMoves = tree.chance.map((k) => moves[k]).filter((m) => m?.kind === 'chance');
  const tables = new Map<string, number[][]>();
  const tableFor = (outcomes: readonly number[]): number[][] => {
    const key = outcomes.join(',');
    const hit = tables.get(key);
    if (hit) return hit;
    chanceMoves.forEach((m, c) => {
      if (m?.kind !== 'chance') return;
      m.outcomes.forEach((o, i) => (env[o.slot] = i === outcomes[c] ? 1 : 0));
    });
    const game = gameAtChanceOutcomes(model, env);
    const table = game.payoffs.map((row) => [...row]);
    tables.set(key, table);
    return table;
  };
  const sizes = model.actors.map((a) => a.strategies.length);
  const strides = sizes.map((_, i) => sizes.slice(0, i).reduce((x, y) => x * y, 1));
  const chanceIndex = new Map(tree.chance.map((k, c) => [k, c]));
  const infosetNumbers = model.actors.map(() => new Map<string, number>());
  const observedText = (k: number, a: number): string => {
    const e = moves[k]!;
    return e.kind === 'chance'
      ? `${e.label}: ${e.outcomes[a]?.label ?? ''}`
      : `${model.actors[e.actor]?.name ?? ''}: ${model.actors[e.actor]?.strategies[a]?.label ?? ''}`;
  };
  const path: number[] = [];
  const build = (depth: number): NodeSpec => {
    if (depth === moves.length) {
      let profile = 0;
      const outcomes = new Array<number>(chanceMoves.length).fill(0);
      moves.forEach((m, k) => {
        if (m.kind === 'actor') profile += (path[k] as number) * (strides[m.actor] as number);
        else outcomes[chanceIndex.get(k) as number] = path[k] as number;
      });
      const row = tableFor(outcomes)[profile] as number[];
      return { kind: 'terminal', payoffs: row.map((v) => String(v)) };
    }
    const m = moves[depth]!;
    const children = (count: number): NodeSpec[] =>
      Array.from({ length: count }, (_, a) => {
        path[depth] = a;
        const child = build(depth + 1);
        path.length = depth;
        return child;
      });
    if (m.kind === 'chance') {
      return {
        kind: 'chance',
        infoset: depth + 1,
        infosetLabel: m.label,
        actions: m.outcomes.map((o) => o.label),
        probs: (probs.get(depth) ?? []).map((r) => r.toString()),
        children: children(m.outcomes.length),
      };
    }
    const actor = model.actors[m.actor]!;
    const key = m.observes.map((k) => `${k}:${path[k]}`).join('|');
    const numbers = infosetNumbers[m.actor]!;
    let number = numbers.get(key);
    if (number === undefined) {
      number = numbers.size + 1;
      numbers.set(key, number);
    }
    return {
      kind: 'decision',
      player: m.actor,
      infoset: number,
      // what the mover has observed ("Moscow's stance: wavers, Seoul: Plain offer"), as the Game view says it
      infosetLabel: m.observes.map((k) => observedText(k, path[k] as number)).join(', '),
      actions: actor.strategies.map((s) => s.label),
      children: children(actor.strategies.length),
    };
  };
  return makeTree({
    title: model.title,
    players: model.actors.map((a) => a.name),
    root: build(0),
  });
};
