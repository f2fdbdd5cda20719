// Correlations (issue 11): the declared rank-correlation set is checked once, by planCorrelations, for validate and
// run alike; |rho| = 1 is sampled exactly; what it accepts can be sampled and what it refuses cannot.
import fc from 'fast-check';
import { all, create, type FactoryFunctionMap } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { ParamSampler } from '../../../models/engine/ParamSampler';
import { spearman } from '../../../models/engine/spearman';
import { planCorrelations, spearmanToPearson } from '../../../models/random/rankCorrelations';
import { seedKey } from '../../../models/random/seedKey';
import { parseScenario } from '../../../models/scenario/parseScenario';

const math = create(all as FactoryFunctionMap);
/** The smallest eigenvalue of a symmetric matrix, by mathjs (independent of the Jacobi code under test). */
const smallestEigenvalue = (a: number[][]): number =>
  Math.min(...(math.eigs(a).values as number[]).map((v) => Number(v)));

type Corr = { a: string; b: string; rho: number };
const ids = ['p0', 'p1', 'p2', 'p3'];
const uncertain = ids.map((id) => ({ id, uncertain: true }));
const matrix = (m: number, corr: readonly Corr[], f: (rho: number) => number = (r) => r): number[][] => {
  const a = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
  for (const c of corr) {
    const i = ids.indexOf(c.a);
    const j = ids.indexOf(c.b);
    (a[i] as number[])[j] = (a[j] as number[])[i] = f(c.rho);
  }
  return a;
};
const draw = (m: number, corr: readonly Corr[], n: number): Float64Array[] => {
  const params = ids.slice(0, m).map((id, k) => ({
    id,
    value: 0,
    min: -10,
    max: 10,
    distribution:
      k % 2 ? ({ type: 'uniform', min: -1, max: 1 } as const) : ({ type: 'normal', mean: 0, sd: 1 } as const),
  }));
  const s = new ParamSampler(params, corr, seedKey('corr'), n, 'mc');
  const cols = Array.from({ length: m }, () => new Float64Array(n));
  const u = new Float64Array(m);
  const v = new Float64Array(m);
  for (let t = 0; t < n; t++) {
    s.values(t, u, v);
    cols.forEach((c, j) => (c[t] = v[j] as number));
  }
  return cols;
};

const scenario = (correlations: Corr[]): string =>
  JSON.stringify({
    format: 'parley.scenario/1',
    title: 'Correlations',
    parameters: {
      a: { label: 'A', default: 1, min: 0, max: 2, uncertainty: { type: 'uniform', min: 0, max: 2 } },
      b: { label: 'B', default: 1, min: 0, max: 2, uncertainty: { type: 'uniform', min: 0, max: 2 } },
      c: { label: 'C', default: 1, min: 0, max: 2, uncertainty: { type: 'uniform', min: 0, max: 2 } },
    },
    actors: [
      {
        id: 'A',
        name: 'Alice',
        strategies: [
          { id: 'x', label: 'X' },
          { id: 'y', label: 'Y' },
        ],
        payoffs: { x: 'a * B.x', y: 'b + c' },
      },
      {
        id: 'B',
        name: 'Bob',
        strategies: [
          { id: 'x', label: 'X' },
          { id: 'y', label: 'Y' },
        ],
        payoffs: { x: 'a * A.x', y: 'b' },
      },
    ],
    correlations,
  });

describe("the issue's correlation sets, at validate time", () => {
  it('refuses rho = 0.9, 0.9, -0.9, naming the pairs and the smallest eigenvalue, and offers a set it accepts', () => {
    const set = [
      { a: 'a', b: 'b', rho: 0.9 },
      { a: 'a', b: 'c', rho: 0.9 },
      { a: 'b', b: 'c', rho: -0.9 },
    ];
    const r = parseScenario(scenario(set));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const message = r.issues.map((i) => i.message).join('\n');
    // eigenvalues of that matrix: 1.9, 1.9 and -0.8
    expect(message).toMatch(
      /a–b 0\.9, a–c 0\.9 and b–c -0\.9 cannot hold together \(the matrix they form is not positive semi-definite: smallest eigenvalue -0\.800\)/,
    );
    const offered = /A valid set near it: (.*)$/.exec(message)?.[1] ?? '';
    const pairs = [...offered.matchAll(/(\w)–(\w) (-?[\d.]+)/g)].map((x) => ({
      a: x[1] as string,
      b: x[2] as string,
      rho: Number(x[3]),
    }));
    expect(pairs).toHaveLength(3);
    expect(parseScenario(scenario(pairs)).ok).toBe(true);
  });

  it('accepts rho = 1 and -1 between uniforms and samples them exactly (ranks move in step)', () => {
    expect(parseScenario(scenario([{ a: 'a', b: 'b', rho: 1 }])).ok).toBe(true);
    const [x, y, z] = draw(
      3,
      [
        { a: 'p0', b: 'p1', rho: 1 },
        { a: 'p1', b: 'p2', rho: -1 },
        { a: 'p0', b: 'p2', rho: -1 }, // unlisted pairs are 0, which this group could not hold
      ],
      2000,
    );
    expect(spearman(x!, y!)).toBe(1);
    expect(spearman(y!, z!)).toBe(-1);
    expect(spearman(x!, z!)).toBe(-1);
  });
});

describe('validate accepts exactly the sets run can sample (property)', () => {
  const rho = fc.integer({ min: -20, max: 20 }).map((k) => k / 20);
  const sets = fc.integer({ min: 2, max: 4 }).chain((m) =>
    fc
      .array(fc.option(rho, { nil: undefined }), {
        minLength: (m * (m - 1)) / 2,
        maxLength: (m * (m - 1)) / 2,
      })
      .map((rhos) => {
        const corr: Corr[] = [];
        let k = 0;
        for (let i = 0; i < m; i++)
          for (let j = i + 1; j < m; j++) {
            const r = rhos[k++];
            if (r !== undefined) corr.push({ a: ids[i] as string, b: ids[j] as string, rho: r });
          }
        return { m, corr };
      }),
  );

  it('refuses every non-PSD set, accepts every set whose matrix and normal-score target are positive definite, and samples what it accepts', () => {
    fc.assert(
      fc.property(sets, ({ m, corr }) => {
        const plan = planCorrelations(uncertain.slice(0, m), corr);
        const lamR = smallestEigenvalue(matrix(m, corr));
        const lamP = smallestEigenvalue(matrix(m, corr, spearmanToPearson));
        const perfect = corr.some((c) => Math.abs(c.rho) === 1);
        if (lamR < -1e-6) expect(plan.ok).toBe(false);
        if (plan.ok) expect(lamR).toBeGreaterThan(-1e-9);
        if (!perfect && lamR > 1e-6 && lamP > 1e-6) expect(plan.ok).toBe(true);
        if (!plan.ok) {
          // run refuses it with validate's message
          expect(() => draw(m, corr, 10)).toThrow(/^correlations/);
          return;
        }
        const n = 4096;
        const cols = draw(m, corr, n);
        for (const c of cols) for (const v of c) expect(v >= -10 && v <= 10).toBe(true);
        for (const c of corr) {
          const s = spearman(cols[ids.indexOf(c.a)]!, cols[ids.indexOf(c.b)]!) as number;
          if (Math.abs(c.rho) === 1) expect(s).toBe(c.rho);
          else if (lamP > 0.05) expect(Math.abs(s - c.rho), `${c.a}–${c.b} ${c.rho}`).toBeLessThan(0.1);
        }
      }),
      { seed: 11, numRuns: 80 },
    );
  }, 120_000);
});
