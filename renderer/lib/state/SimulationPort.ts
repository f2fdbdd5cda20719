// The one seam between the simulation / what-if UI and the engine. The UI's state classes call only this port;
// `engineSimulationPort` (in engineSimulationPort.ts) implements it with the engine's Web Worker runner, and tests
// pass a fake. Results arrive here already shaped for the charts (the "view" types below).
import type { Sampler } from '../../../models/engine/ParamSampler';
import type { Provenance } from '../../../models/engine/Provenance';
import type { RootSeed } from '../../../models/random/seedKey';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import type { BandRow, HistogramBin, ProbabilityRow, QuantileMarks, ShareRow } from '../charts/chartSpecs';

export type RunSettings = {
  readonly trials: number;
  readonly seed: RootSeed;
  readonly sampler: Sampler;
  readonly workers: number;
  /** Parameter values fixed by the user (sliders), by parameter id. */
  readonly overrides: Readonly<Record<string, number>>;
  /** Full runs only: stop early once every probability's 95% interval half-width is below this (null = never). */
  readonly autoStop?: number | null;
};

export type RunHooks = {
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
};

export type OutcomeView = ProbabilityRow & { readonly id: string };

export type MetricView = {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  readonly quantiles: QuantileMarks;
  readonly histogram: readonly HistogramBin[];
  /** Per-round quantile bands (fan chart); empty for one-round scenarios. */
  readonly bands: readonly BandRow[];
};

export type SurvivalView = {
  readonly id: string;
  readonly label: string;
  /** P(not yet happened) at the end of each round (round 0 = 1). */
  readonly points: readonly { readonly round: number; readonly survival: number }[];
  /** Median round of first occurrence among trials where it happened (null when it never did). */
  readonly medianRound: number | null;
};

export type RunView = {
  readonly settings: RunSettings;
  /** The engine's deterministic run id (the per-trial CSV's run_id column). */
  readonly runId: string;
  /** Trials actually run (fewer than settings.trials when auto-stop ended the run early). */
  readonly trials: number;
  readonly stoppedEarly: boolean;
  readonly rounds: number;
  readonly roundLabel: string;
  readonly elapsedMs: number;
  readonly outcomes: readonly OutcomeView[];
  readonly metrics: readonly MetricView[];
  readonly survival: readonly SurvivalView[];
  readonly profiles: readonly ShareRow[];
  /** The actors in the order of a profile label's strategies (absent: the labels name them). */
  readonly profileActors?: readonly string[];
  /** Events: probability of firing at least once within the horizon (95% interval). */
  readonly events: readonly OutcomeView[];
  /** Rounds by the kind of equilibrium the Nash-playing actors played (counts over all trials × rounds). */
  readonly equilibria: {
    readonly pure: number;
    readonly mixed: number;
    readonly none: number;
    readonly multiplePure: number;
    readonly rounds: number;
  };
  /** Convergence trace: each outcome's estimate as trials accumulate. */
  readonly convergence: readonly { readonly trials: number; readonly series: string; readonly p: number }[];
  /** Where the run came from (scenario, values, seed, settings, app version, start time): its sidecar's content. */
  readonly provenance: Provenance;
};

/** A quick estimate (live mode): outcome probabilities only. */
export type EstimateView = {
  readonly settings: RunSettings;
  readonly provenance: Provenance;
  readonly trials: number;
  readonly elapsedMs: number;
  readonly outcomes: readonly OutcomeView[];
};

export type ReplayRound = {
  readonly round: number;
  /** actor name → chosen strategy label */
  readonly choices: readonly { readonly actor: string; readonly strategy: string }[];
  /** Tree rounds: chance move label → drawn outcome label, in file order (empty without a tree). */
  readonly chance: readonly { readonly move: string; readonly outcome: string }[];
  readonly outcomes: readonly string[];
  readonly events: readonly string[];
  readonly state: readonly { readonly label: string; readonly value: number }[];
  readonly metrics: readonly { readonly label: string; readonly value: number }[];
};

