import { describe, expect, it } from 'vitest';
import { makeGame } from '../../../models/games/makeGame';
import {
  analyseGame,
  bestResponses,
  eliminations,
  gameFromWire,
  gameToWire,
  supportProfiles,
} from '../../../renderer/lib/util/analyseGame';

// Gambit order: player 0 fastest. Prisoner's dilemma: C=0, D=1.
const pd = makeGame({
  title: 'pd',
  players: ['R', 'C'],
  strategies: [
    ['C', 'D'],
    ['C', 'D'],
  ],
  payoffs: [
    [3, 3], // (C,C)
    [5, 0], // (D,C)
    [0, 5], // (C,D)
    [1, 1], // (D,D)
  ],
});

const bos = makeGame({
  title: 'bos',
  players: ['A', 'B'],
  strategies: [
    ['O', 'F'],
    ['O', 'F'],
  ],
  payoffs: [
    [2, 1],
    [0, 0],
    [0, 0],
    [1, 2],
  ],
});

const pennies = makeGame({
  title: 'mp',
  players: ['A', 'B'],
  strategies: [
    ['H', 'T'],
    ['H', 'T'],
  ],
  payoffs: [
    [1, -1],
    [-1, 1],
    [-1, 1],
    [1, -1],
  ],
});

describe('analyseGame', () => {
  it('marks best responses per cell', () => {
    const br = bestResponses(pd);
    expect(br[1]).toEqual([true, false]); // (D,C): D is R's best reply; C is not C's
    expect(br[3]).toEqual([true, true]);
  });

  it('eliminates strictly dominated strategies iteratively', () => {
    expect(eliminations(pd).map((e) => [e.player, e.strategy, e.by, e.dominator])).toEqual([
      [0, 0, 'pure', 1],
      [1, 0, 'pure', 1],
    ]);
    expect(eliminations(bos)).toEqual([]);
  });

  it('runs every solver and finds the exact mixed equilibrium of battle of the sexes, and the QRE branch', () => {
    const a = analyseGame(bos);
    expect(a.runs.map((r) => r.method)).toEqual(['pure', 'enummixed', 'lcp', 'logit', 'zerosum']);
    expect(a.runs.find((r) => r.method === 'pure')?.equilibria.map((e) => e.pureIndex)).toEqual([0, 3]);
    const mixed = a.runs.find((r) => r.method === 'enummixed')?.equilibria.find((e) => e.pureIndex === null);
    expect(mixed?.text).toEqual([
      ['2/3', '1/3'],
      ['1/3', '2/3'],
    ]);
    expect(mixed && supportProfiles(bos, mixed.probs).sort()).toEqual([0, 1, 2, 3]);
    expect(a.runs.find((r) => r.method === 'zerosum')?.skipped).toBe('not a zero-sum game');
    expect(a.qre?.points.length).toBeGreaterThan(5);
    expect(a.qre?.points[0]?.profile[0]?.[0]).toBeCloseTo(0.5, 6);
  });

  it('solves a zero-sum game by LP and reports its value', () => {
    const z = analyseGame(pennies).runs.find((r) => r.method === 'zerosum');
    expect(z?.note).toBe('Value for A: 0');
    expect(z?.equilibria[0]?.text).toEqual([
      ['1/2', '1/2'],
      ['1/2', '1/2'],
    ]);
  });

  it('reports solvers that do not apply instead of running them; solvers: false skips them all', () => {
    const g3 = makeGame({
      title: '3p',
      players: ['A', 'B', 'C'],
      strategies: [['x'], ['y'], ['z']],
      payoffs: [[1, 1, 1]],
    });
    const runs = analyseGame(g3).runs;
    expect(runs.find((r) => r.method === 'lcp')?.skipped).toMatch(/two-player/);
    expect(runs.find((r) => r.method === 'pure')?.equilibria).toHaveLength(1);
    expect(analyseGame(pd, { solvers: false }).runs).toEqual([]);
  });

  it('round-trips a game through the worker wire format, exactly', () => {
    const g = gameFromWire(JSON.parse(JSON.stringify(gameToWire(bos))));
    expect(g.exact?.[0]?.[0]?.toString()).toBe('2');
    expect(g.payoffs).toEqual(bos.payoffs);
  });

  it('refuses games too large for the exact solvers with a message, instead of running for minutes', () => {
    // A 24×24 game with pseudo-random integer payoffs: beyond the shared work budgets of enummixed and lcp.
    let x = 12345;
    const rnd = (): number => (x = (x * 1103515245 + 12345) % 2147483648) % 100;
    const n = 24;
    const strategies = Array.from({ length: n }, (_, i) => `s${i}`);
    const game = makeGame({
      title: 'large',
      players: ['A', 'B'],
      strategies: [strategies, strategies],
      payoffs: Array.from({ length: n * n }, () => [rnd(), rnd()]),
    });
    // Bounded work: enummixed is refused by its size limit before it starts (no wall-clock assertion).
    const analysis = analyseGame(game);
    const enummixed = analysis.runs.find((r) => r.method === 'enummixed');
    expect(enummixed?.error).toMatch(/too large/);
    expect(analysis.runs.find((r) => r.method === 'pure')?.error).toBeNull();
  });
});
