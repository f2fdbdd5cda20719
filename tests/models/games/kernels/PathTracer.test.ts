// The one path tracer follows both logit systems: the strategic QreSystem (LogitKernel, logitQre) and the agent QRE
// system of a tree (agentQre). A game written as a tree of simultaneous moves has the same QRE, so the two systems
// traced by the same PathTracer must land on the same point.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PathTracer } from '../../../../models/games/kernels/PathTracer';
import { logitQre } from '../../../../models/games/logit';
import { agentQreSystem } from '../../../../models/games/extensive/agentQreSystem';
import { agentQre } from '../../../../models/games/extensive/agentLogit';
import { treeFromGame } from '../../../../models/games/extensive/treeFromGame';
import { arbGameOfShape, arbPayoff, floatGame, gameOf } from './kernelHelpers';
import { SolverLimitError } from '../../../../models/games/SolverLimitError';

const maxResidual = (H: Float64Array): number => H.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('PathTracer on the strategic and the agent logit systems', () => {
  it('the agent QRE of a simultaneous-move tree equals the strategic logit QRE at the same λ', () => {
    const shapes = [
      [2, 2],
      [3, 2],
      [2, 2, 2],
    ];
    for (const counts of shapes) {
      fc.assert(
        fc.property(
          arbGameOfShape(counts, arbPayoff('generic')),
          fc.double({ min: 0.1, max: 5, noNaN: true }),
          (g, lam) => {
            const game = gameOf(g);
            const lambda = lam / Math.max(1e-9, payoffSpread(g.payoffs));
            const strategic = logitQre(game, lambda);
            const agent = agentQre(treeFromGame(game), lambda);
            agent.forEach((sets, p) => {
              expect(sets).toHaveLength(1);
              (sets[0] as number[]).forEach((v, k) =>
                expect(Math.abs(v - ((strategic[p] as number[])[k] as number))).toBeLessThan(1e-7),
              );
            });
          },
        ),
        { numRuns: 15 },
      );
    }
  });

  it('traces the agent system to the requested λ on the branch, and continues from a point of it to the same end', () => {
    fc.assert(
      fc.property(arbGameOfShape([2, 3], arbPayoff('generic')), (g) => {
        const sys = agentQreSystem(treeFromGame(gameOf(g)));
        const tracer = new PathTracer(sys);
        expect(tracer.trace(20)).toBe('reached');
        const end = tracer.point.slice();
        expect(end[sys.nv]).toBe(20);
        sys.evaluate(end, false);
        expect(maxResidual(sys.H)).toBeLessThan(1e-8);
        expect(tracer.trace(5)).toBe('reached');
        const mid = tracer.point.slice();
        expect(tracer.trace(20, 'prev', null, mid)).toBe('reached');
        for (let a = 0; a <= sys.nv; a++)
          expect(Math.abs((tracer.point[a] as number) - (end[a] as number))).toBeLessThan(1e-7);
      }),
      { numRuns: 20 },
    );
  });

  it('counts work in predictor–corrector steps: the agent trace over its step budget is a SolverLimitError', () => {
    const game = gameOf(floatGame([2, 2], [3, 0, 0, 1, 0, 2, 1, 3]));
    expect(() => agentQre(treeFromGame(game), 1e4, 1)).toThrow(SolverLimitError);
    expect(() => agentQre(treeFromGame(game), 1e4)).not.toThrow();
  });
});

const payoffSpread = (pay: Float64Array): number => {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of pay) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return hi - lo;
};
