// Formula benchmark: korea-2025's payoff formulas evaluated over every profile of the one-round game —
// compiled (generated code and closures) vs hand-written JS for the same formulas, and mathjs' own
// compile().evaluate for contrast. Measured, never asserted. `npm run bench -- formula`.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { all, create, type FactoryFunctionMap } from 'mathjs';
import { builtinText, loadBuiltin } from '../models/scenario/builtins';
import { instantiateModel } from '../models/scenario/instantiateModel';
import { parseScenario } from '../models/scenario/parseScenario';
import type { NumFn, RuntimeModel } from '../models/scenario/RuntimeModel';

const now = (): number => performance.now();

/** Run `fn(i)` in growing batches for about `ms` milliseconds; returns calls per second. */
const rate = (fn: (i: number) => number, ms: number): { perSecond: number; sink: number } => {
  let sink = 0;
  for (let i = 0; i < 2000; i++) sink += fn(i); // warm-up
  let n = 0;
  const t0 = now();
  let batch = 1000;
  while (now() - t0 < ms) {
    for (let i = 0; i < batch; i++) sink += fn(n + i);
    n += batch;
    batch = Math.min(batch * 2, 1_000_000);
  }
  return { perSecond: n / ((now() - t0) / 1000), sink };
};

type PayoffTable = readonly (readonly NumFn[])[];

/** The same formulas as korea-2025's payoffs, written by hand over the same environment slots. */
const handWritten = (model: RuntimeModel): PayoffTable => {
  const s = (name: string): number => {
    const i = model.slotNames.indexOf(name);
    if (i < 0) throw new Error(`bench: no slot ${name}`);
    return i;
  };
  const RB = s('russianBenefit');
  const SP = s('sanctionsPain');
  const OV = s('offerValue');
  const CR = s('credibility');
  const DC = s('doctrineCost');
  const DR = s('drills');
  const DV = s('deterrenceValue');
  const TE = s('tension');
  const [RO, , RP] = [s('ROK.offer'), s('ROK.statusQuo'), s('ROK.pressure')];
  const [DE, DH, DP] = [s('DPRK.engage'), s('DPRK.hold'), s('DPRK.provoke')];
  return [
    [
      (e) =>
        0.5 * (e[RB] as number) -
        (e[SP] as number) * (1 - (e[RO] as number)) +
        (e[OV] as number) * (e[CR] as number) * (e[RO] as number) -
        (e[DC] as number) -
        0.5 * (e[DR] as number),
      (e) => (e[RB] as number) - (e[SP] as number),
      (e) =>
        (e[RB] as number) -
        (e[SP] as number) +
        (e[DV] as number) * (0.4 + 0.6 * (e[DR] as number) + 0.4 * (e[RP] as number)) -
        (0.6 + (e[SP] as number)),
    ],
    [
      (e) => 3 * (e[DE] as number) + 0.2 * (e[DH] as number) - 2 * (e[DP] as number),
      (e) => 1 * (e[DE] as number) - 1.5 * (e[DP] as number),
      (e) =>
        -0.5 * (e[DE] as number) -
        0.3 * (e[DH] as number) -
        (1 - 0.3 * (e[TE] as number)) * (e[DP] as number),
    ],
  ];
};

/** One full game: set the indicator slots for each of the 9 profiles and evaluate all 6 payoffs (54 calls). */
const gameEvaluator = (model: RuntimeModel, table: PayoffTable) => {
  const env = new Float64Array(model.envSize);
  const params = model.params;
  const [a0, a1] = model.actors;
  if (!a0 || !a1) throw new Error('bench: korea-2025 needs two actors');
  const c0 = a0.choiceSlots;
  const c1 = a1.choiceSlots;
  const [p0, p1] = table as [readonly NumFn[], readonly NumFn[]];
  const derived = model.derived;
  const tension = model.state.find((x) => x.id === 'tension')?.slot ?? 0;
  const russia = model.state.find((x) => x.id === 'russia')?.slot ?? 0;
  return (i: number): number => {
    for (const p of params) env[p.slot] = p.value * (1 + ((i % 7) - 3) * 0.01);
    env[russia] = 0.8 - (i % 5) * 0.01;
    env[tension] = 0.5;
    env[model.builtins.monthSlot] = (i % 12) + 1;
    for (const d of derived) env[d.slot] = d.value(env);
    let sum = 0;
    for (let b = 0; b < 3; b++) {
      for (let k = 0; k < 3; k++) env[c1[k] as number] = k === b ? 1 : 0;
      for (let a = 0; a < 3; a++) {
        for (let k = 0; k < 3; k++) env[c0[k] as number] = k === a ? 1 : 0;
        sum += (p0[a] as NumFn)(env) + (p1[b] as NumFn)(env);
      }
    }
    return sum;
  };
};

/**
 * Cost of the compile step's mathjs in a fresh process (as every CLI command pays it): time to import the
 * locked parse-only instance and compile korea-2025, and the process's peak RSS, against bare tsx.
 */
