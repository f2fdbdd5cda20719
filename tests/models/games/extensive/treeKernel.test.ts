import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rational } from '../../../../models/games/Rational';
import { agentLogit, agentQre } from '../../../../models/games/extensive/agentLogit';
import { subgamePerfect } from '../../../../models/games/extensive/subgamePerfect';
import {
  backwardInductionFloat,
  compileTreeKernel,
  makeBackwardInductionOutput,
  treeWithNumbers,
} from '../../../../models/games/extensive/TreeKernel';
import { FLOAT_FIELD } from '../../../../models/games/extensive/NumField';
import { treeIndex, treeNumbers } from '../../../../models/games/extensive/treeIndex';
import { fixtureTree } from './fixtures';
import { randomTree } from './randomTree';

/** This tree's own numbers in the kernel's layout. */
const numbersOf = (
  k: ReturnType<typeof compileTreeKernel>,
): { leafPayoffs: Float64Array; moveProb: Float64Array } => {
  const nums = treeNumbers(k.tree, FLOAT_FIELD);
  const leafPayoffs = new Float64Array(k.leafCount * k.players);
  treeIndex(k.tree).leaves.forEach((z, l) =>
    (nums.pathPayoff[z] as number[]).forEach((v, p) => (leafPayoffs[l * k.players + p] = v)),
  );
  return { leafPayoffs, moveProb: Float64Array.from(nums.moveProb as number[]) };
};

describe('engine entry points (floats, per trial)', () => {
  it('backward induction picks the first subgame-perfect equilibrium that subgamePerfect lists', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (seed) => {
        const t = randomTree(seed, { merge: 0, maxDepth: 3, chance: 0.2, payoffRange: [0, 3] });
        const k = compileTreeKernel(t);
        const { leafPayoffs, moveProb } = numbersOf(k);
        const out = backwardInductionFloat(k, leafPayoffs, moveProb, makeBackwardInductionOutput(k), 1e-9);
        const first = subgamePerfect(t)[0];
        const flat = (first?.behaviour ?? []).flatMap((sets) =>
          sets.map((row) => row.findIndex((v) => (v as Rational).equals(Rational.ONE))),
        );
        expect(Array.from(out.choice)).toEqual(flat);
        first?.payoffs.forEach((v, p) => expect(out.value[p]).toBeCloseTo((v as Rational).toNumber(), 9));
      }),
      { numRuns: 25 },
    );
  });

  it('a float tree built from per-trial numbers solves like the exact one', () => {
    const t = fixtureTree('centipede6.efg');
    const k = compileTreeKernel(t);
    const { leafPayoffs, moveProb } = numbersOf(k);
    const f = treeWithNumbers(k, leafPayoffs, moveProb);
    expect(f.exact).toBe(false);
    expect(subgamePerfect(f)[0]?.payoffs).toEqual([0.4, 0.1]);
    const horse = fixtureTree('selten-horse.efg');
    const hk = compileTreeKernel(horse);
    expect(() =>
      backwardInductionFloat(hk, new Float64Array(15), new Float64Array(9), makeBackwardInductionOutput(hk)),
    ).toThrow(/perfect information/);
    // Agent QRE at a finite λ and at λ = 0 (the centroid).
    expect(agentQre(horse, 0)).toEqual([[[0.5, 0.5]], [[0.5, 0.5]], [[0.5, 0.5]]]);
    const q = agentQre(horse, 50);
    const limit = agentLogit(horse)[0];
    expect(Math.abs((q[0]?.[0]?.[0] as number) - Number(limit?.behaviour[0]?.[0]?.[0]))).toBeLessThan(0.05);
  });
});
