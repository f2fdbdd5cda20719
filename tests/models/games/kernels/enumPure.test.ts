import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enumPure } from '../../../../models/games/kernels/enumPure';
import { pureEquilibria } from '../../../../models/games/pureEquilibria';
import { profileIndex } from '../../../../models/games/makeGame';
import { arbGame, floatGame, gameOf } from './kernelHelpers';

const scan = (g: ReturnType<typeof floatGame>, tol = 0): number[] => {
  const out = new Int32Array(g.profiles);
  return Array.from(out.subarray(0, enumPure(g, out, tol)));
};

/** The definition: no player gains more than tol by any unilateral deviation. */
const bruteForce = (g: ReturnType<typeof floatGame>, tol: number): number[] => {
  const found: number[] = [];
  for (let p = 0; p < g.profiles; p++) {
    let ok = true;
    for (let i = 0; i < g.n && ok; i++) {
      const own = g.strategyOf(p, i);
      const base = p - own * (g.strides[i] as number);
      for (let s = 0; s < (g.counts[i] as number); s++) {
        const dev = g.payoffs[(base + s * (g.strides[i] as number)) * g.n + i] as number;
        if (dev > (g.payoffs[p * g.n + i] as number) + tol) ok = false;
      }
    }
    if (ok) found.push(p);
  }
  return found;
};

describe('enumPure (float pure-equilibrium scan)', () => {
  it('finds exactly the pure equilibria the exact solver finds (N players, ties included)', () => {
    fc.assert(
      fc.property(arbGame([1, 4], [1, 3], fc.integer({ min: -3, max: 3 })), (g) => {
        const exact = pureEquilibria(gameOf(g, true)).map((e) =>
          profileIndex(
            gameOf(g),
            e.profile.map((row) => row.findIndex((v) => String(v) === '1')),
          ),
        );
        expect(scan(g)).toEqual(exact);
      }),
      { numRuns: 200 },
    );
  });

  it('with a tolerance, accepts deviations gaining at most tol (the definition, by brute force)', () => {
    fc.assert(
      fc.property(
        arbGame(
          [2, 3],
          [1, 3],
          fc.integer({ min: -9, max: 9 }).map((v) => v / 4),
        ),
        fc.constantFrom(0, 0.25, 0.5),
        (g, tol) => {
          expect(scan(g, tol)).toEqual(bruteForce(g, tol));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stag hunt: both coordination profiles', () => {
    const g = floatGame([2, 2], [4, 4, 3, 0, 0, 3, 3, 3]);
    expect(scan(g)).toEqual([0, 3]);
  });

  it('3×3 (the unrolled scan) gives exactly the N-player scan: ties, ±0, infinities, NaN and any tol', () => {
    // the same game with a third, one-strategy player goes through the generic N-player code: same profile indices
    const payoff = fc.oneof(
      fc.integer({ min: -2, max: 2 }),
      fc.double({ noNaN: false }),
      fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 1e-13, -1e-13),
    );
    fc.assert(
      fc.property(
        fc.array(payoff, { minLength: 18, maxLength: 18 }),
        fc.constantFrom(0, 1e-12, 0.5, 3),
        (pay, tol) => {
          const two = floatGame([3, 3], pay);
          const three = floatGame(
            [3, 3, 1],
            Array.from({ length: 9 }, (_, p) => [pay[2 * p] as number, pay[2 * p + 1] as number, 0]).flat(),
          );
          expect(scan(two, tol)).toEqual(scan(three, tol));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
