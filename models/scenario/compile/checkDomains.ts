// The domain check: no formula may divide by 0, take the log of a value ≤ 0 or the square root of a negative, raise
// a negative base to a non-integer power (or 0 to a negative one), or overflow exp, for any value its inputs can
// take. Interval arithmetic over the formula IR (models/formula/formulaBounds.ts) with the TRUE range of every input:
//   parameters  their range [min, max] together with their distribution's central 99.99% (the range rule, see
//               models/random/parameterDistribution.ts: a range bounds the draws, but may not be the only thing that
//               keeps a formula defined where the declared distribution says the value can be);
//   round/month [1, rounds.count] and [1, 12]; events and strategy indicators [0, 1];
//   derived     the bound of their formula, in order;
//   state       a fixpoint: from the bound of `initial` (clamped to [min, max]), widened by what `update` and event
//               effects can produce from the current bounds until nothing changes (after 30 rounds of this the
//               bounds still moving jump to ±∞, then clamp to [min, max]: sound, if coarse). Event effects are
//               written unclamped before the round's updates, so event formulas and updates see them too.
// A problem on an operand whose interval is attained (see formulaBounds: parameters, continuous expressions of
// distinct parameters, exactly reachable branches) is an error; otherwise a warning. Each analysis runs twice,
// with parameter ranges alone and with the distributions, to say which of the two is at fault.
import {
  formulaBound,
  EXP_LIMIT,
  type Bound,
  type DomainIssue,
  type SlotBounds,
} from '../../formula/formulaBounds';
import type { FormulaNode } from '../../formula/FormulaIR';
import { formatFormula } from '../../formula/formatFormula';
import type { Distribution } from '../../random/Distribution';
import { conditionDistribution, describeDistribution } from '../../random/distributions/distributionFamilies';
import { fmt, fmtPercent } from '../../random/distributions/DistributionFamily';
import { toDistribution } from '../../random/distributions/toDistribution';
import { declaredInterval } from '../../random/parameterDistribution';
import type { ModelSpec } from '../RuntimeModel';
import type { Scenario } from '../scenarioSchema';
import type { DeclaredSymbols } from './declareSymbols';
import type { ScenarioDiagnostics } from './ScenarioDiagnostics';
import type { CompiledAt } from './ScenarioFormulas';

/** Fixpoint rounds before the still-moving state bounds are widened to ±∞. */
const WIDEN_AFTER = 30;

type Param = {
  readonly id: string;
  readonly slot: number;
  readonly min: number;
  readonly max: number;
  readonly d: Distribution | null;
};

type Envs = { readonly clamped: SlotBounds; readonly raw: SlotBounds };

const emptyEnv = (n: number): SlotBounds => ({
  lo: new Float64Array(n).fill(-Infinity),
  hi: new Float64Array(n).fill(Infinity),
  exact: new Uint8Array(n),
  vars: new Array<readonly number[] | null>(n).fill(null),
});

const copyEnv = (e: SlotBounds): SlotBounds => ({
  lo: Float64Array.from(e.lo),
  hi: Float64Array.from(e.hi),
  exact: Uint8Array.from(e.exact),
  vars: [...e.vars],
});

const clampTo = (lo: number, hi: number, min: number | null, max: number | null): [number, number] => {
  let l = lo;
  let h = hi;
  if (min !== null) {
    l = Math.max(l, min);
    h = Math.max(h, min);
  }
  if (max !== null) {
    l = Math.min(l, max);
    h = Math.min(h, max);
  }
  return [l, h];
};

