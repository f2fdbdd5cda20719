// Scenario (validated structure) → ModelSpec (serialisable, formulas as FormulaIR), collecting EVERY problem with
// its JSON path. Uses mathjs (through models/formula/compileFormula): never call it on a hot path or in a worker.
// The passes, one file each in compile/ (the way Squiggle's compiler declares symbols, then compiles each part):
//   declareSymbols      slots and the ONE symbol table (parameters' own fields are checked on the way)
//   compileDerived      derived variables (each may use only those listed before it)
//   compileState        state variables' initial values and updates
//   compileEvents       events' probabilities and effects
//   compileActors       payoffs, compileOverrides (per-profile payoffs), compileBehaviour
//   compileTree         a tree round: moves in order, observations, chance moves, its shape
//   compileOutcomes     outcomes and metrics
//   checkDomains        no formula leaves its domain (÷0, log/sqrt of negatives, …) for any value its inputs can take
//   checkCorrelations   rank correlations between uncertain parameters
import type { ModelSpec, SelectionRule } from './RuntimeModel';
import type { Scenario } from './scenarioSchema';
import { sha256 } from './sha256';
import { checkCorrelations } from './compile/checkCorrelations';
import { checkDomains } from './compile/checkDomains';
import { compileActors } from './compile/compileActors';
import { compileDerived } from './compile/compileDerived';
import { compileEvents } from './compile/compileEvents';
import { compileMetrics, compileOutcomes } from './compile/compileOutcomes';
import { compileParameters } from './compile/compileParameters';
import { compileState } from './compile/compileState';
import { compileTree } from './compile/compileTree';
import { declareSymbols } from './compile/declareSymbols';
import { ScenarioDiagnostics, type ScenarioIssue } from './compile/ScenarioDiagnostics';
import { ScenarioFormulas } from './compile/ScenarioFormulas';

export type CompileResult =
  | { readonly ok: true; readonly spec: ModelSpec; readonly warnings: ScenarioIssue[] }
  | { readonly ok: false; readonly issues: ScenarioIssue[]; readonly warnings: ScenarioIssue[] };

export type CompileOptions = {
  /** Scenario id when the file has none (e.g. from its file name). */
  readonly id?: string;
};

/**
 * The scenario's identity for provenance and staleness: SHA-256 of its validated JSON. A file without a `tree`
 * means what it meant in parley.scenario/1, so it hashes as its /1 form: results made before format 2 stay current.
 */
export const scenarioHash = (scenario: Scenario): string =>
  sha256(JSON.stringify(scenario.tree ? scenario : { ...scenario, format: 'parley.scenario/1' }));

/** Compile a structurally valid scenario. Never throws. */
export const compileScenario = (scenario: Scenario, options: CompileOptions = {}): CompileResult => {
  const diag = new ScenarioDiagnostics();
  const declared = declareSymbols(scenario, diag);
  const formulas = new ScenarioFormulas(declared.symbols, diag);

  const derived = compileDerived(scenario, declared, formulas, diag);
  const state = compileState(scenario, declared, formulas);
  const events = compileEvents(scenario, declared, formulas, diag);
  const actors = compileActors(scenario, declared, formulas, diag);
  const tree = compileTree(scenario, declared, formulas, diag);
  const outcomes = compileOutcomes(scenario, formulas);
  const metrics = compileMetrics(scenario, formulas);
  checkDomains(scenario, declared, { derived, state, events }, formulas.compiled, diag);
  const correlations = checkCorrelations(scenario, diag);
  for (const id of Object.keys(scenario.parameters ?? {})) {
    if (!formulas.usedNames.has(id))
      diag.warn(['parameters', id], `parameter "${id}" is not used by any formula`);
  }

  const { issues, warnings } = diag;
  if (issues.length) return { ok: false, issues, warnings };

  const selection: SelectionRule = scenario.equilibrium ?? 'payoff-dominant';
  const spec: ModelSpec = {
    id: scenario.id ?? options.id ?? 'scenario',
    title: scenario.title,
    hash: scenarioHash(scenario),
    envSize: declared.slotNames.length,
    slotNames: declared.slotNames,
    params: compileParameters(scenario, declared.symbols),
    correlations,
    builtins: {
      roundSlot: declared.roundSlot,
      monthSlot: declared.monthSlot,
      startMonth: scenario.rounds?.startMonth ?? 1,
    },
    derived,
    state,
    actors,
    selection,
    ...(tree ? { tree } : {}),
    events,
    rounds: { count: scenario.rounds?.count ?? 1, label: scenario.rounds?.label ?? 'round' },
    outcomes,
    metrics,
  };
  return { ok: true, spec, warnings };
};
