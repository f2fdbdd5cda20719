// State of the what-if tools: the live estimate (a quick seeded run re-done whenever a slider moves: debounced,
// latest wins, the previous run cancelled), one- and two-parameter sweeps, the baseline-vs-variant comparison and
// the tornado sensitivity. Every tool uses the document's RunSettingsState (one seed, one trial count shared with
// Simulate; the live estimate states its own smaller trial count). Every result carries its provenance; what
// changed since is `changeOf(result)`. Engine calls go through a SimulationPort (Web Workers in the app, a fake in
// tests).
import type { RootSeed } from '../../../models/random/seedKey';
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
import type { Provenance } from '../../../models/engine/Provenance';
import { overridesFor, type RunSettingsState } from './RunSettingsState.svelte';
import type { SimulationSource } from './SimulationState.svelte';
import { changeSince } from './staleness';

/**
 * Trials of the live estimate's first redraw: the fewest (rounded up to a round number) for which the 95% Wilson
 * interval of a 10% outcome has a half-width of at most 1 percentage point ((high − low)/2 = 0.99 points at 350 of
 * 3,500; the normal approximation needs 1.96²·0.1·0.9/0.01² ≈ 3,458).
 */
export const LIVE_FIRST_TRIALS = 3500;

export type LiveOptions = {
  /** Trials of the quick estimate (default 10,000). */
  readonly trials?: number;
  /** Trials of a first, coarser estimate drawn before the full one (default LIVE_FIRST_TRIALS; 0 = none). */
  readonly firstTrials?: number;
  /** Debounce of slider changes (ms, default 30). */
  readonly debounceMs?: number;
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
    stillCurrent: () => boolean = () => true,
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
      if (abort.signal.aborted || !stillCurrent()) throw new DOMException('cancelled', 'AbortError');
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

  /** Forget the result (the document was replaced). */
  clear(): void {
    this.cancel();
    this.result = null;
    this.status = 'idle';
    this.error = null;
    this.done = 0;
    this.total = 0;
  }

  /** Refuse to start, with the reason shown in place (the previous result stays). */
  fail(message: string): void {
    this.#abort?.abort();
    this.#abort = null;
    this.status = 'error';
    this.error = message;
  }
}

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
  /** The outcome shown in the heatmap (two-parameter sweeps). */
  sweepOutcome = $state<string | null>(null);
  readonly sweep = new EngineTask<SweepView>();

  // ---- comparison (baseline = the scenario's values, variant = the current slider values) ----
  readonly compare = new EngineTask<CompareView>();

  // ---- sensitivity ----
  sensitivityTarget = $state<string | null>(null);
  readonly sensitivity = new EngineTask<TornadoView>();

  readonly settings: RunSettingsState;
  /** The engine port (exports ask it for a result's table). */
  readonly port: SimulationPort;
  readonly #port: SimulationPort;
  readonly #source: SimulationSource;

  constructor(
    port: SimulationPort,
    source: SimulationSource,
    settings: RunSettingsState,
    options: LiveOptions = {},
  ) {
    this.#port = port;
    this.port = port;
    this.#source = source;
    this.settings = settings;
    this.liveTrials = options.trials ?? 10_000;
    this.liveFirstTrials = Math.min(options.firstTrials ?? LIVE_FIRST_TRIALS, this.liveTrials);
    this.#debounceMs = options.debounceMs ?? 30;
  }

  /** The live estimate's seed: the document's (plain Monte Carlo, so its trials are the first of a full run's). */
  get liveSeed(): RootSeed {
    return this.settings.seed;
  }

  /** What changed since a what-if result was computed (null: it still matches the document). */
  changeOf(result: { readonly provenance: Provenance } | null): string | null {
    const { spec, paramValues } = this.#source();
    const p = result?.provenance;
    // a comparison's inputs on screen are its VARIANT (the sliders); its baseline is the scenario's own values
    return changeSince(
      p && p.detail.kind === 'compare' ? { ...p, overrides: p.detail.variant } : p,
      spec,
      paramValues,
    );
  }

  #settings(spec: ModelSpec, trials: number): RunSettings {
    return {
      trials,
      seed: this.settings.seed,
      sampler: 'mc',
      workers: this.settings.workers,
      overrides: overridesFor(spec, this.#source().paramValues),
    };
  }

  /** The document's settings for sweep, compare and sensitivity, or the reason they cannot run. */
  #shared(spec: ModelSpec): RunSettings | string {
    return (
      this.settings.forRun(spec, this.#source().paramValues) ??
      this.settings.trialsError ??
      this.settings.seedError ??
      'Invalid settings.'
    );
  }

  #current(): () => boolean {
    const epoch = this.#source().epoch;
    return () => this.#source().epoch === epoch;
  }

  /** Forget every result (the document was replaced). */
  clear(): void {
    if (this.#liveTimer !== null) clearTimeout(this.#liveTimer);
    this.#liveTimer = null;
    this.#livePending = false;
    this.#liveAbort?.abort();
    this.live = null;
    this.liveError = null;
    this.sweep.clear();
    this.compare.clear();
    this.sensitivity.clear();
    this.sweepX = null;
    this.sweepY = null;
    this.sweepOutcome = null;
    this.sensitivityTarget = null;
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
        const epoch = this.#source().epoch;
        const r = await this.#port.estimate(spec, this.#settings(spec, trials), { signal: abort.signal });
        if (abort.signal.aborted || this.#source().epoch !== epoch) return;
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
    const settings = this.#shared(spec);
    if (typeof settings === 'string') return this.sweep.fail(settings);
    await this.sweep.start((hooks) => this.#port.sweep(spec, settings, x, y, hooks), this.#current());
    if (!this.sweepOutcome) this.sweepOutcome = spec.outcomes[0]?.id ?? null;
  }

  async runCompare(): Promise<void> {
    const { spec, paramValues } = this.#source();
    if (!spec) return;
    const settings = this.#shared(spec);
    if (typeof settings === 'string') return this.compare.fail(settings);
    const variant = overridesFor(spec, paramValues);
    const baseline: RunSettings = { ...settings, overrides: {} };
    await this.compare.start((hooks) => this.#port.compare(spec, baseline, variant, hooks), this.#current());
  }

  async runSensitivity(): Promise<void> {
    const { spec } = this.#source();
    if (!spec) return;
    const target = this.sensitivityTarget ?? spec.outcomes[0]?.id ?? spec.metrics[0]?.id;
    if (!target) return;
    this.sensitivityTarget = target;
    const settings = this.#shared(spec);
    if (typeof settings === 'string') return this.sensitivity.fail(settings);
    await this.sensitivity.start(
      (hooks) => this.#port.sensitivity(spec, settings, target, hooks),
      this.#current(),
    );
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
