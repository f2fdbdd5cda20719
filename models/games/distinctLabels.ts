// Names to show for a game's players and strategies when some are empty or repeated (a Gambit .nfg file may leave
// labels empty, `""`, or give two strategies the same label): rows, columns and CSV headers must stay
// distinguishable. A player whose strategy labels are not all non-empty and distinct has EVERY strategy named by its
// 1-based index (1, 2, …) — distinct by construction, whatever the other labels are; likewise every player is named
// by its 1-based index when the player names are not all non-empty and distinct. A CSV header is then
// `<player>:<index>`. Labels that are already fine are returned unchanged.
import type { Game } from './Game';

const allDistinct = (labels: readonly string[]): boolean =>
  labels.every((l) => l.trim() !== '') && new Set(labels).size === labels.length;

const indices = (n: number): string[] => Array.from({ length: n }, (_, k) => String(k + 1));

export type GameLabels = {
  readonly players: readonly string[];
  readonly strategies: readonly (readonly string[])[];
};

/** The game's player and strategy labels, with the index fallback above where they are empty or repeated. */
export const distinctLabels = (game: Pick<Game, 'players' | 'strategies'>): GameLabels => ({
  players: allDistinct(game.players) ? game.players : indices(game.players.length),
  strategies: game.strategies.map((s) => (allDistinct(s) ? s : indices(s.length))),
});

/** The game with distinctLabels applied (payoffs untouched). */
export const withDistinctLabels = <G extends Pick<Game, 'players' | 'strategies'>>(game: G): G => ({
  ...game,
  ...distinctLabels(game),
});
