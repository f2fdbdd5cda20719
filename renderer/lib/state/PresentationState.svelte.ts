// Presentation mode's story: one round after another with its game and the cell that was played. The rounds come
// from one simulated trial (the engine's replay; the teacher picks its seed and trial number) when the simulation
// engine is available, else from the equilibrium path of the round games (each round's game at the initial state,
// the first equilibrium played). One key switches to the class's own play when a class session is running: each
// revealed round's game beside the class's choices.
import type { Game } from '../../../models/games/Game';
import type { RuntimeModel } from '../../../models/scenario/RuntimeModel';
import { pureEquilibria } from '../../../models/games/pureEquilibria';
import { lcp } from '../../../models/games/lemkeHowson';
import { toFloat } from '../../../models/games/Equilibrium';
import type { TeacherView } from '../../../models/class/classViews';
import { strides } from '../util/analyseGame';
import { slideEquilibria } from '../util/slideEquilibria';
import { parseRootSeed, type RootSeed } from '../../../models/random/seedKey';
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
  /** The class's own play (class rounds only): per role, how many students chose each strategy. */
  readonly classCounts?: readonly {
    readonly actor: string;
    readonly strategies: readonly { readonly strategy: string; readonly count: number }[];
  }[];
};

export type StorySource = 'trial' | 'equilibrium';
/** What the slides show: the simulated story (a trial or the equilibrium path) or the class's own play. */
export type StoryShowing = 'simulation' | 'class';

/** The seed of the trial shown until the teacher picks one (the app passes the document's run seed). */
export const DEFAULT_PRESENTATION_SEED = 20250728;
export const MAX_PRESENTATION_TRIAL = 1_000_000;

/** The class's own play as a story: every revealed round of the session, its game (the scenario's round game at
 * the session's parameter values and the initial state — tables' states differ, so this is the common starting
 * game; a one-round game is the same game every round) and the students' choices per role. Rounds past the
 * scenario's count (a one-round game played several times) show the last round's game. */
export const classStory = (models: ModelService, model: RuntimeModel, view: TeacherView): StoryRound[] =>
  view.history.map((h) => {
    try {
      const game = models.reduce(model, {
        params: view.session.params,
        round: Math.min(h.round, model.rounds.count),
      });
      return {
        round: h.round,
        game,
        chosen: null,
        choices: [],
        outcomes: [],
        events: [],
        state: [],
        error: null,
        classCounts: model.actors.map((a, p) => ({
          actor: a.name,
          strategies: a.strategies.map((st, k) => ({ strategy: st.label, count: h.counts[p]?.[k] ?? 0 })),
        })),
      };
    } catch (e) {
      return errorRound(h.round, e);
    }
  });

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

/** Parses the teacher's choice of trial: a seed (the one seed rule, `parseRootSeed`) and a 1-based trial number. */
export const parseTrialChoice = (
  seedText: string,
  trialText: string,
): { ok: true; seed: RootSeed; trial: number } | { ok: false; error: string } => {
  const seed = parseRootSeed(seedText);
  const trial = Number(trialText.trim());
  if (typeof seed === 'object') return { ok: false, error: seed.error };
  if (trialText.trim() === '' || !Number.isInteger(trial) || trial < 1 || trial > MAX_PRESENTATION_TRIAL)
    return { ok: false, error: `Trial must be a whole number from 1 to ${MAX_PRESENTATION_TRIAL}.` };
  return { ok: true, seed, trial };
};

export type TrialReplay = (seed: RootSeed, trial: number) => Promise<ReplayView>;

export const NO_CLASS_SESSION =
  'No class session is running: start one with File → Start Class Session… (or the Class button), then press C here to show the class’s own play.';

export class PresentationState {
  /** The simulated story (a replayed trial, or the equilibrium path). */
  simRounds = $state.raw<readonly StoryRound[]>([]);
  /** The class's own play (revealed rounds of the running class session). */
  classRounds = $state.raw<readonly StoryRound[]>([]);
  showing = $state<StoryShowing>('simulation');
  rounds = $derived(this.showing === 'class' ? this.classRounds : this.simRounds);
  /** Index into rounds (0-based). */
  index = $state(0);
  source = $state<StorySource>('equilibrium');
  loading = $state(false);
  note = $state<string | null>(null);
  /** What the class view says (no session, no round revealed yet, another scenario), else null. */
  classNote = $state<string | null>(null);
  /** The trial shown: its root seed and 1-based trial number. */
  seed = $state<RootSeed>(DEFAULT_PRESENTATION_SEED);
  trial = $state(1);
  trialError = $state<string | null>(null);

  /** Index into stages (0-based) within the current round. */
  step = $state(0);

