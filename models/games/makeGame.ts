// Build a validated Game from plain data, plus profile indexing helpers (Gambit order: player 0 fastest).
import type { Game } from './Game';
import { Rational, type RationalLike } from './Rational';

export type GameInput = {
  readonly title: string;
  readonly players: readonly string[];
  readonly strategies: readonly (readonly string[])[];
  /** payoffs[profileIndex][player], profiles in Gambit order (player 0 varies fastest). */
  readonly payoffs: readonly (readonly RationalLike[])[];
  /** false: float payoffs only (no exact arithmetic). Default: exact whenever every payoff is rational. */
  readonly exact?: boolean;
};

/** Number of pure-strategy profiles. */
export const profileCount = (game: Pick<Game, 'strategies'>): number => {
  let n = 1;
  for (const s of game.strategies) n *= s.length;
  return n;
};

/** Index of a pure profile (one strategy index per player). */
export const profileIndex = (game: Pick<Game, 'strategies'>, profile: readonly number[]): number => {
  let idx = 0;
  for (let p = game.strategies.length - 1; p >= 0; p--) {
    const n = (game.strategies[p] as readonly string[]).length;
    const s = profile[p] ?? -1;
    if (!Number.isInteger(s) || s < 0 || s >= n) {
      throw new RangeError(`profileIndex: strategy ${s} of player ${p} is out of range 0..${n - 1}`);
    }
    idx = idx * n + s;
  }
  return idx;
};

/** The pure profile (strategy index per player) at a profile index. */
export const profileOf = (game: Pick<Game, 'strategies'>, index: number): number[] => {
  const out: number[] = [];
  let rest = index;
  for (const s of game.strategies) {
    out.push(rest % s.length);
    rest = Math.floor(rest / s.length);
  }
  return out;
};

const toFloat = (v: RationalLike): number => {
  if (v instanceof Rational) return v.toNumber();
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  const r = Rational.parse(v.trim());
  return r ? r.toNumber() : NaN;
};

/** Validate shapes and build the Game (float payoffs always; exact rationals when every payoff is rational). */
export const makeGame = (input: GameInput): Game => {
  const { title, players, strategies, payoffs } = input;
  if (typeof title !== 'string') throw new TypeError('makeGame: title must be a string');
  if (!Array.isArray(players) || players.length < 1) {
    throw new RangeError('makeGame: a game needs at least one player');
  }
  if (!Array.isArray(strategies) || strategies.length !== players.length) {
    throw new RangeError(
      `makeGame: ${players.length} players but strategies for ${Array.isArray(strategies) ? strategies.length : 0}`,
    );
  }
  strategies.forEach((s, p) => {
    if (!Array.isArray(s) || s.length < 1) {
      throw new RangeError(`makeGame: player ${p} ("${players[p]}") needs at least one strategy`);
    }
  });
  const count = profileCount({ strategies });
  if (!Array.isArray(payoffs) || payoffs.length !== count) {
    throw new RangeError(
      `makeGame: expected ${count} payoff profiles (${strategies.map((s) => s.length).join('×')}), got ${
        Array.isArray(payoffs) ? payoffs.length : 0
      }`,
    );
  }
  const floats: number[][] = [];
  let exactOk = input.exact !== false;
  const exact: Rational[][] = [];
  payoffs.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== players.length) {
      throw new RangeError(
        `makeGame: profile ${i} (${profileOf({ strategies }, i).join(',')}) needs ${players.length} payoffs, got ${
          Array.isArray(row) ? row.length : 0
        }`,
      );
    }
    const f: number[] = [];
    const e: Rational[] = [];
    row.forEach((v, p) => {
      const x = toFloat(v);
      if (!Number.isFinite(x)) {
        throw new RangeError(
          `makeGame: payoff of player ${p} ("${players[p]}") at profile ${i} (${profileOf({ strategies }, i).join(',')}) is not a finite number: ${String(v)}`,
        );
      }
      f.push(x === 0 ? 0 : x);
      if (exactOk) {
        try {
          e.push(Rational.from(v));
        } catch {
          exactOk = false;
        }
      }
    });
    floats.push(f);
    exact.push(e);
  });
  return {
    title,
    players: [...players],
    strategies: strategies.map((s) => [...s]),
    payoffs: floats,
    exact: exactOk ? exact : null,
  };
};