const lockedParserCost = async (): Promise<Record<string, number>> => {
  const child = (code: string): Promise<{ ms: number; rssMB: number }> =>
    new Promise((res, rej) => {
      const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let s = '';
      p.stdout.on('data', (d: Buffer) => (s += d.toString()));
      p.on('exit', (c) =>
        c === 0 ? res(JSON.parse(s) as { ms: number; rssMB: number }) : rej(new Error(`exit ${c}`)),
      );
    });
  const report =
    'process.stdout.write(JSON.stringify({ ms: performance.now() - t0, rssMB: process.resourceUsage().maxRSS / 1024 }));';
  const locked = resolve(import.meta.dirname, '../models/formula/lockedMath.ts');
  const builtins = resolve(import.meta.dirname, '../models/scenario/builtins.ts');
  const bare = await child(`const t0 = performance.now(); ${report}`);
  const parser = await child(
    `const t0 = performance.now(); await import(${JSON.stringify(locked)}); ${report}`,
  );
  const compiled = await child(
    `const t0 = performance.now(); const b = await import(${JSON.stringify(builtins)}); b.loadBuiltin('korea-2025'); ${report}`,
  );
  const r = (x: number): number => Math.round(x);
  return {
    importLockedParserMs: r(parser.ms),
    importAndCompileKoreaMs: r(compiled.ms),
    bareTsxRssMB: r(bare.rssMB),
    lockedParserRssMB: r(parser.rssMB),
    compiledKoreaRssMB: r(compiled.rssMB),
  };
};

export const bench = async (): Promise<Record<string, unknown>> => {
  const compileStep = await lockedParserCost();
  const text = builtinText('korea-2025');
  let t0 = now();
  const parsed = parseScenario(text, 'korea-2025.parley.json');
  const parseMs = now() - t0;
  if (!parsed.ok) throw new Error('bench: korea-2025 does not validate');
  const { spec } = loadBuiltin('korea-2025');
  t0 = now();
  const codegen = instantiateModel(spec, { backend: 'codegen' });
  const instantiateCodegenMs = now() - t0;
  t0 = now();
  const closure = instantiateModel(spec, { backend: 'closure' });
  const instantiateClosureMs = now() - t0;

  const MS = 1500;
  const hand = rate(gameEvaluator(codegen, handWritten(codegen)), MS);
  const gen = rate(
    gameEvaluator(
      codegen,
      codegen.actors.map((a) => a.payoffs),
    ),
    MS,
  );
  const clo = rate(
    gameEvaluator(
      closure,
      closure.actors.map((a) => a.payoffs),
    ),
    MS,
  );

  // mathjs for contrast: compile() each payoff once, evaluate with a scope per call.
  const math = create(all as FactoryFunctionMap);
  const srcs = spec.actors.map((a) => a.payoffs.map((p) => String(p.src)));
  const compiled = srcs.map((row) => row.map((s) => math.compile(s)));
  const scopeFrom = (env: Float64Array): Record<string, unknown> => {
    const scope: Record<string, unknown> = {};
    spec.slotNames.forEach((name, i) => {
      const dot = name.indexOf('.');
      if (dot < 0) scope[name] = env[i];
      else {
        const actor = name.slice(0, dot);
        const obj = (scope[actor] ??= {}) as Record<string, number>;
        obj[name.slice(dot + 1)] = env[i] as number;
      }
    });
    return scope;
  };
  const mathjsTable: PayoffTable = compiled.map((row) =>
    row.map((c) => (env: Float64Array) => Number(c.evaluate(scopeFrom(env)))),
  );
  const mj = rate(gameEvaluator(codegen, mathjsTable), MS);

  const PER_GAME = 54;
  const evals = (r: { perSecond: number }): number => Math.round(r.perSecond * PER_GAME);
  return {
    scenario: 'korea-2025',
    compileStepInFreshProcess: compileStep,
    what: 'all 6 payoff formulas over the 9 profiles of one round (54 evaluations per game)',
    parseAndCompileScenarioMs: Math.round(parseMs * 10) / 10,
    instantiateCodegenMs: Math.round(instantiateCodegenMs * 100) / 100,
    instantiateClosureMs: Math.round(instantiateClosureMs * 100) / 100,
    handWrittenEvalsPerSecond: evals(hand),
    codegenEvalsPerSecond: evals(gen),
    closureEvalsPerSecond: evals(clo),
    mathjsEvaluateEvalsPerSecond: evals(mj),
    codegenSlowdownVsHandWritten: Math.round((hand.perSecond / gen.perSecond) * 100) / 100,
    closureSlowdownVsHandWritten: Math.round((hand.perSecond / clo.perSecond) * 100) / 100,
    mathjsSlowdownVsHandWritten: Math.round(hand.perSecond / mj.perSecond),
    target: 'codegen within 3× of hand-written',
    checksum: Math.round((hand.sink + gen.sink + clo.sink) % 1e6),
  };
};
