// Scenario (validated structure) → ModelSpec (serialisable, formulas as FormulaIR): assigns environment slots,
// resolves every identifier, checks references, distributions and formulas, and collects EVERY problem with its
// JSON path. Uses mathjs (through models/formula/compileFormula) — never call it on a hot path or in a worker.
import type { Distribution } from '../random/Distribution';
import type { FormulaNode, FormulaRoot } from '../formula/FormulaIR';
import { MAX_FORMULA_DEPTH, MAX_FORMULA_NODES } from '../formula/FormulaIR';
import {
  compileFormula,
  irStats,
  RESERVED_NAMES,
  type FormulaContext,
  type FormulaSymbol,
  type SymbolKind,
} from '../formula/compileFormula';
import { suggestion } from '../formula/didYouMean';
import type { Behaviour, FormulaIR, ModelSpec, SelectionRule } from './RuntimeModel';
import { formatPath } from './parseJson';
import { INTERVAL_SHORTHAND, type Scenario } from './scenarioSchema';
import { sha256 } from './sha256';

/** Largest one-round game (number of pure-strategy profiles) a scenario may define. */
export const MAX_PROFILES = 10_000;

export type ScenarioIssue = { readonly path: string; readonly message: string };

export type CompileResult =
  | { readonly ok: true; readonly spec: ModelSpec; readonly warnings: ScenarioIssue[] }
  | { readonly ok: false; readonly issues: ScenarioIssue[]; readonly warnings: ScenarioIssue[] };

export type CompileOptions = {
  /** Scenario id when the file has none (e.g. from its file name). */
  readonly id?: string;
};

type Dist = Exclude<NonNullable<NonNullable<Scenario['parameters']>[string]['uncertainty']>, string>;

/** Check a distribution's own consistency; returns messages keyed by field ('' = the whole). */
export const distributionProblems = (d: Dist | Distribution): [string, string][] => {
  const out: [string, string][] = [];
  const order = (lo: string, hi: string, a: number, b: number, strict = true): void => {
    if (strict ? !(a < b) : !(a <= b))
      out.push([hi, `must be ${strict ? 'greater than' : 'at least'} ${lo} (${a})`]);
  };
  switch (d.type) {
    case 'fixed':
      break;
    case 'uniform':
      order('min', 'max', d.min, d.max);
      break;
    case 'normal':
      if (d.sd < 0) out.push(['sd', 'must not be negative']);
      if (d.min !== undefined && d.max !== undefined) order('min', 'max', d.min, d.max);
      break;
    case 'lognormal':
      if (d.sigma < 0) out.push(['sigma', 'must not be negative']);
      break;
    case 'triangular':
    case 'pert':
      order('min', 'max', d.min, d.max);
      if (d.mode < d.min || d.mode > d.max)
        out.push(['mode', `must lie between min and max (${d.min} to ${d.max})`]);
      if (d.type === 'pert' && d.lambda !== undefined && !(d.lambda > 0))
        out.push(['lambda', 'must be positive']);
      break;
    case 'beta':
      if (!(d.alpha > 0)) out.push(['alpha', 'must be positive']);
      if (!(d.beta > 0)) out.push(['beta', 'must be positive']);
      if (d.min !== undefined || d.max !== undefined) order('min', 'max', d.min ?? 0, d.max ?? 1);
      break;
    case 'bernoulli':
      if (!(d.p >= 0 && d.p <= 1)) out.push(['p', 'is a probability: must be between 0 and 1']);
      break;
    case 'discrete':
      if (d.weights !== undefined) {
        if (d.weights.length !== d.values.length) {
          out.push(['weights', `needs one weight per value (${d.values.length}), got ${d.weights.length}`]);
        }
        if (d.weights.some((w) => !(w >= 0))) out.push(['weights', 'must not be negative']);
        else if (!(d.weights.reduce((s, w) => s + w, 0) > 0)) out.push(['weights', 'must not all be 0']);
      }
      break;
    case 'interval90':
      order('low', 'high', d.low, d.high);
      break;
  }
  return out;
};

/** "0.2 to 0.6" → interval90; objects pass through. */
export const toDistribution = (u: string | Dist): Distribution | null => {
  if (typeof u !== 'string') return u as Distribution;
  const m = INTERVAL_SHORTHAND.exec(u);
  return m ? { type: 'interval90', low: Number(m[1]), high: Number(m[2]) } : null;
};

