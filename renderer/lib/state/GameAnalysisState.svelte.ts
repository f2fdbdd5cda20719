// The game view's analysis, computed in a worker (all solvers incl. the logit branch) so slider drags never block
// the page. The last result stays on screen while a newer one is computed (no layout jumps); stale answers are
// dropped. Without Worker support (tests) it computes synchronously.
import type { Game } from '../../../models/games/Game';
import { analyseGame, gameToWire, type GameAnalysis } from '../util/analyseGame';
import type { AnalysisRequest, AnalysisResponse } from './analysis.worker';

export type WorkerLike = {
  postMessage(m: AnalysisRequest): void;
  onmessage: ((e: MessageEvent<AnalysisResponse>) => void) | null;
  terminate(): void;
};

const defaultWorker = (): WorkerLike | null => {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./analysis.worker.ts', import.meta.url), {
      type: 'module',
    }) as WorkerLike;
  } catch {
    return null;
  }
};

export class GameAnalysisState {
  analysis = $state.raw<GameAnalysis | null>(null);
  /** The game the current analysis belongs to. */
  game = $state.raw<Game | null>(null);
  pending = $state(false);
  error = $state<string | null>(null);

  #worker: WorkerLike | null | undefined;
  #seq = 0;
  #pendingGame: Game | null = null;
  readonly #makeWorker: () => WorkerLike | null;

  constructor(makeWorker: () => WorkerLike | null = defaultWorker) {
    this.#makeWorker = makeWorker;
  }

  request(game: Game | null): void {
    const id = ++this.#seq;
    if (!game) {
      this.analysis = null;
      this.game = null;
      this.pending = false;
      return;
    }
    if (this.#worker === undefined) {
      this.#worker = this.#makeWorker();
      if (this.#worker) this.#worker.onmessage = (e) => this.#receive(e.data);
    }
    if (!this.#worker) {
      this.#apply(game, analyseGame(game));
      return;
    }
    this.pending = true;
    this.#pendingGame = game;
    this.#worker.postMessage({ id, game: gameToWire(game) });
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
  }

  #receive(r: AnalysisResponse): void {
    const game = this.#pendingGame;
    if (r.id !== this.#seq || !game) return; // stale
    this.#pendingGame = null;
    this.pending = false;
    if (r.ok) this.#apply(game, r.analysis);
    else {
      this.error = r.error;
      this.game = game;
      this.analysis = null;
    }
  }

  #apply(game: Game, analysis: GameAnalysis): void {
    this.game = game;
    this.analysis = analysis;
    this.error = null;
    this.pending = false;
  }
}
