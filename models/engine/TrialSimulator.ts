// One trial of a RuntimeModel, in the exact round order of models/scenario/RuntimeModel.ts. Allocation-free on the
// hot path: every buffer is preallocated and reused; a trial's results are left in `record`.
//
// Behaviours in one round: fixed/mixed actors play their given strategies; fictitious-play actors best-respond to
// the empirical frequencies of the others' past play (prior weight per strategy; ties → lowest index). The
// remaining actors (nash and logit) face the game induced by those strategies (expected payoffs):
//  stage 1 (when any nash actor is present): an equilibrium of the induced game is selected by the scenario's rule
//    (EquilibriumSelector: pure equilibria ranked by the rule, ties broken with the round's selection uniform; no
//    pure equilibrium → 2 players: Lemke–Howson from label 0; ≥3: the logit limit; rule "logit-limit": always the
//    limit of the principal logit branch); nash actors play it;
//  stage 2 (when any logit actor is present): logit actors play the logit QRE on the principal branch at their λ
//    among themselves (player i's λ_i as a weight on its payoffs), holding every other actor at its strategy.
// Every equilibrium and QRE comes from the shared float kernels (models/games/kernels); when one cannot be
// computed the run stops with an EquilibriumNotFoundError naming the trial and round (deterministic: the same
// trial fails whatever the workers).
// Random draws per round come from ONE stream per trial, always consumed in the same order and number so variants
// stay aligned (common random numbers): one selection uniform, one uniform per actor (its realised choice), one
// uniform per event.
// run() plays a whole trial in the scenario's fused rounds (fusedRounds.ts: one generated function, the same
// operations and uniforms) when its rounds are simple enough and no trace is set; where they stop, the round is
// finished here by the general code below from the step they stopped at (finishStopped).
// Why one file over 400 lines: the trial loop is the engine's hot path; its buffers and the per-round steps
// (behaviours, induced game, selection, outcomes, events, record) share preallocated state and are kept in one class
// so that V8 inlines them (splitting it into modules measured slower in npm run bench).
import type { RuntimeModel, NumFn } from '../scenario/RuntimeModel';
import { describeNonFinite, type FormulaLocation } from '../scenario/describeNonFinite';
import { RandomStream } from '../random/RandomStream';
import { fuseKernels, type FusedKernels } from './fusedKernels';
import {
  fuseRounds,
  ROUNDS_DONE,
  STOP_DERIVED,
  STOP_EVENT_EFFECT,
  STOP_EVENT_PROBABILITY,
  STOP_GAME,
  STOP_NO_PURE,
  STOP_RECORD,
  STOP_START,
  STOP_STATE,
  type FusedRounds,
} from './fusedRounds';
import { PURPOSE, type SeedKey } from '../random/seedKey';
import { FloatGame, expectedPayoffs } from '../games/kernels/FloatGame';
import {
  PLAY_FAILED_EQUILIBRIUM,
  PLAY_FAILED_LOGIT,
  PLAY_GIVEN,
  PLAY_LOGIT,
  PLAY_NASH,
  StrategicFormPlay,
} from './StrategicFormPlay';
import { TreeRoundPlayer } from './TreeRoundPlayer';

const K_NASH = 0;
const K_LOGIT = 1;
const K_FIXED = 2;
const K_MIXED = 3;
const K_FP = 4;

/**
 * No equilibrium (or logit QRE) of a round's game could be computed: the float kernels failed to converge or to
 * verify. The run stops rather than play a non-equilibrium; the message names the trial (its 1-based number) and
 * round.
 */
export class EquilibriumNotFoundError extends Error {
  override readonly name = 'EquilibriumNotFoundError';
  constructor(
    message: string,
    readonly trial: number,
    readonly round: number,
  ) {
    super(message);
  }
}

/**
 * A formula produced NaN or ±Infinity: the message names the formula, its inputs and the parameters. `trial` is the
 * trial NUMBER, 1-based — the convention everywhere a user sees one (messages, `--replay K`, the CSV `trial`
 * column, the UI's replay); trial k is the engine's index k − 1.
 */
export class ModelEvaluationError extends Error {
  override readonly name = 'ModelEvaluationError';
  constructor(
    message: string,
    readonly trial: number,
    readonly round: number,
  ) {
    super(message);
  }
}

