// Which equilibrium the nash actors play in a round: the scenario's selection rule applied to the round's (induced)
// game, on the shared float kernels of models/games/kernels. Allocation-free after construction; deterministic (a
// pure function of the game's payoffs and the round's selection uniform), so results never depend on chunking or
// workers.
import { enumPure } from '../games/kernels/enumPure';
import { maxAbsPayoff, type FloatGame } from '../games/kernels/FloatGame';
import { LemkeHowsonWorkspace, lemkeHowsonFloat } from '../games/kernels/lemkeHowsonFloat';
import { LogitKernel } from '../games/kernels/LogitKernel';
import type { SelectionRule } from '../scenario/RuntimeModel';

/** Kind of equilibrium played in a round by the nash actors: none (no nash actor), pure, mixed. */
export const EQ_NONE = 0;
export const EQ_PURE = 1;
export const EQ_MIXED = 2;
export const EQ_TYPE_NAMES = ['none', 'pure', 'mixed'] as const;
/** select(): no equilibrium could be computed (the float kernels failed; see EquilibriumSelector.select). */
export const EQ_FAILED = -1;

const PAYOFF_DOMINANT = 0;
const RISK_DOMINANT = 1;
const RANDOM = 2;
const FIRST = 3;
const LOGIT_LIMIT = 4;
const RULE_CODES: Readonly<Record<SelectionRule, number>> = {
  'payoff-dominant': PAYOFF_DOMINANT,
  'risk-dominant': RISK_DOMINANT,
  random: RANDOM,
  first: FIRST,
  'logit-limit': LOGIT_LIMIT,
};

/**
 * The rules (SelectionRule in models/scenario/RuntimeModel.ts, documented in the README):
 * - "payoff-dominant": the pure equilibrium with the largest sum of payoffs; "risk-dominant": the largest product
 *   over players of the loss from the best unilateral deviation (Harsanyi & Selten 1988 for 2×2 games). Ties (within
 *   1e-12 of the payoff scale) are broken uniformly at random with the round's selection uniform u — the k-th tied
 *   equilibrium in profile order for k = ⌊u · ties⌋ — never silently by index.
 * - "random": uniformly at random among the pure equilibria (with u); "first": the lowest profile index.
 * - In these four rules a game without a pure equilibrium falls back to a mixed one: 2 players, Lemke–Howson from
 *   label 0 (then the logit limit if the float path fails); 3 or more players, the limit of the principal logit
 *   branch.
 * - "logit-limit": always the limit of the principal logit branch (McKelvey & Palfrey 1995's limiting logit
 *   equilibrium; unique for almost all games, and for symmetric games the symmetric equilibrium the branch stays on,
 *   e.g. chicken's mixed equilibrium), pure or mixed; u is not used. Cached per distinct game.
 */
export class EquilibriumSelector {
  /** After select(): the number of pure equilibria of the game. */
  pureCount = 0;
  /** After select(): how many equally ranked candidates u chose among (1 when the rule's answer was unique). */
  tieCount = 1;
  private readonly eqBuf: Int32Array;
  private readonly scores: Float64Array;
  private readonly lh: LemkeHowsonWorkspace | null;
  private readonly logit: LogitKernel;
  private readonly cachePay: Float64Array;
  private readonly cacheMix: Float64Array;
  private cached = false;
  private cachePureCount = 0;
  private cacheType = EQ_MIXED;
  private readonly ruleCode: number;
  /**
   * [the selection uniform u, tol, maxAbs] of the current select(): kept here, not passed as arguments (a double
   * passed to a call that is not inlined is boxed: an allocation per round).
   */
  readonly current = new Float64Array(3);

  constructor(
    counts: readonly number[],
    readonly rule: SelectionRule,
  ) {
    this.ruleCode = RULE_CODES[rule];
    let profiles = 1;
    let total = 0;
    for (const c of counts) {
      profiles *= c;
      total += c;
    }
    this.eqBuf = new Int32Array(profiles);
    this.scores = new Float64Array(profiles);
    this.lh = counts.length === 2 ? new LemkeHowsonWorkspace(counts[0] as number, counts[1] as number) : null;
    this.logit = new LogitKernel(counts);
    this.cachePay = new Float64Array(profiles * counts.length);
    this.cacheMix = new Float64Array(total);
  }

  /**
   * Write the equilibrium the rule selects in game h to `mix` (h's layout) and return EQ_PURE or EQ_MIXED; `u` is
   * the round's selection uniform in [0, 1). Returns EQ_FAILED when no equilibrium could be computed (every float
   * kernel failed to converge or to verify; never observed on the property-tested games) — the engine then stops
   * the run with an EquilibriumNotFoundError naming the trial and round, rather than play a non-equilibrium.
   */
  select(h: FloatGame, u: number, mix: Float64Array): number {
    this.current[0] = u;
    return this.selectCurrent(h, mix);
  }

