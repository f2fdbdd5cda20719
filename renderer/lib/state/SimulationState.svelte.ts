// State of the simulation view: the running run's progress and cancel, the last result (carrying its provenance),
// and "replay trial k". The settings (trials, seed, sampler, stop-early rule, workers) are the document's
// RunSettingsState, shared with What-if. Engine calls go through a SimulationPort (workers in the app, a fake in
// tests).
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import type { Platform, SaveResult } from '../platform/Platform';
import { exportBaseName } from '../../../models/engine/sidecar';
import { exportTable } from './exportTable';
import { parseIntIn, type RunSettingsState } from './RunSettingsState.svelte';
import { isAbort, type ReplayView, type RunView, type SimulationPort } from './SimulationPort';
import { changeSince } from './staleness';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';
export type RunExportKind = 'trials' | 'summary' | 'metadata';

/** What a computation needs from the document: the compiled scenario, the parameter values, and its epoch. */
export type SimulationSource = () => {
  readonly spec: ModelSpec | null;
  readonly paramValues: Readonly<Record<string, number>>;
  /** Increments when the document is replaced: a computation started in an earlier epoch is dropped. */
  readonly epoch: number;
};

export class SimulationState {
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

  readonly settings: RunSettingsState;
  #abort: AbortController | null = null;
  #started = 0;
  readonly #port: SimulationPort;
  readonly #source: SimulationSource;

  constructor(port: SimulationPort, source: SimulationSource, settings: RunSettingsState) {
    this.#port = port;
    this.#source = source;
    this.settings = settings;
  }

  get running(): boolean {
    return this.status === 'running';
  }
  /** 0..1 */
  get progress(): number {
    return this.total > 0 ? Math.min(1, this.done / this.total) : 0;
  }
  get canRun(): boolean {
    return !this.running && this.settings.valid && this.#source().spec !== null;
  }

  async run(): Promise<void> {
    if (this.running) return;
    const { spec, paramValues, epoch } = this.#source();
    const settings = spec ? this.settings.forRun(spec, paramValues, { autoStop: true }) : null;
    if (!spec || !settings) {
      this.error = !spec
        ? 'No valid scenario is loaded: fix the errors in the editor first.'
        : (this.settings.trialsError ?? this.settings.seedError);
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
      if (abort.signal.aborted || this.#source().epoch !== epoch) {
        throw new DOMException('cancelled', 'AbortError');
      }
      this.result = result;
      this.resultSpec = spec;
      this.replay = null;
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

  /** Forget every result (the document was replaced): nothing of another scenario stays on screen. */
  clear(): void {
    this.cancel();
    this.result = null;
    this.resultSpec = null;
    this.replay = null;
    this.replayError = null;
    this.error = null;
    this.status = 'idle';
    this.done = 0;
    this.total = 0;
  }

  get replayTrialError(): string | null {
    const max = this.result?.trials ?? this.settings.trials;
    const v = parseIntIn(this.replayTrialText, 1, Math.max(1, max), 'Trial');
    return typeof v === 'string' ? v : null;
  }

  /** What changed since the shown result was run (null: it still matches the document). */
  get resultChange(): string | null {
    const { spec, paramValues } = this.#source();
    return changeSince(this.result?.provenance, spec, paramValues);
  }
  get resultStale(): boolean {
    return this.resultChange !== null;
  }
  /** What changed since the shown replay was computed. */
  get replayChange(): string | null {
    const { spec, paramValues } = this.#source();
    return changeSince(this.replay?.provenance, spec, paramValues);
  }

  /** Replay trial k (1-based) of the shown run's settings and model, round by round. */
  async replayTrial(): Promise<void> {
    const spec = this.resultSpec;
    const settings = this.result?.settings;
    if (!spec || !settings) return;
    const err = this.replayTrialError;
    if (err) {
      this.replayError = err;
      return;
    }
    this.replayBusy = true;
    this.replayError = null;
    const epoch = this.#source().epoch;
    try {
      const r = await this.#port.replay(spec, settings, Number(this.replayTrialText.trim()));
      if (this.#source().epoch === epoch) this.replay = r;
    } catch (e) {
      this.replayError = e instanceof Error ? e.message : String(e);
    } finally {
      this.replayBusy = false;
    }
  }

  /**
   * Export the shown run, named from ITS provenance with a sidecar JSON beside each table: 'trials' = the engine's
   * per-trial CSV, re-run in the workers from the same seed and streamed; 'summary' = the summary CSV; 'metadata' =
   * the per-trial table's sidecar alone. null = nothing done.
   */
  async exportRun(kind: RunExportKind, platform: Platform): Promise<SaveResult | null> {
    const run = this.result;
    const spec = this.resultSpec;
    if (!run || !spec || this.exportBusy) return null;
    this.exportBusy = kind;
    this.exportedTrials = 0;
    try {
      if (kind === 'trials') {
        const chunks = this.#port.perTrialCsv(spec, run.settings, {
          onProgress: (d) => (this.exportedTrials = d),
        });
        return await exportTable(platform, run.provenance, 'trials', chunks, run.runId);
      }
      if (kind === 'summary') {
        return await exportTable(
          platform,
          run.provenance,
          'summary',
          [await this.#port.summaryCsv(spec, run)],
          run.runId,
        );
      }
      return await platform.exportFile('json', `${exportBaseName(run.provenance, 'trials')}.json`, [
        await this.#port.metadataJson(spec, run),
      ]);
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
