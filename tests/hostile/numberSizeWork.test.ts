// Found by the hostile pass (issue 10): the exact solvers counted work in tableau entries whatever the size of the
// numbers in them. Kuhn poker as an .efg with 40-digit payoffs (within every input limit) made `solve --method
// enummixed` run 6.8 s and 425 MB before its budget refused it, and `lcp` 5.6 s. Each entry now weighs the size of
// its numbers (solverLimits entryWork: 1 unit up to 64 bits, then bits / 64), so the same budget buys less work on
// big numbers; normal games (small integers) are counted as before.
import { describe, expect, it } from 'vitest';
import { enumerateVertices } from '../../models/games/enumerateVertices';
import { readEfg } from '../../models/games/extensive/efg';
import { sequenceFormLcp } from '../../models/games/extensive/sequenceFormLcp';
import { entryWork, SOLVER_LIMITS } from '../../models/games/solverLimits';
import { builtinGame } from '../../models/scenario/builtinGames';

/** A deterministic stream of 39-digit numerators (a linear congruential generator on bigints). */
const numerators = (): (() => bigint) => {
  let x = 12345678901234567890n;
  return () => {
    x = (x * 6364136223846793005n + 1442695040888963407n) % 10n ** 39n;
    return (x % 9n) * 10n ** 38n + x / 10n; // 39 digits
  };
};

/** Kuhn poker with every payoff replaced by a random 39-digit numerator over one shared 40-digit denominator. */
const hostileKuhn = (): string => {
  const next = numerators();
  const den = 10n ** 39n + 987654321987654321987654321987654321n;
  const efg = builtinGame('kuhn-poker')?.efg as string;
  return efg.replace(/\{ (-?[0-9/]+), (-?[0-9/]+) \}/g, () => {
    const a = next() * (next() % 2n === 0n ? 1n : -1n);
    const b = next() * (next() % 2n === 0n ? 1n : -1n);
    return `{ ${a}/${den}, ${b}/${den} }`;
  });
};

/** The least budget (units) with which `run` completes, by doubling then bisection. */
const leastBudget = (run: (budget: number) => void): number => {
  const ok = (w: number): boolean => {
    try {
      run(w);
      return true;
    } catch (err) {
      if (err instanceof RangeError) return false;
      throw err;
    }
  };
  let hi = 1;
  while (!ok(hi)) hi *= 2;
  let lo = hi / 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
};

describe('exact solvers weigh the size of the numbers', () => {
  it('one tableau entry is one unit up to 64 bits, then grows with the bit length', () => {
    expect(entryWork(1n)).toBe(1);
    expect(entryWork(-(2n ** 63n))).toBe(1);
    expect(entryWork(2n ** 200n)).toBeGreaterThan(3);
    expect(entryWork(2n ** 2000n)).toBeGreaterThan(entryWork(2n ** 1000n) * 1.9);
  });

  it('the same polytope written with 40-digit numbers costs more units than with small ones', () => {
    // {z >= 0 : M z <= 1} and {z >= 0 : (c M) z <= 1} have the same bases; only the numbers grow.
    const M = [
      [3n, 1n, 2n, 5n],
      [1n, 4n, 1n, 2n],
      [2n, 2n, 5n, 1n],
      [4n, 1n, 1n, 3n],
      [1n, 3n, 4n, 2n],
    ];
    const c = 10n ** 39n + 7n;
    const big = M.map((row) => row.map((v) => v * c));
    expect(enumerateVertices(big).length).toBe(enumerateVertices(M).length);
    const small = leastBudget((w) => enumerateVertices(M, w));
    const large = leastBudget((w) => enumerateVertices(big, w));
    expect(large).toBeGreaterThan(3 * small);
  });

  it('Kuhn poker with 40-digit payoffs: lcp still finds an equilibrium within its budget', () => {
    const tree = readEfg(hostileKuhn(), 'k.efg');
    expect(sequenceFormLcp(tree, { maxWork: SOLVER_LIMITS.lcpWork }).length).toBeGreaterThan(0);
  });
});
