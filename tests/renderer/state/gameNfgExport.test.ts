// The app's .nfg export uses the same writer as `show --format nfg`: a payoff the readers would refuse (1e-300) is
// said in the export's error and nothing is written (the writer's GambitWriteError used to escape as an unhandled
// rejection once the writer refused; before that, an unreadable file was written).
import { describe, expect, it, vi } from 'vitest';
import { makeGame } from '../../../models/games/makeGame';
import type { Provenance } from '../../../models/engine/Provenance';
import { exportGameNfg } from '../../../renderer/lib/state/exportGameNfg';
import type { Platform } from '../../../renderer/lib/platform/Platform';

describe('the Game view .nfg export of a payoff the readers refuse', () => {
  it('returns an error naming the value and writes nothing', async () => {
    const exportFile = vi.fn();
    const platform = { exportFile } as unknown as Platform;
    const game = makeGame({
      title: 't',
      players: ['a', 'b'],
      strategies: [['x'], ['y']],
      payoffs: [[1e-300, 1]],
    });
    const provenance = { detail: { kind: 'game', round: 1 }, scenario: { id: 's' } } as unknown as Provenance;
    const r = await exportGameNfg(platform, game, provenance);
    expect(r).toMatchObject({ ok: false, canceled: false, error: expect.stringContaining('(1e-300)') });
    expect(exportFile).not.toHaveBeenCalled();
  });
});
