// The Game view's ".nfg" button: the one-round game on screen as a Gambit strategic-form file (models/games/nfg's
// writer, the same one as `parley show --format nfg`), named <scenario>-round-<N>.nfg.
import type { Game } from '../../../models/games/Game';
import type { Platform, SaveResult } from '../platform/Platform';

/** The file name for round `round` of scenario `id` (a file-name-safe id: scenario ids are [A-Za-z0-9_-]). */
export const gameNfgName = (id: string, round: number): string =>
  `${id.replace(/[^A-Za-z0-9_-]/g, '_') || 'game'}-round-${round}.nfg`;

export const exportGameNfg = async (
  platform: Platform,
  game: Game,
  id: string,
  round: number,
): Promise<SaveResult> => {
  const { writeNfg } = await import('../../../models/games/nfg');
  return platform.exportFile('nfg', gameNfgName(id, round), [writeNfg(game)]);
};
