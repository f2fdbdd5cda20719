// Presentation mode's story: one round after another with its game and the cell that was played. The rounds come
// from one simulated trial (the engine's replay) when the simulation engine is available, else from the
// equilibrium path of the round games (each round's game at the initial state, the first equilibrium played).
import type { Game } from '../../../models/games/Game';
import type { RuntimeModel } from '../../../models/scenario/RuntimeModel';
import { pureEquilibria } from '../../../models/games/pureEquilibria';
import { lcp } from '../../../models/games/lemkeHowson';
import { toFloat } from '../../../models/games/Equilibrium';
import { strides } from '../util/analyseGame';
import type { ReplayView } from './SimulationPort';
import type { ModelService } from './ModelService';

export type StoryRound = {
  readonly round: number;
  readonly game: Game | null;
  /** Profile index of the cell played, or null when unknown. */
  readonly chosen: number | null;
  readonly choices: readonly { readonly actor: string; readonly strategy: string }[];
  readonly outcomes: readonly string[];
  readonly events: readonly string[];
  readonly state: readonly { readonly label: string; readonly value: number }[];
  readonly error: string | null;
};

export type StorySource = 'trial' | 'equilibrium';

/** What the slide reveals. A one-round game (the classics: chicken, the prisoner's dilemma…) is revealed one idea
 * per key press, for a class to think before each answer: the payoffs alone, then the best responses and dominated
 * strategies, then the Nash equilibria, then the cell played. A game of several rounds shows everything each round
 * (one key press per round). */
export type RevealStage = 'game' | 'best' | 'equilibria' | 'played';
const ONE_ROUND_STAGES: readonly RevealStage[] = ['game', 'best', 'equilibria', 'played'];
const MANY_ROUNDS_STAGES: readonly RevealStage[] = ['played'];

/** Profile index from one chosen strategy index per player. */
const indexOf = (game: Game, choice: readonly number[]): number | null => {
  if (choice.some((k) => k < 0)) return null;
  const st = strides(game);
  return choice.reduce((acc, k, p) => acc + k * (st[p] ?? 0), 0);
};

/** The equilibrium-path story: round r's game at the initial state, the first pure equilibrium (else the most
 * likely strategies of the first Lemke–Howson equilibrium for 2 players). */
export const equilibriumStory = (
  models: ModelService,
  model: RuntimeModel,
  params: Readonly<Record<string, number>>,
  maxRounds = 60,
): StoryRound[] => {
  const out: StoryRound[] = [];
  const count = Math.min(model.rounds.count, maxRounds);
  for (let r = 1; r <= count; r++) {
    try {
      const game = models.reduce(model, { params, round: r });
      let choice: number[] | null = null;
      const pure = pureEquilibria(game)[0];
      const eq = pure ?? (game.players.length === 2 ? lcp(game, { graph: false })[0] : undefined);
      if (eq) {
        choice = eq.profile.map((row) => {
          let best = 0;
          row.forEach((v, k) => {
            if (toFloat(v) > toFloat(row[best] ?? 0)) best = k;
          });
          return best;
        });
      }
      out.push({
        round: r,
        game,
        chosen: choice ? indexOf(game, choice) : null,
        choices: choice
          ? choice.map((k, p) => ({ actor: game.players[p] ?? '', strategy: game.strategies[p]?.[k] ?? '' }))
          : [],
        outcomes: [],
        events: [],
        state: [],
        error: null,
      });
    } catch (e) {
      out.push(errorRound(r, e));
    }
  }
  return out;
};

/** The story of one replayed trial: each round's game at that round's state, and the cell actually played. */
export const trialStory = (
  models: ModelService,
  model: RuntimeModel,
  params: Readonly<Record<string, number>>,
  replay: ReplayView,
): StoryRound[] => {
  const idByLabel: Record<string, string> = Object.fromEntries(model.state.map((s) => [s.label, s.id]));
  let prevState: Record<string, number> | undefined;
  return replay.rounds.map((rr) => {
    try {
      // the game is played at the state at the START of the round: the previous round's end state
      const game = models.reduce(model, {
        params,
        round: rr.round,
        ...(prevState ? { state: prevState } : {}),
      });
      const choice = model.actors.map((a, p) => {
        const c = rr.choices[p];
        return c ? a.strategies.findIndex((s) => s.label === c.strategy || s.id === c.strategy) : -1;
      });
      prevState = Object.fromEntries(
        rr.state.flatMap((s) => {
          const id = idByLabel[s.label];
          return id && Number.isFinite(s.value) ? [[id, s.value]] : [];
        }),
      );
      return {
        round: rr.round,
        game,
        chosen: indexOf(game, choice),
        choices: rr.choices,
        outcomes: rr.outcomes,
        events: rr.events,
        state: rr.state,
        error: null,
      };
    } catch (e) {
      return errorRound(rr.round, e);
    }
  });
};

const errorRound = (round: number, e: unknown): StoryRound => ({
  round,
  game: null,
  chosen: null,
  choices: [],
  outcomes: [],
  events: [],
  state: [],
  error: e instanceof Error ? e.message : String(e),
});

export class PresentationState {
  rounds = $state.raw<readonly StoryRound[]>([]);
  /** Index into rounds (0-based). */
  index = $state(0);
  source = $state<StorySource>('equilibrium');
  loading = $state(false);
  note = $state<string | null>(null);

  /** Index into stages (0-based) within the current round. */
  step = $state(0);

  current = $derived(this.rounds[this.index] ?? null);
  stages = $derived(this.rounds.length === 1 ? ONE_ROUND_STAGES : MANY_ROUNDS_STAGES);
  stage = $derived<RevealStage>(this.stages[this.step] ?? 'played');
  atStart = $derived(this.index <= 0 && this.step <= 0);
  atEnd = $derived(this.index >= this.rounds.length - 1 && this.step >= this.stages.length - 1);

  /** True when the slide shows `s` (stages are cumulative: each one keeps what the earlier ones revealed). */
  shows(s: RevealStage): boolean {
    const k = this.stages.indexOf(s);
    // several rounds: everything but the equilibria (left to the Game tab) is shown every round
    return k < 0 ? s !== 'equilibria' : k <= this.step;
  }

  next(): void {
    if (this.step < this.stages.length - 1) this.step += 1;
    else if (this.index < this.rounds.length - 1) {
      this.index += 1;
      this.step = 0;
    }
  }

  prev(): void {
    if (this.step > 0) this.step -= 1;
    else if (this.index > 0) {
      this.index -= 1;
      this.step = this.stages.length - 1;
    }
  }

  first(): void {
    this.index = 0;
    this.step = 0;
  }

  /** Build the story: a replayed trial when `replay` gives one, else the equilibrium path. */
  async prepare(
    models: ModelService,
    model: RuntimeModel,
    params: Readonly<Record<string, number>>,
    replay: (() => Promise<ReplayView>) | null,
  ): Promise<void> {
    this.loading = true;
    this.index = 0;
    this.step = 0;
    this.note = null;
    try {
      if (replay) {
        try {
          const view = await replay();
          this.rounds = trialStory(models, model, params, view);
          this.source = 'trial';
          this.note = `One simulated trial (seed ${view.seed}).`;
          return;
        } catch (e) {
          this.note = `Simulation unavailable (${e instanceof Error ? e.message : String(e)}): showing the equilibrium path.`;
        }
      }
      this.rounds = equilibriumStory(models, model, params);
      this.source = 'equilibrium';
    } finally {
      this.loading = false;
    }
  }
}
