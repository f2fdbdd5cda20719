import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Num } from '../../../../models/games/Equilibrium';
import { Rational } from '../../../../models/games/Rational';
import { pureEquilibria } from '../../../../models/games/pureEquilibria';
import { SolverLimitError } from '../../../../models/games/SolverLimitError';
import type { GameTree } from '../../../../models/games/extensive/GameTree';
import { agentLogit } from '../../../../models/games/extensive/agentLogit';
import { reducedStrategicForm } from '../../../../models/games/extensive/reducedStrategicForm';
import { sequenceFormLcp } from '../../../../models/games/extensive/sequenceFormLcp';
import { subgamePerfect } from '../../../../models/games/extensive/subgamePerfect';
import { subgameRoots, isPerfectInformation } from '../../../../models/games/extensive/subgameRoots';
import { treeEnumMixed, treePureEquilibria } from '../../../../models/games/extensive/treeNash';
import type { TreeEquilibrium } from '../../../../models/games/extensive/verifyBehaviour';
import { makeTree, type NodeSpec } from '../../../../models/games/extensive/makeTree';
import { fixtureTree } from './fixtures';
import { randomTree } from './randomTree';
import {
  behaviourKey,
  bruteForceRegret,
  bruteForceSubgameRegret,
  fullPureStrategies,
  permuteActions,
  reduceBehaviour,
} from './treeHelpers';

const r = (s: string): Rational => Rational.from(s);
const str = (e: TreeEquilibrium): string[][][] =>
  e.behaviour.map((sets) => sets.map((row) => row.map(String)));

/** The pure action chosen at each information set ('-' where unspecified). */
const choices = (tree: GameTree, e: TreeEquilibrium): string[][] =>
  e.behaviour.map((sets, p) =>
    sets.map((row, k) => {
      const a = row.findIndex((v) => (v instanceof Rational ? v.equals(Rational.ONE) : v === 1));
      return a < 0
        ? row.every((v) => (v instanceof Rational ? v.isZero() : v === 0))
          ? '-'
          : 'mixed'
        : (tree.infosets[p]?.[k]?.actions[a] as string);
    }),
  );

const expectVerified = (tree: GameTree, eqs: readonly TreeEquilibrium[], subgames = false): void => {
  for (const e of eqs) {
    expect(e.regret instanceof Rational ? e.regret.isZero() : (e.regret as number) <= 1e-9).toBe(true);
    const brute = bruteForceRegret(tree, e.behaviour);
    if (brute !== null) {
      if (e.exact) expect(brute.toString(), behaviourKey(e.behaviour)).toBe('0');
      else expect(brute.toNumber()).toBeLessThan(1e-7);
    }
    if (subgames) {
      const sub = bruteForceSubgameRegret(tree, e.behaviour);
      if (sub !== null) expect(sub.toString()).toBe('0');
    }
  }
};