/** What a trial leaves behind (overwritten by the next trial). */
export type TrialRecord = {
  readonly rounds: number;
  readonly params: Float64Array;
  /** choices[r * actors + i]: realised strategy index. */
  readonly choices: Int32Array;
  /** Realised profile index (Gambit order) per round. */
  readonly profiles: Int32Array;
  /** EQ_NONE / EQ_PURE / EQ_MIXED per round. */
  readonly eqType: Uint8Array;
  /** Number of pure equilibria of the (induced) game per round (0 when no nash actor). */
  readonly pureCount: Int32Array;
  /** outcomes[r * O + k] ∈ {0, 1}. */
  readonly outcomes: Uint8Array;
  /** metrics[r * M + k]. */
  readonly metrics: Float64Array;
  /** firedRound[e]: round (1-based) an event first fired in this trial, 0 = never. */
  readonly eventFirstRound: Int32Array;
  /** Tree rounds: chance[r * C + c], the outcome drawn by chance move c (file order); empty without a tree. */
  readonly chance: Int32Array;
};

/** Optional per-round detail for replays (not used on the hot path). */
export type RoundTrace = {
  readonly round: number;
  readonly env: Float64Array;
  /** The round's game payoffs (payoffs[profile * actors + actor]) — a copy. */
  readonly payoffs: Float64Array;
  readonly mix: Float64Array;
  readonly choices: Int32Array;
  readonly firedEvents: readonly number[];
  readonly stateBefore: Float64Array;
  readonly stateAfter: Float64Array;
};

export class TrialSimulator {
  readonly rounds: number;
  readonly record: TrialRecord;
  readonly game: FloatGame;
  /** Called after every round when set (replays). */
  trace: ((t: RoundTrace) => void) | null = null;

  private readonly env: Float64Array;
  private readonly n: number;
  private readonly kinds: Uint8Array;
  private readonly lambdas: Float64Array;
  private readonly fixedMix: Float64Array;
  private readonly fpPrior: Float64Array;
  private readonly counts: Float64Array;
  private readonly beliefMix: Float64Array;
  private readonly mix: Float64Array;
  private readonly eu: Float64Array;
  /** The nash and logit actors' play (StrategicFormPlay on the round's game, writing `mix`). */
  private readonly strategic: StrategicFormPlay;
  private readonly allFree: boolean;
  private readonly hasFp: boolean;
  private readonly stateTmp: Float64Array;
  private readonly effectTmp: Float64Array;
  private readonly fired: Uint8Array;
  /** The trial's round stream: per round, 1 selection + 1 per actor + 1 per event uniforms, always consumed. */
  private readonly stream = new RandomStream();
  private readonly fused: FusedKernels | null;
  /** The scenario's fused rounds (fusedRounds.ts), when its rounds are of that simple kind; run() uses them. */
  private readonly fusedRounds: FusedRounds | null;
  /** The fused rounds' scratch: the stream state, equilibria and scores per profile, where they stopped. */
  private readonly rng = new Int32Array(4);
  private readonly eqScratch: Int32Array;
  private readonly scoreScratch: Float64Array;
  private readonly stopInfo = new Float64Array(5);
  /**
   * How many rounds the fused rounds stopped in and handed to the general code, by STOP_* code (a work counter for
   * tests: which fallbacks ran).
   */
  readonly fusedStops = new Int32Array(9);
  /** Events fired in the current round (trace only). */
  private firedNow: number[] | null = null;
  private readonly recordTmp: Float64Array;
  private readonly paramSlots: Int32Array;
  /** choiceSlots[game.offsets[i] + t]: actor i's choice slot of strategy t (flat: no object loads per round). */
  private readonly choiceSlots: Int32Array;
  /** State k's slot and clamp bounds (−∞/+∞ when absent: the same comparisons, never true). */
  private readonly stateSlots: Int32Array;
  private readonly stateMin: Float64Array;
  private readonly stateMax: Float64Array;
  /** An event's probability from the fused kernel (out[0]; no boxed return value). */
  private readonly probTmp = new Float64Array(1);
  private currentTrial = 0;
  private currentRound = 0;
  private stateBefore: Float64Array | null = null;
  /** A tree round's player (models/engine/TreeRoundPlayer.ts), null for simultaneous scenarios. */
  private readonly tree: TreeRoundPlayer | null;
  private readonly treeUniforms: Float64Array;
  private readonly buildGameBound = (): void => this.buildGame();

