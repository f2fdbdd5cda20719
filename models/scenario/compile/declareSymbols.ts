// Step 1 of compiling a scenario: give every identifier a slot of the Float64Array environment, in a fixed order
// (parameters, round, month, derived, state, events, then one indicator slot per actor strategy), and build the
// ONE symbol table every formula is checked against. Duplicate and reserved ids are reported here.
import { INPUT_LIMITS } from '../../text/inputLimits';
import { RESERVED_NAMES } from '../../formula/formulaFunctions';
import { SymbolTable, type SymbolKind } from '../../formula/SymbolTable';
import { formatPath } from '../parseJson';
import type { Scenario } from '../scenarioSchema';
import { checkParameter } from './compileParameters';
import type { JsonPath, ScenarioDiagnostics } from './ScenarioDiagnostics';

/** Largest one-round game (number of pure-strategy profiles) a scenario may define. */
export const MAX_PROFILES = INPUT_LIMITS.profiles;

const KIND_NOUN: Record<SymbolKind, string> = {
  parameter: 'a parameter',
  builtin: 'a built-in variable',
  derived: 'a derived variable',
  state: 'a state variable',
  event: 'an event',
  choice: 'a strategy indicator',
};

export type DeclaredSymbols = {
  readonly symbols: SymbolTable;
  /** slotNames[i]: the identifier living in slot i. */
  readonly slotNames: readonly string[];
  readonly roundSlot: number;
  readonly monthSlot: number;
  /** Slots in the order of scenario.derived, scenario.state and scenario.events. */
  readonly derivedSlots: readonly number[];
  readonly stateSlots: readonly number[];
  readonly eventSlots: readonly number[];
  /** Actor id → index of its first declaration. */
  readonly actorIds: ReadonlyMap<string, number>;
  /** choiceSlots[actor][strategy]: the indicator slot. */
  readonly choiceSlots: readonly (readonly number[])[];
  /** Chance moves of the tree round (file order): id, index in tree.moves, outcome ids and indicator slots. */
  readonly chanceMoves: readonly ChanceDeclared[];
};

export type ChanceDeclared = {
  readonly id: string;
  readonly moveIndex: number;
  readonly outcomeIds: readonly string[];
  readonly slots: readonly number[];
};

