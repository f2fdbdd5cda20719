// Solvers cross-checked against the independent brute-force reference (referenceSolvers.ts) on random games of
// varied shapes and on classics with known answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Game } from '../../../models/games/Game';
import { formatNum, toFloat, type Equilibrium } from '../../../models/games/Equilibrium';
import { enumMixed } from '../../../models/games/enumMixed';
import { lcp } from '../../../models/games/lemkeHowson';
import { logit, logitBranch } from '../../../models/games/logit';
import { makeGame } from '../../../models/games/makeGame';
import { pureEquilibria } from '../../../models/games/pureEquilibria';
import { logitMaxSteps } from '../../../models/games/solverLimits';
import { Rational } from '../../../models/games/Rational';
import { zeroSum } from '../../../models/games/zeroSum';
import { bimatrixGame, keysOf, lcg } from './gameHelpers';
import {
  deviations,
  q,
  qCmp,
  qParse,
  qStr,
  refPure,
  refRegret,
  supportEnumeration,
  type Q,
  type RefGame,
} from './referenceSolvers';

const toQ = (r: Rational): Q => q(r.num, r.den);
const refOf = (g: Game): RefGame => ({
  counts: g.strategies.map((s) => s.length),
  payoff: (g.exact ?? []).map((row) => row.map(toQ)),
});
const profileQ = (e: Equilibrium): Q[][] => e.profile.map((row) => row.map((v) => qParse(formatNum(v))));

/** Every returned profile is a Nash equilibrium EXACTLY (reference regret 0) and the reported payoffs match. */
const expectExactNash = (g: Game, eqs: readonly Equilibrium[]): void => {
  const ref = refOf(g);
  for (const e of eqs) {
    expect(e.exact).toBe(true);
    const x = profileQ(e);
    expect(qStr(refRegret(ref, x))).toBe('0');
    const dev = deviations(ref, x);
    e.payoffs.forEach((u, p) => {
      const expected = (dev[p] as Q[]).reduce((s, v, k) => {
        const w = (x[p] as Q[])[k] as Q;
        return q(s[0] * v[1] * w[1] + v[0] * w[0] * s[1], s[1] * v[1] * w[1]);
      }, q(0n));
      expect(formatNum(u)).toBe(qStr(expected));
    });
  }
};

const supportSize = (row: readonly unknown[]): number =>
  row.filter((v) => formatNum(v as number) !== '0').length;

/** Random bimatrix arbitrary of a given shape, with payoffs from `cell`. */
const arbShape = (
  m: number,
  n: number,
  cell: fc.Arbitrary<string>,
): fc.Arbitrary<{ A: string[][]; B: string[][] }> => {
  const mat = fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: m, maxLength: m });
  return fc.record({ A: mat, B: mat });
};
const ints = (lo: number, hi: number): fc.Arbitrary<string> => fc.integer({ min: lo, max: hi }).map(String);
const mixedCells = fc.oneof(
  ints(-20, 20),
  fc.constantFrom('1e9', '-1e9', '1/7', '-1/7', '2/3', '1/1000000', '0'),
);

const SHAPES: [number, number][] = [
  [1, 4],
  [4, 1],
  [2, 5],
  [5, 2],
  [3, 3],
  [4, 4],
];