  current = $derived(this.rounds[this.index] ?? null);
  stages = $derived(
    this.showing === 'simulation' && this.rounds.length === 1 ? ONE_ROUND_STAGES : MANY_ROUNDS_STAGES,
  );
  stage = $derived<RevealStage>(this.stages[this.step] ?? 'played');
  atStart = $derived(this.index <= 0 && this.step <= 0);
  atEnd = $derived(this.index >= this.rounds.length - 1 && this.step >= this.stages.length - 1);
  /** The current slide's equilibria (NASH cells, mixed equilibria), whether revealed yet or not. */
  equilibria = $derived(this.current?.game ? slideEquilibria(this.current.game) : null);

  #models: ModelService | null = null;
  #model: RuntimeModel | null = null;
  #params: Readonly<Record<string, number>> = {};
  #replay: TrialReplay | null = null;
  #classView: TeacherView | null = null;
  #simPlace = { index: 0, step: 0 };

  /** True when the slide shows `s` (stages are cumulative: each one keeps what the earlier ones revealed). */
  shows(s: RevealStage): boolean {
    const k = this.stages.indexOf(s);
    // several rounds: everything is shown every round, the NASH marks included
    return k < 0 || k <= this.step;
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

  /** Build the story: the replayed trial (this.seed, this.trial) when `replay` gives one, else the equilibrium
   * path. */
  async prepare(
    models: ModelService,
    model: RuntimeModel,
    params: Readonly<Record<string, number>>,
    replay: TrialReplay | null,
  ): Promise<void> {
    this.#models = models;
    this.#model = model;
    this.#params = params;
    this.#replay = replay;
    if (this.#classView) this.updateClass(this.#classView);
    await this.#build();
  }

  /** Show another simulated trial (the seed and trial fields): false, with trialError set, when they are invalid
   * or there is no simulation to replay. */
  async chooseTrial(seedText: string, trialText: string): Promise<boolean> {
    const r = parseTrialChoice(seedText, trialText);
    if (!r.ok) {
      this.trialError = r.error;
      return false;
    }
    if (!this.#replay || !this.#models || !this.#model) {
      this.trialError = 'No simulation engine here: the slides show the equilibrium path.';
      return false;
    }
    this.trialError = null;
    this.seed = r.seed;
    this.trial = r.trial;
    if (this.showing === 'class') this.toggleClass(true);
    await this.#build();
    return this.source === 'trial';
  }

  async #build(): Promise<void> {
    const models = this.#models;
    const model = this.#model;
    if (!models || !model) return;
    const params = this.#params;
    this.loading = true;
    this.index = 0;
    this.step = 0;
    this.note = null;
    try {
      if (this.#replay) {
        try {
          const view = await this.#replay(this.seed, this.trial);
          this.simRounds = trialStory(models, model, params, view);
          this.source = 'trial';
          this.note = `One simulated trial: trial ${view.trial}, seed ${view.seed}.`;
          return;
        } catch (e) {
          this.note = `Simulation unavailable (${e instanceof Error ? e.message : String(e)}): showing the equilibrium path.`;
        }
      }
      this.simRounds = equilibriumStory(models, model, params);
      this.source = 'equilibrium';
    } finally {
      this.loading = false;
    }
  }

  /** The key C: switch between the simulated story and the class's own play. `running`: a class session is
   * running (else the class view stays closed and classNote says why). Returns the message to announce. */
  toggleClass(running: boolean): string {
    if (this.showing === 'class') {
      this.showing = 'simulation';
      this.index = Math.min(this.#simPlace.index, Math.max(0, this.simRounds.length - 1));
      this.step = Math.min(this.#simPlace.step, this.stages.length - 1);
      return 'Showing the simulation.';
    }
    if (!running) {
      this.classNote = NO_CLASS_SESSION;
      return NO_CLASS_SESSION;
    }
    this.#simPlace = { index: this.index, step: this.step };
    this.showing = 'class';
    this.index = Math.max(0, this.classRounds.length - 1);
    this.step = 0;
    return this.classNote ?? 'Showing the class’s own play.';
  }

  /** The class session's latest teacher view (null: not connected yet, or the session closed). On the class
   * view, a slide on the latest round follows the newly revealed round. */
  updateClass(view: TeacherView | null): void {
    this.#classView = view;
    const models = this.#models;
    const model = this.#model;
    const wasLast = this.index >= this.classRounds.length - 1;
    if (!view) {
      this.classRounds = [];
      this.classNote = 'Connecting to the class session…';
    } else if (!models || !model) {
      this.classRounds = [];
      this.classNote = 'No valid model to present.';
    } else if (view.session.scenarioId !== model.id) {
      this.classRounds = [];
      this.classNote = `The class session plays “${view.session.title}”, not the scenario on screen: open it to show the class’s play.`;
    } else {
      this.classRounds = classStory(models, model, view);
      this.classNote =
        this.classRounds.length === 0
          ? 'The class has not revealed a round yet: press Reveal on the teacher screen.'
          : null;
    }
    if (this.showing === 'class') {
      const last = Math.max(0, this.classRounds.length - 1);
      this.index = wasLast ? last : Math.min(this.index, last);
      this.step = 0;
    }
  }
}