/** Declare every identifier of a scenario (checking parameters' own fields on the way). */
export const declareSymbols = (scenario: Scenario, diag: ScenarioDiagnostics): DeclaredSymbols => {
  const symbols = new SymbolTable();
  const slotNames: string[] = [];
  const owner = new Map<string, string>();
  const declare = (
    name: string,
    kind: SymbolKind,
    path: JsonPath,
    range?: [number, number],
    quiet = false,
  ): number => {
    const slot = slotNames.length;
    slotNames.push(name);
    if (quiet) {
      // already reported by the caller
    } else if (kind !== 'builtin' && kind !== 'choice' && RESERVED_NAMES.has(name)) {
      diag.issue(path, `"${name}" is a reserved name in formulas; choose another id`);
    } else if (symbols.has(name)) {
      diag.issue(
        path,
        `duplicate id "${name}": already ${KIND_NOUN[symbols.get(name)?.kind ?? 'parameter']} (${owner.get(name)})`,
      );
    } else {
      symbols.set(name, { slot, kind, ...(range ? { min: range[0], max: range[1] } : {}) });
      owner.set(name, formatPath(path));
    }
    return slot;
  };

  for (const [id, p] of Object.entries(scenario.parameters ?? {})) {
    checkParameter(id, p, diag);
    declare(id, 'parameter', ['parameters', id], [Math.min(p.min, p.max), Math.max(p.min, p.max)]);
  }
  const roundSlot = declare('round', 'builtin', ['rounds'], [1, scenario.rounds?.count ?? 1]);
  const monthSlot = declare('month', 'builtin', ['rounds'], [1, 12]);
  const derivedSlots = Object.keys(scenario.derived ?? {}).map((id) =>
    declare(id, 'derived', ['derived', id]),
  );
  const stateSlots = Object.entries(scenario.state ?? {}).map(([id, s]) => {
    if (s.min !== undefined && s.max !== undefined && !(s.min <= s.max)) {
      diag.issue(['state', id, 'max'], 'must be at least min');
    }
    const range: [number, number] | undefined =
      s.min !== undefined && s.max !== undefined && s.min <= s.max ? [s.min, s.max] : undefined;
    return declare(id, 'state', ['state', id], range);
  });
  const eventIds = new Set<string>();
  const eventSlots = (scenario.events ?? []).map((e, i) => {
    if (eventIds.has(e.id)) diag.issue(['events', i, 'id'], `duplicate event id "${e.id}"`);
    eventIds.add(e.id);
    return declare(e.id, 'event', ['events', i, 'id'], [0, 1]);
  });
  const actors = scenario.actors;
  const actorIds = new Map<string, number>();
  actors.forEach((a, ai) => {
    if (actorIds.has(a.id)) diag.issue(['actors', ai, 'id'], `duplicate actor id "${a.id}"`);
    else if (symbols.has(a.id) || RESERVED_NAMES.has(a.id)) {
      diag.issue(
        ['actors', ai, 'id'],
        `actor id "${a.id}" clashes with ${symbols.has(a.id) ? `${owner.get(a.id)}` : 'a reserved name'}`,
      );
    }
    if (!actorIds.has(a.id)) actorIds.set(a.id, ai);
  });
  const choiceSlots = actors.map((a, ai) => {
    const seen = new Set<string>();
    return a.strategies.map((s, si) => {
      const dup = seen.has(s.id) || actorIds.get(a.id) !== ai;
      if (seen.has(s.id)) {
        diag.issue(['actors', ai, 'strategies', si, 'id'], `duplicate strategy id "${s.id}" for ${a.id}`);
      }
      seen.add(s.id);
      return declare(`${a.id}.${s.id}`, 'choice', ['actors', ai, 'strategies', si, 'id'], [0, 1], dup);
    });
  });
  // Chance moves of a tree round: one indicator slot per outcome (chanceId.outcomeId), declared after the actors'.
  const chanceMoves: ChanceDeclared[] = [];
  const moveIds = new Set<string>(actorIds.keys());
  (scenario.tree?.moves ?? []).forEach((m, mi) => {
    if (!('chance' in m)) return;
    const mpath: JsonPath = ['tree', 'moves', mi, 'chance'];
    if (moveIds.has(m.chance))
      diag.issue(mpath, `"${m.chance}" is already the id of an actor or a chance move`);
    else if (symbols.has(m.chance) || RESERVED_NAMES.has(m.chance)) {
      diag.issue(
        mpath,
        `chance move id "${m.chance}" clashes with ${symbols.has(m.chance) ? `${owner.get(m.chance)}` : 'a reserved name'}`,
      );
    }
    const dupMove = moveIds.has(m.chance);
    moveIds.add(m.chance);
    const seen = new Set<string>();
    const slots = m.outcomes.map((o, oi) => {
      const dup = dupMove || seen.has(o.id);
      if (seen.has(o.id))
        diag.issue(['tree', 'moves', mi, 'outcomes', oi, 'id'], `duplicate outcome id "${o.id}"`);
      seen.add(o.id);
      return declare(
        `${m.chance}.${o.id}`,
        'choice',
        ['tree', 'moves', mi, 'outcomes', oi, 'id'],
        [0, 1],
        dup,
      );
    });
    chanceMoves.push({ id: m.chance, moveIndex: mi, outcomeIds: m.outcomes.map((o) => o.id), slots });
  });
  const profiles = actors.reduce((n, a) => n * a.strategies.length, 1);
  if (profiles > MAX_PROFILES) {
    diag.issue(
      ['actors'],
      `the game has ${profiles} strategy profiles (${actors.map((a) => a.strategies.length).join('×')}); the limit is ${MAX_PROFILES}`,
    );
  }
  return {
    symbols,
    slotNames,
    roundSlot,
    monthSlot,
    derivedSlots,
    stateSlots,
    eventSlots,
    actorIds,
    choiceSlots,
    chanceMoves,
  };
};
