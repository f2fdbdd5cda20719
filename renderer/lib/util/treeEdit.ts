// Pure edits of a scenario document's tree round (`scenario.tree`, parley.scenario/2: moves in order, what each
// mover observes, chance moves), used by the editor's "Moves in order" section. Each takes the draft as plain JSON
// and returns the new one; the document applies it as one undo step. References stay consistent: deleting or
// renaming a move updates the `observes` lists that name it, and moving a move drops observations of moves that
// no longer come before it (a move may observe only earlier moves).
import type { ChanceMove, TreeMove, TreeRound } from '../../../models/scenario/scenarioSchema';
import { freshId } from './jsonEdit';

type Rec = Record<string, unknown>;
const asRec = (v: unknown): Rec =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Is this (untrusted JSON) move a chance move? */
export const isChance = (m: unknown): boolean => typeof asRec(m).chance === 'string';
/** The id a move is known by (actor id or chance id), "" if it has none. */
export const idOfMove = (m: unknown): string => {
  const r = asRec(m);
  return String((isChance(m) ? r.chance : r.actor) ?? '');
};

/** The tree's moves (empty when the scenario has no tree). */
export const movesOf = (scenario: unknown): unknown[] => list(asRec(asRec(scenario).tree).moves);

const withMoves = (scenario: unknown, moves: unknown[]): Rec => ({
  ...asRec(scenario),
  tree: { ...asRec(asRec(scenario).tree), moves },
});

/** Drop from each move's `observes` the ids that are not of an earlier move ("all" stays). */
const cleanObserves = (moves: unknown[]): unknown[] =>
  moves.map((m, i) => {
    const r = asRec(m);
    if (!Array.isArray(r.observes)) return m;
    const earlier = new Set(moves.slice(0, i).map(idOfMove));
    const kept = r.observes.filter((id) => earlier.has(String(id)));
    return { ...r, observes: kept };
  });

/**
 * Make the round a tree: the actors move in their listed order, each later mover observing every earlier move
 * (perfect information, the usual sequential game). Existing trees are left as they are.
 */
export const makeSequential = (scenario: unknown): Rec => {
  const s = asRec(scenario);
  if (s.tree !== undefined) return s;
  const actors = list(s.actors).map((a) => String(asRec(a).id ?? ''));
  const moves: TreeMove[] = actors.map((actor, i) => (i === 0 ? { actor } : { actor, observes: 'all' }));
  return { ...s, tree: { moves } satisfies TreeRound };
};

/** Remove the tree: every actor moves at once again. */
export const makeSimultaneous = (scenario: unknown): Rec => {
  const { tree: _tree, ...rest } = asRec(scenario);
  return rest;
};

/** Every id already used by a move, an actor, a parameter, a state or derived variable (chance ids must differ). */
const takenIds = (scenario: unknown): string[] => {
  const s = asRec(scenario);
  return [
    ...movesOf(s).map(idOfMove),
    ...list(s.actors).map((a) => String(asRec(a).id ?? '')),
    ...Object.keys(asRec(s.parameters)),
    ...Object.keys(asRec(s.state)),
    ...Object.keys(asRec(s.derived)),
  ];
};

/** Append a chance move with two equally likely outcomes (probabilities 1/2 and the rest). */
export const addChanceMove = (scenario: unknown): Rec => {
  const chance = freshId('chance', takenIds(scenario));
  const move: ChanceMove = {
    chance,
    label: 'Chance',
    outcomes: [
      { id: 'yes', label: 'Yes', probability: '1/2' },
      { id: 'no', label: 'No' },
    ],
  };
  return withMoves(scenario, [...movesOf(scenario), move]);
};

/** Append an actor's move (for an actor not yet in the tree), observing every earlier move. */
export const addActorMove = (scenario: unknown, actor: string): Rec => {
  const moves = movesOf(scenario);
  const move: TreeMove = moves.length === 0 ? { actor } : { actor, observes: 'all' };
  return withMoves(scenario, [...moves, move]);
};

