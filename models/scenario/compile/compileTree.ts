// A tree round (parley.scenario/2 `tree`) → ModelSpec['tree']: every move checked with its JSON path (unknown or
// repeated actors, observations of unknown or later moves, chance probabilities that do not depend on choices and,
// when constant, are checked here; otherwise the engine checks them in every trial and round), then its shape:
//   perfect       every actor observes every earlier actor's move, and each chance move is observed, from its first
//                 observer on, by every later actor (or by nobody): played by backward induction;
//   simultaneous  nobody observes anything: the strategic-form game of expected payoffs over chance.
// Other information structures (an actor who misses another's move, a chance move only some see) are refused with
// a message saying so: they are games of imperfect information whose equilibria need a subgame decomposition the
// engine does not run per trial (export the tree with `show --format efg` and `solve` it).
import { suggestion } from '../../formula/didYouMean';
import type { SymbolKind } from '../../formula/SymbolTable';
import type { FormulaIR, ModelSpec, TreeMoveOf } from '../RuntimeModel';
import { isChanceMove, moveId, type Scenario } from '../scenarioSchema';
import type { DeclaredSymbols } from './declareSymbols';
import type { ScenarioDiagnostics } from './ScenarioDiagnostics';
import type { ScenarioFormulas } from './ScenarioFormulas';

/** Most leaves (pure profiles × chance outcome combinations) a tree round may have. */
export const MAX_TREE_LEAVES = 100_000;

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
  for (const k of actorMoves) {
    const missed = actorMoves.find((j) => j < k && !obsOf(k).includes(j));
    if (missed !== undefined) {
      diag.issue(
        ['tree', 'moves', k, 'observes'],
        `${ids[k]} does not observe ${ids[missed]}'s move: this version plays trees where every actor observes every earlier actor (perfect information) or nobody observes anything (a simultaneous round); export the tree with "show --format efg" to solve other ones`,
      );
      return undefined;
    }
  }
  const firstObserver = new Map<number, number>();
  for (const c of chance) {
    const after = actorMoves.filter((k) => k > c);
    const first = after.find((k) => obsOf(k).includes(c));
    if (first === undefined) continue;
    const blind = after.find((k) => k > first && !obsOf(k).includes(c));
    if (blind !== undefined) {
      diag.issue(
        ['tree', 'moves', blind, 'observes'],
        `${ids[blind]} does not observe chance move "${ids[c]}" although ${ids[first]} did before it: this version plays chance moves that, once observed, every later actor observes`,
      );
      return undefined;
    }
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
  const playOrder: number[] = [];
  for (const k of actorMoves) {
    for (const c of chance) if (firstObserver.get(c) === k) playOrder.push(c);
    playOrder.push(k);
  }
  for (const c of chance) if (!firstObserver.has(c)) playOrder.push(c);
  return { shape: 'perfect', moves, playOrder, chance };
};
