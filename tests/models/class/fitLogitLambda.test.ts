import { describe, expect, it } from 'vitest';
import { makeGame } from '../../../models/games/makeGame';
import { fitLogitLambda, PROFILE_DROP } from '../../../models/class/fitLogitLambda';
import { RandomStream } from '../../../models/random/RandomStream';
import { seedKey } from '../../../models/random/seedKey';

// Independent reference: the 2×2 logit QRE by bisection on its one-dimensional fixed point, the log-likelihood,
// and its maximisation on a fine grid refined by golden-section search. Shares no code with the fit.
type TwoByTwo = { a: number[][]; b: number[][] }; // a[i][j]: row's payoff, b[i][j]: column's (i row, j column)
const sigma = (x: number): number => 1 / (1 + Math.exp(-x));
/** P(row plays 0) given column plays 0 with probability q. */
const rowResponse = (g: TwoByTwo, lambda: number, q: number): number =>
  sigma(lambda * (g.a[0]![0]! * q + g.a[0]![1]! * (1 - q) - (g.a[1]![0]! * q + g.a[1]![1]! * (1 - q))));
const colResponse = (g: TwoByTwo, lambda: number, p: number): number =>
  sigma(lambda * (g.b[0]![0]! * p + g.b[1]![0]! * (1 - p) - (g.b[0]![1]! * p + g.b[1]![1]! * (1 - p))));
/**
 * The QRE (p, q): for a symmetric game the symmetric one (p = rowResponse(p), one root: the payoff difference falls
 * in p for chicken); otherwise the root of p ↦ rowResponse(colResponse(p)) − p, unique for pennies-like games.
 */
const qre2x2 = (g: TwoByTwo, lambda: number): [number, number] => {
  if (g === CHICKEN) {
    let lo = 0;
    let hi = 1;
    for (let it = 0; it < 200; it++) {
      const m = (lo + hi) / 2;
      if (rowResponse(g, lambda, m) - m > 0) lo = m;
      else hi = m;
    }
    return [(lo + hi) / 2, (lo + hi) / 2];
  }
  let lo = 0;
  let hi = 1;
  const f = (p: number): number => rowResponse(g, lambda, colResponse(g, lambda, p)) - p;
  for (let it = 0; it < 200; it++) {
    const m = (lo + hi) / 2;
    if (f(m) > 0) lo = m;
    else hi = m;
  }
  const p = (lo + hi) / 2;
  return [p, colResponse(g, lambda, p)];
};
const loglik = (g: TwoByTwo, counts: number[][], lambda: number): number => {
  const [p, q] = qre2x2(g, lambda);
  return (
    counts[0]![0]! * Math.log(p) +
    counts[0]![1]! * Math.log(1 - p) +
    counts[1]![0]! * Math.log(q) +
    counts[1]![1]! * Math.log(1 - q)
  );
};
const directMax = (g: TwoByTwo, counts: number[][]): { lambda: number; ll: number } => {
  let best = 0;
  let bestLl = -Infinity;
  for (let k = 0; k <= 4000; k++) {
    const lambda = 10 ** (-3 + (k / 4000) * 5);
    const v = loglik(g, counts, lambda);
    if (v > bestLl) {
      bestLl = v;
      best = lambda;
    }
  }
  let a = best / 10 ** (5 / 4000);
  let b = best * 10 ** (5 / 4000);
  for (let it = 0; it < 100; it++) {
    const m1 = a + (b - a) / 3;
    const m2 = b - (b - a) / 3;
    if (loglik(g, counts, m1) >= loglik(g, counts, m2)) b = m2;
    else a = m1;
  }
  const lambda = (a + b) / 2;
  return { lambda, ll: loglik(g, counts, lambda) };
};
const toGame = (g: TwoByTwo) =>
  makeGame({
    title: 't',
    players: ['Row', 'Column'],
    strategies: [
      ['0', '1'],
      ['0', '1'],
    ],
    // Gambit order: row fastest
    payoffs: [
      [g.a[0]![0]!, g.b[0]![0]!],
      [g.a[1]![0]!, g.b[1]![0]!],
      [g.a[0]![1]!, g.b[0]![1]!],
      [g.a[1]![1]!, g.b[1]![1]!],
    ],
  });

// Chicken (0 swerve, 1 straight): win 2, lose -1, crash -10; symmetric, so its principal QRE is the symmetric one.
const CHICKEN: TwoByTwo = {
  a: [
    [0, -1],
    [2, -10],
  ],
  b: [
    [0, 2],
    [-1, -10],
  ],
};
// An asymmetric matching-pennies game: a unique QRE for every λ.
const PENNIES: TwoByTwo = {
  a: [
    [3, 0],
    [0, 1],
  ],
  b: [
    [0, 1],
    [2, 0],
  ],
};

