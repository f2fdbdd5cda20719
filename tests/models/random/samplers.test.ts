import { describe, expect, it } from 'vitest';
import { KeyedPermutation } from '../../../models/random/latinHypercube';
import { ParamSampler, ParameterDrawError } from '../../../models/engine/ParamSampler';
import { seedKey } from '../../../models/random/seedKey';
import { spearman } from '../../../models/engine/spearman';

describe('Latin hypercube permutation', () => {
  it('is a bijection on [0, n) for awkward sizes', () => {
    for (const n of [1, 2, 3, 17, 1000, 4097]) {
      const p = new KeyedPermutation(n, seedKey('lhs'), 3);
      const seen = new Uint8Array(n);
      for (let k = 0; k < n; k++) seen[p.map(k)] = 1;
      expect(seen.every((x) => x === 1)).toBe(true);
    }
  });

  it('puts exactly one trial in each of the n strata of every parameter', () => {
    const n = 500;
    const s = new ParamSampler(
      [
        { id: 'a', value: 0, distribution: { type: 'uniform', min: 0, max: 1 } },
        { id: 'b', value: 0, distribution: { type: 'uniform', min: 0, max: 1 } },
      ],
      [],
      seedKey(9),
      n,
      'lhs',
    );
    const u = new Float64Array(2);
    const strata = [new Uint8Array(n), new Uint8Array(n)];
    for (let t = 0; t < n; t++) {
      s.uniforms(t, u);
      strata[0]![Math.floor((u[0] as number) * n)] = 1;
      strata[1]![Math.floor((u[1] as number) * n)] = 1;
    }
    expect(strata.every((x) => x.every((y) => y === 1))).toBe(true);
  });
});

describe('Iman–Conover', () => {
  const params = [
    { id: 'a', value: 0, distribution: { type: 'normal', mean: 0, sd: 1 } as const },
    { id: 'b', value: 0, distribution: { type: 'uniform', min: 0, max: 10 } as const },
    { id: 'c', value: 0, distribution: { type: 'uniform', min: 0, max: 1 } as const },
  ];
  const draw = (
    corr: { a: string; b: string; rho: number }[],
    n: number,
    sampler: 'mc' | 'lhs' = 'mc',
  ): Float64Array[] => {
    const s = new ParamSampler(params, corr, seedKey('ic'), n, sampler);
    const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    const u = new Float64Array(3);
    const v = new Float64Array(3);
    for (let t = 0; t < n; t++) {
      s.values(t, u, v);
      cols.forEach((c, j) => (c[t] = v[j] as number));
    }
    return cols;
  };

  it('induces the declared Spearman correlation and leaves other parameters alone', () => {
    const [a, b, c] = draw([{ a: 'a', b: 'b', rho: 0.7 }], 8192);
    expect(spearman(a!, b!)).toBeCloseTo(0.7, 1);
    expect(Math.abs(spearman(a!, c!) as number)).toBeLessThan(0.05);
    const [a2, b2] = draw([{ a: 'a', b: 'b', rho: -0.5 }], 4096, 'lhs');
    expect(spearman(a2!, b2!)).toBeCloseTo(-0.5, 1);
  });

  it('keeps trial k identical in runs of different lengths (blocks are fixed)', () => {
    const short = draw([{ a: 'a', b: 'b', rho: 0.7 }], 1500);
    const long = draw([{ a: 'a', b: 'b', rho: 0.7 }], 3000);
    for (let t = 0; t < 1500; t++) expect(long[1]![t]).toBe(short[1]![t]);
  });

  it('rearranges a block exactly as the engine always has (pinned values: a seed must keep its numbers)', async () => {
    const { imanConover } = await import('../../../models/random/imanConover');
    const { cholesky, spearmanToPearson } = await import('../../../models/random/rankCorrelations');
    const { RandomStream } = await import('../../../models/random/RandomStream');
    const key = seedKey('pin');
    const st = new RandomStream();
    const rows = 1024;
    const P = 4;
    const x = new Float64Array(rows * P);
    st.reseed(key, 0, 1);
    for (let i = 0; i < x.length; i++) x[i] = st.nextUniform();
    for (let i = 0; i < rows; i += 7) x[i * P + 3] = 0.5; // tied values in a column
    const [r1, r2, r3] = [0.6, -0.3, 0.2].map(spearmanToPearson) as [number, number, number];
    const chol = cholesky(Float64Array.from([1, r1, r2, r1, 1, r3, r2, r3, 1]), 3) as Float64Array;
    imanConover(x, rows, P, [0, 1, 3], chol, st.reseed(key, 0, 6));
    let h = 0;
    for (let i = 0; i < x.length; i++) h += (x[i] as number) * ((i % 97) + 1);
    // values of the original implementation (sorted copy + binary search per row), ENGINE_VERSION 3
    expect(h).toBe(99597.20665975742);
    expect([x[0], x[P * 500 + 1], x[P * 1023 + 3]]).toEqual([
      0.7641785569721833, 0.5505547962384298, 0.23109694675076753,
    ]);
  });

  it('rejects inconsistent correlation matrices', () => {
    expect(() =>
      draw(
        [
          { a: 'a', b: 'b', rho: 0.95 },
          { a: 'b', b: 'c', rho: 0.95 },
          { a: 'a', b: 'c', rho: -0.95 },
        ],
        10,
      ),
    ).toThrow(
      /correlations: the rank correlations are impossible together: a–b 0\.95, a–c -0\.95 and b–c 0\.95 cannot hold together \(the matrix they form is not positive semi-definite: smallest eigenvalue -0\.\d+\)/,
    );
  });
});

