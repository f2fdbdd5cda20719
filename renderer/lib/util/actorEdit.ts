// Pure edits of one actor of a scenario document, shared by the editor's Actors section and its Moves in order
// section (an actor's actions in a tree round are its strategies): adding a strategy gives it a payoff formula of
// 0, deleting one deletes its payoff formula too.
import { freshId, listOf, removeIndex, removeKey } from './jsonEdit';

export type ActorDraft = {
  id?: unknown;
  name?: unknown;
  strategies?: unknown;
  payoffs?: unknown;
  behaviour?: unknown;
};
type Strat = { id?: unknown; label?: unknown };

/** The actor with one more strategy (a fresh id, "Strategy n", payoff 0). */
export const withStrategyAdded = (a: ActorDraft): ActorDraft => {
  const strats = listOf(a.strategies) as Strat[];
  const id = freshId(
    's',
    strats.map((s) => String(s.id ?? '')),
  );
  return {
    ...a,
    strategies: [...strats, { id, label: `Strategy ${strats.length + 1}` }],
    payoffs: { ...((a.payoffs as object) ?? {}), [id]: 0 },
  };
};

/** The actor without its k-th strategy and that strategy's payoff formula. */
export const withStrategyRemoved = (a: ActorDraft, k: number): ActorDraft => {
  const sid = String((listOf(a.strategies)[k] as Strat | undefined)?.id ?? '');
  return { ...a, strategies: removeIndex(listOf(a.strategies), k), payoffs: removeKey(a.payoffs, sid) };
};