  constructor(
    readonly model: RuntimeModel,
    options: { readonly rounds?: number; readonly fused?: boolean } = {},
  ) {
    const rounds = options.rounds ?? model.rounds.count;
    if (!(Number.isInteger(rounds) && rounds >= 1 && rounds <= 100000)) {
      throw new Error(`rounds must be an integer from 1 to 100000, got ${rounds}`);
    }
    this.rounds = rounds;
    const actors = model.actors;
    this.n = actors.length;
    const strategyCounts = actors.map((a) => a.strategies.length);
    this.game = new FloatGame(strategyCounts);
    const g = this.game;
    this.env = new Float64Array(model.envSize);
    this.kinds = new Uint8Array(this.n);
    this.lambdas = new Float64Array(this.n);
    this.fixedMix = new Float64Array(g.totalStrategies);
    this.fpPrior = new Float64Array(this.n);
    actors.forEach((a, i) => {
      const b = a.behaviour;
      const off = g.offsets[i] as number;
      const c = a.strategies.length;
      switch (b.model) {
        case 'nash':
          this.kinds[i] = K_NASH;
          break;
        case 'logit':
          if (!(Number.isFinite(b.lambda) && b.lambda >= 0))
            throw new Error(`actors.${a.id}.behaviour: lambda must be ≥ 0`);
          this.kinds[i] = K_LOGIT;
          this.lambdas[i] = b.lambda;
          break;
        case 'fixed':
          if (!(Number.isInteger(b.strategy) && b.strategy >= 0 && b.strategy < c)) {
            throw new Error(
              `actors.${a.id}.behaviour: fixed strategy ${b.strategy} is not one of its ${c} strategies`,
            );
          }
          this.kinds[i] = K_FIXED;
          this.fixedMix[off + b.strategy] = 1;
          break;
        case 'mixed': {
          const p = b.probabilities;
          const sum = p.reduce((s, x) => s + x, 0);
          if (p.length !== c || p.some((x) => !(x >= 0)) || Math.abs(sum - 1) > 1e-9) {
            throw new Error(
              `actors.${a.id}.behaviour: mixed probabilities must be ${c} numbers ≥ 0 summing to 1`,
            );
          }
          this.kinds[i] = K_MIXED;
          p.forEach((x, k) => (this.fixedMix[off + k] = x / sum));
          break;
        }
        case 'fictitious-play':
          this.kinds[i] = K_FP;
          this.fpPrior[i] = b.prior ?? 1;
          if (!(this.fpPrior[i]! > 0)) throw new Error(`actors.${a.id}.behaviour: prior must be > 0`);
          break;
      }
    });
    this.hasFp = this.kinds.some((k) => k === K_FP);
    this.counts = new Float64Array(g.totalStrategies);
    this.beliefMix = new Float64Array(g.totalStrategies);
    this.mix = new Float64Array(g.totalStrategies);
    const maxStrategies = Math.max(1, ...strategyCounts);
    this.eu = new Float64Array(maxStrategies);
    this.allFree = this.kinds.every((k) => k === K_NASH || k === K_LOGIT);
    this.strategic = new StrategicFormPlay(
      g,
      this.mix,
      Array.from(this.kinds, (k) => (k === K_NASH ? PLAY_NASH : k === K_LOGIT ? PLAY_LOGIT : PLAY_GIVEN)),
      this.lambdas,
      model.selection,
    );
    this.stateTmp = new Float64Array(model.state.length);
    const maxEffects = Math.max(0, ...model.events.map((e) => e.effects.length));
    this.effectTmp = new Float64Array(maxEffects);
    this.fired = new Uint8Array(model.events.length);
    this.fused = options.fused === false ? null : fuseKernels(model.spec);
    this.fusedRounds = options.fused === false ? null : fuseRounds(model.spec);
    this.eqScratch = new Int32Array(g.profiles);
    this.scoreScratch = new Float64Array(g.profiles);
    this.recordTmp = new Float64Array(model.outcomes.length + model.metrics.length);
    this.paramSlots = Int32Array.from(model.params.map((p) => p.slot));
    this.choiceSlots = Int32Array.from(actors.flatMap((a) => a.choiceSlots));
    this.stateSlots = Int32Array.from(model.state.map((s) => s.slot));
    this.stateMin = Float64Array.from(model.state.map((s) => s.min ?? -Infinity));
    this.stateMax = Float64Array.from(model.state.map((s) => s.max ?? Infinity));
    const R = rounds;
    this.tree = model.tree ? new TreeRoundPlayer(model, g) : null;
    this.treeUniforms = new Float64Array(this.n);
    this.record = {
      rounds: R,
      params: new Float64Array(model.params.length),
      choices: new Int32Array(R * this.n),
      profiles: new Int32Array(R),
      eqType: new Uint8Array(R),
      pureCount: new Int32Array(R),
      outcomes: new Uint8Array(R * model.outcomes.length),
      metrics: new Float64Array(R * model.metrics.length),
      eventFirstRound: new Int32Array(model.events.length),
      chance: new Int32Array(R * (this.tree?.chanceCount ?? 0)),
    };
  }

