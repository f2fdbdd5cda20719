import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { enumMixed } from '../../../models/games/enumMixed';
import { lcp } from '../../../models/games/lemkeHowson';
import { pureEquilibria } from '../../../models/games/pureEquilibria';
import { logit } from '../../../models/games/logit';
import { zeroSum } from '../../../models/games/zeroSum';
import { iteratedElimination } from '../../../models/games/iteratedElimination';
import { maxmin } from '../../../models/games/maxmin';
import { regret } from '../../../models/games/regret';
import { Rational } from '../../../models/games/Rational';
import { solveExactUnique } from '../../../models/games/linearSolve';
import type { Game } from '../../../models/games/Game';
import { makeGame } from '../../../models/games/makeGame';
import { arbBimatrix, bimatrixGame, keysOf } from './gameHelpers';

const zeroRegret = (g: Game, profile: readonly (readonly (Rational | number)[])[]): boolean => {
  const r = regret(g, profile);
  return r instanceof Rational && r.isZero();
};

/** Independent brute force: all equilibria with equal-size supports (complete for nondegenerate games). */
const supportEnumeration = (A: number[][], B: number[][]): string[] => {
  const m = A.length;
  const n = (A[0] ?? []).length;
  const g = bimatrixGame(A, B);
  const subsets = (k: number): number[][] => {
    const out: number[][] = [];
    for (let mask = 1; mask < 1 << k; mask++)
      out.push(Array.from({ length: k }, (_, i) => i).filter((i) => mask & (1 << i)));
    return out;
  };
  const R = (v: number): Rational => Rational.from(v);
  const found: string[] = [];
  for (const S of subsets(m)) {
    for (const T of subsets(n)) {
      if (S.length !== T.length) continue;
      // y on T making rows in S indifferent; x on S making columns in T indifferent.
      const ySol = solveExactUnique(
        [
          ...S.map((i) => [...T.map((j) => R(A[i]?.[j] as number)), Rational.ONE.neg()]),
          [...T.map(() => Rational.ONE), Rational.ZERO],
        ],
        [...S.map(() => Rational.ZERO), Rational.ONE],
      );
      const xSol = solveExactUnique(
        [
          ...T.map((j) => [...S.map((i) => R(B[i]?.[j] as number)), Rational.ONE.neg()]),
          [...S.map(() => Rational.ONE), Rational.ZERO],
        ],
        [...T.map(() => Rational.ZERO), Rational.ONE],
      );
      if (!xSol || !ySol) continue;
      const x = new Array<Rational>(m).fill(Rational.ZERO);
      const y = new Array<Rational>(n).fill(Rational.ZERO);
      S.forEach((i, k) => (x[i] = xSol[k] as Rational));
      T.forEach((j, k) => (y[j] = ySol[k] as Rational));
      if ([...x, ...y].some((v) => v.sign() < 0)) continue;
      if (!zeroRegret(g, [x, y])) continue;
      found.push(`${x.join(',')}|${y.join(',')}`);
    }
  }
  return [...new Set(found)].sort();
};

const supportSize = (row: readonly (Rational | number)[]): number =>
  row.filter((v) => !(v instanceof Rational ? v.isZero() : v === 0)).length;