export type ReplayView = {
  readonly provenance: Provenance;
  readonly trial: number;
  readonly seed: RootSeed;
  readonly params: readonly { readonly label: string; readonly value: number; readonly unit: string }[];
  readonly rounds: readonly ReplayRound[];
};

export type SweepAxis = {
  readonly param: string;
  readonly from: number;
  readonly to: number;
  readonly steps: number;
};

export type SweepView = {
  readonly provenance: Provenance;
  readonly x: SweepAxis;
  readonly y: SweepAxis | null;
  /** One row per grid point and outcome. */
  readonly rows: readonly {
    readonly x: number;
    readonly y: number | null;
    readonly outcome: string;
    readonly outcomeLabel: string;
    readonly p: number;
    readonly low: number;
    readonly high: number;
    readonly n: number;
  }[];
};

export type CompareView = {
  readonly provenance: Provenance;
  readonly rows: readonly {
    readonly id: string;
    readonly label: string;
    readonly baseline: ProbabilityRow;
    readonly variant: ProbabilityRow;
    readonly diff: number;
    readonly low: number;
    readonly high: number;
  }[];
  /** Metric means: baseline, variant and the paired difference with its 95% interval. */
  readonly metrics: readonly {
    readonly id: string;
    readonly label: string;
    readonly unit: string;
    readonly baseline: number;
    readonly variant: number;
    readonly diff: number;
    readonly low: number;
    readonly high: number;
  }[];
};

export type TornadoView = {
  readonly provenance: Provenance;
  /** Global sensitivity: Spearman rank correlation of each uncertain parameter with the target (per trial). */
  readonly spearman: readonly { readonly param: string; readonly label: string; readonly rho: number }[];
  readonly globalTrials: number;
  readonly target: string;
  readonly targetLabel: string;
  readonly base: number;
  readonly rows: readonly {
    readonly param: string;
    readonly label: string;
    readonly low: number;
    readonly high: number;
    readonly lowValue: number;
    readonly highValue: number;
  }[];
};

export type CsvChunks = AsyncIterable<string | Uint8Array>;

export type SimulationPort = {
  /** A full run (aggregates only). */
  run(spec: ModelSpec, settings: RunSettings, hooks: RunHooks): Promise<RunView>;
  /** A quick estimate of the outcome probabilities only (live mode; light aggregation). */
  estimate(spec: ModelSpec, settings: RunSettings, hooks: RunHooks): Promise<EstimateView>;
  /** One trial, round by round (1-based trial number). */
  replay(spec: ModelSpec, settings: RunSettings, trial: number): Promise<ReplayView>;
  sweep(
    spec: ModelSpec,
    settings: RunSettings,
    x: SweepAxis,
    y: SweepAxis | null,
    hooks: RunHooks,
  ): Promise<SweepView>;
  compare(
    spec: ModelSpec,
    settings: RunSettings,
    variant: Readonly<Record<string, number>>,
    hooks: RunHooks,
  ): Promise<CompareView>;
  sensitivity(spec: ModelSpec, settings: RunSettings, target: string, hooks: RunHooks): Promise<TornadoView>;
  /** The engine's per-trial CSV, streamed (re-runs the same seeded trials in workers). */
  perTrialCsv(spec: ModelSpec, settings: RunSettings, hooks: RunHooks): CsvChunks;
  summaryCsv(spec: ModelSpec, run: RunView): Promise<string>;
  sweepCsv(spec: ModelSpec, sweep: SweepView): Promise<string>;
  compareCsv(spec: ModelSpec, compare: CompareView): Promise<string>;
  sensitivityCsv(spec: ModelSpec, sensitivity: TornadoView): Promise<string>;
  metadataJson(spec: ModelSpec, run: RunView): Promise<string>;
};

/** Thrown (or rejected with) when a run is cancelled through its AbortSignal. */
export const isAbort = (e: unknown): boolean =>
  (e instanceof DOMException && e.name === 'AbortError') ||
  (e instanceof Error && (e.name === 'AbortError' || /abort|cancel/i.test(e.name)));