describe('known results', () => {
  it('entry deterrence: two Nash equilibria, one subgame-perfect', () => {
    const t = fixtureTree('entry.efg');
    const pure = treePureEquilibria(t);
    expect(pure.map((e) => choices(t, e))).toEqual([
      [['In'], ['Acquiesce']],
      [['Out'], ['Fight']],
    ]);
    const spe = subgamePerfect(t);
    expect(spe.map((e) => choices(t, e))).toEqual([[['In'], ['Acquiesce']]]);
    expect(spe[0]?.subgamePerfect).toBe(true);
    expect(spe[0]?.payoffs.map(String)).toEqual(['2', '1']);
    // Every extreme equilibrium of the reduced form: the SPE and the component where the incumbent threatens.
    expect(treeEnumMixed(t).map(str)).toEqual([
      [[['1', '0']], [['1', '0']]],
      [[['0', '1']], [['1/2', '1/2']]],
      [[['0', '1']], [['0', '1']]],
    ]);
    expect(agentLogit(t).map((e) => choices(t, e))).toEqual([[['In'], ['Acquiesce']]]);
    expectVerified(t, [...pure, ...spe, ...sequenceFormLcp(t)], false);
  });

  it('centipede: the unique SPE takes at once, at every move; Nash outcomes take at once', () => {
    const t = fixtureTree('centipede6.efg');
    const spe = subgamePerfect(t);
    expect(spe).toHaveLength(1);
    expect(choices(t, spe[0] as TreeEquilibrium)).toEqual([
      ['Take', 'Take', 'Take'],
      ['Take', 'Take', 'Take'],
    ]);
    expect(spe[0]?.payoffs.map(String)).toEqual(['2/5', '1/10']);
    const pure = treePureEquilibria(t);
    expect(pure.map((e) => choices(t, e))).toEqual([
      [
        ['Take', '-', '-'],
        ['Take', '-', '-'],
      ],
    ]);
    for (const e of [...treeEnumMixed(t), ...sequenceFormLcp(t), ...agentLogit(t)]) {
      expect(e.payoffs.map(String)).toEqual(['2/5', '1/10']);
    }
    expect(choices(t, agentLogit(t)[0] as TreeEquilibrium)[0]).toEqual(['Take', 'Take', 'Take']);
  });

  it('ultimatum with whole-unit offers: two SPEs (offer 0, or offer 1 with 0 rejected)', () => {
    const t = fixtureTree('ultimatum.efg');
    const spe = subgamePerfect(t);
    expect(spe.map((e) => choices(t, e))).toEqual([
      [['Offer 0'], ['Accept', 'Accept', 'Accept', 'Accept', 'Accept']],
      [['Offer 1'], ['Reject', 'Accept', 'Accept', 'Accept', 'Accept']],
    ]);
    expectVerified(t, spe, true);
    // Every offer except 4 is a Nash outcome, sustained by rejecting smaller offers.
    const offers = new Set(treePureEquilibria(t).map((e) => choices(t, e)[0]?.[0]));
    expect([...offers].sort()).toEqual(['Offer 0', 'Offer 1', 'Offer 2', 'Offer 3', 'Offer 4']);
  });

  it('beer–quiche: only pooling equilibria, on beer and on quiche', () => {
    const t = fixtureTree('beer-quiche.efg');
    const pure = treePureEquilibria(t);
    expect(pure.map((e) => choices(t, e))).toEqual([
      [
        ['Quiche', 'Quiche'],
        ['Duel', 'Not'],
      ],
      [
        ['Beer', 'Beer'],
        ['Not', 'Duel'],
      ],
    ]);
    for (const e of [...treeEnumMixed(t), ...sequenceFormLcp(t), ...subgamePerfect(t)]) {
      const [tough, weak] = e.behaviour[0] as Num[][];
      expect(tough?.map(String)).toEqual(weak?.map(String)); // pooling: both types eat the same
    }
    // The logit limit is the beer pooling equilibrium (the intuitive one).
    expect(choices(t, agentLogit(t)[0] as TreeEquilibrium)[0]).toEqual(['Beer', 'Beer']);
  });

  it('Kuhn poker: the value to player 1 is −1/18 (sequence-form Lemke, exact)', () => {
    const t = fixtureTree('kuhn-poker.efg');
    const eqs = sequenceFormLcp(t, { maxStarts: 3 });
    expect(eqs.length).toBeGreaterThan(0);
    for (const e of eqs) {
      expect(e.exact).toBe(true);
      expect(e.payoffs.map(String)).toEqual(['-1/18', '1/18']);
    }
    expect(treePureEquilibria(t)).toEqual([]);
    const spe = subgamePerfect(t);
    expect(spe[0]?.payoffs.map(String)).toEqual(['-1/18', '1/18']);
    const logit = agentLogit(t)[0] as TreeEquilibrium;
    expect(Number(logit.payoffs[0])).toBeCloseTo(-1 / 18, 9);
    // Kuhn's family: player 1 bets the jack with probability α ∈ [0, 1/3] and the king with 3α.
    const jackBet = Number((logit.behaviour[0]?.[0] as Num[])[1]);
    const kingBet = Number((logit.behaviour[0]?.[2] as Num[])[1]);
    expect(jackBet).toBeGreaterThanOrEqual(0);
    expect(jackBet).toBeLessThanOrEqual(1 / 3 + 1e-9);
    expect(kingBet).toBeCloseTo(3 * jackBet, 6);
  });

  it("Selten's horse: two pure equilibria; the logit limit lies in the perfect component (C, c, L ≤ 1/4)", () => {
    const t = fixtureTree('selten-horse.efg');
    expect(subgameRoots(t)).toEqual([0]);
    expect(treePureEquilibria(t).map((e) => choices(t, e))).toEqual([
      [['D'], ['c'], ['L']],
      [['C'], ['c'], ['R']],
    ]);
    const logit = agentLogit(t)[0] as TreeEquilibrium;
    expect(choices(t, logit).slice(0, 2)).toEqual([['C'], ['c']]);
    expect(Number((logit.behaviour[2]?.[0] as Num[])[0])).toBeLessThanOrEqual(1 / 4);
  });
});

