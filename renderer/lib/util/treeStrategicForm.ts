// The Game view of a sequential tree scenario: the round's reduced strategic form (strategies are plans, one action
// per information set; models/games/extensive/reducedStrategicForm), with readable plan labels, what each
// information set is (what its mover has observed), and the plans the engine plays (models/engine/playedTree), so
// the matrix can outline the engine's profile and every number on the view is the engine's.
import type { GameTree, TreeNode } from '../../../models/games/extensive/GameTree';
import {
  reducedStrategicForm,
  reducedStrategyCount,
} from '../../../models/games/extensive/reducedStrategicForm';
import type { Game } from '../../../models/games/Game';
import type { PlayedTree } from '../../../models/engine/playedTree';
import type { RuntimeModel } from '../../../models/scenario/RuntimeModel';
import { actorText } from './playedText';

/** Largest reduced form shown as a matrix: plans per player, and profiles. */
export const MAX_PLANS_PER_PLAYER = 64;
export const MAX_PLAN_PROFILES = 4096;

/** One information set of an actor, in words, with what the engine plays there. */
export type PlanSet = {
  /** What the mover has observed ("Cost: high, Entrant: In"), or "at the start". */
  readonly observed: string;
  /** What the engine plays there ("In", or "In 40%, Out 60%"). */
  readonly plays: string;
  /** Probability that the engine's play reaches it. */
  readonly reach: number;
};

export type TreePlans = {
  /** Per actor (model order): its information sets, in the reduced form's order (the tree's infoset order). */
  readonly sets: readonly (readonly PlanSet[])[];
  /** The reduced strategic form with plan labels (one action per set, " / " between sets; "–" unreached), or null. */
  readonly game: Game | null;
  /** Why the form is not shown (too large), or null. */
  readonly tooLarge: string | null;
  /** The profile index (Gambit order) of the engine's plans in `game`; null when some mover mixes, or no game. */
  readonly engineProfile: number | null;
  /** Each actor's expected payoff under the engine's play (PlayedTree.values). */
  readonly values: readonly number[];
};

/** The actions from the root to node n (one per move, the file's order). */
const pathTo = (tree: GameTree, n: number): number[] => {
  const out: number[] = [];
  let at = n;
  while (at > 0) {
    const node = tree.nodes[at] as TreeNode;
    out.push(node.action);
    at = node.parent;
  }
  return out.reverse();
};

/**
 * The plans view of `tree` (models/scenario/roundTree of `model` at the values `played` was computed at).
 * @throws Error when the tree and the model do not match (a bug, not bad input).
 */
export const treeStrategicForm = (model: RuntimeModel, tree: GameTree, played: PlayedTree): TreePlans => {
  const moves = model.tree?.moves ?? [];
  const moveText = (j: number, a: number): string => {
    const m = moves[j];
    if (!m) return '';
    if (m.kind === 'chance') return `${m.label}: ${m.outcomes[a]?.label ?? ''}`;
    const actor = model.actors[m.actor];
    return `${actor?.name ?? ''}: ${actor?.strategies[a]?.label ?? ''}`;
  };
  // each information set of the tree ↔ the engine's set with the same observations
  const engineSets = tree.infosets.map((sets, p) => {
    const mover = played.movers.find((m) => m.actor === p);
    const move = moves[mover?.move ?? -1];
    if (!mover || !move || move.kind !== 'actor')
      throw new Error(`no move of actor ${p} in the engine's play`);
    return sets.map((set) => {
      const path = pathTo(tree, set.nodes[0] as number);
      const key = move.observes.map((j) => `${j}:${path[j]}`).join('|');
      const found = mover.sets.find((s) => s.observed.map((o) => `${o.move}:${o.action}`).join('|') === key);
      if (!found) throw new Error(`the engine has no information set "${key}" for actor ${p}`);
      return found;
    });
  });
  const labels = model.actors.map((a) => a.strategies.map((s) => s.label));
  const sets = engineSets.map((list, p) =>
    list.map((s) => ({
      observed:
        s.observed.length === 0
          ? 'at the start'
          : s.observed.map((o) => moveText(o.move, o.action)).join(', '),
      plays: actorText(labels[p] ?? [], s.behaviour),
      reach: s.reach,
    })),
  );

  const counts = tree.players.map((_, p) => reducedStrategyCount(tree, p));
  const profiles = counts.reduce((a, b) => a * b, 1);
  if (counts.some((c) => c > MAX_PLANS_PER_PLAYER) || profiles > MAX_PLAN_PROFILES) {
    const sizes = counts.map((c) => (Number.isFinite(c) ? c.toLocaleString('en-US') : '∞')).join(' × ');
    return {
      sets,
      game: null,
      tooLarge: `${sizes} plans: too many to show as a matrix (at most ${MAX_PLANS_PER_PLAYER} per actor and ${MAX_PLAN_PROFILES.toLocaleString('en-US')} profiles)`,
      engineProfile: null,
      values: played.values,
    };
  }
  const form = reducedStrategicForm(tree);
  const game: Game = {
    ...form.game,
    strategies: form.strategies.map((list, p) =>
      list.map((s) =>
        Array.from(s.choice, (a, I) =>
          a < 0 ? '–' : (tree.infosets[p]?.[I]?.actions[a] ?? String(a + 1)),
        ).join(' / '),
      ),
    ),
  };
  // the engine's pure plan of each player as a reduced strategy (agreeing wherever the strategy reaches)
  let engineProfile: number | null = 0;
  let stride = 1;
  for (let p = 0; p < form.strategies.length && engineProfile !== null; p++) {
    const list = form.strategies[p] ?? [];
    const k = list.findIndex((s) =>
      Array.from(s.choice).every((a, I) => a < 0 || engineSets[p]?.[I]?.behaviour[a] === 1),
    );
    if (k < 0) engineProfile = null;
    else {
      engineProfile += k * stride;
      stride *= list.length;
    }
  }
  return { sets, game, tooLarge: null, engineProfile, values: played.values };
};
