// The game tree shown in the Tree view: a built-in classic or a Gambit .efg file (dropped on the window), with its
// teaching notes, and which equilibrium the view shows at the information sets. A tree is not a scenario: opening
// one never touches the document (its text, undo history or file).
import { EfgError, readEfg } from '../../../models/games/extensive/efg';
import type { GameTree } from '../../../models/games/extensive/GameTree';

export type TreeSource = {
  /** What the tree is shown as (its title). */
  readonly title: string;
  /** Markdown teaching notes, or "" when none. */
  readonly notes: string;
  /** Where it came from: "built-in" or the file's name. */
  readonly origin: string;
  /** The built-in game's id, else null. */
  readonly builtinId: string | null;
};

/** A built-in classic as the library lists it. */
export type BuiltinGameInfo = {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly notes: string;
};

/** The built-in classic games, loaded on first use (kept out of the first paint). */
const loadBuiltinGames = () => import('../../../models/scenario/builtinGames');

/** Which equilibrium the view shows: a solver's method and the equilibrium's index in its list. */
export type TreeSelection = { readonly method: string; readonly index: number };

export class GameTreeState {
  tree = $state.raw<GameTree | null>(null);
  source = $state.raw<TreeSource | null>(null);
  /** The last file that could not be opened (path-bearing message), or null. */
  error = $state<string | null>(null);
  /** The equilibrium shown; the first subgame-perfect one by default. */
  selection = $state.raw<TreeSelection>({ method: 'spe', index: 0 });
  /** The built-in classic games (empty until loadBuiltins resolves). */
  builtins = $state.raw<readonly BuiltinGameInfo[]>([]);

  /** Load the list of built-in classic games (once). */
  async loadBuiltins(): Promise<void> {
    if (this.builtins.length > 0) return;
    const { builtinGames } = await loadBuiltinGames();
    this.builtins = builtinGames.map((g) => ({
      id: g.id,
      title: g.title,
      summary: g.summary,
      notes: g.notes,
    }));
  }

  /** Show a built-in classic game with its teaching notes; false (and `error`) for an unknown id. */
  async openBuiltin(id: string): Promise<boolean> {
    const { builtinGame, builtinGameTree } = await loadBuiltinGames();
    const game = builtinGame(id);
    try {
      const tree = builtinGameTree(id);
      this.show(tree, {
        title: game?.title ?? tree.title,
        notes: game?.notes ?? '',
        origin: 'built-in',
        builtinId: id,
      });
      return true;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      return false;
    }
  }

  /** Show a tree (replaces the one shown; the selection returns to the first subgame-perfect equilibrium). */
  show(tree: GameTree, source: TreeSource): void {
    this.tree = tree;
    this.source = source;
    this.error = null;
    this.selection = { method: 'spe', index: 0 };
  }

  /** Open a Gambit .efg file's text; false (and `error` says why, with file and line) when it cannot be read. */
  openEfg(text: string, name: string): boolean {
    try {
      const tree = readEfg(text, name);
      this.show(tree, { title: tree.title || name, notes: tree.comment, origin: name, builtinId: null });
      return true;
    } catch (e) {
      this.error = e instanceof EfgError || e instanceof Error ? e.message : String(e);
      return false;
    }
  }

  select(selection: TreeSelection): void {
    this.selection = selection;
  }

  /** Close the opened tree (the Tree view returns to the scenario's round, if it is a tree). */
  close(): void {
    this.tree = null;
    this.source = null;
    this.error = null;
    this.selection = { method: 'spe', index: 0 };
  }
}
