// enummixed's two paths (models/games/enumMixed.ts): the certified floating-point fast path and the exact
// bigint path return the same extreme equilibria, in the same order, with the same components — on random games
// of many shapes, degenerate ones included (payoffs from {0, 1, 2} tie everywhere) — and the fast path certifies
// the games the bench times (random 12×12, payoffs 0–99) instead of falling back.
import { describe, expect, it } from 'vitest';
import { certifiedVertices } from '../../../models/games/certifiedVertices';
import { enumMixed } from '../../../models/games/enumMixed';
import { enumerateVertices } from '../../../models/games/enumerateVertices';
import { formatNum, type Equilibrium } from '../../../models/games/Equilibrium';
import { SolverLimitError } from '../../../models/games/SolverLimitError';
import { bimatrixGame, lcg } from './gameHelpers';

const ordered = (eqs: readonly Equilibrium[]): string[] =>
  eqs.map((e) => `${e.profile.map((row) => row.map(formatNum).join(',')).join('|')}#${e.component}`);

const randomMatrices = (
  m: number,
  n: number,
  seed: number,
  values: number,
): { A: number[][]; B: number[][] } => {
  const r = lcg(seed);
  const mat = (): number[][] =>
    Array.from({ length: m }, () => Array.from({ length: n }, () => Math.floor(r() * values)));
  return { A: mat(), B: mat() };
};

describe('enummixed: fast and exact paths', () => {
  it('agree on random games of many shapes, degenerate ones included', () => {
    const shapes: [number, number, number][] = [
      [1, 1, 3],
      [1, 4, 3],
      [4, 1, 3],
      [2, 2, 2],
      [2, 3, 3],
      [3, 3, 2],
      [3, 3, 100],
      [3, 5, 3],
      [5, 3, 3],
      [4, 4, 2],
      [4, 6, 2],
      [6, 4, 3],
      [5, 5, 10],
      [6, 6, 100],
      [7, 5, 4],
    ];
    let games = 0;
    let withDegenerateVertex = 0;
    for (const [m, n, values] of shapes) {
      for (let s = 1; s <= 16; s++) {
        const { A, B } = randomMatrices(m, n, 7919 * s + 31 * m + n, values);
        const g = bimatrixGame(A, B);
        const fast = enumMixed(g, { path: 'fast' });
        expect(ordered(fast)).toEqual(ordered(enumMixed(g, { path: 'exact' })));
        games++;
        // count the games whose enumerated polytope has a degenerate vertex (the lexicographic rule at work)
        const d = Math.min(m, n);
        const k = Math.max(m, n);
        const own = m <= n ? B[0]!.map((_, j) => B.map((row) => row[j]!)) : A;
        const shift = 1 - Math.min(...own.flat());
        const M = Float64Array.from(own.flat(), (x) => x + shift);
        let degenerate = false;
        const res = certifiedVertices(
          M,
          own.map((row) => row.map((x) => BigInt(x + shift))),
          k,
          d,
          Infinity,
          () => {
            throw new Error('limit');
          },
          (v) => (degenerate ||= v.degenerate),
        );
        expect(res).toBeNull();
        if (degenerate) withDegenerateVertex++;
      }
    }
    expect(games).toBe(240);
    expect(withDegenerateVertex).toBeGreaterThan(30);
  });

  it('certified vertex enumeration finds exactly the exact enumeration’s vertices (with their labels)', () => {
    for (let s = 1; s <= 42; s++) {
      const r = lcg(s);
      // the last two: more than 52 variables (a basis then takes two mask words)
      const k = s > 40 ? 50 + s - 40 : 2 + (s % 5);
      const d = s > 40 ? 3 : 2 + ((s * 7) % 5);
      const values = s % 3 === 0 ? 3 : 50;
      const rows = Array.from({ length: k }, () =>
        Array.from({ length: d }, () => 1 + Math.floor(r() * values)),
      );
      const exact = enumerateVertices(rows.map((row) => row.map(BigInt)))
        .filter((v) => v.num.some((x) => x !== 0n))
        .map((v) => Array.from(v.labels).join(','))
        .sort();
      const fast: string[] = [];
      const res = certifiedVertices(
        Float64Array.from(rows.flat()),
        rows.map((row) => row.map(BigInt)),
        k,
        d,
        Infinity,
        () => {
          throw new Error('limit');
        },
        (v) => {
          // labels as enumerateVertices encodes them: z_j = 0 → j, row i tight → d + i
          const labels = new Uint32Array(Math.ceil((d + k) / 32) || 1);
          const set = (b: number): void =>
            void (labels[b >>> 5] = (labels[b >>> 5] as number) | (1 << (b & 31)));
          for (let j = 0; j < d; j++) if (!v.support.includes(j)) set(j);
          for (const i of v.tight) set(d + i);
          fast.push(Array.from(labels).join(','));
        },
      );
      expect(res).toBeNull();
      expect(fast.sort()).toEqual(exact);
    }
  });

  it('certifies the benchmark’s random 12×12 games (integer payoffs 0–99) without falling back', () => {
    for (let s = 1; s <= 3; s++) {
      const { A, B } = randomMatrices(12, 12, 12000 + s, 100);
      expect(enumMixed(bimatrixGame(A, B), { path: 'fast' }).length).toBeGreaterThan(0);
    }
  });

  it('falls back to the exact path where it cannot certify, with the same answer', () => {
    // payoffs too far apart for doubles (scaled entries above 2^53)
    const g = bimatrixGame(
      [
        ['100000000000000000000', '0'],
        ['0', '1'],
      ],
      [
        ['1', '0'],
        ['0', '100000000000000000000'],
      ],
    );
    expect(() => enumMixed(g, { path: 'fast' })).toThrow(/could not certify/);
    expect(ordered(enumMixed(g))).toEqual(ordered(enumMixed(g, { path: 'exact' })));
    expect(enumMixed(g)).toHaveLength(3);
  });

  it('keeps the work budget: an over-budget game is refused, not solved', () => {
    const { A, B } = randomMatrices(10, 10, 99, 100);
    expect(() => enumMixed(bimatrixGame(A, B), { maxWork: 10_000 })).toThrow(SolverLimitError);
  });
});