describe('properties on random trees', () => {
  const small = { maxDepth: 3, maxActions: 2 } as const;
  const pureCount = (e: TreeEquilibrium): boolean =>
    e.behaviour.every((sets) =>
      sets.every((row) => row.every((v) => (v as Rational).isZero() || (v as Rational).equals(Rational.ONE))),
    );

  it('every answer of every method is an equilibrium (independent brute-force check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.boolean(), (seed, three) => {
        const t = randomTree(seed, { ...small, players: three ? 3 : 2, chance: 0.2, innerOutcome: 0.2 });
        expectVerified(t, treePureEquilibria(t));
        expectVerified(t, subgamePerfect(t), true);
        if (!three) {
          expectVerified(t, sequenceFormLcp(t));
          expectVerified(t, treeEnumMixed(t));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('pure subgame-perfect equilibria are pure Nash equilibria (spe ⊆ pure, in Gambit’s reduced form)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, merge) => {
          const t = randomTree(seed, { ...small, merge });
          const pure = new Set(treePureEquilibria(t).map((e) => behaviourKey(e.behaviour)));
          for (const e of subgamePerfect(t).filter(pureCount))
            expect(pure.has(behaviourKey(reduceBehaviour(t, e.behaviour)))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('perfect information: backward induction = the full pure profiles that are Nash in every subgame’s reduced form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (seed) => {
        const t = randomTree(seed, {
          maxDepth: 3,
          maxActions: 2,
          merge: 0,
          chance: 0.2,
          payoffRange: [0, 2],
        });
        expect(isPerfectInformation(t)).toBe(true);
        const spe = new Set(subgamePerfect(t).map((e) => behaviourKey(e.behaviour)));
        // Every full pure profile, kept when its restriction to each subgame is a pure Nash equilibrium of that
        // subgame's reduced strategic form (solved by models/games/pureEquilibria, not by backward induction).
        const per = t.players.map((_, p) => fullPureStrategies(t, p, 64));
        if (per.some((s) => s === null)) return;
        const expected = new Set<string>();
        const forms = subgameRoots(t).map((root) => {
          const sub = subtree(t, root);
          const form = reducedStrategicForm(sub.tree);
          return { sub, form, eqs: pureEquilibria(form.game) };
        });
        const rec = (p: number, chosen: Rational[][][]): void => {
          if (p === t.players.length) {
            const ok = forms.every(({ sub, form, eqs }) => {
              const profile = t.players.map((_, q) => {
                const rows = sub.setMap[q]?.map((k) => chosen[q]?.[k] as Rational[]) ?? [];
                return form.strategies[q]?.findIndex((s) =>
                  [...s.choice].every((a, k) => a < 0 || (rows[k] as Rational[])[a]?.equals(Rational.ONE)),
                ) as number;
              });
              return eqs.some((e) =>
                e.profile.every((row, q) => (row[profile[q] as number] as Rational).equals(Rational.ONE)),
              );
            });
            if (ok) expected.add(behaviourKey(chosen));
            return;
          }
          for (const s of per[p] as Rational[][][]) rec(p + 1, [...chosen, s]);
        };
        rec(0, []);
        expect([...spe].sort()).toEqual([...expected].sort());
      }),
      { numRuns: 25 },
    );
  });

  it('relabelling invariance: permuting an information set’s actions and renaming labels permutes the answers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.nat(), (seed, pick) => {
        const t = randomTree(seed, { ...small, merge: 0.6 });
        const sets = t.infosets.flatMap((list, p) => list.map((s, k) => ({ p, k, n: s.actions.length })));
        const { p, k, n } = sets[pick % sets.length] as { p: number; k: number; n: number };
        const perm = Array.from({ length: n }, (_, j) => (j + 1) % n);
        const u = permuteActions(t, p, k, perm, (s) => `x${s}`);
        const back = (b: readonly (readonly (readonly Num[])[])[]): string =>
          behaviourKey(
            b.map((list, q) =>
              list.map((row, kk) =>
                q === p && kk === k ? perm.map((_, j) => row[perm.indexOf(j)] as Num) : row,
              ),
            ),
          );
        for (const solve of [treePureEquilibria, subgamePerfect, treeEnumMixed]) {
          const a = new Set(solve(t).map((e) => behaviourKey(e.behaviour)));
          const b = new Set(solve(u).map((e) => back(e.behaviour)));
          expect([...b].sort()).toEqual([...a].sort());
        }
        const la = agentLogit(t)[0] as TreeEquilibrium;
        const lb = agentLogit(u)[0] as TreeEquilibrium;
        expect(lb.payoffs.map(Number).map((v) => v.toFixed(6))).toEqual(
          la.payoffs.map(Number).map((v) => v.toFixed(6)),
        );
      }),
      { numRuns: 25 },
    );
  });
});