describe('solver properties on random games', () => {
  it('every equilibrium returned has zero regret; pure ⊆ enummixed; lcp ⊆ enummixed', () => {
    fc.assert(
      fc.property(arbBimatrix(4), ({ A, B }) => {
        const g = bimatrixGame(A, B);
        const all = enumMixed(g);
        expect(all.length).toBeGreaterThan(0);
        for (const e of all) expect(zeroRegret(g, e.profile)).toBe(true);
        const keys = new Set(keysOf(all));
        for (const e of pureEquilibria(g)) {
          expect(zeroRegret(g, e.profile)).toBe(true);
          expect(keys.has(keysOf([e])[0] as string)).toBe(true);
        }
        const l = lcp(g);
        expect(l.length).toBeGreaterThan(0);
        for (const e of l) {
          expect(zeroRegret(g, e.profile)).toBe(true);
          expect(keys.has(keysOf([e])[0] as string)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('enummixed agrees with brute-force support enumeration on nondegenerate games', () => {
    let compared = 0;
    fc.assert(
      fc.property(arbBimatrix(4, 0, 1000), ({ A, B }) => {
        const g = bimatrixGame(A, B);
        const eqs = enumMixed(g);
        // Nondegenerate games have equal support sizes in every equilibrium; skip the (rare) degenerate draws.
        fc.pre(eqs.every((e) => supportSize(e.profile[0] ?? []) === supportSize(e.profile[1] ?? [])));
        compared++;
        expect(keysOf(eqs)).toEqual(supportEnumeration(A, B));
      }),
      { numRuns: 120 },
    );
    expect(compared).toBeGreaterThan(60);
  });

  it('results are invariant under relabelling (permuting) strategies', () => {
    fc.assert(
      fc.property(
        arbBimatrix(4).chain(({ A, B }) =>
          fc.record({
            A: fc.constant(A),
            B: fc.constant(B),
            pr: fc.shuffledSubarray(
              A.map((_, i) => i),
              { minLength: A.length, maxLength: A.length },
            ),
            pc: fc.shuffledSubarray(
              (A[0] ?? []).map((_, j) => j),
              { minLength: (A[0] ?? []).length, maxLength: (A[0] ?? []).length },
            ),
          }),
        ),
        ({ A, B, pr, pc }) => {
          // Strategy k of the permuted game is strategy pr[k] of the original.
          const P = (M: number[][]): number[][] => pr.map((i) => pc.map((j) => M[i]?.[j] as number));
          const original = enumMixed(bimatrixGame(A, B));
          const permuted = enumMixed(bimatrixGame(P(A), P(B)));
          const back = permuted.map((e) => {
            const x = new Array<string>(pr.length);
            const y = new Array<string>(pc.length);
            pr.forEach((i, k) => (x[i] = String(e.profile[0]?.[k])));
            pc.forEach((j, k) => (y[j] = String(e.profile[1]?.[k])));
            return `${x.join(',')}|${y.join(',')}`;
          });
          expect(back.sort()).toEqual(keysOf(original));
          const pureBack = pureEquilibria(bimatrixGame(P(A), P(B))).length;
          expect(pureBack).toBe(pureEquilibria(bimatrixGame(A, B)).length);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('zero-sum games: every equilibrium pays the LP value', () => {
    fc.assert(
      fc.property(arbBimatrix(4), ({ A }) => {
        const g = bimatrixGame(
          A,
          A.map((r) => r.map((v) => -v)),
        );
        const { value, equilibrium } = zeroSum(g);
        expect(zeroRegret(g, equilibrium.profile)).toBe(true);
        for (const e of enumMixed(g)) expect((e.payoffs[0] as Rational).equals(value as Rational)).toBe(true);
        const sec = maxmin(g);
        expect((sec[0]?.value as Rational).equals(value as Rational)).toBe(true);
        expect((sec[1]?.value as Rational).equals((value as Rational).neg())).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('iterated elimination keeps every equilibrium and removes only never-played strategies', () => {
    fc.assert(
      fc.property(arbBimatrix(4), ({ A, B }) => {
        const g = bimatrixGame(A, B);
        const res = iteratedElimination(g);
        const eqs = enumMixed(g);
        for (const step of res.steps) {
          for (const e of eqs)
            expect((e.profile[step.player]?.[step.strategy] as Rational).isZero()).toBe(true);
        }
        expect(enumMixed(res.game)).toHaveLength(eqs.length);
        // Security values never exceed equilibrium payoffs.
        const sec = maxmin(g);
        for (const e of eqs)
          for (let p = 0; p < 2; p++)
            expect((sec[p]?.value as Rational).le(e.payoffs[p] as Rational)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('logit limits have zero regret (2- and 3-player games)', () => {
    fc.assert(
      fc.property(arbBimatrix(3, 0, 20), ({ A, B }) => {
        const g = bimatrixGame(A, B);
        const [e] = logit(g);
        expect(e).toBeDefined();
        const r = regret(g, e?.profile ?? []);
        expect(r instanceof Rational ? r.isZero() : r <= 1e-9 * 20).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('logit limits are verified equilibria on degenerate N-player games', () => {
    const arbGame = fc.array(fc.integer({ min: 2, max: 3 }), { minLength: 3, maxLength: 4 }).chain((counts) =>
      fc
        .array(
          fc.array(fc.integer({ min: 0, max: 2 }), { minLength: counts.length, maxLength: counts.length }),
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
    fc.assert(
      fc.property(arbGame, (g) => {
        const [e] = logit(g);
        const r = regret(g, e?.profile ?? []);
        expect(r instanceof Rational ? r.isZero() : r <= 1e-9 * 2).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
