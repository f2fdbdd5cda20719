// Per-profile payoff overrides, compiled into the payoff formulas:
//   payoff[k] = if(profile of override 1 matches, its payoff, if(override 2 matches, …, base payoff[k]))
// so the first listed override wins. The match is a conjunction of the OTHER actors' indicator slots.
import type { FormulaNode, FormulaRoot } from '../../formula/FormulaIR';
import { suggestion } from '../../formula/didYouMean';
import { exceedsIrLimits } from '../../formula/irStats';
import { MAX_FORMULA_DEPTH } from '../../formula/FormulaIR';
import type { Scenario } from '../scenarioSchema';
import type { DeclaredSymbols } from './declareSymbols';
import type { JsonPath, ScenarioDiagnostics } from './ScenarioDiagnostics';
import type { ScenarioFormulas } from './ScenarioFormulas';

/** Actor `ai`'s payoff formulas with its overrides compiled in (`base`: one per strategy, in order). */
export const compileOverrides = (
  scenario: Scenario,
  ai: number,
  base: readonly FormulaRoot[],
  declared: DeclaredSymbols,
  formulas: ScenarioFormulas,
  diag: ScenarioDiagnostics,
): FormulaRoot[] => {
  const actors = scenario.actors;
  const a = actors[ai] as Scenario['actors'][number];
  const path: JsonPath = ['actors', ai];
  const strategyIds = a.strategies.map((s) => s.id);
  const payoffs: FormulaNode[] = [...base];
  const overrides = a.overrides ?? [];
  for (let oi = overrides.length - 1; oi >= 0; oi--) {
    const o = overrides[oi];
    if (!o) continue;
    const opath = [...path, 'overrides', oi];
    // A Map, never a plain-object lookup: an actor named "constructor" must find its own entry, not Object's.
    const own = new Map(Object.entries(o.profile)).get(a.id);
    const conds: FormulaNode[] = [];
    let bad = false;
    for (const [actorId, stratId] of Object.entries(o.profile)) {
      const other = declared.actorIds.get(actorId);
      const chanceMove = other === undefined ? declared.chanceMoves.find((c) => c.id === actorId) : undefined;
      if (chanceMove) {
        const oi = chanceMove.outcomeIds.indexOf(stratId);
        if (oi < 0) {
          diag.issue(
            [...opath, 'profile', actorId],
            `"${stratId}" is not an outcome of chance move ${actorId}${suggestion(stratId, chanceMove.outcomeIds)}`,
          );
          bad = true;
        } else conds.push({ op: 'slot', i: chanceMove.slots[oi] as number });
        continue;
      }
      if (other === undefined) {
        diag.issue(
          [...opath, 'profile', actorId],
          `unknown actor "${actorId}"${suggestion(actorId, declared.actorIds.keys())}`,
        );
        bad = true;
        continue;
      }
      const otherActor = actors[other];
      const si = otherActor ? otherActor.strategies.findIndex((s) => s.id === stratId) : -1;
      if (si < 0) {
        diag.issue(
          [...opath, 'profile', actorId],
          `"${stratId}" is not a strategy of ${actorId}${suggestion(stratId, otherActor?.strategies.map((s) => s.id) ?? [])}`,
        );
        bad = true;
        continue;
      }
      if (other !== ai) conds.push({ op: 'slot', i: declared.choiceSlots[other]?.[si] as number });
    }
    if (own === undefined) {
      diag.issue(
        [...opath, 'profile'],
        `must name ${a.id}'s own strategy (e.g. "${a.id}": "${strategyIds[0]}")`,
      );
      bad = true;
    }
    const value = formulas.compile(o.payoff, [...opath, 'payoff'], { label: `${a.id} override ${oi}` });
    if (bad || own === undefined) continue;
    const k = strategyIds.indexOf(own);
    if (k < 0) continue;
    const cond = conds.reduce<FormulaNode | null>((acc, c) => (acc ? { op: 'and', a: acc, b: c } : c), null);
    payoffs[k] = cond ? { op: 'if', c: cond, a: value, b: payoffs[k] as FormulaNode } : value;
    if (!cond)
      diag.warn(
        opath,
        `this override names only ${a.id}'s strategy, so it replaces the payoff of "${own}" entirely`,
      );
  }
  payoffs.forEach((p, k) => {
    if (p === base[k]) return;
    if (exceedsIrLimits(p)) {
      const count = overrides.filter((o) => o.profile[a.id] === strategyIds[k]).length;
      diag.issue(
        [...path, 'overrides'],
        `too many overrides for "${strategyIds[k]}" (${count}): together with its payoff formula they nest more than ${MAX_FORMULA_DEPTH} levels deep; merge them into the payoff formula`,
      );
    }
  });
  return payoffs.map((p, k) => {
    const baseSrc = (base[k] as FormulaRoot).src;
    return p === base[k] ? p : ({ ...p, src: `${baseSrc ?? '?'} (with overrides)` } as FormulaRoot);
  });
};
