import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rational } from '../../../../models/games/Rational';
import { makeGame } from '../../../../models/games/makeGame';
import { pureEquilibria } from '../../../../models/games/pureEquilibria';
import { enumMixed } from '../../../../models/games/enumMixed';
import { readEfg, writeEfg } from '../../../../models/games/extensive/efg';
import { makeTree, type NodeSpec } from '../../../../models/games/extensive/makeTree';
import { perfectRecallViolation } from '../../../../models/games/extensive/perfectRecall';
import { RATIONAL_FIELD } from '../../../../models/games/extensive/NumField';
import {
  behaviourToMixed,
  behaviourToRealization,
  mixedToBehaviour,
  mixedToRealization,
} from '../../../../models/games/extensive/realizationPlans';
import {
  reducedStrategicForm,
  reducedStrategyCount,
  reducedStrategies,
} from '../../../../models/games/extensive/reducedStrategicForm';
import { subgameRoots } from '../../../../models/games/extensive/subgameRoots';
import { TreeError } from '../../../../models/games/extensive/TreeError';
import { treeFromGame } from '../../../../models/games/extensive/treeFromGame';
import { treeEnumMixed, treePureEquilibria } from '../../../../models/games/extensive/treeNash';
import { makeTreeEquilibrium } from '../../../../models/games/extensive/verifyBehaviour';
import { EquilibriumCheckError } from '../../../../models/games/Equilibrium';
import { fixtureTree } from './fixtures';
import { randomTree } from './randomTree';
import { directPayoffs } from './treeHelpers';

const T = (payoffs: number[]): NodeSpec => ({ kind: 'terminal', payoffs });

const treeError = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(TreeError);
    return (err as Error).message;
  }
  throw new Error('expected a TreeError');
};

describe('makeTree validation (path-bearing messages)', () => {
  it('wrong child counts, unknown players, bad probabilities, bad payoffs', () => {
    const base = { title: 't', players: ['A', 'B'] };
    expect(
      treeError(() =>
        makeTree({
          ...base,
          root: { kind: 'decision', player: 0, actions: ['L', 'R'], children: [T([1, 1])] },
        }),
      ),
    ).toBe('node root: 2 actions but 1 children');
    expect(
      treeError(() =>
        makeTree({
          ...base,
          root: {
            kind: 'decision',
            player: 0,
            actions: ['L', 'R'],
            children: [T([1, 1]), { kind: 'decision', player: 2, actions: ['x'], children: [T([0, 0])] }],
          },
        }),
      ),
    ).toBe('node root/R: player 2 does not exist (players are 0..1)');
    expect(
      treeError(() =>
        makeTree({
          ...base,
          root: {
            kind: 'chance',
            actions: ['H', 'T'],
            probs: ['1/2', '1/3'],
            children: [T([1, 1]), T([0, 0])],
          },
        }),
      ),
    ).toMatch(/^chance information set 1 \(at node root\): probabilities sum to 5\/6, not 1/);
    expect(
      treeError(() =>
        makeTree({
          ...base,
          root: {
            kind: 'chance',
            actions: ['H', 'T'],
            probs: ['-1/2', '3/2'],
            children: [T([1, 1]), T([0, 0])],
          },
        }),
      ),
    ).toMatch(/^chance information set 1 \(at node root\): probabilities must be finite and ≥ 0/);
    expect(
      treeError(() =>
        makeTree({ ...base, root: { kind: 'decision', player: 0, actions: ['L'], children: [T([1])] } }),
      ),
    ).toBe('node root/L: outcome 1 has 1 payoffs but the game has 2 players');
    expect(
      treeError(() =>
        makeTree({ ...base, root: { kind: 'decision', player: 0, actions: ['L'], children: [T([1, NaN])] } }),
      ),
    ).toBe('node root/L: the payoff of player 2 is not a finite number: NaN');
  });

  it('an information set needs one player and the same actions at every node', () => {
    const base = { title: 't', players: ['A', 'B'] };
    expect(
      treeError(() =>
        makeTree({
          ...base,
          root: {
            kind: 'decision',
            player: 0,
            actions: ['L', 'R'],
            children: [
              {
                kind: 'decision',
                player: 1,
                infoset: 1,
                actions: ['x', 'y'],
                children: [T([0, 0]), T([0, 0])],
              },
              {
                kind: 'decision',
                player: 1,
                infoset: 1,
                actions: ['x', 'z'],
                children: [T([0, 0]), T([0, 0])],
              },
            ],
          },
        }),
      ),
    ).toBe(
      'node root/R: player 2, information set 1: actions {"x" "z"} differ from its earlier definition {"x" "y"}',
    );
  });
});

