// The tree view's analysis (subgame-perfect, pure Nash, sequence-form lcp), computed in a worker so a large tree
// never blocks the page; stale answers are dropped. Without Worker support (tests) it computes synchronously.
import { writeEfg } from '../../../models/games/extensive/efg';
import type { GameTree } from '../../../models/games/extensive/GameTree';
import { analyseTree, type TreeAnalysis } from '../util/analyseTree';
import type { TreeAnalysisRequest, TreeAnalysisResponse } from './treeAnalysis.worker';

export type TreeWorkerLike = {
  postMessage(m: TreeAnalysisRequest): void;
  onmessage: ((e: MessageEvent<TreeAnalysisResponse>) => void) | null;
  terminate(): void;
};

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

  #worker: TreeWorkerLike | null | undefined;
  #seq = 0;
  #pendingTree: GameTree | null = null;
  readonly #makeWorker: () => TreeWorkerLike | null;

  constructor(makeWorker: () => TreeWorkerLike | null = defaultWorker) {
    this.#makeWorker = makeWorker;
  }

  request(tree: GameTree | null): void {
    const id = ++this.#seq;
    if (tree === this.tree && !this.pending && (this.analysis || this.error)) return;
    if (!tree) {
      this.analysis = null;
      this.tree = null;
      this.error = null;
      this.pending = false;
      return;
    }
    if (this.#worker === undefined) {
      this.#worker = this.#makeWorker();
      if (this.#worker) this.#worker.onmessage = (e) => this.#receive(e.data);
    }
    if (!this.#worker) {
      try {
        this.#apply(tree, analyseTree(tree), null);
      } catch (err) {
        this.#apply(tree, null, err instanceof Error ? err.message : String(err));
      }
      return;
    }
    this.pending = true;
    this.#pendingTree = tree;
    this.#worker.postMessage({ id, efg: writeEfg(tree) });
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
  }

  #receive(r: TreeAnalysisResponse): void {
    const tree = this.#pendingTree;
    if (r.id !== this.#seq || !tree) return; // stale
    this.#pendingTree = null;
    if (r.ok) this.#apply(tree, r.analysis, null);
    else this.#apply(tree, null, r.error);
  }

  #apply(tree: GameTree, analysis: TreeAnalysis | null, error: string | null): void {
    this.tree = tree;
    this.analysis = analysis;
    this.error = error;
    this.pending = false;
  }
}