  private fail(where: FormulaLocation, value: number): never {
    const text = describeNonFinite(this.model.spec, where, this.env, value);
    throw new ModelEvaluationError(
      `${text} (trial ${this.currentTrial + 1}, round ${this.currentRound})`,
      this.currentTrial + 1,
      this.currentRound,
    );
  }

  /** Evaluate a formula; NaN/±Infinity → ModelEvaluationError (location built only on failure). */
  private evalChecked(
    fn: NumFn,
    kind: 'state-initial' | 'derived' | 'state-update' | 'event-effect',
    index: number,
    effect = 0,
  ): number {
    const v = fn(this.env);
    if (v - v !== 0) {
      this.fail(kind === 'event-effect' ? { kind, index, effect } : { kind, index }, v);
    }
    return v;
  }

  /** Fictitious-play beliefs back to their priors (the start of a trial). */
  private resetBeliefs(): void {
    const g = this.game;
    for (let i = 0; i < this.n; i++) {
      const off = g.offsets[i] as number;
      for (let s = 0; s < (g.counts[i] as number); s++) this.counts[off + s] = this.fpPrior[i] || 1;
    }
  }

  /**
   * What every actor plays in one round whose game has these payoffs (payoffs[profile * actors + actor], Gambit
   * order), with round selection uniform `u`, fictitious-play actors holding their prior beliefs (round 1): the
   * round's mixed strategies (a copy, game.offsets layout), the kind of equilibrium the nash actors play, the number
   * of pure equilibria and how many equally ranked candidates u chose among. The same code path as a simulated round
   * (for the UI's "which equilibrium the simulation plays"; not for hot loops).
   * @throws EquilibriumNotFoundError as a round would.
   */
  strategiesFor(
    payoffs: ArrayLike<number>,
    u: number,
  ): { mix: Float64Array; eqType: number; pureCount: number; tieCount: number } {
    if (payoffs.length !== this.game.payoffs.length) {
      throw new RangeError(
        `strategiesFor: expected ${this.game.payoffs.length} payoffs, got ${payoffs.length}`,
      );
    }
    this.game.payoffs.set(payoffs);
    this.resetBeliefs();
    this.currentTrial = 0;
    this.currentRound = 1;
    this.strategic.uniform[0] = u;
    this.choose(1);
    return {
      mix: this.mix.slice(),
      eqType: this.record.eqType[0] as number,
      pureCount: this.record.pureCount[0] as number,
      tieCount: this.strategic.tieCount,
    };
  }

  /**
   * Run trial `trial` with the given parameter values (already drawn, overrides applied). The rounds run in the
   * scenario's fused rounds when it has them and no trace is set (the same bytes: fusedRounds.ts), else round by
   * round.
   */
  run(key: SeedKey, trial: number, paramValues: Float64Array): TrialRecord {
    const fr = this.fusedRounds;
    if (fr !== null && this.trace === null) {
      this.runFused(fr, key, trial, paramValues);
      return this.record;
    }
    this.start(key, trial, paramValues);
    for (let r = 1; r <= this.rounds; r++) this.round(r);
    return this.record;
  }

  /**
   * A whole trial in the fused rounds (start included: start() with its stream seeded here); a round they stop in
   * is finished here by the general code from the step they stopped at (see fusedRounds.ts), then the fused rounds
   * go on with the next round. A start they stop in is run again by start().
   */
  private runFused(fr: FusedRounds, key: SeedKey, trial: number, paramValues: Float64Array): void {
    const rec = this.record;
    const rng = this.rng;
    const io = this.stopInfo;
    const R = this.rounds;
    this.currentTrial = trial;
    this.currentRound = 0;
    this.stream.reseed(key, trial, PURPOSE.rounds);
    let from = 0;
    while (from <= R) {
      this.stream.getState(rng);
      const code = fr(
        paramValues,
        rec.params,
        this.env,
        this.game.payoffs,
        rec.choices,
        rec.profiles,
        rec.eqType,
        rec.pureCount,
        rec.outcomes,
        rec.metrics,
        rec.eventFirstRound,
        this.fired,
        rng,
        this.eqScratch,
        this.scoreScratch,
        io,
        from,
        R,
      );
      this.stream.setState(rng[0] as number, rng[1] as number, rng[2] as number, rng[3] as number);
      if (code === ROUNDS_DONE) {
        this.currentRound = R;
        this.pureMix(R);
        return;
      }
      const r = io[0] as number;
      this.currentRound = r;
      if (code === STOP_START) {
        this.fusedStops[code] = (this.fusedStops[code] as number) + 1;
        this.start(key, trial, paramValues);
      } else this.finishStopped(r, code);
      from = r + 1;
    }
  }

