// State of the what-if tools: the live estimate (a quick seeded run re-done whenever a slider moves: debounced,
// latest wins, the previous run cancelled), one- and two-parameter sweeps, the baseline-vs-variant comparison and
// the tornado sensitivity. Engine calls go through a SimulationPort (Web Workers in the app, a fake in tests).
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import {
  isAbort,
  type CompareView,
  type RunSettings,
  type EstimateView,
  type SimulationPort,
  type SweepAxis,
  type SweepView,
  type TornadoView,
} from './SimulationPort';
import {
  defaultWorkers,
  MAX_TRIALS,
  overridesFor,
  randomSeed,
  type SimulationSource,
} from './SimulationState.svelte';

export type LiveOptions = {
  /** Trials of the quick estimate (default 10,000). */
  readonly trials?: number;
  /** Trials of a first, coarser estimate drawn before the full one (default 2,000; 0 = none). */
  readonly firstTrials?: number;
  /** Debounce of slider changes (ms, default 30). */
  readonly debounceMs?: number;
  /** The fixed seed of every live estimate (common random numbers: changes come from the parameter, not noise). */
  readonly seed?: number;
};

type Task<T> = {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  result: T | null;
  error: string | null;
};

/** A cancellable engine task with progress (sweep, comparison, sensitivity). */
class EngineTask<T> {
  status = $state<Task<T>['status']>('idle');
  result = $state.raw<T | null>(null);
  error = $state<string | null>(null);
  done = $state(0);
  total = $state(0);
  #abort: AbortController | null = null;

  get running(): boolean {
    return this.status === 'running';
  }
  get progress(): number {
    return this.total > 0 ? Math.min(1, this.done / this.total) : 0;
  }

  async start(
    work: (hooks: { signal: AbortSignal; onProgress: (d: number, t: number) => void }) => Promise<T>,
  ): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.status = 'running';
    this.error = null;
    this.done = 0;
    this.total = 0;
    try {
      const r = await work({
        signal: abort.signal,
        onProgress: (d, t) => {
          if (abort.signal.aborted) return;
          this.done = d;
          this.total = t;
        },
      });
      if (abort.signal.aborted) throw new DOMException('cancelled', 'AbortError');
      this.result = r;
      this.status = 'done';
    } catch (e) {
      if (this.#abort !== abort) return; // superseded by a newer start()
      if (abort.signal.aborted || isAbort(e)) this.status = 'cancelled';
      else {
        this.status = 'error';
        this.error = e instanceof Error ? e.message : String(e);
      }
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }

  /** Refuse to start, with the reason shown in place (the previous result stays). */
  fail(message: string): void {
    this.#abort?.abort();
    this.#abort = null;
    this.status = 'error';
    this.error = message;
  }
}

/** The problem with a trials field's value (bound number inputs give null when empty), or null when it is fine. */
const trialsProblem = (n: unknown, what: string): string | null =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_TRIALS
    ? null
    : `${what} must be a whole number from 1 to ${MAX_TRIALS.toLocaleString('en')}.`;

export class WhatIfState {
  // ---- live estimate ----
  liveEnabled = $state(true);
  live = $state.raw<EstimateView | null>(null);
  liveBusy = $state(false);
  liveError = $state<string | null>(null);
  /** Time from the last parameter change to its first (coarse) estimate being ready (ms; the view adds its paint). */
  liveLatencyMs = $state<number | null>(null);
  /** Time from the last parameter change to its full estimate (liveTrials) being ready (ms). */
  liveFullLatencyMs = $state<number | null>(null);
  /** Increments each time a new live estimate arrives. */
  liveSeq = $state(0);
  readonly liveTrials: number;
  readonly liveFirstTrials: number;
  readonly liveSeed: number;
  readonly #debounceMs: number;
  #liveTimer: ReturnType<typeof setTimeout> | null = null;
  #liveAbort: AbortController | null = null;
  /** Stage in flight: a coarse estimate is let finish while the slider moves (so a drag keeps redrawing), a full one
   *  is cancelled by newer values (latest wins). */
  #liveStage: 'coarse' | 'full' | null = null;
  #livePending = false;
  /** Time of the oldest parameter change not yet being estimated. */
  #changedAt: number | null = null;

  // ---- sweeps ----
  sweepX = $state<SweepAxis | null>(null);
  sweepY = $state<SweepAxis | null>(null);
  sweepTrials = $state(2000);
  /** The outcome shown in the heatmap (two-parameter sweeps). */
  sweepOutcome = $state<string | null>(null);
  readonly sweep = new EngineTask<SweepView>();

  // ---- comparison (baseline = the scenario's values, variant = the current slider values) ----
  compareTrials = $state(10_000);
  readonly compare = new EngineTask<CompareView>();

  // ---- sensitivity ----
  sensitivityTarget = $state<string | null>(null);
  sensitivityTrials = $state(2000);
  readonly sensitivity = new EngineTask<TornadoView>();

  readonly #port: SimulationPort;
  readonly #source: SimulationSource;

