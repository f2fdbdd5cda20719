// The tree view's analysis (subgame-perfect, pure Nash, sequence-form lcp), computed in a worker so a large tree
// never blocks the page; stale answers are dropped. Without Worker support (tests) it computes synchronously
// (LatestRequestClient).
import { writeEfg } from '../../../models/games/extensive/efg';
import type { GameTree } from '../../../models/games/extensive/GameTree';
import { analyseTree, type TreeAnalysis } from '../util/analyseTree';
import { LatestRequestClient, type RequestWorker, type Settled } from './LatestRequestClient';
import type { TreeAnalysisRequest } from './treeAnalysis.worker';

export type TreeWorkerLike = RequestWorker<TreeAnalysisRequest, TreeAnalysis>;

const defaultWorker = (): TreeWorkerLike | null => {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./treeAnalysis.worker.ts', import.meta.url), {
      type: 'module',
    }) as TreeWorkerLike;
  } catch {
    return null;
  }
};

export class TreeAnalysisState {
  analysis = $state.raw<TreeAnalysis | null>(null);
  /** The tree the current analysis belongs to. */
  tree = $state.raw<GameTree | null>(null);
  pending = $state(false);
  error = $state<string | null>(null);

  readonly #client: LatestRequestClient<GameTree, TreeAnalysisRequest, TreeAnalysis>;

  constructor(makeWorker: () => TreeWorkerLike | null = defaultWorker) {
    this.#client = new LatestRequestClient({
      makeWorker,
      message: (id, tree) => ({ id, efg: writeEfg(tree) }),
      compute: analyseTree,
      settle: (tree, r) => this.#settle(tree, r),
    });
  }

  request(tree: GameTree | null): void {
    if (tree === this.tree && !this.pending && (this.analysis || this.error)) {
      this.#client.cancel();
      return;
    }
    if (!tree) {
      this.#client.cancel();
      this.analysis = null;
      this.tree = null;
      this.error = null;
      this.pending = false;
      return;
    }
    if (this.#client.request(tree)) this.pending = true;
  }

  dispose(): void {
    this.#client.dispose();
  }

  #settle(tree: GameTree, r: Settled<TreeAnalysis>): void {
    this.tree = tree;
    this.analysis = r.ok ? r.analysis : null;
    this.error = r.ok ? null : r.error;
    this.pending = false;
  }
}
