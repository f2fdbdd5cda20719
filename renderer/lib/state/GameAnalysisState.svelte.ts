// The game view's analysis, computed in a worker (all solvers incl. the logit branch) so slider drags never block
// the page. The last result stays on screen while a newer one is computed (no layout jumps); stale answers are
// dropped. Without Worker support (tests) it computes synchronously (LatestRequestClient).
import type { Game } from '../../../models/games/Game';
import { analyseGame, gameToWire, type GameAnalysis } from '../util/analyseGame';
import type { AnalysisRequest } from './analysis.worker';
import { LatestRequestClient, type RequestWorker, type Settled } from './LatestRequestClient';

export type WorkerLike = RequestWorker<AnalysisRequest, GameAnalysis>;

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

  readonly #client: LatestRequestClient<Game, AnalysisRequest, GameAnalysis>;

  constructor(makeWorker: () => WorkerLike | null = defaultWorker) {
    this.#client = new LatestRequestClient({
      makeWorker,
      message: (id, game) => ({ id, game: gameToWire(game) }),
      compute: analyseGame,
      settle: (game, r) => this.#settle(game, r),
    });
  }

  request(game: Game | null): void {
    if (!game) {
      this.#client.cancel();
      this.analysis = null;
      this.game = null;
      this.pending = false;
      return;
    }
    if (this.#client.request(game)) this.pending = true;
  }

  dispose(): void {
    this.#client.dispose();
  }

  #settle(game: Game, r: Settled<GameAnalysis>): void {
    this.game = game;
    this.analysis = r.ok ? r.analysis : null;
    this.error = r.ok ? null : r.error;
    this.pending = false;
  }
}