  /** select() with the uniform u already in current[0] (the engine's round loop: no boxed argument). */
  selectCurrent(h: FloatGame, mix: Float64Array): number {
    const cur = this.current;
    this.tieCount = 1;
    if (this.ruleCode === LOGIT_LIMIT && this.cached && sameValues(h.payoffs, this.cachePay)) {
      mix.set(this.cacheMix);
      this.pureCount = this.cachePureCount;
      return this.cacheType;
    }
    const maxAbs = maxAbsPayoff(h);
    const tol = 1e-12 * Math.max(1, maxAbs);
    cur[1] = tol;
    cur[2] = maxAbs;
    const count = enumPure(h, this.eqBuf, tol);
    this.pureCount = count;
    if (this.ruleCode === LOGIT_LIMIT) {
      if (!this.logit.limit(h, mix)) return EQ_FAILED;
      const type = isPure(h, mix) ? EQ_PURE : EQ_MIXED;
      this.remember(h, mix, count, type);
      return type;
    }
    if (count > 0) {
      writePure(h, count === 1 ? (this.eqBuf[0] as number) : this.pick(h, count), mix);
      return EQ_PURE;
    }
    if (this.lh && lemkeHowsonFloat(h, mix, this.lh)) return EQ_MIXED;
    return this.logitLimit(h, mix) ? EQ_MIXED : EQ_FAILED;
  }

  /** The pure equilibrium (profile index) the rule picks among the `count` (≥ 2) in eqBuf (u, tol, maxAbs: current). */
  private pick(h: FloatGame, count: number): number {
    const u = this.current[0] as number;
    const tol = this.current[1] as number;
    const maxAbs = this.current[2] as number;
    const eqs = this.eqBuf;
    const rule = this.ruleCode;
    if (rule === FIRST) return eqs[0] as number;
    if (rule === RANDOM) {
      this.tieCount = count;
      return eqs[Math.min(count - 1, Math.floor(u * count))] as number;
    }
    const { n, counts, strides, payoffs } = h;
    const scores = this.scores;
    const scale = Math.max(1e-300, maxAbs);
    let best = -Infinity;
    for (let e = 0; e < count; e++) {
      const p = eqs[e] as number;
      let score: number;
      if (rule === PAYOFF_DOMINANT) {
        score = 0;
        for (let i = 0; i < n; i++) score += payoffs[p * n + i] as number;
      } else {
        // risk-dominant: product over players of the loss from the best unilateral deviation, in units of the
        // largest |payoff| (so that the tie tolerance is relative).
        score = 1;
        for (let i = 0; i < n; i++) {
          const ci = counts[i] as number;
          if (ci === 1) continue;
          const si = strides[i] as number;
          const own = h.own[p * n + i] as number;
          const base = p - own * si;
          let dev = -Infinity;
          for (let s = 0; s < ci; s++) {
            if (s !== own) dev = Math.max(dev, payoffs[(base + s * si) * n + i] as number);
          }
          score *= ((payoffs[p * n + i] as number) - dev) / scale;
        }
      }
      scores[e] = score;
      if (score > best) best = score;
    }
    const tieTol = rule === PAYOFF_DOMINANT ? tol : 1e-12;
    let ties = 0;
    for (let e = 0; e < count; e++) if ((scores[e] as number) >= best - tieTol) ties++;
    this.tieCount = ties;
    let k = ties === 1 ? 0 : Math.min(ties - 1, Math.floor(u * ties));
    for (let e = 0; e < count; e++) {
      if ((scores[e] as number) >= best - tieTol && k-- === 0) return eqs[e] as number;
    }
    return eqs[0] as number;
  }

  /** The logit limit of h into mix (the mixed fallback of the other rules), from the cache when h was solved last. */
  private logitLimit(h: FloatGame, mix: Float64Array): boolean {
    if (this.cached && sameValues(h.payoffs, this.cachePay)) {
      mix.set(this.cacheMix);
      return true;
    }
    if (!this.logit.limit(h, mix)) return false;
    this.remember(h, mix, this.pureCount, EQ_MIXED);
    return true;
  }

  /** Cache the answer for h (the last game solved by the logit kernel). */
  private remember(h: FloatGame, mix: Float64Array, pureCount: number, type: number): void {
    this.cachePay.set(h.payoffs);
    this.cacheMix.set(mix);
    this.cachePureCount = pureCount;
    this.cacheType = type;
    this.cached = true;
  }
}

/** Same numbers, with 0 and -0 told apart (so that a cached answer is exactly what a fresh solve would give). */
const sameValues = (a: Float64Array, b: Float64Array): boolean => {
  for (let k = 0; k < a.length; k++) {
    const x = a[k] as number;
    const y = b[k] as number;
    if (x !== y || (x === 0 && 1 / x !== 1 / y)) return false;
  }
  return true;
};

/** mix ← the pure profile p of h. */
const writePure = (h: FloatGame, p: number, mix: Float64Array): void => {
  const n = h.n;
  const offsets = h.offsets;
  const counts = h.counts;
  const own = h.own;
  for (let f = 0; f < n; f++) {
    const off = offsets[f] as number;
    const s = own[p * n + f] as number;
    const c = counts[f] as number;
    for (let t = 0; t < c; t++) mix[off + t] = t === s ? 1 : 0;
  }
};

/** True when every player plays one strategy with probability 1. */
const isPure = (h: FloatGame, mix: Float64Array): boolean => {
  for (let f = 0; f < h.n; f++) {
    const off = h.offsets[f] as number;
    let top = 0;
    for (let t = 0; t < (h.counts[f] as number); t++) top = Math.max(top, mix[off + t] as number);
    if (top < 1) return false;
  }
  return true;
};