const KIND_NOUN: Record<SymbolKind, string> = {
  parameter: 'a parameter',
  builtin: 'a built-in variable',
  derived: 'a derived variable',
  state: 'a state variable',
  event: 'an event',
  choice: 'a strategy indicator',
};

/** Compile a structurally valid scenario. Never throws. */
export const compileScenario = (scenario: Scenario, options: CompileOptions = {}): CompileResult => {
  const issues: ScenarioIssue[] = [];
  const warnings: ScenarioIssue[] = [];
  const issue = (path: (string | number)[], message: string): void => {
    issues.push({ path: formatPath(path), message });
  };
  const warn = (path: (string | number)[], message: string): void => {
    warnings.push({ path: formatPath(path), message });
  };

  const params = Object.entries(scenario.parameters ?? {});
  const derivedEntries = Object.entries(scenario.derived ?? {});
  const stateEntries = Object.entries(scenario.state ?? {});
  const events = scenario.events ?? [];
  const actors = scenario.actors;
  const rounds = {
    count: scenario.rounds?.count ?? 1,
    label: scenario.rounds?.label ?? 'round',
    startMonth: scenario.rounds?.startMonth ?? 1,
  };

  // ---- identifiers and slots ------------------------------------------------------------------------------
  const symbols = new Map<string, FormulaSymbol>();
  const slotNames: string[] = [];
  const owner = new Map<string, string>();
  const declare = (
    name: string,
    kind: SymbolKind,
    path: (string | number)[],
    range?: [number, number],
    quiet = false,
  ): number => {
    const slot = slotNames.length;
    slotNames.push(name);
    if (quiet) {
      // already reported by the caller
    } else if (kind !== 'builtin' && kind !== 'choice' && RESERVED_NAMES.has(name)) {
      issue(path, `"${name}" is a reserved name in formulas; choose another id`);
    } else if (symbols.has(name)) {
      issue(
        path,
        `duplicate id "${name}": already ${KIND_NOUN[symbols.get(name)?.kind ?? 'parameter']} (${owner.get(name)})`,
      );
    } else {
      symbols.set(name, { slot, kind, ...(range ? { min: range[0], max: range[1] } : {}) });
      owner.set(name, formatPath(path));
    }
    return slot;
  };

  params.forEach(([id, p]) => {
    const path = ['parameters', id];
    if (!(p.min < p.max)) issue([...path, 'max'], 'must be greater than min');
    else if (!Number.isFinite(p.max - p.min)) {
      issue([...path, 'max'], 'the range max - min is too large (beyond ±1.8e308); narrow it');
    } else if (p.default < p.min || p.default > p.max) {
      issue([...path, 'default'], `${p.default} is outside the range min..max (${p.min} to ${p.max})`);
    }
    if (p.step !== undefined && p.min < p.max && p.step > p.max - p.min) {
      issue([...path, 'step'], 'must not be larger than max - min');
    }
    if (p.uncertainty !== undefined) {
      const d = toDistribution(p.uncertainty);
      if (!d) issue([...path, 'uncertainty'], 'must be a distribution or "low to high"');
      else
        for (const [field, msg] of distributionProblems(d))
          issue([...path, 'uncertainty', ...(field ? [field] : [])], msg);
    }
    declare(id, 'parameter', path, [Math.min(p.min, p.max), Math.max(p.min, p.max)]);
  });
  const roundSlot = declare('round', 'builtin', ['rounds'], [1, rounds.count]);
  const monthSlot = declare('month', 'builtin', ['rounds'], [1, 12]);
  const derivedSlots = derivedEntries.map(([id]) => declare(id, 'derived', ['derived', id]));
  const stateSlots = stateEntries.map(([id, s]) => {
    if (s.min !== undefined && s.max !== undefined && !(s.min <= s.max)) {
      issue(['state', id, 'max'], 'must be at least min');
    }
    const range: [number, number] | undefined =
      s.min !== undefined && s.max !== undefined && s.min <= s.max ? [s.min, s.max] : undefined;
    return declare(id, 'state', ['state', id], range);
  });
  const eventIds = new Set<string>();
  const eventSlots = events.map((e, i) => {
    if (eventIds.has(e.id)) issue(['events', i, 'id'], `duplicate event id "${e.id}"`);
    eventIds.add(e.id);
    return declare(e.id, 'event', ['events', i, 'id'], [0, 1]);
  });
  const actorIds = new Map<string, number>();
  actors.forEach((a, ai) => {
    if (actorIds.has(a.id)) issue(['actors', ai, 'id'], `duplicate actor id "${a.id}"`);
    else if (symbols.has(a.id) || RESERVED_NAMES.has(a.id)) {
      issue(
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
        issue(['actors', ai, 'strategies', si, 'id'], `duplicate strategy id "${s.id}" for ${a.id}`);
      }
      seen.add(s.id);
      return declare(`${a.id}.${s.id}`, 'choice', ['actors', ai, 'strategies', si, 'id'], [0, 1], dup);
    });
  });
  const envSize = slotNames.length;
  const profiles = actors.reduce((n, a) => n * a.strategies.length, 1);
  if (profiles > MAX_PROFILES) {
    issue(
      ['actors'],
      `the game has ${profiles} strategy profiles (${actors.map((a) => a.strategies.length).join('×')}); the limit is ${MAX_PROFILES}`,
    );
  }

  // ---- formulas -------------------------------------------------------------------------------------------
  const usedNames = new Set<string>();
  const formula = (
    src: string | number,
    path: (string | number)[],
    ctx: Omit<FormulaContext, 'symbols'> = {},
  ): FormulaRoot => {
    const r = compileFormula(src, { symbols, ...ctx });
    if (!r.ok) {
      for (const e of r.errors) issue(path, e);
      return { op: 'num', v: 0 };
    }
    for (const w of r.warnings) warn(path, w);
    for (const u of r.uses) usedNames.add(u);
    return r.ir;
  };

  const derived = derivedEntries.map(([id, d], k) => {
    const src = typeof d === 'object' ? d.value : d;
    const path = typeof d === 'object' ? ['derived', id, 'value'] : ['derived', id];
    const allowedNames = new Set(derivedEntries.slice(0, k).map(([n]) => n));
    const r = compileFormula(src, {
      symbols,
      allowed: new Set<SymbolKind>(['parameter', 'builtin', 'state', 'event', 'derived']),
      notAllowedReason: 'derived variables are computed at the start of a round, before any choice',
      label: `derived.${id}`,
    });
    if (!r.ok) {
      for (const e of r.errors) issue(path, e);
      return { id, slot: derivedSlots[k] as number, value: { op: 'num', v: 0 } as FormulaIR };
    }
    for (const u of r.uses) {
      usedNames.add(u);
      if (symbols.get(u)?.kind === 'derived' && !allowedNames.has(u)) {
        issue(
          path,
          u === id
            ? `"${id}" cannot use itself (derived variables may only use those listed before them)`
            : `"${u}" is defined after "${id}" (derived variables may only use those listed before them)`,
        );
      }
    }
    for (const w of r.warnings) warn(path, w);
    return { id, slot: derivedSlots[k] as number, value: r.ir as FormulaIR };
  });

  const state = stateEntries.map(([id, s], k) => ({
    id,
    label: s.label,
    slot: stateSlots[k] as number,
    initial: formula(s.initial, ['state', id, 'initial'], {
      allowed: new Set<SymbolKind>(['parameter']),
      notAllowedReason: 'an initial value may only use parameters',
      label: `state.${id}.initial`,
    }) as FormulaIR,
    update:
      s.update === undefined
        ? null
        : (formula(s.update, ['state', id, 'update'], { label: `state.${id}.update` }) as FormulaIR),
    min: s.min ?? null,
    max: s.max ?? null,
  }));

  const stateIndex = new Map(stateEntries.map(([id], k) => [id, k]));
  const specEvents = events.map((e, i) => ({
    id: e.id,
    label: e.label,
    probability: formula(e.probability, ['events', i, 'probability'], {
      label: `events.${e.id}.probability`,
    }) as FormulaIR,
    once: e.once ?? true,
    firedSlot: eventSlots[i] as number,
    effects: Object.entries(e.effects ?? {}).flatMap(([target, f]) => {
      const k = stateIndex.get(target);
      if (k === undefined) {
        issue(
          ['events', i, 'effects', target],
          `unknown state variable "${target}"${suggestion(target, stateIndex.keys())}`,
        );
        return [];
      }
      return [
        {
          slot: stateSlots[k] as number,
          value: formula(f, ['events', i, 'effects', target], {
            label: `events.${e.id}.effects.${target}`,
          }) as FormulaIR,
        },
      ];
    }),
  }));

  const specActors = actors.map((a, ai) => {
    const path = ['actors', ai];
    const strategyIds = a.strategies.map((s) => s.id);
    for (const key of Object.keys(a.payoffs)) {
      if (!strategyIds.includes(key)) {
        issue(
          [...path, 'payoffs', key],
          `"${key}" is not a strategy of ${a.id}${suggestion(key, strategyIds)}`,
        );
      }
    }
    const base: FormulaNode[] = a.strategies.map((s) => {
      const src = a.payoffs[s.id];
      if (src === undefined) {
        issue([...path, 'payoffs'], `missing the payoff formula for strategy "${s.id}"`);
        return { op: 'num', v: 0 };
      }
      return formula(src, [...path, 'payoffs', s.id], { label: `${a.id}.${s.id}` });
    });
    // Overrides, compiled in: payoff[k] = if(profile matches, override, …, base)
    const payoffs = [...base];
    const overrides = a.overrides ?? [];
    for (let oi = overrides.length - 1; oi >= 0; oi--) {
      const o = overrides[oi];
      if (!o) continue;
      const opath = [...path, 'overrides', oi];
      const own = o.profile[a.id];
      const conds: FormulaNode[] = [];
      let bad = false;
      for (const [actorId, stratId] of Object.entries(o.profile)) {
        const other = actorIds.get(actorId);
        if (other === undefined) {
          issue(
            [...opath, 'profile', actorId],
            `unknown actor "${actorId}"${suggestion(actorId, actorIds.keys())}`,
          );
          bad = true;
          continue;
        }
        const otherActor = actors[other];
        const si = otherActor ? otherActor.strategies.findIndex((s) => s.id === stratId) : -1;
        if (si < 0) {
          issue(
            [...opath, 'profile', actorId],
            `"${stratId}" is not a strategy of ${actorId}${suggestion(stratId, otherActor?.strategies.map((s) => s.id) ?? [])}`,
          );
          bad = true;
          continue;
        }
        if (other !== ai) conds.push({ op: 'slot', i: choiceSlots[other]?.[si] as number });
      }
      if (own === undefined) {
        issue(
          [...opath, 'profile'],
          `must name ${a.id}'s own strategy (e.g. "${a.id}": "${strategyIds[0]}")`,
        );
        bad = true;
      }
      const value = formula(o.payoff, [...opath, 'payoff'], { label: `${a.id} override ${oi}` });
      if (bad || own === undefined) continue;
      const k = strategyIds.indexOf(own);
      if (k < 0) continue;
      const cond = conds.reduce<FormulaNode | null>(
        (acc, c) => (acc ? { op: 'and', a: acc, b: c } : c),
        null,
      );
      payoffs[k] = cond ? { op: 'if', c: cond, a: value, b: payoffs[k] as FormulaNode } : value;
      if (!cond)
        warn(
          opath,
          `this override names only ${a.id}'s strategy, so it replaces the payoff of "${own}" entirely`,
        );
    }
    payoffs.forEach((p, k) => {
      if (p === base[k]) return;
      const st = irStats(p);
      if (st.depth > MAX_FORMULA_DEPTH + 8 || st.nodes > MAX_FORMULA_NODES) {
        const count = overrides.filter((o) => o.profile[a.id] === strategyIds[k]).length;
        issue(
          [...path, 'overrides'],
          `too many overrides for "${strategyIds[k]}" (${count}): together with its payoff formula they nest more than ${MAX_FORMULA_DEPTH} levels deep; merge them into the payoff formula`,
        );
      }
    });
    const finalPayoffs = payoffs.map((p, k) => {
      const baseSrc = (base[k] as FormulaRoot).src;
      return p === base[k] ? p : ({ ...p, src: `${baseSrc ?? '?'} (with overrides)` } as FormulaRoot);
    });

    let behaviour: Behaviour = { model: 'nash' };
    const b = a.behaviour;
    if (b?.model === 'logit') behaviour = { model: 'logit', lambda: b.lambda };
    else if (b?.model === 'fictitious-play')
      behaviour = { model: 'fictitious-play', ...(b.prior !== undefined ? { prior: b.prior } : {}) };
    else if (b?.model === 'fixed') {
      const k = strategyIds.indexOf(b.strategy);
      if (k < 0)
        issue(
          [...path, 'behaviour', 'strategy'],
          `"${b.strategy}" is not a strategy of ${a.id}${suggestion(b.strategy, strategyIds)}`,
        );
      behaviour = { model: 'fixed', strategy: Math.max(0, k) };
    } else if (b?.model === 'mixed') {
      for (const key of Object.keys(b.probabilities)) {
        if (!strategyIds.includes(key)) {
          issue(
            [...path, 'behaviour', 'probabilities', key],
            `"${key}" is not a strategy of ${a.id}${suggestion(key, strategyIds)}`,
          );
        }
      }
      const probabilities = strategyIds.map((s) => b.probabilities[s] ?? 0);
      const sum = probabilities.reduce((x, y) => x + y, 0);
      if (Math.abs(sum - 1) > 1e-9)
        issue([...path, 'behaviour', 'probabilities'], `must sum to 1 (they sum to ${sum})`);
      behaviour = { model: 'mixed', probabilities };
    }
    return {
      id: a.id,
      name: a.name,
      strategies: a.strategies.map((s) => ({ id: s.id, label: s.label })),
      choiceSlots: choiceSlots[ai] as number[],
      payoffs: finalPayoffs as FormulaIR[],
      behaviour,
    };
  });

  const outcomes = Object.entries(scenario.outcomes ?? {}).map(([id, o]) => ({
    id,
    label: o.label,
    when: formula(o.when, ['outcomes', id, 'when'], { label: `outcomes.${id}` }) as FormulaIR,
  }));
  const metrics = Object.entries(scenario.metrics ?? {}).map(([id, m]) => ({
    id,
    label: m.label,
    unit: m.unit ?? '',
    value: formula(m.value, ['metrics', id, 'value'], { label: `metrics.${id}` }) as FormulaIR,
  }));

  // ---- correlations ---------------------------------------------------------------------------------------
  const paramMap = new Map(params);
  const pairs = new Set<string>();
  (scenario.correlations ?? []).forEach((c, i) => {
    for (const key of ['a', 'b'] as const) {
      const p = paramMap.get(c[key]);
      if (!p)
        issue(
          ['correlations', i, key],
          `unknown parameter "${c[key]}"${suggestion(c[key], paramMap.keys())}`,
        );
      else if (p.uncertainty === undefined) {
        issue(
          ['correlations', i, key],
          `parameter "${c[key]}" has no uncertainty, so it cannot be correlated`,
        );
      }
    }
    if (c.a === c.b) issue(['correlations', i, 'b'], 'a parameter cannot be correlated with itself');
    const pair = [c.a, c.b].sort().join('\u0000');
    if (pairs.has(pair)) issue(['correlations', i], `the pair ${c.a}, ${c.b} is listed twice`);
    pairs.add(pair);
  });

  for (const [id] of params) {
    if (!usedNames.has(id)) warn(['parameters', id], `parameter "${id}" is not used by any formula`);
  }

  if (issues.length) return { ok: false, issues, warnings };

  const selection: SelectionRule = scenario.equilibrium ?? 'payoff-dominant';
  const spec: ModelSpec = {
    id: scenario.id ?? options.id ?? 'scenario',
    title: scenario.title,
    hash: sha256(JSON.stringify(scenario)),
    envSize,
    slotNames,
    params: params.map(([id, p]) => ({
      id,
      label: p.label,
      unit: p.unit ?? '',
      description: p.description ?? '',
      slot: symbols.get(id)?.slot as number,
      value: p.default,
      min: p.min,
      max: p.max,
      step: p.step ?? niceStep(p.max - p.min),
      distribution: p.uncertainty === undefined ? null : toDistribution(p.uncertainty),
    })),
    correlations: (scenario.correlations ?? []).map((c) => ({ a: c.a, b: c.b, rho: c.rho })),
    builtins: { roundSlot, monthSlot, startMonth: rounds.startMonth },
    derived,
    state,
    actors: specActors,
    selection,
    events: specEvents,
    rounds: { count: rounds.count, label: rounds.label },
    outcomes,
    metrics,
  };
  return { ok: true, spec, warnings };
};

/** A slider step: a power of ten giving about 100 steps over the range. */
const niceStep = (span: number): number => {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const step = 10 ** Math.floor(Math.log10(span / 100));
  // Subnormal spans underflow to 0: fall back to the span itself.
  return step > 0 && Number.isFinite(step) ? step : span;
};
