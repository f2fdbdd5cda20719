// Fused rounds: ONE generated JavaScript function per scenario that plays a trial's simultaneous rounds from
// calendar to state update — derived variables, the game table (payoffs in locals), the pure-equilibrium scan and
// the selection rule, the round stream's uniforms (Tyche-i inline), outcomes, metrics, events and clamped state —
// writing straight into the TrialRecord. It exists because this is the engine's hot loop: the general round
// (TrialSimulator + StrategicFormPlay + EquilibriumSelector + enumPure + a fused kernel per step) makes dozens of
// calls, typed-array round trips and boxed doubles per round; hand-fused, a korea-2025 round is a straight line of
// arithmetic.
//
// It is the general round, statement for statement, never a second model of it: the same formulas (formulaToJs of
// the validated IR, as the fused kernels), the same environment writes in the same order (the game table's choice
// slots through fusedKernels' one generator), the same floating-point operations in the same order (maxAbsPayoff,
// tol = 1e-12 · max(1, maxAbs), enumPure's `x + tol >= line maximum`, the rule's scores summed in player order, the
// ⌊u · ties⌋ tie rule of EquilibriumSelector.pick), and the same uniforms in the same order and number (1 selection
// + 1 per actor + 1 per event per round). A nash actor playing a pure equilibrium plays its strategy whatever its
// uniform (the general draw over a one-hot mix), so its uniform is drawn and dropped.
//
// Whenever the general round would do something else, the kernel stops at that exact point and hands the round to
// TrialSimulator's general code, which finishes it (and the trial's later rounds go back to the kernel): no pure
// equilibrium (the mixed fallback: Lemke–Howson, logit), and every non-finite value (the general code re-evaluates
// formula by formula for its error message). It stops BEFORE drawing any uniform the general code would draw again,
// and writes the stream state back, so the stream is where the general round expects it.
//
// Used only when a round is this simple: no game tree, every actor `nash`, rule payoff-dominant, risk-dominant,
// random or first, codegen allowed (canGenerateCode), no trace; elsewhere the general round runs.
import type { FormulaIR, ModelSpec } from '../scenario/RuntimeModel';
import type { FormulaNode } from '../formula/FormulaIR';
import { canGenerateCode, formulaToJs, validateIR } from '../formula/instantiateFormula';
import { clampStatements, compileKernel } from './fusedKernels';
import { EQ_PURE } from './EquilibriumSelector';

/** The kernel's return value: every round from..to played. */
export const ROUNDS_DONE = 0;
/**
 * Stopped before round 1 (io[0] = 0): the trial's start met a non-finite derived variable or initial state; the
 * general TrialSimulator.start runs it again from scratch.
 */
export const STOP_START = 8;
/** Stopped in round io[0]: a derived variable is not finite (every derived slot written, no uniform drawn). */
export const STOP_DERIVED = 1;
/** Stopped: a payoff is not finite (the table written as far as the fused game kernel writes it). */
export const STOP_GAME = 2;
/** Stopped: the game (in `pay`) has no pure equilibrium; the selection uniform is not drawn yet. */
export const STOP_NO_PURE = 3;
/** Stopped: an outcome is NaN or a metric not finite (choices drawn and played, profile recorded). */
export const STOP_RECORD = 4;
/** Stopped: event io[2]'s probability is NaN (io[4]); its uniform is drawn. */
export const STOP_EVENT_PROBABILITY = 5;
/** Stopped: effect io[3] of event io[2] is not finite (io[4]); no effect of that event written. */
export const STOP_EVENT_EFFECT = 6;
/** Stopped: a state update is not finite (events applied, no state written). */
export const STOP_STATE = 7;

