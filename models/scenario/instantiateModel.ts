// ModelSpec → RuntimeModel: every FormulaIR becomes a plain JS function. Never imports mathjs (workers and the
// renderer use this); the IR is validated against envSize, so a spec received from elsewhere cannot inject code.
import { instantiateFormula, type Backend } from '../formula/instantiateFormula';
import type { FormulaIR, ModelSpec, NumFn, RuntimeModel } from './RuntimeModel';

export type InstantiateOptions = {
  /** 'codegen' (new Function) or 'closure' (no eval; for a CSP without unsafe-eval). Default: probed. */
  readonly backend?: Backend;
};

export const instantiateModel = (spec: ModelSpec, options: InstantiateOptions = {}): RuntimeModel => {
  const f = (ir: FormulaIR): NumFn => instantiateFormula(ir, spec.envSize, options.backend);
  const { tree, ...base } = spec;
  return {
    ...base,
    derived: spec.derived.map((d) => ({ ...d, value: f(d.value) })),
    state: spec.state.map((s) => ({
      ...s,
      initial: f(s.initial),
      update: s.update === null ? null : f(s.update),
    })),
    actors: spec.actors.map((a) => ({ ...a, payoffs: a.payoffs.map(f) })),
    events: spec.events.map((e) => ({
      ...e,
      probability: f(e.probability),
      effects: e.effects.map((x) => ({ slot: x.slot, value: f(x.value) })),
    })),
    outcomes: spec.outcomes.map((o) => ({ ...o, when: f(o.when) })),
    ...(tree
      ? {
          tree: {
            ...tree,
            moves: tree.moves.map((m) =>
              m.kind === 'actor'
                ? m
                : {
                    ...m,
                    outcomes: m.outcomes.map((o) => ({
                      ...o,
                      probability: o.probability === null ? null : f(o.probability),
                    })),
                  },
            ),
          },
        }
      : {}),
    metrics: spec.metrics.map((m) => ({ ...m, value: f(m.value) })),
    spec,
  };
};