  constructor(port: SimulationPort, source: SimulationSource, options: LiveOptions = {}) {
    this.#port = port;
    this.#source = source;
    this.liveTrials = options.trials ?? 10_000;
    this.liveFirstTrials = Math.min(options.firstTrials ?? 2000, this.liveTrials);
    this.#debounceMs = options.debounceMs ?? 30;
    this.liveSeed = options.seed ?? randomSeed();
  }

  #settings(spec: ModelSpec, trials: number, seed = this.liveSeed): RunSettings {
    return {
      trials,
      seed,
      sampler: 'mc',
      workers: defaultWorkers(),
      overrides: overridesFor(spec, this.#source().paramValues),
    };
  }

  /**
   * Call whenever a parameter value changes. Throttled (the estimate starts debounceMs after the first change and
   * reads the latest values then); a coarse estimate in flight finishes and is drawn, then the latest values run; a
   * full estimate in flight is cancelled (latest wins).
   */
  requestLive(): void {
    if (!this.liveEnabled) return;
    this.#changedAt ??= performance.now();
    if (this.#liveTimer !== null) return;
    this.#liveTimer = setTimeout(() => {
      this.#liveTimer = null;
      this.#kickLive();
    }, this.#debounceMs);
  }

  #kickLive(): void {
    if (this.#liveStage === 'coarse') {
      this.#livePending = true;
      return;
    }
    this.#liveAbort?.abort();
    void this.#runLive();
  }

  async #runLive(): Promise<void> {
    const { spec } = this.#source();
    if (!spec) return;
    const abort = new AbortController();
    this.#liveAbort = abort;
    const changedAt = this.#changedAt ?? performance.now();
    this.#changedAt = null;
    this.liveBusy = true;
    try {
      // progressive: a coarse estimate first (drawn at once), then the full one; both on the same seed, so with
      // plain Monte Carlo the first trials of the full run are exactly the coarse run's trials
      const stages =
        this.liveFirstTrials > 0 && this.liveFirstTrials < this.liveTrials
          ? [this.liveFirstTrials, this.liveTrials]
          : [this.liveTrials];
      for (const [i, trials] of stages.entries()) {
        this.#liveStage = i < stages.length - 1 ? 'coarse' : 'full';
        const r = await this.#port.estimate(spec, this.#settings(spec, trials), { signal: abort.signal });
        if (abort.signal.aborted) return;
        this.live = r;
        this.liveError = null;
        const ms = performance.now() - changedAt;
        if (i === 0) this.liveLatencyMs = ms;
        if (i === stages.length - 1) this.liveFullLatencyMs = ms;
        this.liveSeq += 1;
        if (this.#livePending) break; // newer values arrived: estimate those instead of refining these
      }
    } catch (e) {
      if (abort.signal.aborted || isAbort(e)) return;
      this.liveError = e instanceof Error ? e.message : String(e);
    } finally {
      if (this.#liveAbort === abort) {
        this.#liveAbort = null;
        this.#liveStage = null;
        this.liveBusy = false;
        if (this.#livePending) {
          this.#livePending = false;
          this.#kickLive();
        }
      }
    }
  }

  /** Default sweep axis for a parameter: its full slider range in 11 steps. */
  axisFor(paramId: string): SweepAxis | null {
    const p = this.#source().spec?.params.find((q) => q.id === paramId);
    return p ? { param: p.id, from: p.min, to: p.max, steps: 11 } : null;
  }

  async runSweep(): Promise<void> {
    const { spec } = this.#source();
    const x = this.sweepX;
    if (!spec || !x) return;
    const y = this.sweepY && this.sweepY.param !== x.param ? this.sweepY : null;
    const problem = trialsProblem(this.sweepTrials, 'Trials per point');
    if (problem) return this.sweep.fail(problem);
    const settings = this.#settings(spec, this.sweepTrials);
    await this.sweep.start((hooks) => this.#port.sweep(spec, settings, x, y, hooks));
    if (!this.sweepOutcome) this.sweepOutcome = spec.outcomes[0]?.id ?? null;
  }

  async runCompare(): Promise<void> {
    const { spec, paramValues } = this.#source();
    if (!spec) return;
    const problem = trialsProblem(this.compareTrials, 'Trials');
    if (problem) return this.compare.fail(problem);
    const variant = overridesFor(spec, paramValues);
    const baseline: RunSettings = { ...this.#settings(spec, this.compareTrials), overrides: {} };
    await this.compare.start((hooks) => this.#port.compare(spec, baseline, variant, hooks));
  }

  async runSensitivity(): Promise<void> {
    const { spec } = this.#source();
    if (!spec) return;
    const target = this.sensitivityTarget ?? spec.outcomes[0]?.id ?? spec.metrics[0]?.id;
    if (!target) return;
    this.sensitivityTarget = target;
    const problem = trialsProblem(this.sensitivityTrials, 'Trials per point');
    if (problem) return this.sensitivity.fail(problem);
    const settings = this.#settings(spec, this.sensitivityTrials);
    await this.sensitivity.start((hooks) => this.#port.sensitivity(spec, settings, target, hooks));
  }

  dispose(): void {
    if (this.#liveTimer !== null) clearTimeout(this.#liveTimer);
    this.#livePending = false;
    this.#liveAbort?.abort();
    this.sweep.cancel();
    this.compare.cancel();
    this.sensitivity.cancel();
  }
}
