// Fused per-round kernels: one generated JavaScript function per round step (the whole game table, all derived
// variables, outcomes + metrics, state updates) instead of one call per formula. Calling dozens of distinct small
// functions per round boxes every returned double and defeats inlining; a fused kernel writes straight into typed
// arrays. Source is generated only from VALIDATED formula IR (known ops, finite literals, integer slots), through
// models/formula's own formulaToJs, so no scenario text reaches the code. Used only where `new Function` is allowed
// (Node workers, the CLI); elsewhere (a CSP without unsafe-eval) the engine keeps the per-formula functions.
// Non-finite results are detected by the caller, which then re-runs the step formula by formula for the message.
import { RUNTIME_OPS } from '../formula/runtimeOps';
import { canGenerateCode, formulaToJs, validateIR } from '../formula/instantiateFormula';
import type { FormulaIR, ModelSpec } from '../scenario/RuntimeModel';

export type FusedKernels = {
  /**
   * Fill pay[profile * n + actor] for every profile (sets the choice slots as it goes). Returns false when some
   * payoff is not finite (the caller re-runs the step formula by formula for the message).
   */
  readonly game: (env: Float64Array, pay: Float64Array) => boolean;
  /** Evaluate every derived variable in order, writing its slot; false when one is not finite. */
  readonly derived: (env: Float64Array) => boolean;
  /** out[k] = outcome k (raw), out[O + k] = metric k; false when an outcome is NaN or a metric not finite. */
  readonly record: (env: Float64Array, out: Float64Array) => boolean;
  /** out[k] = new value of state k (unclamped; `update: null` keeps the current value); false if not finite. */
  readonly state: (env: Float64Array, out: Float64Array) => boolean;
  /**
   * Initial state values in order, each clamped and written to its slot before the next is evaluated; false when
   * an unclamped value is not finite.
   */
  readonly initial: (env: Float64Array) => boolean;
  /** out[0] = event e's probability formula (raw: unchecked, unclamped). Written, not returned: no boxed double. */
  readonly eventProbability: (env: Float64Array, e: number, out: Float64Array) => void;
};

/** Largest game table fused into one function (profiles × actors payoff expressions). */
export const MAX_FUSED_PAYOFFS = 4096;

// Kernels compiled earlier, by source (pure functions of it): a new run of the same scenario gets the SAME function
// objects, so the trial loop's call sites stay monomorphic and the optimised code and type feedback of the last run
// are kept (a fresh `new Function` per run starts cold and, run after run, makes those call sites megamorphic).
type Kernel = (...args: never[]) => unknown;
const COMPILED_LIMIT = 256;
const compiled = new Map<string, Kernel>();

/**
 * The function `function (params) { body }` compiled with the runtime operators in scope as `H` (formulaToJs's
 * helpers), from the cache when this exact source was compiled before. Only ever called with source generated from
 * validated formula IR and the generators' own text.
 * @throws whatever `new Function` throws (a CSP without unsafe-eval; callers check canGenerateCode first).
 */
export const compileKernel = <F>(params: readonly string[], body: string): F => {
  const source = `"use strict"; return function (${params.join(', ')}) {\n${body}\n};`;
  let f = compiled.get(source);
  if (!f) {
    f = new Function('H', source)(RUNTIME_OPS) as Kernel;
    if (compiled.size >= COMPILED_LIMIT) compiled.delete(compiled.keys().next().value as string);
    compiled.set(source, f);
  }
  return f as F;
};

/** A finite number as a JavaScript literal (−0 kept); throws on a non-finite one. */
const numberLiteral = (x: number): string => {
  if (!Number.isFinite(x)) throw new Error('non-finite bound');
  return Object.is(x, -0) ? '(-0)' : `(${String(x)})`;
};

/** Statements clamping `v` to a state variable's bounds (none when it has none): TrialSimulator's clamp. */
export const clampStatements = (min: number | null, max: number | null): string =>
  (min !== null ? ` if (v < ${numberLiteral(min)}) v = ${numberLiteral(min)};` : '') +
  (max !== null ? ` if (v > ${numberLiteral(max)}) v = ${numberLiteral(max)};` : '');

export const fuseKernels = (spec: ModelSpec): FusedKernels | null => {
  if (!canGenerateCode()) return null;
  const js = (ir: FormulaIR): string => formulaToJs(validateIR(ir, spec.envSize));
  const n = spec.actors.length;
  const counts = spec.actors.map((a) => a.strategies.length);
  const profiles = counts.reduce((p, c) => p * c, 1);
  if (profiles * n > MAX_FUSED_PAYOFFS) return null;
  try {
    // `z += v - v` stays 0 while every value is finite and becomes NaN at the first NaN or ±Infinity.
    const gameLines: string[] = ['let z = 0, v = 0;'];
    const digits = new Array<number>(n).fill(0);
    const current = new Array<number>(n).fill(-1);
    for (let p = 0; p < profiles; p++) {
      for (let i = 0; i < n; i++) {
        if (current[i] === digits[i]) continue;
        const slots = spec.actors[i]!.choiceSlots;
        for (let k = 0; k < slots.length; k++) {
          if (current[i] === -1 || k === current[i] || k === digits[i])
            gameLines.push(`env[${slots[k]! | 0}] = ${k === digits[i] ? 1 : 0};`);
        }
        current[i] = digits[i]!;
      }
      for (let i = 0; i < n; i++)
        gameLines.push(`v = ${js(spec.actors[i]!.payoffs[digits[i]!]!)}; pay[${p * n + i}] = v; z += v - v;`);
      for (let i = 0; i < n; i++) {
        digits[i]!++;
        if (digits[i]! < counts[i]!) break;
        digits[i] = 0;
      }
    }
    gameLines.push('return z === 0;');
    const derived = [
      'let z = 0, v = 0;',
      ...spec.derived.map((d) => `v = ${js(d.value)}; env[${d.slot | 0}] = v; z += v - v;`),
      'return z === 0;',
    ];
    const O = spec.outcomes.length;
    const record = [
      'let z = 0, v = 0;',
      // outcomes: only NaN is an error (v !== v); metrics: any non-finite value.
      ...spec.outcomes.map((o, k) => `v = ${js(o.when)}; out[${k}] = v; if (v !== v) z = NaN;`),
      ...spec.metrics.map((m, k) => `v = ${js(m.value)}; out[${O + k}] = v; z += v - v;`),
      'return z === 0;',
    ];
    const state = [
      'let z = 0, v = 0;',
      ...spec.state.map(
        (s, k) => `v = ${s.update ? js(s.update) : `env[${s.slot | 0}]`}; out[${k}] = v; z += v - v;`,
      ),
      'return z === 0;',
    ];
    const initial = [
      'let z = 0, v = 0;',
      ...spec.state.map(
        (s) =>
          `v = ${js(s.initial)}; z += v - v;` + clampStatements(s.min, s.max) + ` env[${s.slot | 0}] = v;`,
      ),
      'return z === 0;',
    ];
    const eventProbability = [
      'switch (e) {',
      ...spec.events.map((ev, e) => `case ${e}: out[0] = ${js(ev.probability)}; return;`),
      '}',
      'out[0] = NaN;',
    ];
    return {
      eventProbability: compileKernel(['env', 'e', 'out'], eventProbability.join('\n')),
      game: compileKernel(['env', 'pay'], gameLines.join('\n')),
      derived: compileKernel(['env'], derived.join('\n')),
      record: compileKernel(['env', 'out'], record.join('\n')),
      state: compileKernel(['env', 'out'], state.join('\n')),
      initial: compileKernel(['env'], initial.join('\n')),
    };
  } catch {
    return null;
  }
};
