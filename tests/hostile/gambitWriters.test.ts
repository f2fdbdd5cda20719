// Found by the hostile pass (issue 10): `show <scenario> --format nfg|efg` (and `solve … --format nfg|efg`) wrote a
// float payoff below about 1e-25 (or above 1e40) as an exact fraction of more than 40 digits, which Parley's own
// readers then refuse (INPUT_LIMITS.payoffDigits). The writers now only write what the readers accept: every
// number within the limit is written and reads back to the same value; any other is refused with a GambitWriteError
// naming the value — never a file Parley cannot open.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GambitWriteError } from '../../models/games/gambitNumber';
import { makeGame } from '../../models/games/makeGame';
import { readNfg, writeNfg } from '../../models/games/nfg';
import { readEfg, writeEfg } from '../../models/games/extensive/efg';
import { treeFromGame } from '../../models/games/extensive/treeFromGame';
import type { Game } from '../../models/games/Game';

const gameWith = (v: number): Game =>
  makeGame({
    title: 't',
    players: ['a', 'b'],
    strategies: [['x', 'y'], ['z']],
    payoffs: [
      [v, 1],
      [2, -v],
    ],
  });

/** Write, then read back: the same payoffs, or a GambitWriteError naming the value (never an unreadable file). */
const roundTrip = (v: number): 'read back' | 'refused' => {
  const game = gameWith(v);
  let nfg: string;
  try {
    nfg = writeNfg(game);
  } catch (err) {
    expect(err).toBeInstanceOf(GambitWriteError);
    expect((err as Error).message).toContain(`(${String(v === 0 ? 0 : v)})`);
    expect((err as Error).message).toContain('at most 40');
    expect(() => writeEfg(treeFromGame(game), { gambitLabels: true })).toThrow(GambitWriteError);
    return 'refused';
  }
  expect(readNfg(nfg).payoffs).toEqual(game.payoffs);
  const efg = writeEfg(treeFromGame(game), { gambitLabels: true });
  expect(readEfg(efg).outcomes.flatMap((o) => o.payoffs)).toEqual(game.payoffs.flat());
  return 'read back';
};

describe('Gambit writers write only what the readers accept', () => {
  it.each([
    [1e-300, 'refused'],
    [5e-324, 'refused'],
    [1e300, 'refused'],
    [-1e-41, 'refused'],
    [1e-26, 'read back'],
    [-0, 'read back'],
    [1.2345678901234567e-20, 'read back'],
    [Number.MAX_SAFE_INTEGER, 'read back'],
  ] as const)('%s: %s', (v, expected) => {
    expect(roundTrip(v)).toBe(expected);
  });

  it('any finite float: read back exactly, or refused naming it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        roundTrip(v);
      }),
      { seed: 10, numRuns: 300 },
    );
  });
});
