// The one-round strategic-form game of a scenario at given parameter values, state and round. No mathjs.
import type { Game } from '../games/Game';
import { makeGame } from '../games/makeGame';
import { suggestion } from '../formula/didYouMean';
import { describeNonFinite } from './describeNonFinite';
import type { RuntimeModel } from './RuntimeModel';
import { chanceProbabilities } from './chanceProbabilities';

export type ReduceOptions = {
  /** Parameter values by id (others at their defaults). */
  readonly params?: Readonly<Record<string, number>>;
  /** State values by id (others at their initial values). */
  readonly state?: Readonly<Record<string, number>>;
  /** 1-based round (default 1); sets round and month. */
  readonly round?: number;
};

export class ScenarioValueError extends Error {
  override readonly name = 'ScenarioValueError';
}

/** The environment at the start of a round: parameters, round/month, initial (or given) state, derived. */
export const environmentAt = (model: RuntimeModel, opts: ReduceOptions = {}): Float64Array => {
  const env = new Float64Array(model.envSize);
  const params = new Map(model.params.map((p) => [p.id, p]));
  for (const p of model.params) env[p.slot] = p.value;
  for (const [id, v] of Object.entries(opts.params ?? {})) {
    const p = params.get(id);
    if (!p) throw new ScenarioValueError(`unknown parameter "${id}"${suggestion(id, params.keys())}`);
    if (!Number.isFinite(v)) throw new ScenarioValueError(`parameter "${id}" must be a finite number`);
    env[p.slot] = v;
  }
  const round = opts.round ?? 1;
  if (!Number.isInteger(round) || round < 1) throw new ScenarioValueError('round must be a whole number ≥ 1');
  env[model.builtins.roundSlot] = round;
  env[model.builtins.monthSlot] = ((((model.builtins.startMonth - 1 + round - 1) % 12) + 12) % 12) + 1;
  model.state.forEach((s, i) => {
    let v = s.initial(env);
    if (!Number.isFinite(v)) {
      throw new ScenarioValueError(
        describeNonFinite(model.spec, { kind: 'state-initial', index: i }, env, v),
      );
    }
    if (s.min !== null) v = Math.max(s.min, v);
    if (s.max !== null) v = Math.min(s.max, v);
    env[s.slot] = v;
  });
  const states = new Map(model.state.map((s) => [s.id, s]));
  for (const [id, v] of Object.entries(opts.state ?? {})) {
    const s = states.get(id);
    if (!s) throw new ScenarioValueError(`unknown state variable "${id}"${suggestion(id, states.keys())}`);
    env[s.slot] = v;
  }
  model.derived.forEach((d) => {
    env[d.slot] = d.value(env);
  });
  return env;
};

/**
 * Floating-point noise from formula arithmetic (0.1 * 12 = 1.2000000000000002) would become fractions with
 * 16-digit denominators in the exact game. Payoffs are rounded to 12 significant digits, far below any
 * meaningful difference between payoffs, so that 1.2000000000000002 is read as 6/5.
 */
export const roundOff = (v: number): number => (v === 0 ? 0 : Number(v.toPrecision(12)));

/**
 * The round's strategic-form game (profiles in Gambit order, player 0 fastest). Throws ScenarioValueError with a
 * plain-language message for unknown names or a payoff that is NaN/±Infinity at these values.
 */
export const reduceToGame = (model: RuntimeModel, opts: ReduceOptions = {}): Game =>
  gameAtEnvironment(model, environmentAt(model, opts));

/**
 * The strategic-form game at a given environment (slots of RuntimeModel.ts, e.g. a simulated trial's at the start
 * of a round, with its events). `env`'s choice slots are overwritten; pass a copy to keep it. Errors as reduceToGame.
 * A tree scenario gives the game of the actors' strategies with payoffs expected over its chance moves: the round
 * exactly when nobody observes anything (tree shape `simultaneous`); for a sequential tree, the round as if played
 * at once — its game tree is models/scenario/roundTree.ts.
 */
export const gameAtEnvironment = (model: RuntimeModel, env: Float64Array): Game => {
  const chance = chanceProbabilities(model, env, (message) => {
    throw new ScenarioValueError(message);
  });
  if (chance.length === 0) return gameAtChanceOutcomes(model, env);
  const combos: { p: number; outcome: number[] }[] = [{ p: 1, outcome: [] }];
  for (const c of chance) {
    const next: { p: number; outcome: number[] }[] = [];
    for (const prev of combos)
      c.probabilities.forEach((q, o) => next.push({ p: prev.p * q, outcome: [...prev.outcome, o] }));
    combos.splice(0, combos.length, ...next);
  }
  let sum: number[][] | null = null;
  let last: Game | null = null;
  for (const combo of combos) {
    chance.forEach((c, k) => c.slots.forEach((slot, o) => (env[slot] = combo.outcome[k] === o ? 1 : 0)));
    last = gameAtChanceOutcomes(model, env);
    const rows = last.payoffs;
    sum = sum
      ? sum.map((row, i) => row.map((v, j) => v + combo.p * (rows[i]?.[j] as number)))
      : rows.map((row) => row.map((v) => combo.p * v));
  }
  const g = last as Game;
  return makeGame({
    title: g.title,
    players: [...g.players],
    strategies: g.strategies.map((s) => [...s]),
    payoffs: (sum ?? []).map((row) => row.map(roundOff)),
  });
};

/**
 * The strategic-form game at `env` with a tree's chance indicator slots as they are in `env` (one chance outcome
 * combination): one leaf table of the round's tree (roundTree). Errors as reduceToGame.
 */
export const gameAtChanceOutcomes = (model: RuntimeModel, env: Float64Array): Game => {
  const actors = model.actors;
  const sizes = actors.map((a) => a.strategies.length);
  const count = sizes.reduce((x, y) => x * y, 1);
  const payoffs: number[][] = [];
  for (let idx = 0; idx < count; idx++) {
    let rest = idx;
    const profile = sizes.map((n) => {
      const s = rest % n;
      rest = Math.floor(rest / n);
      return s;
    });
    actors.forEach((a, p) => a.choiceSlots.forEach((slot, k) => (env[slot] = profile[p] === k ? 1 : 0)));
    payoffs.push(
      actors.map((a, p) => {
        const k = profile[p] as number;
        const v = (a.payoffs[k] as (e: Float64Array) => number)(env);
        if (!Number.isFinite(v)) {
          throw new ScenarioValueError(
            describeNonFinite(model.spec, { kind: 'payoff', actor: p, strategy: k }, env, v),
          );
        }
        return roundOff(v);
      }),
    );
  }
  return makeGame({
    title: model.title,
    players: actors.map((a) => a.name),
    strategies: actors.map((a) => a.strategies.map((s) => s.label)),
    payoffs,
  });
};
