// A small strategic-form game stored flat for the float kernels (pure scan, Lemke–Howson, logit): one typed array of
// payoffs plus index tables, so that the kernels run without allocating. Shared by the Monte Carlo engine (one
// FloatGame per simulator, refilled every round) and by models/games (built once from a Game).
import type { Game } from '../Game';

/**
 * Shapes: `payoffs[p * n + i]` is player i's payoff (any finite unit) at pure profile p, profiles in Gambit order
 * (player 0 fastest: p = s0 + c0 · (s1 + c1 · (s2 + …))). A mixed profile is one Float64Array of length
 * `totalStrategies`, player i's probabilities at `offsets[i] … offsets[i] + counts[i] - 1`.
 */
export class FloatGame {
  readonly n: number;
  readonly counts: Int32Array;
  readonly strides: Int32Array;
  readonly offsets: Int32Array;
  readonly profiles: number;
  readonly totalStrategies: number;
  readonly payoffs: Float64Array;
  /** own[p * n + i]: player i's strategy in profile p. */
  readonly own: Int32Array;
  /** base[p * n + i]: profile p with player i's strategy set to 0 (p = base + own · strides[i]). */
  readonly base: Int32Array;
  /** Scratch for the kernels: a decoded profile (odometer digits). */
  readonly digits: Int32Array;
  /** Scratch for the kernels: one flag per profile. */
  readonly flags: Uint8Array;
  /** Scratch for the kernels: one number per strategy (expected payoffs). */
  readonly perStrategy: Float64Array;

  /** @throws RangeError unless counts is a non-empty list of positive integers. */
  constructor(counts: readonly number[]) {
    if (counts.length === 0 || counts.some((c) => !(Number.isInteger(c) && c >= 1))) {
      throw new RangeError(
        `FloatGame: strategy counts must be positive integers, got [${counts.join(', ')}]`,
      );
    }
    this.n = counts.length;
    this.counts = Int32Array.from(counts);
    this.strides = new Int32Array(this.n);
    this.offsets = new Int32Array(this.n);
    let p = 1;
    let o = 0;
    for (let i = 0; i < this.n; i++) {
      this.strides[i] = p;
      this.offsets[i] = o;
      p *= counts[i] as number;
      o += counts[i] as number;
    }
    this.profiles = p;
    this.totalStrategies = o;
    this.payoffs = new Float64Array(p * this.n);
    this.own = new Int32Array(p * this.n);
    this.base = new Int32Array(p * this.n);
    this.digits = new Int32Array(this.n);
    this.flags = new Uint8Array(p);
    this.perStrategy = new Float64Array(o);
    for (let q = 0; q < p; q++) {
      for (let i = 0; i < this.n; i++) {
        const s = Math.floor(q / (this.strides[i] as number)) % (counts[i] as number);
        this.own[q * this.n + i] = s;
        this.base[q * this.n + i] = q - s * (this.strides[i] as number);
      }
    }
  }

  /** A FloatGame holding a Game's float payoffs (allocates; for models/games callers, not hot loops). */
  static of(game: Game): FloatGame {
    const g = new FloatGame(game.strategies.map((s) => s.length));
    const n = g.n;
    game.payoffs.forEach((row, p) => {
      for (let i = 0; i < n; i++) g.payoffs[p * n + i] = row[i] as number;
    });
    return g;
  }

  /** Strategy of `player` in profile index `p`. */
  strategyOf(p: number, player: number): number {
    return this.own[p * this.n + player] as number;
  }
}

/** Largest |payoff| of the game (0 for an all-zero game). */
export const maxAbsPayoff = (g: FloatGame): number => {
  let m = 0;
  const pay = g.payoffs;
  for (let k = 0; k < pay.length; k++) {
    const a = Math.abs(pay[k] as number);
    if (a > m) m = a;
  }
  return m;
};

/** Range of the payoffs (max - min) over every player and profile, at least 1: the scale of float tolerances. */
export const payoffRange = (g: FloatGame): number => {
  let lo = Infinity;
  let hi = -Infinity;
  const pay = g.payoffs;
  for (let k = 0; k < pay.length; k++) {
    const v = pay[k] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Math.max(1, hi - lo);
};

/**
 * Expected payoff of each of `player`'s pure strategies against the others' mixed strategies in `mix`, written to
 * eu[0 … counts[player] - 1]. Work: profiles × players.
 */
export const expectedPayoffs = (g: FloatGame, mix: Float64Array, player: number, eu: Float64Array): void => {
  const { n, counts, offsets, payoffs, profiles, own } = g;
  const ci = counts[player] as number;
  for (let s = 0; s < ci; s++) eu[s] = 0;
  for (let p = 0; p < profiles; p++) {
    let w = 1;
    for (let j = 0; j < n; j++)
      if (j !== player) w *= mix[(offsets[j] as number) + (own[p * n + j] as number)] as number;
    if (w !== 0) {
      const s = own[p * n + player] as number;
      eu[s] = (eu[s] as number) + w * (payoffs[p * n + player] as number);
    }
  }
};

/**
 * Regret of a mixed profile: the largest gain any player gets by a unilateral deviation to a pure strategy
 * (payoff units; 0 at a Nash equilibrium). Uses g.perStrategy as scratch.
 */
export const maxRegret = (g: FloatGame, mix: Float64Array): number => {
  const eu = g.perStrategy;
  let worst = 0;
  for (let i = 0; i < g.n; i++) {
    expectedPayoffs(g, mix, i, eu);
    const o = g.offsets[i] as number;
    let u = 0;
    let best = -Infinity;
    for (let s = 0; s < (g.counts[i] as number); s++) {
      const v = eu[s] as number;
      u += v * (mix[o + s] as number);
      if (v > best) best = v;
    }
    if (best - u > worst) worst = best - u;
  }
  return worst;
};

/**
 * The regret tolerance of float equilibria: 1e-9 × payoffRange (the same scaled tolerance as models/games'
 * `floatTolerance`, so a profile the kernels accept is accepted by `makeEquilibrium`).
 */
export const regretTolerance = (g: FloatGame): number => 1e-9 * payoffRange(g);

/** True when every player's probabilities are ≥ -1e-12 and sum to 1 within 1e-9. */
export const isMixedProfile = (g: FloatGame, mix: Float64Array): boolean => {
  for (let i = 0; i < g.n; i++) {
    const o = g.offsets[i] as number;
    let sum = 0;
    for (let s = 0; s < (g.counts[i] as number); s++) {
      const v = mix[o + s] as number;
      if (!(v >= -1e-12)) return false;
      sum += v;
    }
    if (!(Math.abs(sum - 1) <= 1e-9)) return false;
  }
  return true;
};