/** Bounds of every slot, with parameters over `paramBound` (their range, or range ∪ distribution). */
const slotBounds = (
  scenario: Scenario,
  declared: DeclaredSymbols,
  params: readonly Param[],
  paramBound: (p: Param) => [number, number],
  parts: {
    readonly derived: ModelSpec['derived'];
    readonly state: ModelSpec['state'];
    readonly events: ModelSpec['events'];
  },
): Envs => {
  const n = declared.slotNames.length;
  const base = emptyEnv(n);
  const set = (
    env: SlotBounds,
    slot: number,
    lo: number,
    hi: number,
    exact = false,
    vars: readonly number[] | null = null,
  ): void => {
    env.lo[slot] = lo;
    env.hi[slot] = hi;
    env.exact[slot] = exact ? 1 : 0;
    env.vars[slot] = exact ? vars : null;
  };
  for (const p of params) {
    const [lo, hi] = paramBound(p);
    set(base, p.slot, lo, hi, true, [p.slot]);
  }
  set(base, declared.roundSlot, 1, scenario.rounds?.count ?? 1);
  set(base, declared.monthSlot, 1, 12);
  for (const s of declared.eventSlots) set(base, s, 0, 1);
  for (const a of declared.choiceSlots) for (const s of a) set(base, s, 0, 1);
  const { derived, state, events } = parts;
  // initial state values: their formulas read parameters only
  const C = state.map((s) => {
    const b = formulaBound(s.initial as unknown as FormulaNode, base);
    return clampTo(b.lo, b.hi, s.min, s.max);
  });
  const clamped = copyEnv(base);
  let raw = copyEnv(base);
  const computeDerived = (env: SlotBounds): void => {
    for (const d of derived) {
      const b = formulaBound(d.value as unknown as FormulaNode, env);
      set(env, d.slot, b.lo, b.hi, b.exact, b.vars);
    }
  };
  for (let iter = 0; ; iter++) {
    state.forEach((s, k) =>
      set(clamped, s.slot, (C[k] as [number, number])[0], (C[k] as [number, number])[1]),
    );
    computeDerived(clamped);
    // effects are written unclamped before the updates; later events and the updates read them
    raw = copyEnv(clamped);
    for (const e of events) {
      for (const fx of e.effects) {
        const b = formulaBound(fx.value as unknown as FormulaNode, raw);
        const k = state.findIndex((s) => s.slot === fx.slot);
        if (k < 0) continue;
        raw.lo[fx.slot] = Math.min(raw.lo[fx.slot] as number, b.lo);
        raw.hi[fx.slot] = Math.max(raw.hi[fx.slot] as number, b.hi);
      }
    }
    let changed = false;
    state.forEach((s, k) => {
      const u = s.update
        ? formulaBound(s.update as unknown as FormulaNode, raw)
        : { lo: raw.lo[s.slot] as number, hi: raw.hi[s.slot] as number };
      const [ul, uh] = clampTo(u.lo, u.hi, s.min, s.max);
      const [cl, ch] = C[k] as [number, number];
      let nl = Math.min(cl, ul);
      let nh = Math.max(ch, uh);
      if (iter >= WIDEN_AFTER) {
        if (nl < cl) nl = -Infinity;
        if (nh > ch) nh = Infinity;
        [nl, nh] = clampTo(nl, nh, s.min, s.max);
      }
      if (nl !== cl || nh !== ch) {
        changed = true;
        C[k] = [nl, nh];
      }
    });
    if (!changed) break;
    if (iter > WIDEN_AFTER + 2) break; // widened bounds are stable (defensive)
  }
  return { clamped, raw };
};

