// A deterministic in-process SimulationPort for component and state tests: P(talks) = 1 − support / 2 where
// `support` is the override of parameter "russiaSupport" (default 0.8); runs report progress in 4 steps and honour
// the AbortSignal. `gate` lets a test hold a run open.
import { makeProvenance, type ProvenanceDetail } from '../../../models/engine/Provenance';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import type {
  RunSettings,
  RunView,
  SimulationPort,
  SweepAxis,
} from '../../../renderer/lib/state/SimulationPort';

export type FakeCall = { kind: string; specId: string; settings: RunSettings; extra?: unknown };

const FAKE_SPEC = { id: 'fake', title: 'Fake', hash: 'f'.repeat(64), params: [], rounds: { count: 3 } };

/** The provenance a real port would give a result of `spec` at `settings`. */
export const fakeProvenance = (
  spec: Pick<ModelSpec, 'id' | 'title' | 'hash' | 'params' | 'rounds'> | undefined,
  settings: RunSettings,
  detail: ProvenanceDetail,
) =>
  makeProvenance(
    spec ?? (FAKE_SPEC as never),
    {
      seed: settings.seed,
      trials: settings.trials,
      sampler: settings.sampler,
      overrides: settings.overrides,
    },
    detail,
    { appVersion: 'test', startedAt: '2026-01-01T00:00:00.000Z', workers: settings.workers },
  );

const tick = () => new Promise((r) => setTimeout(r, 0));
const abortError = () => new DOMException('aborted', 'AbortError');

export const fakeRunView = (
  settings: RunSettings,
  support = settings.overrides.russiaSupport ?? 0.8,
  spec?: ModelSpec,
): RunView => {
  const p = 1 - support / 2;
  const w = 1.96 * Math.sqrt((p * (1 - p)) / Math.max(1, settings.trials));
  return {
    settings,
    runId: 'fakerun',
    trials: settings.trials,
    stoppedEarly: false,
    rounds: 3,
    roundLabel: 'month',
    elapsedMs: 5,
    outcomes: [
      { id: 'talks', label: 'Talks', p, low: Math.max(0, p - w), high: Math.min(1, p + w) },
      { id: 'war', label: 'War', p: 1 - p, low: Math.max(0, 1 - p - w), high: Math.min(1, 1 - p + w) },
    ],
    metrics: [
      {
        id: 'tension',
        label: 'Tension',
        unit: 'pts',
        mean: 5,
        sd: 1,
        min: 2,
        max: 8,
        quantiles: { p5: 3, p25: 4, p50: 5, p75: 6, p95: 7 },
        histogram: [
          { x0: 2, x1: 4, count: 10 },
          { x0: 4, x1: 6, count: 30 },
          { x0: 6, x1: 8, count: 12 },
        ],
        bands: [1, 2, 3].map((round) => ({
          round,
          p5: round,
          p25: round + 1,
          p50: round + 2,
          p75: round + 3,
          p95: round + 4,
        })),
      },
    ],
    survival: [
      {
        id: 'talks',
        label: 'Talks',
        points: [0, 1, 2, 3].map((round) => ({ round, survival: 1 - round * 0.2 })),
        medianRound: 2,
      },
    ],
    profiles: [
      { label: 'Engage / Hold', share: 0.6 },
      { label: 'Hold / Hold', share: 0.4 },
    ],
    events: [{ id: 'ceasefire', label: 'Ceasefire', p: 0.2, low: 0.15, high: 0.25 }],
    equilibria: { pure: 240, mixed: 60, none: 0, multiplePure: 30, rounds: 300 },
    convergence: [100, 1000].flatMap((trials) => [
      { trials, series: 'Talks', p },
      { trials, series: 'War', p: 1 - p },
    ]),
    provenance: fakeProvenance(spec, settings, {
      kind: 'run',
      trialsRun: settings.trials,
      stoppedEarly: false,
    }),
  };
};

