// State of the simulation view: run settings (trials, seed, sampler, workers), the running run's progress and
// cancel, the last result, and "replay trial k". Engine calls go through a SimulationPort (workers in the app, a
// fake in tests). Random seeds are picked HERE (the UI), never in models/.
import type { Sampler } from '../../../models/engine/ParamSampler';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import type { Platform, SaveResult } from '../platform/Platform';
import { runExportName } from './runExportName';
import {
  isAbort,
  type ReplayView,
  type RunSettings,
  type RunView,
  type SimulationPort,
} from './SimulationPort';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';
export type RunExportKind = 'trials' | 'summary' | 'metadata';

/** What a run needs from the document: the compiled scenario and the user's parameter values. */
export type SimulationSource = () => {
  readonly spec: ModelSpec | null;
  readonly paramValues: Readonly<Record<string, number>>;
};

export const MAX_TRIALS = 10_000_000;
export const MAX_SEED = 0xffffffff;

/** A fresh random root seed (uint32) from the platform's CSPRNG. */
export const randomSeed = (): number => {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0] ?? 1;
};

/** Worker count default: one per logical core (the UI thread mostly waits meanwhile), 1 to 8. */
export const defaultWorkers = (): number => {
  const n = typeof navigator !== 'undefined' ? (navigator.hardwareConcurrency ?? 2) : 2;
  return Math.max(1, Math.min(8, n));
};

/** Only the parameters the user moved away from the scenario's value are overridden (others keep their uncertainty). */
export const overridesFor = (
  spec: ModelSpec,
  paramValues: Readonly<Record<string, number>>,
): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const p of spec.params) {
    const v = paramValues[p.id];
    if (v !== undefined && Number.isFinite(v) && v !== p.value) out[p.id] = v;
  }
  return out;
};

const parseIntIn = (text: string, min: number, max: number, what: string): number | string => {
  const t = text.trim().replace(/[_,\s]/g, '');
  if (!/^\d+$/.test(t)) return `${what} must be a whole number from ${min} to ${max.toLocaleString('en')}.`;
  const n = Number(t);
  if (n < min || n > max) return `${what} must be from ${min} to ${max.toLocaleString('en')}.`;
  return n;
};

export class SimulationState {
  /** Text fields (kept as typed; validated into the numbers below). */
  trialsText = $state('10000');
  seedText = $state('');
  sampler = $state<Sampler>('mc');
  /** Auto-stop target: the 95% interval half-width every probability must reach (null = run every trial). */
  autoStop = $state<number | null>(null);
  workers = $state(defaultWorkers());

  status = $state<RunStatus>('idle');
  done = $state(0);
  total = $state(0);
  result = $state.raw<RunView | null>(null);
  /** The compiled model the shown result was run on (exports and replays use it, not a later edit). */
  resultSpec = $state.raw<ModelSpec | null>(null);
  error = $state<string | null>(null);
  /** Wall time of the current/last run (ms). */
  elapsedMs = $state(0);

  replayTrialText = $state('1');
  replay = $state.raw<ReplayView | null>(null);
  replayError = $state<string | null>(null);
  replayBusy = $state(false);

  /** The export in progress (one at a time) and the trials written so far by a per-trial export. */
  exportBusy = $state<null | RunExportKind>(null);
  exportedTrials = $state(0);

  #abort: AbortController | null = null;
  #started = 0;
  readonly #port: SimulationPort;
  readonly #source: SimulationSource;

  constructor(port: SimulationPort, source: SimulationSource, seed: number = randomSeed()) {
    this.#port = port;
    this.#source = source;
    this.seedText = String(seed);
  }

  get trialsError(): string | null {
    const v = parseIntIn(this.trialsText, 1, MAX_TRIALS, 'Trials');
    return typeof v === 'string' ? v : null;
  }
  get seedError(): string | null {
    const v = parseIntIn(this.seedText, 0, MAX_SEED, 'Seed');
    return typeof v === 'string' ? v : null;
  }
  get trials(): number {
    const v = parseIntIn(this.trialsText, 1, MAX_TRIALS, 'Trials');
    return typeof v === 'number' ? v : 0;
  }
  get seed(): number {
    const v = parseIntIn(this.seedText, 0, MAX_SEED, 'Seed');
    return typeof v === 'number' ? v : 0;
  }
  get running(): boolean {
    return this.status === 'running';
  }
  /** 0..1 */
  get progress(): number {
    return this.total > 0 ? Math.min(1, this.done / this.total) : 0;
  }
  get canRun(): boolean {
    return (
      !this.running && this.trialsError === null && this.seedError === null && this.#source().spec !== null
    );
  }