describe('enummixed, lcp and pure vs the brute-force reference', () => {
  it('random games of varied shapes: every answer is an exact equilibrium; pure = brute force; lcp, pure ⊆ enummixed', () => {
    for (const [m, n] of SHAPES) {
      fc.assert(
        fc.property(arbShape(m, n, fc.oneof(ints(-3, 3), mixedCells)), ({ A, B }) => {
          const g = bimatrixGame(A, B);
          const all = enumMixed(g);
          expectExactNash(g, all);
          const lc = lcp(g);
          expectExactNash(g, lc);
          const pure = pureEquilibria(g);
          expectExactNash(g, pure);
          const keys = new Set(keysOf(all));
          for (const k of [...keysOf(lc), ...keysOf(pure)]) expect(keys.has(k)).toBe(true);
          const brute = refPure(refOf(g)).map((prof) => prof.join(','));
          expect(
            pure.map((e) => e.profile.map((row) => row.findIndex((v) => formatNum(v) === '1')).join(',')),
          ).toEqual(brute);
          // Every support-enumeration equilibrium (complete or not) is an extreme equilibrium too.
          const Aq = A.map((r) => r.map((v) => toQ(Rational.from(v))));
          const Bq = B.map((r) => r.map((v) => toQ(Rational.from(v))));
          for (const k of supportEnumeration(Aq, Bq)) {
            // In degenerate games a support-enumeration point may lie inside a face; only the nondegenerate ones
            // (unique best responses on both sides) must be extreme points.
            if (keys.has(k)) continue;
            expect(isDegenerate(all)).toBe(true);
          }
        }),
        { numRuns: m * n > 10 ? 25 : 40 },
      );
    }
  });

  it('nondegenerate random games: enummixed returns exactly the support-enumeration equilibria', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
          // noBias: fast-check's default bias favours small, repeated values, i.e. ties (degenerate games).
          .chain(([m, n]) =>
            arbShape(m, n, fc.noBias(fc.integer({ min: -1_000_000, max: 1_000_000 })).map(String)),
          ),
        ({ A, B }) => {
          // A tie among a player's pure best replies makes the game degenerate (the parity theorem needs
          // nondegeneracy); random payoffs in ±1e6 without ties are nondegenerate with probability ~1.
          fc.pre(hasNoPureTies(A, B));
          const g = bimatrixGame(A, B);
          const all = enumMixed(g);
          fc.pre(!isDegenerate(all));
          const Aq = A.map((r) => r.map((v) => q(BigInt(v))));
          const Bq = B.map((r) => r.map((v) => q(BigInt(v))));
          expect(keysOf(all)).toEqual(supportEnumeration(Aq, Bq));
          expect(all.length % 2).toBe(1); // nondegenerate games have an odd number of equilibria
        },
      ),
      { numRuns: 120, seed: 20251129 },
    );
  });

  it('4×4 games with many ties and constant games: every extreme point, each an exact equilibrium', () => {
    fc.assert(
      fc.property(arbShape(4, 4, ints(0, 1)), ({ A, B }) => {
        const g = bimatrixGame(A, B);
        const all = enumMixed(g);
        expectExactNash(g, all);
        expect(all.length).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
    // A constant 3×3 game: the equilibrium set is the product of the simplices; its extreme points are the 9
    // pure profiles, all connected.
    const c = Array.from({ length: 3 }, () => [5, 5, 5]);
    const all = enumMixed(bimatrixGame(c, c));
    expect(keysOf(all)).toHaveLength(9);
    expect(all.every((e) => e.profile.every((row) => supportSize(row) === 1))).toBe(true);
    expect(new Set(all.map((e) => e.component)).size).toBe(1);
  });
});

/** True when some equilibrium has more best responses than support (the game is degenerate). */
/** No column of A and no row of B has two equal entries (so no pure strategy has two pure best replies). */
const hasNoPureTies = (A: readonly string[][], B: readonly string[][]): boolean =>
  (A[0] ?? []).every((_, j) => new Set(A.map((r) => r[j])).size === A.length) &&
  B.every((r) => new Set(r).size === r.length);

const isDegenerate = (eqs: readonly Equilibrium[]): boolean =>
  eqs.some((e) => supportSize(e.profile[0] ?? []) !== supportSize(e.profile[1] ?? []));

describe('classics with known answers', () => {
  it("Shapley's 3×3 game: the unique equilibrium (1/3, 1/3, 1/3) for both, by every method", () => {
    const A = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const B = [
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ];
    const g = bimatrixGame(A, B);
    const third = '1/3,1/3,1/3|1/3,1/3,1/3';
    expect(keysOf(enumMixed(g))).toEqual([third]);
    expect(keysOf(lcp(g))).toEqual([third]);
    expect(pureEquilibria(g)).toEqual([]);
    const [lim] = logit(g);
    lim?.profile.flat().forEach((v) => expect(toFloat(v)).toBeCloseTo(1 / 3, 6));
  });

  it('a continuum: every extreme point of the equilibrium segment is returned, in one component', () => {
    // Row's first strategy strictly dominates; Col is indifferent: equilibria (1,0) × any y.
    const g = bimatrixGame(
      [
        [1, 1],
        [0, 0],
      ],
      [
        [2, 2],
        [0, 3],
      ],
    );
    const all = enumMixed(g);
    expect(keysOf(all)).toEqual(['1,0|0,1', '1,0|1,0']);
    expect(new Set(all.map((e) => e.component)).size).toBe(1);
    // von Stengel's degenerate 3×2 game: a segment of equilibria plus an isolated one.
    const d = enumMixed(
      bimatrixGame(
        [
          [3, 3],
          [2, 5],
          [0, 6],
        ],
        [
          [3, 3],
          [2, 6],
          [3, 1],
        ],
      ),
    );
    expectExactNash(
      bimatrixGame(
        [
          [3, 3],
          [2, 5],
          [0, 6],
        ],
        [
          [3, 3],
          [2, 6],
          [3, 1],
        ],
      ),
      d,
    );
    expect(keysOf(d)).toEqual(['0,1/3,2/3|1/3,2/3', '1,0,0|1,0', '1,0,0|2/3,1/3']);
  });

  it('payoffs like 1e9, -1e9 and 1/7 stay exact', () => {
    const g = bimatrixGame(
      [
        ['1e9', '-1e9'],
        ['-1e9', '1e9'],
      ],
      [
        ['-1/7', '1/7'],
        ['1/7', '-1/7'],
      ],
    );
    expect(keysOf(enumMixed(g))).toEqual(['1/2,1/2|1/2,1/2']);
    expect(keysOf(lcp(g))).toEqual(['1/2,1/2|1/2,1/2']);
  });
});

describe('zerosum vs the minimax theorem', () => {
  it('the value is guaranteed by both optimal strategies and equals every equilibrium payoff', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })).chain(([m, n]) =>
          fc.array(
            fc.array(fc.oneof(ints(-9, 9), fc.constantFrom('1/7', '-1e9', '1e9')), {
              minLength: n,
              maxLength: n,
            }),
            {
              minLength: m,
              maxLength: m,
            },
          ),
        ),
        (A) => {
          const B = A.map((r) => r.map((v) => Rational.from(v).neg().toString()));
          const g = bimatrixGame(A, B);
          const { value, equilibrium } = zeroSum(g);
          const v = qParse(formatNum(value));
          const [x, y] = profileQ(equilibrium) as [Q[], Q[]];
          const Aq = A.map((r) => r.map((c) => toQ(Rational.from(c))));
          // min_j x·A e_j = v = max_i e_i·A y (a certificate of optimality, independent of the LP).
          const colVals = Aq[0]!.map((_, j) =>
            Aq.reduce((s, r, i) => addQ(s, mulQ(x[i] as Q, r[j] as Q)), q(0n)),
          );
          const rowVals = Aq.map((r) => r.reduce((s, a, j) => addQ(s, mulQ(a, y[j] as Q)), q(0n)));
          expect(qStr(colVals.reduce((a, b) => (qCmp(a, b) <= 0 ? a : b)))).toBe(qStr(v));
          expect(qStr(rowVals.reduce((a, b) => (qCmp(a, b) >= 0 ? a : b)))).toBe(qStr(v));
          for (const e of enumMixed(g)) expect(formatNum(e.payoffs[0] as Rational)).toBe(qStr(v));
        },
      ),
      { numRuns: 80 },
    );
  });
});
const addQ = (a: Q, b: Q): Q => q(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const mulQ = (a: Q, b: Q): Q => q(a[0] * b[0], a[1] * b[1]);

describe('logit', () => {
  it('λ = 0 is the centroid; the limit is a Nash equilibrium (2 players, random shapes)', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
          .chain(([m, n]) => arbShape(m, n, ints(-50, 50))),
        ({ A, B }) => {
          const g = bimatrixGame(A, B);
          const branch = logitBranch(g);
          expect(branch.points[0]?.lambda).toBe(0);
          branch.points[0]?.profile.forEach((row) =>
            row.forEach((v) => expect(v).toBeCloseTo(1 / row.length, 12)),
          );
          const lim = branch.limit;
          expect(lim).toBeDefined();
          if (lim?.exact) expect(qStr(refRegret(refOf(g), profileQ(lim)))).toBe('0');
          else
            expect(
              floatRegret(
                g,
                (lim?.profile ?? []).map((row) => row.map(toFloat)),
              ),
            ).toBeLessThanOrEqual(1e-6 * 100);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('3-player games: the limit has zero regret within tolerance', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 3 }), {
          minLength: 12,
          maxLength: 12,
        }),
        (payoffs) => {
          const g = nPlayer([2, 3, 2], payoffs);
          const branch = logitBranch(g);
          const prof = branch.limit.profile.map((row) => row.map(toFloat));
          expect(floatRegret(g, prof)).toBeLessThanOrEqual(1e-6 * 9);
          branch.points[0]?.profile.forEach((row) =>
            row.forEach((v) => expect(v).toBeCloseTo(1 / row.length, 12)),
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});

const nPlayer = (counts: number[], payoffs: number[][]): Game =>
  makeGame({
    title: 'n',
    players: counts.map((_, i) => `P${i}`),
    strategies: counts.map((c) => Array.from({ length: c }, (_, k) => `s${k}`)),
    payoffs,
  });

/** Float regret computed by brute force over every profile (independent of regret.ts). */
const floatRegret = (g: Game, prof: readonly (readonly number[])[]): number => {
  const counts = g.strategies.map((s) => s.length);
  const dev = counts.map((c) => new Array<number>(c).fill(0));
  g.payoffs.forEach((row, k) => {
    let rest = k;
    const idx = counts.map((c) => {
      const s = rest % c;
      rest = Math.floor(rest / c);
      return s;
    });
    idx.forEach((s, p) => {
      let w = 1;
      idx.forEach((t, r) => (w *= r === p ? 1 : (prof[r]?.[t] ?? 0)));
      (dev[p] as number[])[s] = ((dev[p] as number[])[s] as number) + w * (row[p] as number);
    });
  });
  let worst = 0;
  dev.forEach((vals, p) => {
    const u = vals.reduce((s, v, k) => s + v * (prof[p]?.[k] ?? 0), 0);
    worst = Math.max(worst, Math.max(...vals) - u);
  });
  return worst;
};

describe('N-player pure equilibria vs brute force', () => {
  it('3- and 4-player games (including ties)', () => {
    for (const counts of [
      [2, 2, 2],
      [3, 2, 2],
      [2, 2, 2, 2],
      [3, 1, 2, 2],
    ]) {
      const total = counts.reduce((a, b) => a * b, 1);
      fc.assert(
        fc.property(
          fc.array(
            fc.array(fc.integer({ min: 0, max: 3 }), { minLength: counts.length, maxLength: counts.length }),
            {
              minLength: total,
              maxLength: total,
            },
          ),
          (payoffs) => {
            const g = nPlayer(counts, payoffs);
            const pure = pureEquilibria(g);
            expectExactNash(g, pure);
            const got = pure.map((e) =>
              e.profile.map((row) => row.findIndex((v) => formatNum(v) === '1')).join(','),
            );
            expect(got).toEqual(refPure(refOf(g)).map((p) => p.join(',')));
          },
        ),
        { numRuns: 40 },
      );
    }
  });
});

describe('the reference itself', () => {
  it('flags non-equilibria and finds the known equilibria (so the cross-checks can fail)', () => {
    const mp = bimatrixGame(
      [
        [1, -1],
        [-1, 1],
      ],
      [
        [-1, 1],
        [1, -1],
      ],
    );
    expect(
      qStr(
        refRegret(refOf(mp), [
          [q(1n), q(0n)],
          [q(1n), q(0n)],
        ]),
      ),
    ).toBe('2');
    expect(refPure(refOf(mp))).toEqual([]);
    const bos = [
      [q(2n), q(0n)],
      [q(0n), q(1n)],
    ];
    const bosB = [
      [q(1n), q(0n)],
      [q(0n), q(2n)],
    ];
    expect(supportEnumeration(bos, bosB)).toEqual(['0,1|0,1', '1,0|1,0', '2/3,1/3|1/3,2/3']);
  });
});

describe('logit on badly scaled payoffs', () => {
  it('1e9 next to 1/7 and 1/3: the limit is still a verified equilibrium (it used to throw)', () => {
    const payoffs = [
      ['1e9', '1/7'],
      ['1e9', '1/7'],
      ['1/3', '-1e9'],
      ['1/3', '0'],
      ['-1e9', '0'],
      ['1/7', '1/7'],
      ['1/3', '-1e9'],
      ['1/3', '1e9'],
      ['1/7', '1/7'],
      ['1/3', '0'],
      ['1/3', '1/3'],
      ['1/7', '-1e9'],
      ['1/3', '1e9'],
      ['0', '1/3'],
      ['0', '1e9'],
      ['1/3', '0'],
      ['0', '0'],
      ['-1e9', '-1e9'],
      ['1e9', '0'],
      ['-1e9', '-1e9'],
    ];
    const g = makeGame({
      title: 'scaled',
      players: ['a', 'b'],
      strategies: [
        ['0', '1', '2', '3', '4'],
        ['0', '1', '2', '3'],
      ],
      payoffs,
    });
    const [lim] = logit(g);
    expect(lim?.exact).toBe(true);
    expect(qStr(refRegret(refOf(g), profileQ(lim as Equilibrium)))).toBe('0');
    const floatGame = makeGame({ ...g, payoffs, exact: false });
    const [fl] = logit(floatGame);
    expect(
      floatRegret(
        floatGame,
        (fl?.profile ?? []).map((row) => row.map(toFloat)),
      ),
    ).toBeLessThanOrEqual(2);
  });
});

describe('logit on a 30×30 game', () => {
  // Bounded work, not time: the branch is traced within the CLI's step budget (logitMaxSteps, a SolverLimitError
  // otherwise); the refinement that used to enumerate every equilibrium, for hours, is gone.
  it('returns a verified equilibrium within the step budget (its refinement used to enumerate every equilibrium)', () => {
    const r = lcg(12345);
    const g = nPlayer(
      [30, 30],
      Array.from({ length: 900 }, () => [Math.floor(r() * 100), Math.floor(r() * 100)]),
    );
    const [lim] = logit(g, { maxSteps: logitMaxSteps(g) });
    expect(
      floatRegret(
        g,
        (lim?.profile ?? []).map((row) => row.map(toFloat)),
      ),
    ).toBeLessThanOrEqual(1e-7);
  });
});
