// Diagnostics for a formula that produced NaN or ±Infinity at run time: which formula (source text), whose, and
// the values of the parameters and of every identifier it reads. No mathjs.
import type { FormulaIR, ModelSpec } from './RuntimeModel';

export type FormulaLocation =
  | { readonly kind: 'payoff'; readonly actor: number; readonly strategy: number }
  | { readonly kind: 'derived'; readonly index: number }
  | { readonly kind: 'state-initial'; readonly index: number }
  | { readonly kind: 'state-update'; readonly index: number }
  | { readonly kind: 'event-probability'; readonly index: number }
  | { readonly kind: 'event-effect'; readonly index: number; readonly effect: number }
  | { readonly kind: 'outcome'; readonly index: number }
  | { readonly kind: 'metric'; readonly index: number };

const slotsOf = (ir: unknown, out: Set<number>, depth = 0): Set<number> => {
  if (depth > 200 || typeof ir !== 'object' || ir === null) return out;
  const n = ir as Record<string, unknown>;
  if (n.op === 'slot' && typeof n.i === 'number') out.add(n.i);
  for (const k of ['a', 'b', 'c']) if (k in n) slotsOf(n[k], out, depth + 1);
  if (Array.isArray(n.args)) for (const a of n.args) slotsOf(a, out, depth + 1);
  return out;
};

/** The formula at a location and a human name for it, e.g. "payoff of DPRK for provoke". */
export const formulaAt = (
  spec: ModelSpec,
  where: FormulaLocation,
): { name: string; ir: FormulaIR | null } => {
  switch (where.kind) {
    case 'payoff': {
      const a = spec.actors[where.actor];
      return {
        name: `payoff of ${a?.name ?? '?'} (${a?.id ?? '?'}) for "${a?.strategies[where.strategy]?.id ?? '?'}"`,
        ir: a?.payoffs[where.strategy] ?? null,
      };
    }
    case 'derived':
      return {
        name: `derived variable "${spec.derived[where.index]?.id ?? '?'}"`,
        ir: spec.derived[where.index]?.value ?? null,
      };
    case 'state-initial':
      return {
        name: `initial value of state "${spec.state[where.index]?.id ?? '?'}"`,
        ir: spec.state[where.index]?.initial ?? null,
      };
    case 'state-update':
      return {
        name: `update of state "${spec.state[where.index]?.id ?? '?'}"`,
        ir: spec.state[where.index]?.update ?? null,
      };
    case 'event-probability':
      return {
        name: `probability of event "${spec.events[where.index]?.id ?? '?'}"`,
        ir: spec.events[where.index]?.probability ?? null,
      };
    case 'event-effect': {
      const e = spec.events[where.index];
      const x = e?.effects[where.effect];
      return {
        name: `effect of event "${e?.id ?? '?'}" on "${x ? spec.slotNames[x.slot] : '?'}"`,
        ir: x?.value ?? null,
      };
    }
    case 'outcome':
      return {
        name: `outcome "${spec.outcomes[where.index]?.id ?? '?'}"`,
        ir: spec.outcomes[where.index]?.when ?? null,
      };
    case 'metric':
      return {
        name: `metric "${spec.metrics[where.index]?.id ?? '?'}"`,
        ir: spec.metrics[where.index]?.value ?? null,
      };
  }
};

/**
 * One plain-language line for a NaN/±Infinity result, e.g.
 * `payoff of North Korea (DPRK) for "provoke" is NaN: formula "a / b" with a = 0, b = 0; parameters: a = 0, b = 0`.
 */
export const describeNonFinite = (
  spec: ModelSpec,
  where: FormulaLocation,
  env: Float64Array,
  value?: number,
): string => {
  const { name, ir } = formulaAt(spec, where);
  const src = ir && typeof ir.src === 'string' ? ir.src : '?';
  const show = (slot: number): string => `${spec.slotNames[slot] ?? `#${slot}`} = ${String(env[slot])}`;
  const used = ir ? [...slotsOf(ir, new Set())].sort((x, y) => x - y) : [];
  const what = value === undefined ? 'not a finite number' : String(value);
  const params = spec.params.map((p) => show(p.slot)).join(', ');
  return `${name} is ${what}: formula "${src}"${used.length ? ` with ${used.map(show).join(', ')}` : ''}${
    params ? `; parameters: ${params}` : ''
  }`;
};