/**
 * Play rounds from…to (1-based, inclusive) of the current trial; from = 0: first start the trial as
 * TrialSimulator.start does after seeding its stream (environment zeroed, parameters written to it and to
 * recParams, events not fired, round-1 calendar and derived variables, initial state clamped) — with the same
 * statements — then play rounds 1…to. Shapes: params and recParams (one per parameter), env (the model's environment), pay (the
 * round's game table, payoffs[profile * actors + actor], left holding the last round's), the TrialRecord's arrays,
 * fired (one flag per event), rng (the round stream's Tyche-i state a, b, c, d: read, then written back), eqs and
 * scores (scratch, one entry per profile), io (5 numbers, written when the kernel stops: round, code, event, effect,
 * value). Returns ROUNDS_DONE or a STOP_* code.
 */
export type FusedRounds = (
  params: Float64Array,
  recParams: Float64Array,
  env: Float64Array,
  pay: Float64Array,
  choices: Int32Array,
  profiles: Int32Array,
  eqType: Uint8Array,
  pureCount: Int32Array,
  outcomes: Uint8Array,
  metrics: Float64Array,
  firstRound: Int32Array,
  fired: Uint8Array,
  rng: Int32Array,
  eqs: Int32Array,
  scores: Float64Array,
  io: Float64Array,
  from: number,
  to: number,
) => number;

/** Largest game table fused into the rounds function (profiles × actors). */
export const MAX_FUSED_ROUND_PAYOFFS = 1024;

const PARAMS = [
  'params',
  'recParams',
  'env',
  'pay',
  'choices',
  'profiles',
  'eqType',
  'pureCount',
  'outcomes',
  'metrics',
  'firstRound',
  'fired',
  'rng',
  'eqs',
  'scores',
  'io',
  'from',
  'to',
];

// One Tyche-i step on the state in locals ra, rb, rc, rd (RandomStream.nextInt32, statement for statement).
const STEP =
  'rb = (rb << 25) ^ (rb >>> 7) ^ rc; rc = (rc - rd) | 0; rd = (rd << 24) ^ (rd >>> 8) ^ ra; ra = (ra - rb) | 0; ' +
  'rb = (rb << 20) ^ (rb >>> 12) ^ rc; rc = (rc - rd) | 0; rd = (rd << 16) ^ (rc >>> 16) ^ ra; ra = (ra - rb) | 0;';
// RandomStream.nextUniform of the step's output.
const UNIFORM = 'u = ((ra >>> 0) + 0.5) / 4294967296;';

/**
 * The fused rounds of a scenario, or null when its rounds are not of the simple kind above (or codegen is not
 * allowed, or the table is larger than MAX_FUSED_ROUND_PAYOFFS). Compiled once per distinct source (fusedKernels'
 * cache), from validated IR only.
 */
