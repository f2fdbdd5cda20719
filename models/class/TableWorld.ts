// One table's world in class play: the scenario's state, derived variables and events, stepped round by round by
// the engine's own round logic (TrialSimulator, trial = table index, streams keyed by the session seed), with the
// seated students' choices in place of the behaviour models' draws. A world whose every seat is a bot plays exactly
// the engine's trial of the same seed and index.
import { TrialSimulator } from '../engine/TrialSimulator';
import type { SeedKey } from '../random/seedKey';
import type { RuntimeModel } from '../scenario/RuntimeModel';

export type WorldRoundStart = {
  /** The round's game payoffs at this table (flat: payoffs[profile * actors + actor]) — a copy. */
  readonly payoffs: Float64Array;
  /** The environment at the start of the round (for the exact game) — a copy. */
  readonly env: Float64Array;
  /** What each actor's behaviour model plays this round (its realised draw): the bots' choices. */
  readonly botChoices: readonly number[];
  /** State values at the start of the round (scenario order). */
  readonly stateBefore: readonly number[];
};

export type WorldRoundEnd = {
  readonly stateAfter: readonly number[];
  readonly metrics: readonly number[];
  /** Outcome indicators (0/1) in scenario order. */
  readonly outcomes: readonly number[];
  /** Indices of the events that fired for the first time this round. */
  readonly events: readonly number[];
};

export class TableWorld {
  private readonly sim: TrialSimulator;
  private readonly n: number;

  /** A world for table `index`, caught up to the start of round `fromRound` with bots in every seat. */
  constructor(
    private readonly model: RuntimeModel,
    key: SeedKey,
    readonly index: number,
    paramValues: Float64Array,
    rounds: number,
    fromRound = 1,
  ) {
    this.sim = new TrialSimulator(model, { rounds, fused: false });
    this.n = model.actors.length;
    this.sim.start(key, index, paramValues);
    for (let r = 1; r < fromRound; r++) {
      this.sim.beginRound(r);
      this.sim.drawChoices(r);
      this.sim.finishRound(r);
    }
  }

  private stateValues(): number[] {
    const env = this.sim.environment;
    return this.model.state.map((s) => env[s.slot] as number);
  }

  /** Start round r: the game at this table and the bots' draws. */
  open(r: number): WorldRoundStart {
    const stateBefore = this.stateValues();
    this.sim.beginRound(r);
    const payoffs = Float64Array.from(this.sim.game.payoffs);
    const env = Float64Array.from(this.sim.environment);
    this.sim.drawChoices(r);
    const row = this.sim.record.choices.subarray((r - 1) * this.n, r * this.n);
    return { payoffs, env, botChoices: Array.from(row), stateBefore };
  }

  /** Finish round r with these choices (one strategy index per actor). */
  close(r: number, choices: readonly number[]): WorldRoundEnd {
    const rec = this.sim.record;
    choices.forEach((s, i) => (rec.choices[(r - 1) * this.n + i] = s));
    const before = Array.from(rec.eventFirstRound);
    this.sim.finishRound(r);
    const O = this.model.outcomes.length;
    const M = this.model.metrics.length;
    const events: number[] = [];
    this.model.events.forEach((e, k) => {
      if (rec.eventFirstRound[k] === r && before[k] === 0) events.push(k);
    });
    return {
      stateAfter: this.stateValues(),
      metrics: Array.from(rec.metrics.subarray((r - 1) * M, r * M)),
      outcomes: Array.from(rec.outcomes.subarray((r - 1) * O, r * O)),
      events,
    };
  }
}
