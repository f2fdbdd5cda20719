import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FloatGame,
  lemkeHowson2,
  logitFixedPoint,
  logitLimit,
  pureEquilibria,
  selectPure,
} from '../../../models/engine/floatGame';
import { lemkeHowson } from '../../../models/games/lemkeHowson';
import { logitQre } from '../../../models/games/logit';
import { makeGame } from '../../../models/games/makeGame';
import { pureEquilibriumIndices } from '../../../models/games/pureEquilibria';

const gameOf = (counts: number[], pay: number[]): FloatGame => {
  const g = new FloatGame(counts);
  g.payoffs.set(pay);
  return g;
};
const toGame = (g: FloatGame) =>
  makeGame({
    title: 't',
    players: Array.from({ length: g.n }, (_, i) => `p${i}`),
    strategies: Array.from(g.counts, (c) => Array.from({ length: c }, (_, k) => `s${k}`)),
    payoffs: Array.from({ length: g.profiles }, (_, p) =>
      Array.from(g.payoffs.subarray(p * g.n, p * g.n + g.n)),
    ),
    exact: false,
  });

const arbGame = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 3 }).chain((counts) => {
  const size = counts.reduce((a, b) => a * b, 1) * counts.length;
  return fc.tuple(
    fc.constant(counts),
    fc.array(fc.integer({ min: -9, max: 9 }), { minLength: size, maxLength: size }),
  );
});

describe('engine float solvers agree with models/games', () => {
  it('pure equilibria match pureEquilibriumIndices on random integer games', () => {
    fc.assert(
      fc.property(arbGame, ([counts, pay]) => {
        const g = gameOf(counts, pay);
        const out = new Int32Array(g.profiles);
        const k = pureEquilibria(g, out);
        expect(Array.from(out.subarray(0, k))).toEqual(pureEquilibriumIndices(counts, pay));
      }),
      { numRuns: 200 },
    );
  });

  it('2-player Lemke–Howson always returns an equilibrium (degenerate integer games too)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 32, maxLength: 32 }),
        (m, n, raw) => {
          const g = gameOf([m, n], raw.slice(0, m * n * 2));
          const mix = new Float64Array(m + n);
          expect(lemkeHowson2(g, mix)).toBe(true);
          // regret: no pure deviation gains more than 1e-9
          const x = mix.subarray(0, m);
          const y = mix.subarray(m);
          const pay = (i: number, j: number, p: number): number => g.payoffs[(i + j * m) * 2 + p] as number;
          let u0 = 0;
          let u1 = 0;
          for (let i = 0; i < m; i++)
            for (let j = 0; j < n; j++) {
              u0 += (x[i] as number) * (y[j] as number) * pay(i, j, 0);
              u1 += (x[i] as number) * (y[j] as number) * pay(i, j, 1);
            }
          for (let i = 0; i < m; i++) {
            let v = 0;
            for (let j = 0; j < n; j++) v += (y[j] as number) * pay(i, j, 0);
            expect(v).toBeLessThanOrEqual(u0 + 1e-9);
          }
          for (let j = 0; j < n; j++) {
            let v = 0;
            for (let i = 0; i < m; i++) v += (x[i] as number) * pay(i, j, 1);
            expect(v).toBeLessThanOrEqual(u1 + 1e-9);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('2-player Lemke–Howson from label 0 finds the same equilibrium as the exact solver on generic games', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 32, maxLength: 32 }),
        (m, n, raw) => {
          const g = gameOf(
            [m, n],
            raw.slice(0, m * n * 2).map((v, k) => v / 1000 + k * 1e-7),
          );
          const mix = new Float64Array(m + n);
          expect(lemkeHowson2(g, mix)).toBe(true);
          const ref = lemkeHowson(toGame(g), 0).profile.map((row) => row.map(Number));
          const mine = [Array.from(mix.subarray(0, m)), Array.from(mix.subarray(m))];
          mine.forEach((row, i) => row.forEach((v, k) => expect(v).toBeCloseTo(ref[i]![k]!, 6)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('matching pennies: Lemke–Howson and the logit limit give (1/2, 1/2)', () => {
    const g = gameOf([2, 2], [1, -1, -1, 1, -1, 1, 1, -1]);
    const mix = new Float64Array(4);
    expect(lemkeHowson2(g, mix)).toBe(true);
    mix.forEach((v) => expect(v).toBeCloseTo(0.5, 12));
    const m2 = new Float64Array(4);
    logitLimit(g, m2, new Uint8Array([1, 1]), new Float64Array(2), new Float64Array(4), new Float64Array(2));
    m2.forEach((v) => expect(v).toBeCloseTo(0.5, 6));
  });

  it('logit fixed point at λ matches logitQre', () => {
    const g = gameOf([2, 2], [3, 3, 0, 5, 5, 0, 1, 1]);
    const mix = new Float64Array([0.5, 0.5, 0.5, 0.5]);
    expect(
      logitFixedPoint(
        g,
        mix,
        new Uint8Array([1, 1]),
        new Float64Array([1.5, 1.5]),
        new Float64Array(2),
        new Float64Array(4),
      ),
    ).toBe(true);
    const ref = logitQre(toGame(g), 1.5);
    expect(mix[0]).toBeCloseTo(ref[0]![0]!, 6);
    expect(mix[2]).toBeCloseTo(ref[1]![0]!, 6);
  });

  it('selection rules: payoff-dominant vs risk-dominant in a stag hunt', () => {
    // stag hunt: (stag, stag) = 4,4; (hare, hare) = 3,3; stag vs hare 0 / 3
    const g = gameOf([2, 2], [4, 4, 3, 0, 0, 3, 3, 3]);
    const eqs = new Int32Array(4);
    const k = pureEquilibria(g, eqs);
    expect(Array.from(eqs.subarray(0, k))).toEqual([0, 3]);
    expect(selectPure(g, eqs, k, 'payoff-dominant', 0)).toBe(0);
    expect(selectPure(g, eqs, k, 'risk-dominant', 0)).toBe(3);
    expect(selectPure(g, eqs, k, 'first', 0)).toBe(0);
    expect(selectPure(g, eqs, k, 'random', 0.75)).toBe(3);
  });
});