describe('sortFloat64', () => {
  it('sorts like the built-in sort, including duplicates and negatives', async () => {
    const { sortFloat64 } = await import('../../../models/random/sortFloat64');
    for (const n of [0, 1, 2, 17, 100, 5000]) {
      const a = Float64Array.from(
        { length: n },
        (_, i) => (Math.round(Math.sin(i * 12.9898) * 43758.5453) % 50) - 25 + (i % 7) / 10,
      );
      expect(Array.from(sortFloat64(Float64Array.from(a)))).toEqual(Array.from(Float64Array.from(a).sort()));
    }
  });
});

describe('selectFloat64', () => {
  it('finds every order statistic', async () => {
    const { selectFloat64 } = await import('../../../models/random/sortFloat64');
    const a = Float64Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) / 7 - (i % 3));
    const sorted = Float64Array.from(a).sort();
    for (const k of [0, 1, 49, 500, 998, 999]) expect(selectFloat64(Float64Array.from(a), k)).toBe(sorted[k]);
  });
});

describe('a draw that is not a finite number', () => {
  it('is blamed on its parameter and its distribution, with the 1-based trial (never on a later formula)', () => {
    // lognormal(700, 50): e^(700 + 50 z) overflows a double for z > 0.2 (a hand-made spec: validate refuses it)
    const s = new ParamSampler(
      [
        { id: 'ok', value: 0, distribution: { type: 'uniform', min: 0, max: 1 } },
        { id: 'huge', value: 1, distribution: { type: 'lognormal', mu: 700, sigma: 50 } },
      ],
      [],
      seedKey('nf'),
      10,
      'mc',
    );
    const u = new Float64Array(2);
    const v = new Float64Array(2);
    // the first trial whose draw overflows (about 4 in 10 do)
    let trial = 0;
    let err: unknown = null;
    for (; trial < 10 && !err; trial++) {
      try {
        s.values(trial, u, v);
      } catch (e) {
        err = e;
      }
    }
    expect(err).toBeInstanceOf(ParameterDrawError);
    expect((err as Error).message).toBe(
      `parameter "huge" drew Infinity from its uncertainty lognormal (mu 700, sigma 50) (trial ${trial})`,
    );
  });
});
