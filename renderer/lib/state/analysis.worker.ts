// Solves one round's game off the main thread (models/games only: no mathjs here).
import { analyseGame, gameFromWire, type GameAnalysis, type GameWire } from '../util/analyseGame';

export type AnalysisRequest = { readonly id: number; readonly game: GameWire };
export type AnalysisResponse =
  | { readonly id: number; readonly ok: true; readonly analysis: GameAnalysis }
  | { readonly id: number; readonly ok: false; readonly error: string };

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage: (m: AnalysisResponse) => void;
};

scope.onmessage = (e) => {
  const { id, game } = e.data;
  try {
    scope.postMessage({ id, ok: true, analysis: analyseGame(gameFromWire(game)) });
  } catch (err) {
    scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