/** The subgame at `root` as a tree of its own, and where each of its information sets sits in the original. */
const subtree = (tree: GameTree, root: number): { tree: GameTree; setMap: number[][] } => {
  const specOf = (n: number): NodeSpec => {
    const nd = tree.nodes[n];
    if (!nd) throw new Error('bad node');
    const payoffs = nd.outcome >= 0 ? { payoffs: tree.outcomes[nd.outcome]?.exact as Rational[] } : {};
    if (nd.kind === 'terminal') return { kind: 'terminal', ...payoffs };
    if (nd.kind === 'chance') {
      const s = tree.chance[nd.infoset];
      return {
        kind: 'chance',
        actions: s?.actions ?? [],
        probs: s?.exactProbs ?? [],
        children: nd.children.map(specOf),
        ...payoffs,
      };
    }
    const s = tree.infosets[nd.player]?.[nd.infoset];
    return {
      kind: 'decision',
      player: nd.player,
      infoset: s?.number,
      actions: s?.actions ?? [],
      children: nd.children.map(specOf),
      ...payoffs,
    };
  };
  const sub = makeTree({ title: 'sub', players: tree.players, root: specOf(root) });
  const setMap = sub.infosets.map((list, p) =>
    list.map((s) => (tree.infosets[p] ?? []).findIndex((o) => o.number === s.number)),
  );
  return { tree: sub, setMap };
};

describe('limits', () => {
  it('a 3,000-move centipede is refused by every exact method with a typed SolverLimitError, quickly', () => {
    let node: NodeSpec = { kind: 'terminal', payoffs: [1, 1] };
    for (let k = 0; k < 3000; k++) {
      node = {
        kind: 'decision',
        player: k % 2,
        actions: ['Take', 'Pass'],
        children: [{ kind: 'terminal', payoffs: [k, 3000 - k] }, node],
      };
    }
    const t = makeTree({ title: 'long', players: ['A', 'B'], root: node });
    for (const solve of [
      () => subgamePerfect(t),
      () => agentLogit(t),
      () => sequenceFormLcp(t, { maxWork: 12_000_000 }),
      () => treePureEquilibria(t),
      () => treeEnumMixed(t),
    ]) {
      expect(solve).toThrow(SolverLimitError);
    }
  });

  it('spe refuses an explosion of tie-breaks with a SolverLimitError', () => {
    // 12 independent indifferent choices: 4,096 subgame-perfect equilibria.
    const leafs = (n: number): NodeSpec =>
      n === 0
        ? { kind: 'terminal', payoffs: [0] }
        : {
            kind: 'chance',
            actions: ['l', 'r'],
            probs: ['1/2', '1/2'],
            children: [choice(n - 1), choice(n - 1)],
          };
    const choice = (n: number): NodeSpec => ({
      kind: 'decision',
      player: 0,
      actions: ['a', 'b'],
      children: [leafs(n), leafs(n)],
    });
    const t = makeTree({ title: 'ties', players: ['P'], root: choice(4) });
    expect(() => subgamePerfect(t, { maxEquilibria: 100 })).toThrow(
      /more than 100 subgame-perfect equilibria/,
    );
    void r;
  });
});