/** Run the check; every problem goes to `diag` at the formula's path. */
export const checkDomains = (
  scenario: Scenario,
  declared: DeclaredSymbols,
  parts: {
    readonly derived: ModelSpec['derived'];
    readonly state: ModelSpec['state'];
    readonly events: ModelSpec['events'];
  },
  formulas: readonly CompiledAt[],
  diag: ScenarioDiagnostics,
): void => {
  const params: Param[] = Object.entries(scenario.parameters ?? {}).flatMap(([id, p]) => {
    const slot = declared.symbols.get(id)?.slot;
    if (slot === undefined || !(p.min <= p.max)) return [];
    const d = p.uncertainty === undefined ? null : toDistribution(p.uncertainty);
    return [{ id, slot, min: p.min, max: p.max, d }];
  });
  const bySlot = new Map(params.map((p) => [p.slot, p] as const));
  const byRange = slotBounds(scenario, declared, params, (p) => [p.min, p.max], parts);
  const byDeclared = slotBounds(
    scenario,
    declared,
    params,
    (p) => declaredInterval(p.d, p.min, p.max),
    parts,
  );
  const names = declared.slotNames;
  const widened = (p: Param): boolean => {
    const [lo, hi] = declaredInterval(p.d, p.min, p.max);
    return lo < p.min || hi > p.max;
  };
  /** Parameters behind an operand (directly, or through derived values) whose distribution reaches past the range. */
  const culprits = (operand: FormulaNode): Param[] => {
    const seen = new Set<number>();
    const out: Param[] = [];
    const visit = (n: FormulaNode, depth: number): void => {
      if (depth > 200) return;
      if (n.op === 'slot') {
        if (seen.has(n.i)) return;
        seen.add(n.i);
        const p = bySlot.get(n.i);
        if (p && widened(p)) out.push(p);
        const d = parts.derived.find((x) => x.slot === n.i);
        if (d) visit(d.value as unknown as FormulaNode, depth + 1);
        const s = parts.state.find((x) => x.slot === n.i);
        if (s) {
          visit(s.initial as unknown as FormulaNode, depth + 1);
          if (s.update) visit(s.update as unknown as FormulaNode, depth + 1);
        }
        return;
      }
      if ('args' in n) for (const a of n.args) visit(a, depth + 1);
      else {
        if ('c' in n) visit(n.c, depth + 1);
        if ('a' in n) visit(n.a, depth + 1);
        if ('b' in n) visit(n.b, depth + 1);
      }
    };
    visit(operand, 0);
    return out;
  };
  const range = (b: Bound): string => `from ${fmt(b.lo)} to ${fmt(b.hi)}`;
  for (const f of formulas) {
    const ir = f.ir as FormulaNode;
    if (f.path[0] === 'tree' && f.path[f.path.length - 1] === 'probability' && ir.op !== 'num') {
      checkProbability(f, ir, byRange.clamped, byDeclared.clamped, range, diag);
    }
    const raw = f.path[0] === 'events' || (f.path[0] === 'state' && f.path[2] === 'update');
    const pick = (e: Envs): SlotBounds => (raw ? e.raw : e.clamped);
    const found: DomainIssue[] = [];
    formulaBound(ir, pick(byDeclared), (i) => found.push(i));
    if (!found.length) continue;
    // the same IR objects are walked by both analyses: an issue is identified by its node and kind
    const inRange = new Map<FormulaNode, Set<string>>();
    formulaBound(ir, pick(byRange), (i) => {
      const set = inRange.get(i.node) ?? new Set<string>();
      set.add(i.kind);
      inRange.set(i.node, set);
    });
    const what = f.label ? `formula for ${f.label}` : 'formula';
    const reported = new Map<FormulaNode, Set<string>>();
    for (const i of found) {
      const done = reported.get(i.node) ?? new Set<string>();
      if (done.has(i.kind)) continue;
      done.add(i.kind);
      reported.set(i.node, done);
      const text = formatFormula(i.operand, names);
      const byRangeToo = inRange.get(i.node)?.has(i.kind) ?? false;
      const param = i.operand.op === 'slot' ? bySlot.get(i.operand.i) : undefined;
      const message = describeIssue(i, text, what, param, byRangeToo, culprits(i.operand), range, names);
      if (i.certain) diag.issue(f.path, message);
      else diag.warn(f.path, message);
    }
  }
};

/**
 * A chance probability formula (tree.moves[i].outcomes[j].probability) must stay within [0, 1] for every value its
 * inputs can take (constant ones are checked in compileTree): an error when some parameter values in their ranges
 * certainly give a value outside (an attained interval, or one wholly outside), a warning when the intervals cannot
 * rule it out (the run checks every trial and round and stops naming the chance move).
 */
const checkProbability = (
  f: CompiledAt,
  ir: FormulaNode,
  byRange: SlotBounds,
  byDeclared: SlotBounds,
  range: (b: Bound) => string,
  diag: ScenarioDiagnostics,
): void => {
  const outside = (b: Bound): boolean => b.lo < 0 || b.hi > 1;
  const wholly = (b: Bound): boolean => b.hi < 0 || b.lo > 1;
  const r = formulaBound(ir, byRange);
  if (outside(r) && (r.exact || wholly(r))) {
    diag.issue(
      f.path,
      `chance probability ${f.label} leaves 0 to 1 for some parameter values in their ranges (it ranges ${range(r)})`,
    );
    return;
  }
  const d = formulaBound(ir, byDeclared);
  if (outside(r) || outside(d)) {
    diag.warn(
      f.path,
      `chance probability ${f.label} may leave 0 to 1 for some values of its inputs (it ranges ${range(outside(r) ? r : d)}); a run stops at the first trial and round where it does`,
    );
  }
};