  /** The round the fused rounds stopped in (code STOP_*), finished by the general code from where they stopped. */
  private finishStopped(r: number, code: number): void {
    const io = this.stopInfo;
    this.fusedStops[code] = (this.fusedStops[code] as number) + 1;
    // (no trace in the fused rounds: events fired are not listed)
    this.firedNow = null;
    switch (code) {
      case STOP_DERIVED:
        this.derivedSlow();
        this.buildGame();
        this.drawChoices(r);
        this.finishRound(r);
        return;
      case STOP_GAME:
        this.buildGameSlow();
        this.drawChoices(r);
        this.finishRound(r);
        return;
      case STOP_NO_PURE:
        this.drawChoices(r);
        this.finishRound(r);
        return;
      case STOP_RECORD:
        this.recordSlow(r);
        this.applyEvents(r);
        this.updateState();
        return;
      case STOP_EVENT_PROBABILITY:
        return this.fail({ kind: 'event-probability', index: io[2] as number }, io[4] as number);
      case STOP_EVENT_EFFECT:
        return this.fail(
          { kind: 'event-effect', index: io[2] as number, effect: io[3] as number },
          io[4] as number,
        );
      case STOP_STATE:
        this.stateSlow();
        this.writeState();
        return;
      default:
        throw new Error(`fused rounds: unknown stop code ${code}`);
    }
  }

  /** mix ← the pure strategies played in round r (what the general round leaves there for nash actors). */
  private pureMix(r: number): void {
    const g = this.game;
    const n = this.n;
    const mix = this.mix;
    const choices = this.record.choices;
    for (let i = 0; i < n; i++) {
      const off = g.offsets[i] as number;
      const s = choices[(r - 1) * n + i] as number;
      for (let t = 0; t < (g.counts[i] as number); t++) mix[off + t] = t === s ? 1 : 0;
    }
  }

  /**
   * Start trial `trial` without playing its rounds: parameters set, the trial's round stream seeded, state at its
   * initial values. Then, per round r = 1, 2, …: beginRound(r), drawChoices(r), (optionally overwrite the row
   * record.choices[(r - 1) * actors + i]), finishRound(r). With no overwrite this is exactly run() (class play
   * steps a trial this way, with students' choices in place of some draws).
   */
  start(key: SeedKey, trial: number, paramValues: Float64Array): void {
    const m = this.model;
    const env = this.env;
    const rec = this.record;
    this.currentTrial = trial;
    this.currentRound = 0;
    // (loops, not TypedArray#fill: these arrays are a few elements long and a builtin call costs more)
    for (let k = 0; k < env.length; k++) env[k] = 0;
    const paramSlots = this.paramSlots;
    const recParams = rec.params;
    for (let j = 0; j < paramSlots.length; j++) {
      const v = paramValues[j] as number;
      env[paramSlots[j] as number] = v;
      recParams[j] = v;
    }
    this.stream.reseed(key, trial, PURPOSE.rounds);
    this.tree?.startTrial(key, trial);
    const fired = this.fired;
    const firstRound = rec.eventFirstRound;
    for (let e = 0; e < fired.length; e++) {
      fired[e] = 0;
      firstRound[e] = 0;
    }
    if (this.hasFp) this.resetBeliefs();
    this.setCalendar(1);
    const st = m.state;
    if (!(this.fused && this.fused.initial(env))) {
      // formula by formula (the first non-finite value throws), from the state slots as they were (0)
      for (let k = 0; k < st.length; k++) env[st[k]!.slot] = 0;
      for (let k = 0; k < st.length; k++) {
        const s = st[k]!;
        let v = this.evalChecked(s.initial, 'state-initial', k);
        if (s.min !== null && v < s.min) v = s.min;
        if (s.max !== null && v > s.max) v = s.max;
        env[s.slot] = v;
      }
    }
  }

