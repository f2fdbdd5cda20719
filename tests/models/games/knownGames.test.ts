import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enumMixed } from '../../../models/games/enumMixed';
import { lcp, lemkeHowson } from '../../../models/games/lemkeHowson';
import { pureEquilibria } from '../../../models/games/pureEquilibria';
import { logit, logitBranch, LogitLimitError } from '../../../models/games/logit';
import { zeroSum } from '../../../models/games/zeroSum';
import { readNfg } from '../../../models/games/nfg';
import { regret } from '../../../models/games/regret';
import { formatNum } from '../../../models/games/Equilibrium';
import { makeGame } from '../../../models/games/makeGame';
import { Rational } from '../../../models/games/Rational';
import { bimatrixGame, key, keysOf } from './gameHelpers';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/nfg/${name}`, import.meta.url), 'utf8');

const neg = (A: number[][]): number[][] => A.map((r) => r.map((v) => -v));

describe('known games (exact results)', () => {
  it('matching pennies: unique (1/2,1/2) equilibrium, value 0', () => {
    const A = [
      [1, -1],
      [-1, 1],
    ];
    const g = bimatrixGame(A, neg(A));
    const expected = [key(['1/2', '1/2'], ['1/2', '1/2'])];
    expect(keysOf(enumMixed(g))).toEqual(expected);
    expect(keysOf(lcp(g))).toEqual(expected);
    expect(pureEquilibria(g)).toEqual([]);
    expect(keysOf(logit(g))).toEqual(expected);
    const zs = zeroSum(g);
    expect(formatNum(zs.value)).toBe('0');
    expect(keysOf([zs.equilibrium])).toEqual(expected);
    expect(enumMixed(g)[0]?.payoffs.map(formatNum)).toEqual(['0', '0']);
  });

  it('battle of the sexes: two pure and (2/3,1/3),(1/3,2/3)', () => {
    const g = bimatrixGame(
      [
        [2, 0],
        [0, 1],
      ],
      [
        [1, 0],
        [0, 2],
      ],
    );
    const eqs = enumMixed(g);
    expect(keysOf(eqs)).toEqual(
      [key(['0', '1'], ['0', '1']), key(['1', '0'], ['1', '0']), key(['2/3', '1/3'], ['1/3', '2/3'])].sort(),
    );
    const mixed = eqs.find((e) => formatNum(e.profile[0]?.[0] as Rational) === '2/3');
    expect(mixed?.payoffs.map(formatNum)).toEqual(['2/3', '2/3']);
    expect(keysOf(pureEquilibria(g))).toEqual(
      [key(['0', '1'], ['0', '1']), key(['1', '0'], ['1', '0'])].sort(),
    );
    expect(keysOf(lcp(g))).toEqual(keysOf(eqs));
    // The principal logit branch of this symmetric game ends at the mixed equilibrium.
    expect(keysOf(logit(g))).toEqual([key(['2/3', '1/3'], ['1/3', '2/3'])]);
    expect(eqs.every((e) => e.exact && e.regret instanceof Rational && e.regret.isZero())).toBe(true);
  });

  const stengelA = [
    [3, 3],
    [2, 5],
    [0, 6],
  ];
  it("von Stengel's 3×2 game: its three equilibria", () => {
    const g = bimatrixGame(stengelA, [
      [3, 2],
      [2, 6],
      [3, 1],
    ]);
    const expected = [
      key(['1', '0', '0'], ['1', '0']),
      key(['4/5', '1/5', '0'], ['2/3', '1/3']),
      key(['0', '1/3', '2/3'], ['1/3', '2/3']),
    ].sort();
    expect(keysOf(enumMixed(g))).toEqual(expected);
    expect(keysOf(lcp(g))).toEqual(expected);
    const byKey = new Map(enumMixed(g).map((e) => [keysOf([e])[0], e.payoffs.map(formatNum)]));
    expect(byKey.get(key(['4/5', '1/5', '0'], ['2/3', '1/3']))).toEqual(['3', '14/5']);
    expect(byKey.get(key(['0', '1/3', '2/3'], ['1/3', '2/3']))).toEqual(['4', '8/3']);
    expect(byKey.get(key(['1', '0', '0'], ['1', '0']))).toEqual(['3', '3']);
    // Each LH path ends at one of them.
    for (let k = 0; k < 5; k++) expect(expected).toContain(keysOf([lemkeHowson(g, k)])[0]);
  });

  it('the degenerate variant returns all three extreme equilibria (one continuum)', () => {
    const g = bimatrixGame(stengelA, [
      [3, 3],
      [2, 6],
      [3, 1],
    ]);
    const eqs = enumMixed(g);
    expect(keysOf(eqs)).toEqual(
      [
        key(['1', '0', '0'], ['1', '0']),
        key(['1', '0', '0'], ['2/3', '1/3']),
        key(['0', '1/3', '2/3'], ['1/3', '2/3']),
      ].sort(),
    );
    // (1,0,0) against anything between (1,0) and (2/3,1/3) is one connected component.
    const comp = (k: string): number | undefined => eqs.find((e) => keysOf([e])[0] === k)?.component;
    expect(comp(key(['1', '0', '0'], ['1', '0']))).toBe(comp(key(['1', '0', '0'], ['2/3', '1/3'])));
    expect(comp(key(['1', '0', '0'], ['1', '0']))).not.toBe(comp(key(['0', '1/3', '2/3'], ['1/3', '2/3'])));
    // lcp never cycles and everything it finds is extreme.
    const all = new Set(keysOf(eqs));
    for (const e of lcp(g)) expect(all.has(keysOf([e])[0] as string)).toBe(true);
  });

  it('n×n identity coordination games have exactly 2^n − 1 equilibria', () => {
    for (let n = 1; n <= 6; n++) {
      const I = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
      const eqs = enumMixed(bimatrixGame(I, I));
      expect(eqs).toHaveLength(2 ** n - 1);
      // Each equilibrium: both players uniform on the same support.
      for (const e of eqs)
        expect(formatNum(e.profile[0]?.find((v) => !(v as Rational).isZero()) as Rational)).toBe(
          formatNum(e.profile[1]?.find((v) => !(v as Rational).isZero()) as Rational),
        );
    }
  });

  it('rock-paper-scissors: unique uniform equilibrium, value 0', () => {
    const A = [
      [0, -1, 1],
      [1, 0, -1],
      [-1, 1, 0],
    ];
    const g = bimatrixGame(A, neg(A));
    const u = ['1/3', '1/3', '1/3'];
    expect(keysOf(enumMixed(g))).toEqual([key(u, u)]);
    expect(keysOf(lcp(g))).toEqual([key(u, u)]);
    expect(keysOf(logit(g))).toEqual([key(u, u)]);
    expect(formatNum(zeroSum(g).value)).toBe('0');
  });

  it('chicken: two pure equilibria and (9/10, 1/10) mixed', () => {
    const g = bimatrixGame(
      [
        [0, -1],
        [1, -10],
      ],
      [
        [0, 1],
        [-1, -10],
      ],
    );
    const eqs = enumMixed(g);
    expect(keysOf(eqs)).toEqual(
      [
        key(['1', '0'], ['0', '1']),
        key(['0', '1'], ['1', '0']),
        key(['9/10', '1/10'], ['9/10', '1/10']),
      ].sort(),
    );
    expect(
      eqs.find((e) => formatNum(e.profile[0]?.[0] as Rational) === '9/10')?.payoffs.map(formatNum),
    ).toEqual(['-1/10', '-1/10']);
    expect(keysOf(pureEquilibria(g))).toEqual(
      [key(['1', '0'], ['0', '1']), key(['0', '1'], ['1', '0'])].sort(),
    );
  });

  it('a 3-player 2×2×2 game (McKelvey–McLennan) with pure and mixed equilibria', () => {
    const g = readNfg(fixture('mckelvey2x2x2.nfg'), 'mckelvey2x2x2.nfg');
    expect(g.players).toHaveLength(3);
    const pure = pureEquilibria(g);
    expect(pure.map((e) => e.profile.map((r) => r.map(formatNum).join(',')).join('|')).sort()).toEqual(
      ['1,0|1,0|1,0', '0,1|0,1|1,0', '0,1|1,0|0,1', '1,0|0,1|0,1'].sort(),
    );
    const branch = logitBranch(g);
    const lim = branch.limit;
    expect(lim.exact).toBe(true);
    expect(lim.profile.map((r) => r.map(formatNum).join(',')).join('|')).toBe('1/2,1/2|1/2,1/2|1,0');
    expect((regret(g, lim.profile) as Rational).isZero()).toBe(true);
    // A mixed equilibrium: not pure.
    expect(lim.profile.some((r) => r.every((v) => !(v as Rational).equals(Rational.ONE)))).toBe(true);
    expect(branch.points[0]?.lambda).toBe(0);
    expect(branch.points[0]?.profile).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
    expect(branch.points.at(-1)?.lambda).toBeCloseTo(1e6, 0);
  });

  it("von Stengel's 6×6 game has 75 equilibria (enummixed and the LH graph agree)", () => {
    const g = readNfg(fixture('stengel6x6.nfg'), 'stengel6x6.nfg');
    const eqs = enumMixed(g);
    expect(eqs).toHaveLength(75);
    const all = new Set(keysOf(eqs));
    const found = lcp(g);
    for (const e of found) expect(all.has(keysOf([e])[0] as string)).toBe(true);
    expect(found.length).toBeGreaterThan(0);
  });

  it('a game where everyone is indifferent: every pure profile is an extreme equilibrium', () => {
    const g = bimatrixGame(
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
      [
        [2, 2, 2],
        [2, 2, 2],
      ],
    );
    expect(enumMixed(g)).toHaveLength(6);
    expect(new Set(enumMixed(g).map((e) => e.component)).size).toBe(1);
    expect(pureEquilibria(g)).toHaveLength(6);
  });

  it('float-mode games give float equilibria that verify', () => {
    const g = bimatrixGame(
      [
        [2, 0],
        [0, 1],
      ],
      [
        [1, 0],
        [0, 2],
      ],
      { exact: false },
    );
    const eqs = enumMixed(g);
    expect(eqs).toHaveLength(3);
    expect(eqs.every((e) => !e.exact && typeof e.regret === 'number')).toBe(true);
    expect(eqs.some((e) => Math.abs((e.profile[0]?.[0] as number) - 2 / 3) < 1e-15)).toBe(true);
    expect(pureEquilibria(g)).toHaveLength(2);
    expect(logit(g)[0]?.exact).toBe(false);
  });

  it('one-player games', () => {
    const g = makeGame({
      title: 'solo',
      players: ['P'],
      strategies: [['a', 'b', 'c']],
      payoffs: [[1], [3], [3]],
    });
    expect(pureEquilibria(g)).toHaveLength(2);
    expect(keysOf(logit(g))).toEqual(['0,1/2,1/2']);
  });

  it('logit follows a branch with a sharp fold (regression: a degenerate 2×2×3×2 game)', () => {
    const payoffs = [
      [2, 0, 2, 0],
      [1, 1, 0, 0],
      [0, 2, 1, 1],
      [0, 1, 0, 2],
      [1, 2, 1, 0],
      [2, 0, 2, 2],
      [0, 2, 1, 1],
      [1, 0, 0, 0],
      [0, 1, 1, 2],
      [0, 1, 1, 2],
      [0, 0, 2, 0],
      [0, 0, 0, 0],
      [2, 1, 1, 1],
      [0, 0, 2, 1],
      [1, 0, 0, 0],
      [0, 0, 1, 2],
      [1, 1, 2, 0],
      [2, 2, 1, 1],
      [0, 2, 0, 1],
      [2, 1, 1, 2],
      [1, 0, 0, 0],
      [0, 1, 1, 1],
      [0, 0, 0, 0],
      [0, 2, 1, 0],
    ];
    const g = makeGame({
      title: 'fold',
      players: ['a', 'b', 'c', 'd'],
      strategies: [
        ['0', '1'],
        ['0', '1'],
        ['0', '1', '2'],
        ['0', '1'],
      ],
      payoffs,
    });
    const { points, limit } = logitBranch(g);
    expect(regret(g, limit.profile)).toSatisfy((r: Rational | number) =>
      r instanceof Rational ? r.isZero() : r <= 2e-9,
    );
    // λ turns back at the fold but never returns to 0.
    expect(Math.max(...points.map((p) => p.lambda))).toBeGreaterThan(1e5);
    expect(points.slice(1).every((p) => p.lambda > 0)).toBe(true);
  });
});

describe('logit failure is typed', () => {
  it('a badly scaled 3-player game: LogitLimitError carrying the end point’s regret, never a non-equilibrium', () => {
    const g = readNfg(fixture('badly-scaled-3p.nfg'), 'badly-scaled-3p.nfg');
    let caught: unknown = null;
    try {
      logitBranch(g);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LogitLimitError);
    expect((caught as LogitLimitError).endRegret).toBeGreaterThan(1e-9 * 18.2);
  });
});