export const fuseRounds = (spec: ModelSpec): FusedRounds | null => {
  if (!canGenerateCode() || spec.tree) return null;
  if (!spec.actors.every((a) => a.behaviour.model === 'nash')) return null;
  const rule = spec.selection;
  if (rule !== 'payoff-dominant' && rule !== 'risk-dominant' && rule !== 'random' && rule !== 'first')
    return null;
  const n = spec.actors.length;
  const counts = spec.actors.map((a) => a.strategies.length);
  const strides: number[] = [];
  let P = 1;
  for (const c of counts) {
    strides.push(P);
    P *= c;
  }
  if (n < 1 || P * n > MAX_FUSED_ROUND_PAYOFFS) return null;
  try {
    const js = (ir: FormulaIR): string => formulaToJs(validateIR(ir, spec.envSize));
    const int = (x: number): string => {
      if (!Number.isSafeInteger(x)) throw new Error('not an integer');
      return String(x);
    };
    const O = spec.outcomes.length;
    const M = spec.metrics.length;
    const L: string[] = [];
    const stop = (code: number, extra = ''): string =>
      `{ ${extra}rng[0] = ra; rng[1] = rb; rng[2] = rc; rng[3] = rd; io[0] = r; io[1] = ${code}; return ${code}; }`;
    L.push('let ra = rng[0] | 0, rb = rng[1] | 0, rc = rng[2] | 0, rd = rng[3] | 0;');
    L.push('let z = 0, v = 0, u = 0;');
    // 0. the trial's start (TrialSimulator.start, with its fused `derived` and `initial`)
    const b = spec.builtins;
    L.push('if (from === 0) {');
    L.push('const r = 0;');
    L.push(`for (let k = 0; k < ${int(spec.envSize)}; k++) env[k] = 0;`);
    spec.params.forEach((q, j) => L.push(`v = params[${j}]; env[${int(q.slot)}] = v; recParams[${j}] = v;`));
    spec.events.forEach((_, e) => L.push(`fired[${e}] = 0; firstRound[${e}] = 0;`));
    L.push(`env[${int(b.roundSlot)}] = 1;`);
    L.push(`env[${int(b.monthSlot)}] = ${int(((b.startMonth - 1) % 12) + 1)};`);
    // the derived variables (fused `derived`), at the start and in every round
    const derived = spec.derived.map((d) => `v = ${js(d.value)}; env[${int(d.slot)}] = v; z += v - v;`);
    L.push('z = 0;', ...derived);
    L.push(`if (z !== 0) ${stop(STOP_START)}`);
    spec.state.forEach((st) => {
      L.push(
        `v = ${js(st.initial)}; z += v - v;${clampStatements(st.min, st.max)} env[${int(st.slot)}] = v;`,
      );
    });
    L.push(`if (z !== 0) ${stop(STOP_START)}`);
    L.push('}');
    L.push('for (let r = from === 0 ? 1 : from; r <= to; r++) {');
    // 1. calendar and derived variables (TrialSimulator.setCalendar, fused `derived`)
    L.push(`env[${int(b.roundSlot)}] = r;`);
    L.push(`env[${int(b.monthSlot)}] = ((${int(b.startMonth)} - 1 + r - 1) % 12) + 1;`);
    L.push('z = 0;', ...derived);
    L.push(`if (z !== 0) ${stop(STOP_DERIVED)}`);
    // 2. the game table, payoffs in locals q<p * n + i> (fused `game`). Each payoff formula reads the profile's
    // strategy indicators as literals (the exact 1 or 0 the general round writes to the choice slots before
    // evaluating it), so no choice slot is written here: every formula that reads one after the table (from step
    // 3b on, or in the general code the kernel stops into) runs after the slots are set again.
    L.push('z = 0;');
    const payoffIR = spec.actors.map((a) => a.payoffs.map((ir) => validateIR(ir, spec.envSize)));
    for (let p = 0; p < P; p++) {
      const indicators = new Map<number, number>();
      spec.actors.forEach((a, j) => {
        const own = Math.floor(p / strides[j]!) % counts[j]!;
        a.choiceSlots.forEach((slot, t) => indicators.set(slot, t === own ? 1 : 0));
      });
      for (let i = 0; i < n; i++) {
        const own = Math.floor(p / strides[i]!) % counts[i]!;
        const x = formulaToJs(withSlotValues(payoffIR[i]![own]!, indicators));
        const k = p * n + i;
        L.push(`const q${k} = ${x}; pay[${k}] = q${k}; z += q${k} - q${k};`);
      }
    }
    L.push(`if (z !== 0) ${stop(STOP_GAME)}`);
    // 3. selection (EquilibriumSelector.selectCurrent): maxAbsPayoff, tol, enumPure, the rule
    L.push('let m = 0, t = 0;');
    for (let k = 0; k < P * n; k++) L.push(`t = Math.abs(q${k}); if (t > m) m = t;`);
    L.push('const tol = 1e-12 * Math.max(1, m);');
    // line maxima: player i's line through profile base (own strategy 0), scanned in strategy order
    const line = (i: number, p: number): string => {
      const own = Math.floor(p / strides[i]!) % counts[i]!;
      return `x${i}_${p - own * strides[i]!}`;
    };
    for (let i = 0; i < n; i++) {
      const st = strides[i]!;
      const c = counts[i]!;
      for (let base = 0; base < P; base++) {
        if (Math.floor(base / st) % c !== 0) continue;
        L.push(`let x${i}_${base} = q${base * n + i};`);
        for (let s = 1; s < c; s++) {
          const k = (base + s * st) * n + i;
          L.push(`if (q${k} > x${i}_${base}) x${i}_${base} = q${k};`);
        }
      }
    }
    L.push('let cnt = 0;');
    for (let p = 0; p < P; p++) {
      const tests = Array.from({ length: n }, (_, i) => `q${p * n + i} + tol >= ${line(i, p)}`);
      L.push(`if (${tests.join(' && ')}) eqs[cnt++] = ${p};`);
    }
    L.push(`if (cnt === 0) ${stop(STOP_NO_PURE)}`);
    L.push(STEP, UNIFORM); // the selection uniform
    L.push('let sel = eqs[0];');
    if (rule === 'random') {
      L.push('if (cnt > 1) sel = eqs[Math.min(cnt - 1, Math.floor(u * cnt))];');
    } else if (rule !== 'first') {
      // EquilibriumSelector.pick: scores, their maximum, the tied ones, the ⌊u · ties⌋-th of them
      L.push('if (cnt > 1) {');
      L.push('let best = -Infinity;');
      if (rule === 'risk-dominant') L.push('const scale = Math.max(1e-300, m);');
      L.push('for (let e = 0; e < cnt; e++) {');
      L.push('const p = eqs[e];');
      if (rule === 'payoff-dominant') {
        L.push('let sc = 0;');
        for (let i = 0; i < n; i++) L.push(`sc += pay[p * ${n} + ${i}];`);
      } else {
        L.push('let sc = 1;');
        for (let i = 0; i < n; i++) {
          const c = counts[i]!;
          const st = strides[i]!;
          if (c === 1) continue;
          L.push('{');
          L.push(`const o = ((p / ${st}) | 0) % ${c};`);
          L.push(`const bs = p - o * ${st};`);
          L.push('let dev = -Infinity;');
          L.push(
            `for (let s = 0; s < ${c}; s++) if (s !== o) dev = Math.max(dev, pay[(bs + s * ${st}) * ${n} + ${i}]);`,
          );
          L.push(`sc *= (pay[p * ${n} + ${i}] - dev) / scale;`);
          L.push('}');
        }
      }
      L.push('scores[e] = sc;');
      L.push('if (sc > best) best = sc;');
      L.push('}');
      L.push(`const tieTol = ${rule === 'payoff-dominant' ? 'tol' : '1e-12'};`);
      L.push('let ties = 0;');
      L.push('for (let e = 0; e < cnt; e++) if (scores[e] >= best - tieTol) ties++;');
      L.push('let k = ties === 1 ? 0 : Math.min(ties - 1, Math.floor(u * ties));');
      L.push('for (let e = 0; e < cnt; e++) {');
      L.push('if (scores[e] >= best - tieTol && k-- === 0) { sel = eqs[e]; break; }');
      L.push('}');
      L.push('}');
    }
    L.push(`eqType[r - 1] = ${EQ_PURE};`);
    L.push('pureCount[r - 1] = cnt;');
    // 3a. one uniform per actor (dropped: a one-hot mix is played whatever the uniform) and the choices
    for (let i = 0; i < n; i++) {
      L.push(STEP);
      L.push(
        i === 0
          ? `const s0 = sel % ${counts[0]!};`
          : `const s${i} = ((sel / ${strides[i]!}) | 0) % ${counts[i]!};`,
      );
      L.push(`choices[(r - 1) * ${n} + ${i}] = s${i};`);
    }
    // 3b. the played profile's choice slots (TrialSimulator.finishRound)
    spec.actors.forEach((a, i) =>
      a.choiceSlots.forEach((slot, t) => L.push(`env[${int(slot)}] = s${i} === ${t} ? 1 : 0;`)),
    );
    L.push('profiles[r - 1] = sel;');
    // 4. outcomes and metrics (fused `record`: an outcome's only error is NaN, a metric's any non-finite value)
    L.push('z = 0;');
    spec.outcomes.forEach((o, k) =>
      L.push(`v = ${js(o.when)}; outcomes[(r - 1) * ${O} + ${k}] = v ? 1 : 0; if (v !== v) z = NaN;`),
    );
    spec.metrics.forEach((mt, k) =>
      L.push(`v = ${js(mt.value)}; metrics[(r - 1) * ${M} + ${k}] = v; z += v - v;`),
    );
    L.push(`if (z !== 0) ${stop(STOP_RECORD)}`);
    // 5. events: a uniform each, always drawn
    spec.events.forEach((ev, e) => {
      L.push(STEP, UNIFORM);
      L.push(ev.once ? `if (!fired[${e}]) {` : '{');
      L.push(`v = ${js(ev.probability)};`);
      L.push(`if (v !== v) ${stop(STOP_EVENT_PROBABILITY, `io[2] = ${e}; io[4] = v; `)}`);
      L.push('v = v < 0 ? 0 : v > 1 ? 1 : v;');
      L.push('if (u < v) {');
      ev.effects.forEach((fx, k) => {
        L.push(`const f${k} = ${js(fx.value)};`);
        L.push(
          `if (f${k} - f${k} !== 0) ${stop(STOP_EVENT_EFFECT, `io[2] = ${e}; io[3] = ${k}; io[4] = f${k}; `)}`,
        );
      });
      ev.effects.forEach((fx, k) => L.push(`env[${int(fx.slot)}] = f${k};`));
      L.push(`env[${int(ev.firedSlot)}] = 1;`);
      L.push(`if (!fired[${e}]) firstRound[${e}] = r;`);
      L.push(`fired[${e}] = 1;`);
      L.push('}');
      L.push('}');
    });
    // 6. state updates: all evaluated, then written clamped (fused `state`, TrialSimulator.finishRound)
    L.push('z = 0;');
    spec.state.forEach((s, k) =>
      L.push(`const y${k} = ${s.update ? js(s.update) : `env[${int(s.slot)}]`}; z += y${k} - y${k};`),
    );
    L.push(`if (z !== 0) ${stop(STOP_STATE)}`);
    spec.state.forEach((s, k) => {
      L.push(`v = y${k};${clampStatements(s.min, s.max)} env[${int(s.slot)}] = v;`);
    });
    L.push('}');
    L.push('rng[0] = ra; rng[1] = rb; rng[2] = rc; rng[3] = rd;');
    L.push(`return ${ROUNDS_DONE};`);
    return compileKernel<FusedRounds>(PARAMS, L.join('\n'));
  } catch {
    return null;
  }
};

/** node with every slot in `values` read as its value there (a literal: the same number the slot would hold). */
const withSlotValues = (node: FormulaNode, values: ReadonlyMap<number, number>): FormulaNode => {
  const sub = (x: FormulaNode): FormulaNode => withSlotValues(x, values);
  switch (node.op) {
    case 'num':
      return node;
    case 'slot': {
      const v = values.get(node.i);
      return v === undefined ? node : { op: 'num', v };
    }
    case 'neg':
    case 'not':
    case 'abs':
    case 'exp':
    case 'log':
    case 'sqrt':
      return { op: node.op, a: sub(node.a) };
    case 'min':
    case 'max':
      return { op: node.op, args: node.args.map(sub) };
    case 'if':
      return { op: 'if', c: sub(node.c), a: sub(node.a), b: sub(node.b) };
    default:
      return { op: node.op, a: sub(node.a), b: sub(node.b) };
  }
};