describe('fitLogitLambda', () => {
  it('agrees with a direct maximisation of the logit likelihood (chicken and asymmetric pennies)', () => {
    const cases: [TwoByTwo, number[][]][] = [
      [
        CHICKEN,
        [
          [31, 9],
          [27, 13],
        ],
      ],
      [
        PENNIES,
        [
          [19, 11],
          [10, 20],
        ],
      ],
      [
        PENNIES,
        [
          [22, 8],
          [9, 21],
        ],
      ],
    ];
    for (const [g, counts] of cases) {
      const fit = fitLogitLambda([{ game: toGame(g), counts }]);
      const ref = directMax(g, counts);
      expect(fit).not.toBeNull();
      expect(fit!.boundary).toBeNull();
      expect(Math.abs(fit!.lambda! - ref.lambda) / ref.lambda).toBeLessThan(2e-3);
      expect(fit!.logLik).toBeCloseTo(ref.ll, 6);
      expect(fit!.n).toBe(counts.flat().reduce((s, c) => s + c, 0));
      // the interval's ends sit where the reference likelihood has dropped by χ²₁(0.95)/2
      expect(loglik(g, counts, fit!.lower)).toBeCloseTo(ref.ll - PROFILE_DROP, 3);
      if (fit!.upper === null) {
        // an unbounded interval: ℓ never drops by χ²₁(0.95)/2 up to the Nash limit of the branch
        expect(loglik(g, counts, 1e4)).toBeGreaterThan(ref.ll - PROFILE_DROP);
      } else {
        expect(loglik(g, counts, fit!.upper)).toBeCloseTo(ref.ll - PROFILE_DROP, 3);
        expect(fit!.upper).toBeGreaterThan(fit!.lambda!);
      }
      expect(fit!.lower).toBeLessThan(fit!.lambda!);
    }
  });

  it('recovers λ when the students are bots playing the QRE of a 2×2 game (large n; the 95% interval covers)', () => {
    for (const [g, lambdaTrue] of [
      [CHICKEN, 0.4],
      [PENNIES, 1.5],
    ] as const) {
      const [p, q] = qre2x2(g, lambdaTrue);
      let covered = 0;
      let sum = 0;
      const reps = 10;
      for (let rep = 0; rep < reps; rep++) {
        const stream = new RandomStream().reseed(seedKey('qre-bots'), rep, 1);
        const n = 20_000;
        const counts = [
          [0, 0],
          [0, 0],
        ];
        for (let k = 0; k < n; k++) {
          counts[0]![stream.nextUniform() < p ? 0 : 1]! += 1;
          counts[1]![stream.nextUniform() < q ? 0 : 1]! += 1;
        }
        const fit = fitLogitLambda([{ game: toGame(g), counts }])!;
        if (fit.lower <= lambdaTrue && fit.upper! >= lambdaTrue) covered++;
        sum += fit.lambda!;
        expect(Math.abs(fit.lambda! - lambdaTrue) / lambdaTrue).toBeLessThan(0.15);
      }
      // a 95% interval: at least 8 of 10 replications cover (fails by chance with probability about 1%)
      expect(covered).toBeGreaterThanOrEqual(8);
      expect(Math.abs(sum / reps - lambdaTrue) / lambdaTrue).toBeLessThan(0.05);
    }
  });

  it('reports λ = ∞ (upper end ∞) when every choice is the branch limit, and λ = 0 for uniform play', () => {
    // Prisoner's dilemma: everyone defects (the unique, strict equilibrium).
    const pd: TwoByTwo = {
      a: [
        [3, 0],
        [5, 1],
      ],
      b: [
        [3, 5],
        [0, 1],
      ],
    };
    const all = fitLogitLambda([
      {
        game: toGame(pd),
        counts: [
          [0, 25],
          [0, 25],
        ],
      },
    ])!;
    expect(all.lambda).toBeNull();
    expect(all.boundary).toBe('infinity');
    expect(all.upper).toBeNull();
    expect(all.lower).toBeGreaterThan(0);
    // the likelihood at the lower end is the supremum minus the profile drop
    expect(
      loglik(
        pd,
        [
          [0, 25],
          [0, 25],
        ],
        all.lower,
      ),
    ).toBeCloseTo(all.logLik - PROFILE_DROP, 3);

    const uniform = fitLogitLambda([
      {
        game: toGame(CHICKEN),
        counts: [
          [20, 20],
          [20, 20],
        ],
      },
    ])!;
    expect(uniform.lambda).toBe(0);
    expect(uniform.boundary).toBe('zero');
    expect(uniform.lower).toBe(0);
    expect(uniform.upper).not.toBeNull();
    expect(
      loglik(
        CHICKEN,
        [
          [20, 20],
          [20, 20],
        ],
        uniform.upper!,
      ),
    ).toBeCloseTo(uniform.logLikUniform - PROFILE_DROP, 3);
  });

  it('returns null without data', () => {
    expect(fitLogitLambda([])).toBeNull();
    expect(
      fitLogitLambda([
        {
          game: toGame(CHICKEN),
          counts: [
            [0, 0],
            [0, 0],
          ],
        },
      ]),
    ).toBeNull();
  });
});
