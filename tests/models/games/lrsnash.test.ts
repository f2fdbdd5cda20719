// enummixed against lrslib's lrsnash (an independent exact solver, D. Avis): the same set of extreme equilibria
// on random games, nondegenerate and degenerate. Skipped, with a message, where lrsnash is not installed
// (apt-get install lrslib; CI installs it).
import { describe, expect, it } from 'vitest';
import { lrsnashAvailable, runLrsnash } from '../../../bench/lrsnash';
import { enumMixed } from '../../../models/games/enumMixed';
import { formatNum } from '../../../models/games/Equilibrium';
import { bimatrixGame, lcg } from './gameHelpers';

const available = lrsnashAvailable();
if (!available)
  console.warn('lrsnash is not installed (apt-get install lrslib): enummixed vs lrsnash skipped');

describe.skipIf(!available)('enummixed vs lrsnash', () => {
  it('the same extreme equilibria on random games up to 9×9, degenerate ones included', () => {
    let compared = 0;
    for (const [m, n, values, games] of [
      [3, 3, 3, 15],
      [4, 6, 4, 10],
      [6, 4, 100, 10],
      [7, 7, 100, 8],
      [5, 8, 3, 6],
      [9, 9, 100, 4],
    ] as const) {
      for (let s = 1; s <= games; s++) {
        const r = lcg(104729 * s + 31 * m + n);
        const mat = (): number[][] =>
          Array.from({ length: m }, () => Array.from({ length: n }, () => Math.floor(r() * values)));
        const g = bimatrixGame(mat(), mat());
        const ours = enumMixed(g)
          .map((e) => e.profile.map((row) => row.map(formatNum).join(',')).join('|'))
          .sort();
        expect(ours).toEqual(runLrsnash(g).equilibria);
        compared++;
      }
    }
    expect(compared).toBe(53);
  }, 60_000);
});