describe('perfect recall', () => {
  it('reports the player, the information set and what was forgotten', () => {
    // Player 1 moves, then moves again without knowing its own first move.
    const forgetsAction = makeTree({
      title: 'forgets',
      players: ['A'],
      root: {
        kind: 'decision',
        player: 0,
        infoset: 1,
        actions: ['L', 'R'],
        children: [
          {
            kind: 'decision',
            player: 0,
            infoset: 2,
            infosetLabel: 'later',
            actions: ['x', 'y'],
            children: [T([1]), T([0])],
          },
          {
            kind: 'decision',
            player: 0,
            infoset: 2,
            infosetLabel: 'later',
            actions: ['x', 'y'],
            children: [T([0]), T([1])],
          },
        ],
      },
    });
    expect(perfectRecallViolation(forgetsAction)?.message).toBe(
      'perfect recall fails for player "A" (1), information set 2 ("later"): at node root/L its last own move was "L" at information set 1, at node root/R its last own move was "R" at information set 1 (the player forgets which action it took at information set 1)',
    );
    // Absent-minded driver (Piccione & Rubinstein 1997).
    const driver = makeTree({
      title: 'driver',
      players: ['D'],
      root: {
        kind: 'decision',
        player: 0,
        infoset: 1,
        actions: ['Exit', 'Continue'],
        children: [
          T([0]),
          {
            kind: 'decision',
            player: 0,
            infoset: 1,
            actions: ['Exit', 'Continue'],
            children: [T([4]), T([1])],
          },
        ],
      },
    });
    expect(perfectRecallViolation(driver)?.message).toMatch(
      /information set 1: .*\(the player is absent-minded/,
    );
    // Forgets whether it moved: one node after its own move, one without.
    const forgetsMoving = makeTree({
      title: 'moved',
      players: ['A', 'B'],
      root: {
        kind: 'decision',
        player: 1,
        actions: ['a', 'b'],
        children: [
          {
            kind: 'decision',
            player: 0,
            infoset: 1,
            actions: ['u', 'v'],
            children: [
              { kind: 'decision', player: 0, infoset: 2, actions: ['x'], children: [T([0, 0])] },
              T([0, 0]),
            ],
          },
          { kind: 'decision', player: 0, infoset: 2, actions: ['x'], children: [T([0, 0])] },
        ],
      },
    });
    expect(perfectRecallViolation(forgetsMoving)?.message).toMatch(
      /at node root\/b it had not moved yet \(the player forgets whether it has already moved\)/,
    );
    expect(() => treePureEquilibria(forgetsAction)).toThrow(
      /pure needs a game with perfect recall; perfect recall fails for player "A"/,
    );
    // Gambit's imperfect-recall samples are detected too.
    expect(perfectRecallViolation(randomTree(3))).toBeNull();
  });
});

describe('subgames', () => {
  it('proper subgame roots: every node of a perfect-information tree, only the root of a simultaneous game', () => {
    expect(subgameRoots(fixtureTree('centipede6.efg'))).toEqual([0, 2, 4, 6, 8, 10]);
    expect(subgameRoots(fixtureTree('selten-horse.efg'))).toEqual([0]);
    expect(subgameRoots(fixtureTree('beer-quiche.efg'))).toEqual([0]);
    expect(subgameRoots(fixtureTree('entry.efg'))).toEqual([0, 1]);
  });
});

describe('reduced strategic form', () => {
  it("identifies strategies that differ only where the player's own moves exclude (Gambit's labels and order)", () => {
    const t = fixtureTree('centipede6.efg');
    // Player 1 moves at 1, 3, 5: Take at 1 makes 3 and 5 unreachable by its own play: 1**, 21*, 221, 222.
    expect(reducedStrategies(t, 0).map((s) => s.label)).toEqual(['1**', '21*', '221', '222']);
    expect(reducedStrategyCount(t, 0)).toBe(4);
    const form = reducedStrategicForm(t);
    expect(form.game.strategies).toEqual([
      ['1**', '21*', '221', '222'],
      ['1**', '21*', '221', '222'],
    ]);
    expect(form.game.exact?.[0]?.map(String)).toEqual(['2/5', '1/10']);
    // Other players' moves do not reduce: the responder in the ultimatum game keeps all 2^5 strategies.
    expect(reducedStrategyCount(fixtureTree('ultimatum.efg'), 1)).toBe(32);
    // The count formula matches the list on random trees.
    for (let seed = 1; seed < 30; seed++) {
      const r = randomTree(seed);
      for (let p = 0; p < 2; p++) expect(reducedStrategies(r, p).length).toBe(reducedStrategyCount(r, p));
    }
  });

  it('a strategic game read back from its tree has the same equilibria', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 18, maxLength: 18 }),
        (m, n, vals) => {
          const game = makeGame({
            title: 'g',
            players: ['A', 'B'],
            strategies: [
              Array.from({ length: m }, (_, i) => `r${i}`),
              Array.from({ length: n }, (_, j) => `c${j}`),
            ],
            payoffs: Array.from({ length: m * n }, (_, k) => [
              vals[2 * k] as number,
              vals[2 * k + 1] as number,
            ]),
          });
          const tree = readEfg(writeEfg(treeFromGame(game)));
          const form = reducedStrategicForm(tree);
          expect(form.game.exact?.map((row) => row.map(String))).toEqual(
            game.exact?.map((row) => row.map(String)),
          );
          expect(pureEquilibria(form.game).map((e) => e.profile.map((r) => r.map(String)))).toEqual(
            pureEquilibria(game).map((e) => e.profile.map((r) => r.map(String))),
          );
          expect(treePureEquilibria(tree).length).toBe(pureEquilibria(game).length);
          expect(treeEnumMixed(tree).length).toBe(enumMixed(game).length);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("Kuhn's theorem: realization-equivalent translations", () => {
  it('mixed → behaviour → mixed preserves every play probability and payoff (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 64, maxLength: 64 }),
        (seed, w) => {
          const t = randomTree(seed, { maxDepth: 3, chance: 0.2 });
          const form = reducedStrategicForm(t);
          const mixed = form.strategies.map((list, p) => {
            const raw = list.map((_, k) => BigInt((w[(k + 7 * p) % w.length] as number) + (k === 0 ? 1 : 0)));
            const sum = raw.reduce((a, b) => a + b, 0n);
            return raw.map((v) => Rational.of(v, sum));
          });
          const beh = mixedToBehaviour(t, form, mixed);
          t.players.forEach((_, p) => {
            // Realization plans agree (so every play has the same probability).
            const x1 = mixedToRealization(
              t,
              p,
              form.strategies[p] ?? [],
              mixed[p] as Rational[],
              RATIONAL_FIELD,
            );
            const x2 = behaviourToRealization(t, p, beh[p] as Rational[][], RATIONAL_FIELD);
            expect(x2.map(String)).toEqual(x1.map(String));
            const back = behaviourToMixed(form.strategies[p] ?? [], beh[p] as Rational[][], RATIONAL_FIELD);
            const x3 = mixedToRealization(t, p, form.strategies[p] ?? [], back, RATIONAL_FIELD);
            expect(x3.map(String)).toEqual(x1.map(String));
          });
          // Expected payoffs: strategic form with the mixed profile = the tree with the behaviour profile.
          const payoffs = directPayoffs(t, beh);
          const counts = form.strategies.map((s) => s.length);
          const expect0 = t.players.map(() => Rational.ZERO);
          const total = counts.reduce((a, b) => a * b, 1);
          for (let idx = 0; idx < total; idx++) {
            let rest = idx;
            let w8 = Rational.ONE;
            counts.forEach((c, p) => {
              w8 = w8.mul((mixed[p] as Rational[])[rest % c] as Rational);
              rest = Math.floor(rest / c);
            });
            (form.game.exact?.[idx] ?? []).forEach(
              (v, p) => (expect0[p] = (expect0[p] as Rational).add(w8.mul(v))),
            );
          }
          // directPayoffs starts from the root without outcomes above it: the same totals.
          expect(payoffs.map(String)).toEqual(expect0.map(String));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('makeTreeEquilibrium refuses a non-equilibrium and an unspecified row its player reaches', () => {
    const t = fixtureTree('entry.efg');
    const [one, zero] = [Rational.ONE, Rational.ZERO];
    expect(() => makeTreeEquilibrium(t, 'x', [[[one, zero]], [[zero, one]]])).toThrow(EquilibriumCheckError);
    expect(() => makeTreeEquilibrium(t, 'x', [[[one, zero]], [[zero, zero]]])).toThrow(
      /no behaviour at player "Incumbent"/,
    );
    const ok = makeTreeEquilibrium(t, 'x', [[[zero, one]], [[zero, one]]], { subgamePerfect: false });
    expect(ok.regret.toString()).toBe('0');
    expect(() =>
      makeTreeEquilibrium(t, 'x', [[[zero, one]], [[zero, one]]], { subgamePerfect: true }),
    ).toThrow(/in the subgame at node 1/);
  });
});
