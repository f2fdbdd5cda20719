// Solves a game tree off the main thread (models/games only: no mathjs here). The tree crosses as its .efg text
// (exact numbers survive: readEfg(writeEfg(t)) is t).
import { readEfg } from '../../../models/games/extensive/efg';
import { analyseTree, type TreeAnalysis } from '../util/analyseTree';

export type TreeAnalysisRequest = { readonly id: number; readonly efg: string };
export type TreeAnalysisResponse =
  | { readonly id: number; readonly ok: true; readonly analysis: TreeAnalysis }
  | { readonly id: number; readonly ok: false; readonly error: string };

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<TreeAnalysisRequest>) => void) | null;
  postMessage: (m: TreeAnalysisResponse) => void;
};

scope.onmessage = (e) => {
  const { id, efg } = e.data;
  try {
    scope.postMessage({ id, ok: true, analysis: analyseTree(readEfg(efg)) });
  } catch (err) {
    scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