  newSeed(): void {
    this.seedText = String(randomSeed());
  }

  /** The settings a run would use now (null when the fields are invalid or no scenario is loaded). */
  settings(): RunSettings | null {
    const { spec, paramValues } = this.#source();
    if (!spec || this.trialsError || this.seedError) return null;
    return {
      trials: this.trials,
      seed: this.seed,
      sampler: this.sampler,
      workers: this.workers,
      overrides: overridesFor(spec, paramValues),
      autoStop: this.autoStop,
    };
  }

  async run(): Promise<void> {
    if (this.running) return;
    const { spec } = this.#source();
    const settings = this.settings();
    if (!spec || !settings) {
      this.error = !spec
        ? 'No valid scenario is loaded: fix the errors in the editor first.'
        : (this.trialsError ?? this.seedError);
      this.status = 'error';
      return;
    }
    const abort = new AbortController();
    this.#abort = abort;
    this.status = 'running';
    this.error = null;
    this.done = 0;
    this.total = settings.trials;
    this.elapsedMs = 0;
    this.replay = null;
    this.#started = performance.now();
    try {
      const result = await this.#port.run(spec, settings, {
        signal: abort.signal,
        onProgress: (done, total) => {
          if (abort.signal.aborted) return;
          this.done = done;
          this.total = total;
          this.elapsedMs = performance.now() - this.#started;
        },
      });
      if (abort.signal.aborted) throw new DOMException('cancelled', 'AbortError');
      this.result = result;
      this.resultSpec = spec;
      this.done = this.total;
      this.status = 'done';
    } catch (e) {
      if (abort.signal.aborted || isAbort(e)) {
        this.status = 'cancelled';
      } else {
        this.status = 'error';
        this.error = e instanceof Error ? e.message : String(e);
      }
    } finally {
      this.elapsedMs = performance.now() - this.#started;
      if (this.#abort === abort) this.#abort = null;
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }

  get replayTrialError(): string | null {
    const max = this.result?.trials ?? this.trials;
    const v = parseIntIn(this.replayTrialText, 1, Math.max(1, max), 'Trial');
    return typeof v === 'string' ? v : null;
  }

  /** True when the scenario was edited (recompiled), or a parameter slider moved, after the shown result was run. */
  get resultStale(): boolean {
    if (this.result === null) return false;
    const { spec, paramValues } = this.#source();
    if (this.resultSpec !== spec) return true;
    if (!spec) return false;
    const now = overridesFor(spec, paramValues);
    const then = this.result.settings.overrides;
    const keys = [...Object.keys(now), ...Object.keys(then)];
    return keys.some((k) => now[k] !== then[k]);
  }

  /** Replay trial k (1-based) of the last run's settings (and model), round by round. */
  async replayTrial(): Promise<void> {
    const spec = this.resultSpec ?? this.#source().spec;
    const settings = this.result?.settings ?? this.settings();
    if (!spec || !settings) return;
    const err = this.replayTrialError;
    if (err) {
      this.replayError = err;
      return;
    }
    this.replayBusy = true;
    this.replayError = null;
    try {
      this.replay = await this.#port.replay(spec, settings, Number(this.replayTrialText.trim()));
    } catch (e) {
      this.replayError = e instanceof Error ? e.message : String(e);
    } finally {
      this.replayBusy = false;
    }
  }

  /**
   * Export the last run: 'trials' = the engine's per-trial CSV, re-run in the workers from the same seed and streamed
   * chunk by chunk to the platform; 'summary' = the summary CSV; 'metadata' = the sidecar JSON. null = nothing done.
   */
  async exportRun(kind: RunExportKind, platform: Platform): Promise<SaveResult | null> {
    const run = this.result;
    const spec = this.resultSpec;
    if (!run || !spec || this.exportBusy) return null;
    this.exportBusy = kind;
    this.exportedTrials = 0;
    try {
      const base = runExportName(spec.id, run.settings.seed);
      if (kind === 'trials') {
        const chunks = this.#port.perTrialCsv(spec, run.settings, {
          onProgress: (d) => (this.exportedTrials = d),
        });
        return await platform.exportFile('csv', `${base}-trials.csv`, chunks);
      }
      if (kind === 'summary') {
        return await platform.exportFile('csv', `${base}-summary.csv`, [
          await this.#port.summaryCsv(spec, run),
        ]);
      }
      return await platform.exportFile('json', `${base}.json`, [await this.#port.metadataJson(spec, run)]);
    } catch (e) {
      return { ok: false, canceled: false, error: e instanceof Error ? e.message : String(e) };
    } finally {
      this.exportBusy = null;
    }
  }

  dispose(): void {
    this.cancel();
  }
}