/** What a distribution puts on the wrong side of 0 for this kind of problem, e.g. "5% of it is at or below 0". */
const massBeyond = (p: Param, kind: DomainIssue['kind']): string => {
  const r = p.d ? conditionDistribution(p.d) : null;
  if (!r || !r.ok) return '';
  const below = r.value.cdf(0);
  const above = 1 - below;
  if (kind === 'log' || kind === 'sqrt' || kind === 'pow-negative-base') {
    return `${fmtPercent(below)} of it is ${kind === 'log' ? 'at or below' : 'below'} 0`;
  }
  // division, 0 to a negative power: the side of 0 away from the range
  return p.min >= 0
    ? `${fmtPercent(below)} of it is at or below 0`
    : `${fmtPercent(above)} of it is at or above 0`;
};

const describeIssue = (
  i: DomainIssue,
  text: string,
  what: string,
  param: Param | undefined,
  byRangeToo: boolean,
  culprits: readonly Param[],
  range: (b: Bound) => string,
  names: readonly string[],
): string => {
  const node = i.node as FormulaNode & { a?: FormulaNode; b?: FormulaNode };
  const verb =
    i.kind === 'div'
      ? 'divides by'
      : i.kind === 'log'
        ? 'takes the log of'
        : i.kind === 'sqrt'
          ? 'takes the square root of'
          : i.kind === 'exp-overflow'
            ? 'takes exp of'
            : 'raises';
  const bad =
    i.kind === 'div' || i.kind === 'pow-zero-negative'
      ? 'can be 0'
      : i.kind === 'log'
        ? 'can be 0 or negative'
        : i.kind === 'exp-overflow'
          ? `can exceed ${EXP_LIMIT.toFixed(2)}, where exp overflows to Infinity`
          : 'can be negative';
  const powTail =
    i.kind === 'pow-negative-base'
      ? ` to the power "${node.b ? formatFormula(node.b, names) : '?'}", which is not always an integer`
      : i.kind === 'pow-zero-negative'
        ? ` to the negative power "${node.b ? formatFormula(node.b, names) : '?'}"`
        : '';
  // the literal 0 (kept word for word: "divides by 0")
  if (i.operand.op === 'num') return `${what} ${verb} ${text}${powTail}`;
  if (!i.certain) {
    return i.kind === 'div'
      ? `${what} may divide by 0: "${text}" can be 0 for some values of its inputs (it ranges ${range(i.bound)})`
      : `${what} may leave the domain: it ${verb} "${text}"${powTail}, which ${bad} for some values of its inputs (it ranges ${range(i.bound)})`;
  }
  if (byRangeToo) {
    if (param && i.kind === 'div') {
      return `${what} divides by a parameter that can be 0 ("${param.id}" ranges from ${param.min} to ${param.max})`;
    }
    return param
      ? `${what} ${verb} "${text}"${powTail}, which ${bad} ("${param.id}" ranges from ${param.min} to ${param.max})`
      : `${what} ${verb} "${text}"${powTail}, which ${bad} for some parameter values in their ranges (it ranges ${range(i.bound)})`;
  }
  // only the distributions reach the bad values: name them
  if (param && param.d) {
    const mass = massBeyond(param, i.kind);
    return `${what} ${verb} "${text}"${powTail}, which ${bad}: its uncertainty ${describeDistribution(param.d)} crosses ${i.kind === 'exp-overflow' ? EXP_LIMIT.toFixed(2) : '0'}${mass ? ` (${mass})` : ''}. Its range ${param.min} to ${param.max} only truncates the draws; give "${param.id}" a distribution that stays inside the range (a lognormal, a beta, a normal with "min"/"max") or change the formula`;
  }
  const who = culprits
    .map((p) => `"${p.id}" (${p.d ? describeDistribution(p.d) : 'no uncertainty'})`)
    .join(', ');
  return `${what} ${verb} "${text}"${powTail}, which ${bad} given the uncertainty of ${who || 'its inputs'} (it ranges ${range(i.bound)}). Their ranges only truncate the draws; give them distributions that stay inside their ranges or change the formula`;
};
