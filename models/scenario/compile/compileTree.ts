// A tree round (parley.scenario/2 `tree`) → ModelSpec['tree']: every move checked with its JSON path (unknown or
// repeated actors, observations of unknown or later moves, chance probabilities that do not depend on choices and,
// when constant, are checked here; otherwise the engine checks them in every trial and round), then its shape:
//   simultaneous  nobody observes anything: the strategic-form game of expected payoffs over chance;
//   perfect       every actor observes every earlier actor's move, and each chance move is observed, from its first
//                 observer on, by every later actor (or by nobody): played by backward induction;
//   imperfect     any other information structure (an actor who misses another's move, a chance move only some
//                 later actors see): played by subgame decomposition (Selten 1965). `subgameLevels`
//                 (../treeSubgameLevels.ts, the one rule) lists the levels of the play order where proper subgames
//                 start; each segment between two of them is a finite game of imperfect information among its movers,
//                 played through its strategic form (TreeRoundPlayer). A segment whose strategic form exceeds
//                 MAX_SEGMENT_FORM entries is refused here, naming the limit and the segment's first move.
// The play order (all shapes but simultaneous): the file's order with each chance move placed just before its first
// observer, or last when nobody observes it.
import { suggestion } from '../../formula/didYouMean';
import type { SymbolKind } from '../../formula/SymbolTable';
import type { FormulaIR, ModelSpec, TreeMoveOf } from '../RuntimeModel';
import { isChanceMove, moveId, type Scenario } from '../scenarioSchema';
import type { DeclaredSymbols } from './declareSymbols';
import type { ScenarioDiagnostics } from './ScenarioDiagnostics';
import type { ScenarioFormulas } from './ScenarioFormulas';
import { subgameLevels } from '../treeSubgameLevels';

/** Most leaves (pure profiles × chance outcome combinations) a tree round may have. */
export const MAX_TREE_LEAVES = 100_000;

/**
 * Most entries of the strategic form of one segment of an imperfect-information tree round (the moves between two
 * consecutive proper-subgame levels): subgames at the segment's first level × pure-strategy profiles of its movers
 * (an action at each of a mover's information sets in the segment) × its chance outcome combinations. The engine
 * builds and solves that form in every round.
 */
export const MAX_SEGMENT_FORM = 100_000;

const CHANCE_INPUTS: ReadonlySet<SymbolKind> = new Set<SymbolKind>([
  'parameter',
  'builtin',
  'derived',
  'state',
  'event',
]);

/** Tolerance of the sum-to-one check of chance probabilities (here and in the engine). */
export const CHANCE_TOLERANCE = 1e-9;

