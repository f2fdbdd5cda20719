// What the actors of one strategic-form game play by their behaviour models: the engine's single implementation of
// a simultaneous round's play (TrialSimulator) and of a tree segment's play (TreeRoundPlayer, the strategic form of a
// segment between proper subgames). Allocation-free after construction.
//  - given actors (fixed, mixed, fictitious play: the caller's mix) keep their mix;
//  - stage 1: the nash and logit actors ("free") play the equilibrium the scenario's selection rule picks in the game
//    induced by the given actors' mixes (EquilibriumSelector), when there is a nash actor;
//  - stage 2: the logit actors play the logit QRE (LogitKernel, weights λ_i / max λ) of the game induced by the
//    nash actors' stage-1 mix (every free actor when there is no nash actor).
import { FloatGame } from '../games/kernels/FloatGame';
import { induceGame } from '../games/kernels/induceGame';
import { LogitKernel } from '../games/kernels/LogitKernel';
import type { SelectionRule } from '../scenario/RuntimeModel';
import { EQ_FAILED, EQ_NONE, EquilibriumSelector } from './EquilibriumSelector';

/** How an actor of the game plays: a nash equilibrium, the logit QRE at its λ, or the caller's given mix. */
export const PLAY_NASH = 0;
export const PLAY_LOGIT = 1;
export const PLAY_GIVEN = 2;

/** play(): the selection failed (no equilibrium computed) / the logit QRE failed. */
export const PLAY_FAILED_EQUILIBRIUM = -1;
export const PLAY_FAILED_LOGIT = -2;

export class StrategicFormPlay {
  /** After play(): EQ_NONE / EQ_PURE / EQ_MIXED of the nash actors' selection, and the selector's counts. */
  eqType = EQ_NONE;
  pureCount = 0;
  tieCount = 1;
  /** The largest λ of the logit actors (0 when none). */
  readonly logitLambda: number;
  /** The nash and logit actors, ascending. */
  private readonly free: Int32Array;
  private readonly induced: FloatGame;
  private readonly inducedIsFull: boolean;
  private readonly inducedMix: Float64Array;
  private readonly selector: EquilibriumSelector | null;
  private readonly logitGame: FloatGame | null;
  private readonly logitMix: Float64Array;
  private readonly logitInFree: Int32Array;
  private readonly logitKernel: LogitKernel | null;
  private readonly logitWeights: Float64Array;

  /**
   * @param game the game (its payoffs filled by the caller before each play()).
   * @param mix the output, game.offsets layout; the given actors' entries are the caller's (read, not written).
   * @param kinds PLAY_* per actor; lambdas: each logit actor's λ ≥ 0.
   */
  constructor(
    readonly game: FloatGame,
    readonly mix: Float64Array,
    kinds: ArrayLike<number>,
    lambdas: ArrayLike<number>,
    selection: SelectionRule,
  ) {
    const n = game.n;
    const free: number[] = [];
    for (let i = 0; i < n; i++) if (kinds[i] !== PLAY_GIVEN) free.push(i);
    this.free = Int32Array.from(free);
    this.inducedIsFull = free.length === n;
    const freeCounts = free.map((i) => game.counts[i] as number);
    this.induced = this.inducedIsFull ? game : new FloatGame(freeCounts.length ? freeCounts : [1]);
    this.inducedMix = this.inducedIsFull ? mix : new Float64Array(this.induced.totalStrategies);
    const logitPos: number[] = [];
    free.forEach((i, f) => {
      if (kinds[i] === PLAY_LOGIT) logitPos.push(f);
    });
    const nashFree = free.length - logitPos.length;
    this.selector = nashFree > 0 ? new EquilibriumSelector(freeCounts, selection) : null;
    this.logitInFree = Int32Array.from(logitPos);
    const logitCounts = logitPos.map((f) => freeCounts[f] as number);
    this.logitGame =
      logitPos.length === 0 ? null : nashFree === 0 ? this.induced : new FloatGame(logitCounts);
    this.logitMix =
      this.logitGame === this.induced
        ? this.inducedMix
        : new Float64Array(this.logitGame?.totalStrategies ?? 0);
    this.logitKernel = logitPos.length > 0 ? new LogitKernel(logitCounts) : null;
    this.logitLambda = Math.max(0, ...logitPos.map((f) => lambdas[free[f] as number] as number));
    this.logitWeights = Float64Array.from(logitPos, (f) =>
      this.logitLambda > 0 ? (lambdas[free[f] as number] as number) / this.logitLambda : 0,
    );
  }

  /** Every actor's mix into `mix` (stages above) with selection uniform u; 0, or a PLAY_FAILED_* code. */
  play(u: number): number {
    this.uniform[0] = u;
    return this.playCurrent();
  }

  /**
   * The selection uniform of playCurrent(), set by the caller: a round loop passes it here rather than as an
   * argument (a double passed to a call that is not inlined is boxed: an allocation per round).
   */
  readonly uniform = new Float64Array(1);

  /** play() with the selection uniform in uniform[0]. */
  playCurrent(): number {
    const h = this.induced;
    const hm = this.inducedMix;
    const mix = this.mix;
    const g = this.game;
    const nf = this.free.length;
    this.eqType = EQ_NONE;
    this.pureCount = 0;
    this.tieCount = 1;
    if (nf === 0) return 0;
    if (!this.inducedIsFull) induceGame(g, mix, this.free, h);
    if (this.selector) {
      this.selector.current[0] = this.uniform[0] as number;
      const type = this.selector.selectCurrent(h, hm);
      if (type === EQ_FAILED) return PLAY_FAILED_EQUILIBRIUM;
      this.eqType = type;
      this.pureCount = this.selector.pureCount;
      this.tieCount = this.selector.tieCount;
    }
    if (this.logitKernel) {
      const hl = this.logitGame as FloatGame;
      const lm = this.logitMix;
      if (this.logitLambda === 0) {
        for (let f = 0; f < hl.n; f++) {
          const off = hl.offsets[f] as number;
          const c = hl.counts[f] as number;
          for (let t = 0; t < c; t++) lm[off + t] = 1 / c;
        }
      } else {
        if (hl !== h) induceGame(h, hm, this.logitInFree, hl);
        if (!this.logitKernel.qre(hl, this.logitLambda, lm, this.logitWeights)) return PLAY_FAILED_LOGIT;
      }
      if (hl !== h) {
        for (let k = 0; k < hl.n; k++) {
          const f = this.logitInFree[k] as number;
          const off = h.offsets[f] as number;
          const loff = hl.offsets[k] as number;
          for (let t = 0; t < (hl.counts[k] as number); t++) hm[off + t] = lm[loff + t] as number;
        }
      }
    }
    if (!this.inducedIsFull) {
      for (let f = 0; f < nf; f++) {
        const i = this.free[f] as number;
        const off = g.offsets[i] as number;
        const hoff = h.offsets[f] as number;
        for (let t = 0; t < (g.counts[i] as number); t++) mix[off + t] = hm[hoff + t] as number;
      }
    }
    return 0;
  }
}
