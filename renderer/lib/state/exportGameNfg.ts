// The Game view's provenance (what the game on screen is: scenario, hash, parameter values, round; exact, no seed)
// and its ".nfg" export: the one-round game as a Gambit strategic-form file (models/games/nfg's writer, the same one
// as `parley show --format nfg`), named <scenario>-round-<N>.nfg, with its provenance in <scenario>-round-<N>.json.
import { version as appVersion } from '../../../package.json';
import type { Game } from '../../../models/games/Game';
import { makeProvenance, type Provenance } from '../../../models/engine/Provenance';
import type { ModelSpec } from '../../../models/scenario/RuntimeModel';
import type { Platform, SaveResult } from '../platform/Platform';
import { overridesFor } from './RunSettingsState.svelte';

/** The file name for round `round` of scenario `id` (a file-name-safe id: scenario ids are [A-Za-z0-9_-]). */
export const gameNfgName = (id: string, round: number): string =>
  `${id.replace(/[^A-Za-z0-9_-]/g, '_') || 'game'}-round-${round}.nfg`;

/** What the Game view shows: `spec`'s one-round game of `round` at `paramValues` (exact: no seed, no trials). */
export const gameProvenance = (
  spec: ModelSpec,
  paramValues: Readonly<Record<string, number>>,
  round: number,
  startedAt: string,
): Provenance =>
  makeProvenance(
    spec,
    { seed: null, trials: null, overrides: overridesFor(spec, paramValues) },
    { kind: 'game', round },
    { appVersion, startedAt },
  );

/** The .nfg, then its provenance sidecar (the result of the first save, or of the sidecar when that fails). */
export const exportGameNfg = async (
  platform: Platform,
  game: Game,
  provenance: Provenance,
): Promise<SaveResult> => {
  const [{ writeNfg }, { GambitWriteError }] = await Promise.all([
    import('../../../models/games/nfg'),
    import('../../../models/games/gambitNumber'),
  ]);
  const round = provenance.detail.kind === 'game' ? provenance.detail.round : 1;
  const name = gameNfgName(provenance.scenario.id, round);
  let text: string;
  try {
    text = writeNfg(game);
  } catch (err) {
    // a payoff the .nfg readers would refuse (e.g. 1e-300): said, nothing written
    if (err instanceof GambitWriteError) return { ok: false, canceled: false, error: `${err.message}.` };
    throw err;
  }
  const r = await platform.exportFile('nfg', name, [text]);
  if (!r.ok) return r;
  const side = await platform.exportFile('json', name.replace(/\.nfg$/, '.json'), [
    `${JSON.stringify({ file: name, provenance }, null, 2)}\n`,
  ]);
  return side.ok ? r : side;
};