  /**
   * The environment (slots of RuntimeModel.ts): read-only use, valid until the next call on this simulator — except
   * playedTree, which sets a round's starting environment (the Game view's) between start() and beginRound().
   */
  get environment(): Float64Array {
    return this.env;
  }

  /** True when run() plays this scenario's rounds in its fused rounds (fusedRounds.ts) while no trace is set. */
  get usesFusedRounds(): boolean {
    return this.fusedRounds !== null;
  }

  /** A tree scenario's round player (its last round's behaviours and values), else null. Read-only use. */
  get treeRound(): TreeRoundPlayer | null {
    return this.tree;
  }

  /** Each actor's mixed strategy chosen by its behaviour model in the last drawChoices (flat, FloatGame offsets). */
  get behaviourMix(): Float64Array {
    return this.mix;
  }

  private setCalendar(r: number): void {
    const m = this.model;
    const env = this.env;
    const b = m.builtins;
    env[b.roundSlot] = r;
    env[b.monthSlot] = ((b.startMonth - 1 + r - 1) % 12) + 1;
    if (this.fused && this.fused.derived(env)) return;
    this.derivedSlow();
  }

  /** The derived variables formula by formula (the first non-finite value throws). */
  private derivedSlow(): void {
    const d = this.model.derived;
    const env = this.env;
    for (let k = 0; k < d.length; k++) {
      env[d[k]!.slot] = this.evalChecked(d[k]!.value, 'derived', k);
    }
  }

  private buildGame(): void {
    if (this.fused && this.fused.game(this.env, this.game.payoffs)) return;
    this.buildGameSlow();
  }

  /** The game table formula by formula (the first non-finite payoff throws). */
  private buildGameSlow(): void {
    const g = this.game;
    const env = this.env;
    const actors = this.model.actors;
    const n = this.n;
    const digits = g.digits;
    digits.fill(0);
    for (let i = 0; i < n; i++) {
      const cs = actors[i]!.choiceSlots;
      for (let s = 0; s < cs.length; s++) env[cs[s]!] = s === 0 ? 1 : 0;
    }
    const pay = g.payoffs;
    for (let p = 0; p < g.profiles; p++) {
      for (let i = 0; i < n; i++) {
        const s = digits[i] as number;
        const v = actors[i]!.payoffs[s]!(env);
        if (v - v !== 0) this.fail({ kind: 'payoff', actor: i, strategy: s }, v);
        pay[p * n + i] = v;
      }
      for (let i = 0; i < n; i++) {
        const cs = actors[i]!.choiceSlots;
        const d = (digits[i] as number) + 1;
        env[cs[d - 1]!] = 0;
        if (d < cs.length) {
          digits[i] = d;
          env[cs[d]!] = 1;
          break;
        }
        digits[i] = 0;
        env[cs[0]!] = 1;
      }
    }
  }

  /** The round's strategies; the selection uniform is in strategic.uniform[0] (set by the caller, not boxed). */
  private choose(r: number): void {
    const g = this.game;
    const n = this.n;
    const mix = this.mix;
    const rec = this.record;
    // Fixed, mixed and fictitious-play actors.
    if (!this.allFree) {
      for (let i = 0; i < n; i++) {
        const k = this.kinds[i];
        const off = g.offsets[i] as number;
        const c = g.counts[i] as number;
        if (k === K_FIXED || k === K_MIXED) {
          for (let s = 0; s < c; s++) mix[off + s] = this.fixedMix[off + s] as number;
        } else if (k === K_FP) {
          for (let j = 0; j < n; j++) {
            const oj = g.offsets[j] as number;
            let tot = 0;
            for (let s = 0; s < (g.counts[j] as number); s++) tot += this.counts[oj + s] as number;
            for (let s = 0; s < (g.counts[j] as number); s++)
              this.beliefMix[oj + s] = (this.counts[oj + s] as number) / tot;
          }
          expectedPayoffs(g, this.beliefMix, i, this.eu);
          let best = 0;
          for (let s = 1; s < c; s++)
            if ((this.eu[s] as number) > (this.eu[best] as number) + 1e-12) best = s;
          for (let s = 0; s < c; s++) mix[off + s] = s === best ? 1 : 0;
        }
      }
    }
    // The nash and logit actors.
    const sf = this.strategic;
    const status = sf.playCurrent();
    if (status === PLAY_FAILED_EQUILIBRIUM) this.notFound('an equilibrium', this.model.selection);
    if (status === PLAY_FAILED_LOGIT) this.notFound('the logit QRE', `λ = ${sf.logitLambda}`);
    rec.eqType[r - 1] = sf.eqType;
    rec.pureCount[r - 1] = sf.pureCount;
  }