/** Actors of the scenario that have no move in the tree yet. */
export const actorsWithoutMove = (scenario: unknown): string[] => {
  const moved = new Set(
    movesOf(scenario)
      .filter((m) => !isChance(m))
      .map(idOfMove),
  );
  return list(asRec(scenario).actors)
    .map((a) => String(asRec(a).id ?? ''))
    .filter((id) => id !== '' && !moved.has(id));
};

/** Delete move i; later moves stop observing it. */
export const removeMove = (scenario: unknown, i: number): Rec => {
  const moves = movesOf(scenario);
  const gone = idOfMove(moves[i]);
  const rest = moves
    .filter((_, k) => k !== i)
    .map((m) => {
      const r = asRec(m);
      return Array.isArray(r.observes) ? { ...r, observes: r.observes.filter((id) => id !== gone) } : m;
    });
  return withMoves(scenario, rest);
};

/** Move move i up (delta −1) or down (+1); observations of moves no longer earlier are dropped. */
export const shiftMove = (scenario: unknown, i: number, delta: number): Rec => {
  const moves = [...movesOf(scenario)];
  const j = i + delta;
  if (j < 0 || j >= moves.length || i < 0 || i >= moves.length) return asRec(scenario);
  [moves[i], moves[j]] = [moves[j], moves[i]];
  return withMoves(scenario, cleanObserves(moves));
};

/** What move i observes: "all", or the ids it lists (missing: nothing). */
export const observesOf = (scenario: unknown, i: number): 'all' | string[] => {
  const o = asRec(movesOf(scenario)[i]).observes;
  return o === 'all' ? 'all' : list(o).map(String);
};

/** Make move i observe (or not) the earlier move `id`; "all" becomes the explicit list of earlier moves first. */
export const setObserves = (scenario: unknown, i: number, id: string, on: boolean): Rec => {
  const moves = movesOf(scenario);
  const earlier = moves.slice(0, i).map(idOfMove);
  const now = observesOf(scenario, i);
  const current = now === 'all' ? earlier : now;
  const next = earlier.filter((e) => (e === id ? on : current.includes(e)));
  return withMoves(
    scenario,
    moves.map((m, k) => {
      if (k !== i) return m;
      const r = { ...asRec(m) };
      if (next.length === 0) delete r.observes;
      else r.observes = next.length === earlier.length ? 'all' : next;
      return r;
    }),
  );
};

/** Rename chance move i (the new id must be free); later moves' observations follow. */
export const renameChance = (scenario: unknown, i: number, to: string): Rec => {
  const moves = movesOf(scenario);
  const from = idOfMove(moves[i]);
  return withMoves(
    scenario,
    moves.map((m, k) => {
      const r = asRec(m);
      if (k === i) return { ...r, chance: to };
      return Array.isArray(r.observes)
        ? { ...r, observes: r.observes.map((id) => (id === from ? to : id)) }
        : m;
    }),
  );
};

/** Add an outcome to chance move i (no probability: it takes the rest, unless another outcome already does). */
export const addOutcome = (scenario: unknown, i: number): Rec => {
  const moves = movesOf(scenario);
  const r = asRec(moves[i]);
  const outcomes = list(r.outcomes);
  const id = freshId(
    'outcome',
    outcomes.map((o) => String(asRec(o).id ?? '')),
  );
  const restTaken = outcomes.some((o) => asRec(o).probability === undefined);
  const outcome: Rec = { id, label: `Outcome ${outcomes.length + 1}` };
  if (restTaken) outcome.probability = 0;
  return withMoves(
    scenario,
    moves.map((m, k) => (k === i ? { ...r, outcomes: [...outcomes, outcome] } : m)),
  );
};

/** Delete outcome k of chance move i (a chance move keeps at least one). */
export const removeOutcome = (scenario: unknown, i: number, k: number): Rec => {
  const moves = movesOf(scenario);
  const r = asRec(moves[i]);
  const outcomes = list(r.outcomes);
  if (outcomes.length <= 1) return asRec(scenario);
  return withMoves(
    scenario,
    moves.map((m, j) => (j === i ? { ...r, outcomes: outcomes.filter((_, n) => n !== k) } : m)),
  );
};
