import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { flatPayoffs, pureEquilibria, pureEquilibriumIndices } from '../../../models/games/pureEquilibria';
import { lemkeHowson, lemkeHowsonFast, lemkeHowsonFloat } from '../../../models/games/lemkeHowson';
import { logitBranch, logitQre } from '../../../models/games/logit';
import { deviationPayoffsFloat } from '../../../models/games/regret';
import { makeGame, profileIndex, profileOf } from '../../../models/games/makeGame';
import { toFloat } from '../../../models/games/Equilibrium';
import { arbBimatrix, bimatrixGame } from './gameHelpers';

const arbGameN = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }).chain((counts) =>
  fc
    .array(
      fc.array(fc.integer({ min: -3, max: 3 }), { minLength: counts.length, maxLength: counts.length }),
      {
        minLength: counts.reduce((a, b) => a * b, 1),
        maxLength: counts.reduce((a, b) => a * b, 1),
      },
    )
    .map((payoffs) =>
      makeGame({
        title: '',
        players: counts.map((_, i) => `p${i}`),
        strategies: counts.map((c) => Array.from({ length: c }, (_, k) => `s${k}`)),
        payoffs,
      }),
    ),
);

describe('fast float entry points', () => {
  it('pureEquilibriumIndices matches the exact pure solver on N-player games', () => {
    fc.assert(
      fc.property(arbGameN, (g) => {
        const fast = pureEquilibriumIndices(
          g.strategies.map((s) => s.length),
          flatPayoffs(g),
        );
        const exact = pureEquilibria(g).map((e) =>
          profileIndex(
            g,
            e.profile.map((row) => row.findIndex((v) => String(v) === '1')),
          ),
        );
        expect(fast).toEqual(exact);
        for (const i of fast) expect(profileIndex(g, profileOf(g, i))).toBe(i);
      }),
      { numRuns: 150 },
    );
  });

  it('lemkeHowsonFloat agrees with exact Lemke–Howson on nondegenerate games', () => {
    fc.assert(
      fc.property(arbBimatrix(5, 0, 1000), fc.nat(), ({ A, B }, seed) => {
        const m = A.length;
        const n = (A[0] ?? []).length;
        const label = seed % (m + n);
        const flatA = A.flat();
        const flatB = B.flat();
        const r = lemkeHowsonFloat(m, n, flatA, flatB, label);
        expect(r).not.toBeNull();
        const ex = lemkeHowson(bimatrixGame(A, B), label);
        const [x, y] = r as [Float64Array, Float64Array];
        ex.profile[0]?.forEach((v, i) => expect(x[i]).toBeCloseTo(toFloat(v), 9));
        ex.profile[1]?.forEach((v, j) => expect(y[j]).toBeCloseTo(toFloat(v), 9));
        const fast = lemkeHowsonFast(bimatrixGame(A, B, { exact: false }), label);
        expect(fast.exact).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('lemkeHowsonFast verifies on degenerate games too', () => {
    fc.assert(
      fc.property(arbBimatrix(4, 0, 2), ({ A, B }) => {
        const g = bimatrixGame(A, B, { exact: false });
        const e = lemkeHowsonFast(g, 0);
        expect(e.regret as number).toBeLessThanOrEqual(1e-9 * 2);
      }),
      { numRuns: 100 },
    );
  });

  it('logitQre is the logit fixed point on the principal branch', () => {
    fc.assert(
      fc.property(arbGameN, fc.double({ min: 0, max: 20, noNaN: true }), (g, lambda) => {
        const q = logitQre(g, lambda);
        const dev = deviationPayoffsFloat(g, q);
        q.forEach((row, p) => {
          const u = dev[p] as number[];
          const mx = Math.max(...u);
          const w = u.map((v) => Math.exp(lambda * (v - mx)));
          const s = w.reduce((a, b) => a + b, 0);
          row.forEach((v, k) => expect(v).toBeCloseTo((w[k] as number) / s, 8));
        });
      }),
      { numRuns: 60 },
    );
  });

  it('logitQre(0) is the centroid and matches the traced branch', () => {
    const g = bimatrixGame(
      [
        [3, 3],
        [2, 5],
        [0, 6],
      ],
      [
        [3, 2],
        [2, 6],
        [3, 1],
      ],
      { exact: false },
    );
    const c = logitQre(g, 0);
    [
      [1 / 3, 1 / 3, 1 / 3],
      [0.5, 0.5],
    ].forEach((row, p) => row.forEach((v, k) => expect(c[p]?.[k]).toBeCloseTo(v, 15)));
    const branch = logitBranch(g);
    for (const pt of branch.points.filter((p) => p.lambda > 0 && p.lambda < 50)) {
      const q = logitQre(g, pt.lambda);
      q.forEach((row, p) => row.forEach((v, k) => expect(v).toBeCloseTo(pt.profile[p]?.[k] as number, 7)));
    }
    expect(() => logitQre(g, -1)).toThrow(/λ must be a finite number >= 0/);
  });
});