  private notFound(what: string, how: string): never {
    throw new EquilibriumNotFoundError(
      `could not compute ${what} of the round's game (${how}): the float solvers did not converge (trial ${this.currentTrial + 1}, round ${this.currentRound})`,
      this.currentTrial + 1,
      this.currentRound,
    );
  }

  private round(r: number): void {
    this.beginRound(r);
    this.drawChoices(r);
    this.finishRound(r);
  }

  /** Round r, steps 1–2: calendar and derived variables, then the round's game (in `game.payoffs`). */
  beginRound(r: number): void {
    const m = this.model;
    const env = this.env;
    this.currentRound = r;
    // 1. calendar + derived
    this.setCalendar(r);
    this.stateBefore = this.trace ? Float64Array.from(m.state.map((s) => env[s.slot] as number)) : null;
    // 2. the round's game (a tree round: one table per chance combination)
    if (this.tree) this.tree.begin(env, this.buildGameBound, this.currentTrial, r);
    else this.buildGame();
  }

  /** Round r, step 3a: every actor's behaviour-model mix, and its realised strategy drawn into record.choices. */
  drawChoices(r: number): void {
    const g = this.game;
    const n = this.n;
    const rec = this.record;
    const uSelect = this.stream.nextUniform();
    const tree = this.tree;
    if (tree) tree.drawUniforms();
    if (tree && tree.ordered) {
      // backward induction (perfect) or subgame decomposition (imperfect, every segment selecting with uSelect); the
      // same uniforms as a simultaneous round (1 selection + 1 per actor)
      const u = this.treeUniforms;
      for (let i = 0; i < n; i++) u[i] = this.stream.nextUniform();
      const status = tree.play(u, rec.choices, (r - 1) * n, this.mix, uSelect);
      if (status === PLAY_FAILED_EQUILIBRIUM) this.notFound('an equilibrium', this.model.selection);
      if (status === PLAY_FAILED_LOGIT) this.notFound('the logit QRE of a segment', 'its λ');
      rec.eqType[r - 1] = tree.eqType;
      rec.pureCount[r - 1] = tree.pureCount;
      tree.setDrawn(this.env, rec.chance, (r - 1) * tree.chanceCount);
      return;
    }
    this.strategic.uniform[0] = uSelect;
    this.choose(r);
    if (tree) {
      tree.drawChance();
      tree.setDrawn(this.env, rec.chance, (r - 1) * tree.chanceCount);
    }
    const mix = this.mix;
    for (let i = 0; i < n; i++) {
      const u = this.stream.nextUniform();
      const off = g.offsets[i] as number;
      const c = g.counts[i] as number;
      let s = 0;
      let acc = mix[off] as number;
      while (s < c - 1 && u >= acc) {
        s++;
        acc += mix[off + s] as number;
      }
      // never pick a strategy of probability 0 through rounding at the top
      while (s > 0 && (mix[off + s] as number) === 0) s--;
      rec.choices[(r - 1) * n + i] = s;
    }
  }

  /** Round r, steps 3b–6: the choices in record.choices played, outcomes and metrics, events, state updates. */
  finishRound(r: number): void {
    const m = this.model;
    const env = this.env;
    const g = this.game;
    const n = this.n;
    const rec = this.record;
    const stateBefore = this.stateBefore;
    let profile = 0;
    const choiceSlots = this.choiceSlots;
    const choices = rec.choices;
    const row = (r - 1) * n;
    for (let i = 0; i < n; i++) {
      const s = choices[row + i] as number;
      const c = g.counts[i] as number;
      const off = g.offsets[i] as number;
      for (let t = 0; t < c; t++) env[choiceSlots[off + t] as number] = t === s ? 1 : 0;
      profile += s * (g.strides[i] as number);
    }
    rec.profiles[r - 1] = profile;
    if (this.hasFp)
      for (let i = 0; i < n; i++) {
        const k = (g.offsets[i] as number) + (rec.choices[(r - 1) * n + i] as number);
        this.counts[k] = (this.counts[k] as number) + 1;
      }
    // 4. outcomes and metrics
    const O = m.outcomes.length;
    const M = m.metrics.length;
    let recorded = false;
    if (this.fused) {
      const tmp = this.recordTmp;
      if (this.fused.record(env, tmp)) {
        for (let k = 0; k < O; k++) rec.outcomes[(r - 1) * O + k] = tmp[k] ? 1 : 0;
        for (let k = 0; k < M; k++) rec.metrics[(r - 1) * M + k] = tmp[O + k] as number;
        recorded = true;
      }
    }
    if (!recorded) this.recordSlow(r);
    // 5. events
    this.firedNow = this.trace ? [] : null;
    this.applyEvents(r);
    // 6. state updates (simultaneous, clamped)
    this.updateState();
    if (this.trace) {
      this.trace({
        round: r,
        env: Float64Array.from(env),
        payoffs: Float64Array.from(g.payoffs),
        mix: Float64Array.from(this.mix),
        choices: rec.choices.slice((r - 1) * n, r * n),
        firedEvents: this.firedNow ?? [],
        stateBefore: stateBefore as Float64Array,
        stateAfter: Float64Array.from(m.state.map((s) => env[s.slot] as number)),
      });
    }
  }

