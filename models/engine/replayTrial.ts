// Replay one trial alone, round by round (the UI's "replay trial k"): the same draws as in the run that contained
// it (same seed, sampler and — for Latin hypercube — trial count).
import { seedText } from '../random/seedKey';
import type { ModelSpec, RuntimeModel } from '../scenario/RuntimeModel';
import { ChunkExecutor, chanceMovesOf } from './ChunkExecutor';
import { makeJob, type BaseOptions } from './makeJob';
import { EQ_TYPE_NAMES } from './EquilibriumSelector';
import { makeProvenance, type Provenance } from './Provenance';

type ChanceMove = Extract<NonNullable<RuntimeModel['tree']>['moves'][number], { readonly kind: 'chance' }>;

export type ReplayRound = {
  readonly round: number;
  readonly month: number;
  readonly choices: readonly {
    readonly actor: string;
    readonly actorName: string;
    readonly strategy: string;
    readonly strategyLabel: string;
    /** The mixed strategy it was drawn from. */
    readonly probabilities: readonly number[];
  }[];
  readonly equilibrium: 'none' | 'pure' | 'mixed';
  /** Tree rounds: each chance move's drawn outcome, in file order (empty without a tree). */
  readonly chance: readonly {
    readonly move: string;
    readonly moveLabel: string;
    readonly outcome: string;
    readonly outcomeLabel: string;
  }[];
  /** The round's game: payoffs[profile][actor] (Gambit profile order). */
  readonly payoffs: readonly (readonly number[])[];
  readonly outcomes: readonly string[];
  readonly events: readonly string[];
  /** State after the round's updates. */
  readonly state: readonly { readonly id: string; readonly label: string; readonly value: number }[];
  readonly metrics: readonly { readonly id: string; readonly label: string; readonly value: number }[];
};

export type TrialReplay = {
  readonly provenance: Provenance;
  /** The trial's number, 1-based (as in messages, `--replay K` and the CSV "trial" column). */
  readonly trial: number;
  readonly seed: string | number;
  readonly seedText: string;
  readonly params: readonly {
    readonly id: string;
    readonly label: string;
    readonly unit: string;
    readonly value: number;
  }[];
  readonly rounds: readonly ReplayRound[];
};

/** Replay trial number `trial` (1-based, as users count: the CSV "trial" column, `--replay K`, error messages). */
export const replayTrial = (spec: ModelSpec, options: BaseOptions, trial: number): TrialReplay => {
  if (!(Number.isInteger(trial) && trial >= 1 && trial <= options.trials)) {
    throw new Error(`trial must be a whole number from 1 to ${options.trials}, got ${trial}`);
  }
  const job = makeJob(spec, options);
  const ex = new ChunkExecutor(job);
  const m = ex.model;
  const rounds: ReplayRound[] = [];
  const sim = ex.simulator;
  const n = m.actors.length;
  const O = m.outcomes.length;
  const M = m.metrics.length;
  const chanceMoves = chanceMovesOf<ChanceMove>(m);
  const C = chanceMoves.length;
  sim.trace = (t) => {
    const g = sim.game;
    const r = t.round;
    rounds.push({
      round: r,
      month: t.env[m.builtins.monthSlot] as number,
      choices: m.actors.map((a, i) => {
        const s = t.choices[i] as number;
        const off = g.offsets[i] as number;
        return {
          actor: a.id,
          actorName: a.name,
          strategy: a.strategies[s]?.id ?? '?',
          strategyLabel: a.strategies[s]?.label ?? '?',
          probabilities: Array.from(t.mix.subarray(off, off + a.strategies.length)),
        };
      }),
      equilibrium: EQ_TYPE_NAMES[sim.record.eqType[r - 1] as number] ?? 'none',
      chance: chanceMoves.map((c, k) => {
        const o = c.outcomes[sim.record.chance[(r - 1) * C + k] as number];
        return { move: c.id, moveLabel: c.label, outcome: o?.id ?? '?', outcomeLabel: o?.label ?? '?' };
      }),
      payoffs: Array.from({ length: g.profiles }, (_, p) => Array.from(t.payoffs.subarray(p * n, p * n + n))),
      outcomes: m.outcomes.filter((_, k) => sim.record.outcomes[(r - 1) * O + k]).map((o) => o.id),
      events: t.firedEvents.map((e) => m.events[e]?.id ?? '?'),
      state: m.state.map((s, k) => ({ id: s.id, label: s.label, value: t.stateAfter[k] as number })),
      metrics: m.metrics.map((x, k) => ({
        id: x.id,
        label: x.label,
        value: sim.record.metrics[(r - 1) * M + k] as number,
      })),
    });
  };
  const rec = ex.runTrial(trial - 1, 0);
  return {
    provenance: makeProvenance(
      spec,
      { ...options, rounds: job.rounds },
      { kind: 'replay', trial },
      options.context,
    ),
    trial,
    seed: options.seed,
    seedText: seedText(options.seed),
    params: m.params.map((p, j) => ({
      id: p.id,
      label: p.label,
      unit: p.unit,
      value: rec.params[j] as number,
    })),
    rounds,
  };
};