export const compileTree = (
  scenario: Scenario,
  declared: DeclaredSymbols,
  formulas: ScenarioFormulas,
  diag: ScenarioDiagnostics,
): ModelSpec['tree'] => {
  const tree = scenario.tree;
  if (!tree) return undefined;
  const errorsBefore = diag.issues.length;
  const ids = tree.moves.map(moveId);
  const index = new Map<string, number>();
  const actorSeen = new Map<number, number>();
  const moves: TreeMoveOf<FormulaIR>[] = [];
  const chanceByMove = new Map(declared.chanceMoves.map((c) => [c.moveIndex, c]));
  tree.moves.forEach((m, mi) => {
    const path = ['tree', 'moves', mi];
    const observes: number[] = [];
    if (!isChanceMove(m)) {
      const ai = declared.actorIds.get(m.actor);
      if (ai === undefined) {
        diag.issue(
          [...path, 'actor'],
          `unknown actor "${m.actor}"${suggestion(m.actor, declared.actorIds.keys())}`,
        );
      } else if (actorSeen.has(ai)) {
        diag.issue(
          [...path, 'actor'],
          `${m.actor} already moves (tree.moves.${actorSeen.get(ai)}); each actor moves once a round`,
        );
      } else actorSeen.set(ai, mi);
      const obs = m.observes ?? [];
      if (obs === 'all') for (let k = 0; k < mi; k++) observes.push(k);
      else
        obs.forEach((id, k) => {
          const at = index.get(id);
          if (at !== undefined) {
            if (!observes.includes(at)) observes.push(at);
            return;
          }
          const later = ids.indexOf(id);
          diag.issue(
            [...path, 'observes', k],
            later >= 0
              ? `"${id}" moves ${later === mi ? 'here' : 'later'} (tree.moves.${later}): a mover can observe only earlier moves`
              : `unknown move "${id}"${suggestion(id, ids)}`,
          );
        });
      observes.sort((a, b) => a - b);
      moves.push({ kind: 'actor', actor: ai ?? 0, observes });
    } else {
      const declaredMove = chanceByMove.get(mi);
      const missing = m.outcomes.filter((o) => o.probability === undefined).length;
      if (missing > 1)
        diag.issue(
          [...path, 'outcomes'],
          `only one outcome of chance move "${m.chance}" may leave out its probability (it takes the rest)`,
        );
      const probs = m.outcomes.map((o, oi) =>
        o.probability === undefined
          ? null
          : (formulas.compile(o.probability, [...path, 'outcomes', oi, 'probability'], {
              label: `tree.${m.chance}.${o.id}`,
              allowed: CHANCE_INPUTS,
              notAllowedReason:
                'a chance probability depends on parameters, state, derived values and round/month, not on choices',
            }) as FormulaIR),
      );
      // Constant probabilities are checked now; the others in every trial and round (TreeRoundPlayer).
      if (missing <= 1 && probs.every((p) => p === null || p.op === 'num')) {
        const values = probs.map((p) => (p === null ? null : (p as unknown as { v: number }).v));
        const given = values.reduce<number>((s, v) => s + (v ?? 0), 0);
        const bad = values.findIndex((v) => v !== null && !(v >= 0 && v <= 1));
        if (bad >= 0)
          diag.issue(
            [...path, 'outcomes', bad, 'probability'],
            `must be between 0 and 1, got ${values[bad]}`,
          );
        else if (missing === 0 && Math.abs(given - 1) > CHANCE_TOLERANCE)
          diag.issue(
            [...path, 'outcomes'],
            `the probabilities of chance move "${m.chance}" sum to ${given}, not 1`,
          );
        else if (missing === 1 && given > 1 + CHANCE_TOLERANCE)
          diag.issue(
            [...path, 'outcomes'],
            `the probabilities of chance move "${m.chance}" sum to ${given}: nothing is left for the outcome without one`,
          );
      }
      moves.push({
        kind: 'chance',
        id: m.chance,
        label: m.label ?? m.chance,
        outcomes: m.outcomes.map((o, oi) => ({
          id: o.id,
          label: o.label ?? o.id,
          slot: declaredMove?.slots[oi] ?? 0,
          probability: probs[oi] ?? null,
        })),
      });
    }
    index.set(ids[mi] as string, mi);
  });
  scenario.actors.forEach((a, ai) => {
    if (!actorSeen.has(ai) && declared.actorIds.get(a.id) === ai)
      diag.issue(['tree', 'moves'], `actor ${a.id} does not move: every actor moves exactly once a round`);
  });
  const chance = moves.flatMap((m, k) => (m.kind === 'chance' ? [k] : []));
  const profiles = scenario.actors.reduce((n, a) => n * a.strategies.length, 1);
  const combos = chance.reduce(
    (n, k) => n * (moves[k] as { outcomes: readonly unknown[] }).outcomes.length,
    1,
  );
  if (profiles * combos > MAX_TREE_LEAVES)
    diag.issue(
      ['tree', 'moves'],
      `the tree has ${profiles * combos} leaves (strategy profiles × chance outcomes); the limit is ${MAX_TREE_LEAVES}`,
    );
  if (diag.issues.length > errorsBefore) return undefined;

  // Shape.
  const actorMoves = moves.flatMap((m, k) => (m.kind === 'actor' ? [k] : []));
  const obsOf = (k: number): readonly number[] => (moves[k] as { observes: readonly number[] }).observes;
  if (actorMoves.every((k) => obsOf(k).length === 0)) {
    return { shape: 'simultaneous', moves, playOrder: moves.map((_, k) => k), chance };
  }
  // perfect information: every actor observes every earlier actor, and a chance move, once observed, is observed
  // by every later actor
  let perfect = actorMoves.every((k) => actorMoves.every((j) => j >= k || obsOf(k).includes(j)));
  const firstObserver = new Map<number, number>();
  for (const c of chance) {
    const after = actorMoves.filter((k) => k > c);
    const first = after.find((k) => obsOf(k).includes(c));
    if (first === undefined) continue;
    if (after.some((k) => k > first && !obsOf(k).includes(c))) perfect = false;
    firstObserver.set(c, first);
  }
  for (const k of actorMoves) {
    const b = scenario.actors[(moves[k] as { actor: number }).actor]?.behaviour;
    if (b?.model === 'fictitious-play')
      diag.issue(
        ['actors', (moves[k] as { actor: number }).actor, 'behaviour'],
        'fictitious play is for simultaneous rounds; in a tree round use nash, logit, fixed or mixed',
      );
  }
  // play order: each chance move just before its first observer, or last when nobody observes it (an equivalent
  // tree: chance draws do not depend on choices, and no mover in between observes it)
  const playOrder: number[] = [];
  for (const k of actorMoves) {
    for (const c of chance) if (firstObserver.get(c) === k) playOrder.push(c);
    playOrder.push(k);
  }
  for (const c of chance) if (!firstObserver.has(c)) playOrder.push(c);
  if (perfect) return { shape: 'perfect', moves, playOrder, chance };

  // imperfect information: the segments between proper subgames, each played through its strategic form
  const branches = moves.map((m) =>
    m.kind === 'actor' ? (scenario.actors[m.actor]?.strategies.length ?? 1) : m.outcomes.length,
  );
  const levels = subgameLevels(moves, playOrder, branches);
  let instances = 1;
  for (let s = 0; s < levels.length; s++) {
    const a = levels[s] as number;
    const b = levels[s + 1] ?? playOrder.length;
    for (let d = s === 0 ? 0 : (levels[s - 1] as number); d < a; d++)
      instances *= branches[playOrder[d] as number] as number;
    let size = instances;
    for (let d = a; d < b; d++) {
      const k = playOrder[d] as number;
      const m = moves[k] as TreeMoveOf<FormulaIR>;
      if (m.kind === 'chance') size *= branches[k] as number;
      else {
        let infosets = 1;
        for (let i = a; i < d; i++)
          if (m.observes.includes(playOrder[i] as number))
            infosets *= branches[playOrder[i] as number] as number;
        for (let h = 0; h < infosets && size <= 1e15; h++) size *= branches[k] as number;
      }
    }
    if (size > MAX_SEGMENT_FORM) {
      const first = Math.min(...playOrder.slice(a, b));
      const last = Math.max(...playOrder.slice(a, b));
      diag.issue(
        ['tree', 'moves', first],
        `the moves tree.moves.${first} to tree.moves.${last} are a game of imperfect information without a proper subgame inside; its strategic form (subgames × pure-strategy profiles × chance outcomes) has ${size > 1e15 ? 'more than 10^15' : size} entries; the limit MAX_SEGMENT_FORM is ${MAX_SEGMENT_FORM} (let later movers observe more, or give actors fewer strategies)`,
      );
      return undefined;
    }
  }
  return { shape: 'imperfect', moves, playOrder, chance, subgameLevels: levels };
};