  /** Round r's outcomes and metrics formula by formula (an outcome's NaN, a metric's non-finite value throws). */
  private recordSlow(r: number): void {
    const m = this.model;
    const env = this.env;
    const rec = this.record;
    const O = m.outcomes.length;
    const M = m.metrics.length;
    for (let k = 0; k < O; k++) {
      const v = m.outcomes[k]!.when(env);
      if (v !== v) this.fail({ kind: 'outcome', index: k }, v);
      rec.outcomes[(r - 1) * O + k] = v ? 1 : 0;
    }
    for (let k = 0; k < M; k++) {
      const v = m.metrics[k]!.value(env);
      if (v - v !== 0) this.fail({ kind: 'metric', index: k }, v);
      rec.metrics[(r - 1) * M + k] = v;
    }
  }

  /** Round r, step 5: one uniform per event, always drawn; an event that fires applies its effects. */
  private applyEvents(r: number): void {
    const ev = this.model.events;
    const env = this.env;
    const rec = this.record;
    const fused = this.fused;
    const probTmp = this.probTmp;
    const firedNow = this.firedNow;
    for (let e = 0; e < ev.length; e++) {
      const u = this.stream.nextUniform();
      const event = ev[e]!;
      if (event.once && this.fired[e]) continue;
      let p: number;
      if (fused) {
        fused.eventProbability(env, e, probTmp);
        p = probTmp[0] as number;
      } else p = event.probability(env);
      if (p !== p) this.fail({ kind: 'event-probability', index: e }, p);
      p = p < 0 ? 0 : p > 1 ? 1 : p;
      if (u < p) {
        const fx = event.effects;
        for (let k = 0; k < fx.length; k++) {
          this.effectTmp[k] = this.evalChecked(fx[k]!.value, 'event-effect', e, k);
        }
        for (let k = 0; k < fx.length; k++) env[fx[k]!.slot] = this.effectTmp[k] as number;
        env[event.firedSlot] = 1;
        if (!this.fired[e]) rec.eventFirstRound[e] = r;
        this.fired[e] = 1;
        firedNow?.push(e);
      }
    }
  }

  /** Round r, step 6: every state's update evaluated from the same environment, then written clamped. */
  private updateState(): void {
    if (!(this.fused && this.fused.state(this.env, this.stateTmp))) this.stateSlow();
    this.writeState();
  }

  /** The state updates formula by formula into stateTmp (the first non-finite value throws). */
  private stateSlow(): void {
    const st = this.model.state;
    const env = this.env;
    for (let k = 0; k < st.length; k++) {
      const s = st[k]!;
      this.stateTmp[k] = s.update ? this.evalChecked(s.update, 'state-update', k) : (env[s.slot] as number);
    }
  }

  /** stateTmp written to the state slots, clamped to each state's [min, max]. */
  private writeState(): void {
    const env = this.env;
    const stateTmp = this.stateTmp;
    const stateMin = this.stateMin;
    const stateMax = this.stateMax;
    const stateSlots = this.stateSlots;
    for (let k = 0; k < stateTmp.length; k++) {
      let v = stateTmp[k] as number;
      const lo = stateMin[k] as number;
      const hi = stateMax[k] as number;
      if (v < lo) v = lo;
      if (v > hi) v = hi;
      env[stateSlots[k] as number] = v;
    }
  }
}
