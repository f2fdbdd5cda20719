// The real ModelService over models/scenario. The model layer (zod + mathjs compiler + the built-in files) is
// imported lazily on first use, so the app shell paints before mathjs is parsed. Checks (parse, validate, compile:
// work that grows with the file) run in a Web Worker (WorkerChecker: a newer check cancels a running one); the main
// thread only parses the spec's JSON text and instantiates it (linear, mathjs-free), and records its wire forms for
// the engine's workers (simulation/specWire.ts). Formulas are instantiated with the 'closure'
// backend: the renderer's CSP forbids eval, so we never even probe it (a probe logs a CSP violation).
import type { Game } from '../../../models/games/Game';
import type { ModelSpec, RuntimeModel } from '../../../models/scenario/RuntimeModel';
import { rememberSpecWire } from '../simulation/specWire';
import type { BuiltinInfo, CheckResult, ModelService } from './ModelService';
import type * as BuiltinsModule from '../../../models/scenario/builtinFiles';
import type * as ReduceModule from '../../../models/scenario/reduceToGame';
import type * as PlayedModule from '../../../models/engine/playedEquilibrium';
import type * as RoundTreeModule from '../../../models/scenario/roundTree';
import type * as PlayedTreeModule from '../../../models/engine/playedTree';
import { createWorkerChecker, defaultCheckWorker, type CheckWorkerLike } from './WorkerChecker';

type Modules = {
  builtins: typeof BuiltinsModule;
};

let modules: Promise<Modules> | null = null;
const load = (): Promise<Modules> =>
  (modules ??= import('../../../models/scenario/builtinFiles').then((builtins) => ({ builtins })));

/** reduceToGame is small and mathjs-free: loaded eagerly with the first check. */
let reduceMod: typeof ReduceModule | null = null;
/** The engine's round code (mathjs-free), for the Game view's "the simulation plays": loaded with the first check. */
let playedMod: typeof PlayedModule | null = null;
/** A tree scenario's round as a GameTree (mathjs-free), for the Tree view: loaded with the first check. */
let roundTreeMod: typeof RoundTreeModule | null = null;
let playedTreeMod: typeof PlayedTreeModule | null = null;

/** Yield to the event loop (a macrotask: input and rendering run in between). */
const nextTask = (): Promise<void> => new Promise((ok) => setTimeout(ok, 0));

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** `makeWorker` starts the check worker (tests inject a fake; null = check inline, as under Node). */
export const loadModelService = (
  makeWorker: () => CheckWorkerLike | null = defaultCheckWorker,
): ModelService => {
  const checker = createWorkerChecker(makeWorker, async (text, fileName) =>
    (await import('./checkScenarioText')).checkScenarioText(text, fileName),
  );
  return {
    builtins: async (): Promise<readonly BuiltinInfo[]> => {
      const m = await load();
      return m.builtins.listBuiltins().map((b) => {
        const raw = (m.builtins.BUILTIN_FILES[b.id] ?? {}) as Record<string, unknown>;
        return {
          id: b.id,
          title: b.title,
          description: b.summary || str(raw.description),
          notes: str(raw.teachingNotes),
          sources: (Array.isArray(raw.sources) ? (raw.sources as Record<string, unknown>[]) : []).map(
            (x) => ({
              title: str(x.title),
              publisher: str(x.publisher),
              date: str(x.date),
              url: str(x.url),
            }),
          ),
        };
      });
    },
    builtinText: async (id) => (await load()).builtins.builtinText(id),
    cancelCheck: () => checker.cancel(),
    check: async (text, fileName): Promise<CheckResult> => {
      const [r, instantiate] = await Promise.all([
        checker.check(text, fileName),
        import('../../../models/scenario/instantiateModel'),
      ]);
      reduceMod ??= await import('../../../models/scenario/reduceToGame');
      playedMod ??= await import('../../../models/engine/playedEquilibrium');
      roundTreeMod ??= await import('../../../models/scenario/roundTree');
      playedTreeMod ??= await import('../../../models/engine/playedTree');
      if (!r.ok) return r;
      try {
        let spec = r.spec;
        if (r.specText !== null) {
          spec = JSON.parse(r.specText) as ModelSpec;
          rememberSpecWire(spec, r.specText, r.specBlob ?? null);
          await nextTask(); // parsing and instantiating a big spec are two tasks, not one long one
        }
        if (!spec) throw new Error('The check answered without a model.');
        const model = instantiate.instantiateModel(spec, { backend: 'closure' });
        return { ok: true, spec, model, warnings: r.warnings };
      } catch (e) {
        return { ok: false, issues: [{ path: '', message: e instanceof Error ? e.message : String(e) }] };
      }
    },
    reduce: (model: RuntimeModel, at): Game => {
      if (!reduceMod) throw new Error('The model layer is still loading.');
      return reduceMod.reduceToGame(model, {
        params: at.params,
        round: at.round ?? 1,
        state: at.state ?? {},
      });
    },
    played: (model, game) => {
      if (!playedMod) throw new Error('The model layer is still loading.');
      return playedMod.playedEquilibrium(model, game);
    },
    roundTree: (model, at) => {
      if (!roundTreeMod) throw new Error('The model layer is still loading.');
      return roundTreeMod.roundTree(model, { params: at.params, round: at.round ?? 1, state: {} });
    },
    playedTree: (model, at) => {
      if (!playedTreeMod) throw new Error('The model layer is still loading.');
      return playedTreeMod.playedTree(model, { params: at.params, round: at.round ?? 1, state: {} });
    },
  };
};