export const fakeSimulationPort = () => {
  const calls: FakeCall[] = [];
  let gate: Promise<void> | null = null;
  let failWith: string | null = null;
  const step = async (signal?: AbortSignal) => {
    await tick();
    if (gate) await gate;
    if (signal?.aborted) throw abortError();
  };
  const port: SimulationPort = {
    run: async (_spec, settings, hooks) => {
      calls.push({ kind: 'run', specId: _spec.id, settings });
      for (let i = 1; i <= 4; i++) {
        await step(hooks.signal);
        hooks.onProgress?.(Math.round((settings.trials * i) / 4), settings.trials);
      }
      if (failWith) throw new Error(failWith);
      return fakeRunView(settings, undefined, _spec);
    },
    estimate: async (_spec, settings, hooks) => {
      calls.push({ kind: 'estimate', specId: _spec.id, settings });
      await step(hooks.signal);
      if (failWith) throw new Error(failWith);
      const v = fakeRunView(settings);
      return {
        settings,
        provenance: fakeProvenance(_spec, settings, { kind: 'estimate', trialsRun: v.trials }),
        trials: v.trials,
        elapsedMs: 1,
        outcomes: v.outcomes,
      };
    },
    replay: async (_spec, settings, trial) => {
      calls.push({ kind: 'replay', specId: _spec.id, settings, extra: trial });
      await tick();
      return {
        provenance: fakeProvenance(_spec, settings, { kind: 'replay', trial }),
        trial,
        seed: settings.seed,
        params: [{ label: 'Russia support', value: 0.8, unit: '' }],
        rounds: [1, 2, 3].map((round) => ({
          round,
          choices: [
            { actor: 'North', strategy: round === 3 ? 'Talk' : 'Hold' },
            { actor: 'South', strategy: 'Hold' },
          ],
          chance: [{ move: "Moscow's stance", outcome: round === 2 ? 'Wavers' : 'Backs' }],
          outcomes: round === 3 ? ['Talks'] : [],
          events: [],
          state: [{ label: 'tension', value: round }],
          metrics: [{ label: 'Tension', value: round + 1 }],
        })),
      };
    },
    sweep: async (_spec, settings, x: SweepAxis, y: SweepAxis | null, hooks) => {
      calls.push({ kind: 'sweep', specId: _spec.id, settings, extra: { x, y } });
      await step(hooks.signal);
      hooks.onProgress?.(1, 1);
      const xs = Array.from({ length: x.steps }, (_, i) => x.from + ((x.to - x.from) * i) / (x.steps - 1));
      const ys = y
        ? Array.from({ length: y.steps }, (_, i) => y.from + ((y.to - y.from) * i) / (y.steps - 1))
        : [null];
      return {
        provenance: fakeProvenance(_spec, settings, {
          kind: 'sweep',
          x: { param: x.param, values: xs },
          y: y ? { param: y.param, values: ys as number[] } : null,
        }),
        x,
        y,
        rows: xs.flatMap((xv) =>
          ys.map((yv) => ({
            x: xv,
            y: yv,
            outcome: 'talks',
            outcomeLabel: 'Talks',
            p: 1 - xv / 2,
            low: 0.9 * (1 - xv / 2),
            high: Math.min(1, 1.1 * (1 - xv / 2)),
            n: settings.trials,
          })),
        ),
      };
    },
    compare: async (_spec, settings, variant, hooks) => {
      calls.push({ kind: 'compare', specId: _spec.id, settings, extra: variant });
      await step(hooks.signal);
      const b = fakeRunView(settings).outcomes[0];
      const v = fakeRunView({ ...settings, overrides: variant }).outcomes[0];
      if (!b || !v) throw new Error('fake');
      return {
        provenance: fakeProvenance(_spec, settings, { kind: 'compare', variant }),
        rows: [
          {
            id: 'talks',
            label: 'Talks',
            baseline: b,
            variant: v,
            diff: v.p - b.p,
            low: v.p - b.p - 0.01,
            high: v.p - b.p + 0.01,
          },
        ],
        metrics: [
          {
            id: 'tension',
            label: 'Tension',
            unit: 'pts',
            baseline: 5,
            variant: 4,
            diff: -1,
            low: -1.2,
            high: -0.8,
          },
        ],
      };
    },
    sensitivity: async (_spec, settings, target, hooks) => {
      calls.push({ kind: 'sensitivity', specId: _spec.id, settings, extra: target });
      await step(hooks.signal);
      return {
        provenance: fakeProvenance(_spec, settings, { kind: 'sensitivity', target, params: null }),
        spearman: [{ param: 'russiaSupport', label: 'Russia support', rho: -0.6 }],
        globalTrials: 500,
        target,
        targetLabel: 'P(Talks)',
        base: 0.6,
        rows: [
          { param: 'russiaSupport', label: 'Russia support', low: 0.9, high: 0.5, lowValue: 0, highValue: 1 },
          { param: 'other', label: 'Other', low: 0.55, high: 0.65, lowValue: 0, highValue: 1 },
        ],
      };
    },
    perTrialCsv: (_spec, settings, hooks) => {
      calls.push({ kind: 'perTrialCsv', specId: _spec.id, settings });
      return (async function* () {
        yield 'run_id,scenario,trial,round,seed\n';
        for (let t = 1; t <= settings.trials; t++) {
          yield `r,fake,${t},1,${settings.seed}\n`;
          hooks.onProgress?.(t, settings.trials);
        }
      })();
    },
    summaryCsv: async () => 'outcome,p,low,high,n\ntalks,0.6,0.59,0.61,100\n',
    sweepCsv: async () => 'russiaSupport,outcome,p,low,high,n\n',
    compareCsv: async () => 'kind,id,label,baseline\n',
    sensitivityCsv: async () => 'section,param,label,target\n',
    metadataJson: async (_spec, run) => JSON.stringify(run.provenance),
  };
  return {
    port,
    calls,
    hold: () => {
      let release = () => undefined as void;
      gate = new Promise<void>((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
    fail: (message: string | null) => {
      failWith = message;
    },
  };
};

export const specWithOutcomes = (spec: ModelSpec): ModelSpec => ({
  ...spec,
  outcomes: [
    { id: 'talks', label: 'Talks', when: { op: 'const', value: 1 } },
    { id: 'war', label: 'War', when: { op: 'const', value: 0 } },
  ],
  metrics: [{ id: 'tension', label: 'Tension', unit: 'pts', value: { op: 'const', value: 0 } }],
});
