// The built-in classic game trees (models/scenario/builtinGames.ts, models/library/games/): the API, and the known
// results of each game computed from the built-in itself.
import { describe, expect, it } from 'vitest';
import { Rational } from '../../../models/games/Rational';
import type { GameTree } from '../../../models/games/extensive/GameTree';
import { readFileSync } from 'node:fs';
import type { Num } from '../../../models/games/Equilibrium';
import { RATIONAL_FIELD } from '../../../models/games/extensive/NumField';
import { agentLogit } from '../../../models/games/extensive/agentLogit';
import { readEfg, writeEfg } from '../../../models/games/extensive/efg';
import { reducedStrategicForm } from '../../../models/games/extensive/reducedStrategicForm';
import { sequenceFormLcp } from '../../../models/games/extensive/sequenceFormLcp';
import { subgamePerfect } from '../../../models/games/extensive/subgamePerfect';
import { treeEnumMixed, treePureEquilibria } from '../../../models/games/extensive/treeNash';
import { behaviourCheck, type TreeEquilibrium } from '../../../models/games/extensive/verifyBehaviour';
import { builtinGame, builtinGames, builtinGameTree } from '../../../models/scenario/builtinGames';
import { flat, key, norm, unflat } from '../games/extensive/gambitAnswers';

/** The pure action chosen at each information set ('-' where unspecified, 'mixed' otherwise). */
const choices = (tree: GameTree, e: TreeEquilibrium): string[][] =>
  e.behaviour.map((sets, p) =>
    sets.map((row, k) => {
      const a = row.findIndex((v) => (v instanceof Rational ? v.equals(Rational.ONE) : v === 1));
      if (a >= 0) return tree.infosets[p]?.[k]?.actions[a] as string;
      return row.every((v) => (v instanceof Rational ? v.isZero() : v === 0)) ? '-' : 'mixed';
    }),
  );

describe('built-in classic games: the API', () => {
  it('lists every game with an id, title, summary, notes and efg text, and finds each by id', () => {
    expect(builtinGames.length).toBeGreaterThan(0);
    for (const g of builtinGames) {
      expect(g.id).toMatch(/^[a-z][a-z-]*$/);
      expect(g.summary.length).toBeGreaterThan(20);
      expect(g.notes).toContain('## ');
      expect(g.efg.startsWith('EFG 2 R ')).toBe(true);
      expect(g.efg.endsWith('\n')).toBe(true);
      expect(builtinGame(g.id)).toBe(g);
    }
    expect(builtinGame('no-such-game')).toBeUndefined();
  });

  it('parses each game: exact, titled as listed, and written back to the same tree', () => {
    for (const g of builtinGames) {
      const t = builtinGameTree(g.id);
      expect(t.exact).toBe(true);
      expect(t.title).toBe(g.title);
      expect(builtinGameTree(g.id)).toBe(t);
      const back = readEfg(writeEfg(t), 'back.efg');
      expect(writeEfg(back)).toBe(writeEfg(t));
    }
  });

  it('has the five classics, in this order', () => {
    expect(builtinGames.map((g) => g.id)).toEqual([
      'entry-deterrence',
      'centipede',
      'ultimatum',
      'beer-quiche',
      'kuhn-poker',
    ]);
  });

  it('throws for an unknown id, naming the known ones', () => {
    expect(() => builtinGameTree('chess')).toThrow(
      /unknown built-in game "chess" \(built-in games: entry-deterrence/,
    );
  });
});

describe('built-in classic games: known results', () => {
  it('entry-deterrence: two pure Nash equilibria, (In, Acquiesce) and (Out, Fight); one SPE, (In, Acquiesce)', () => {
    const t = builtinGameTree('entry-deterrence');
    expect(treePureEquilibria(t).map((e) => choices(t, e))).toEqual([
      [['In'], ['Acquiesce']],
      [['Out'], ['Fight']],
    ]);
    const spe = subgamePerfect(t);
    expect(spe.map((e) => choices(t, e))).toEqual([[['In'], ['Acquiesce']]]);
    expect(spe[0]?.payoffs.map(String)).toEqual(['2', '1']);
  });
});

const num = (v: Num): number => (v instanceof Rational ? v.toNumber() : v);
const exactRows = (e: TreeEquilibrium): string[][][] =>
  e.behaviour.map((sets) => sets.map((row) => row.map(String)));
/** behaviour[player][information set labelled `label`] of an equilibrium, as numbers. */
const at = (t: GameTree, e: TreeEquilibrium, player: number, label: string): number[] => {
  const k = (t.infosets[player] ?? []).findIndex((s) => s.label === label);
  expect(k, label).toBeGreaterThanOrEqual(0);
  return (e.behaviour[player]?.[k] ?? []).map(num);
};
const expectZeroRegret = (t: GameTree, eqs: readonly TreeEquilibrium[]): void => {
  for (const e of eqs) {
    expect(e.regret.toString()).toBe('0');
    expect(behaviourCheck(t, e.behaviour as Rational[][][], RATIONAL_FIELD).regret.toString()).toBe('0');
  }
};

describe('built-in classic games: known results (each computed on the built-in)', () => {
  it('entry-deterrence: the threat to fight is supported by Nash equilibria with P(Fight) ≥ 1/2, none subgame perfect', () => {
    const t = builtinGameTree('entry-deterrence');
    expect(treeEnumMixed(t).map(exactRows)).toEqual([
      [[['1', '0']], [['1', '0']]],
      [[['0', '1']], [['1/2', '1/2']]],
      [[['0', '1']], [['0', '1']]],
    ]);
    expect(sequenceFormLcp(t).map((e) => choices(t, e))).toEqual([
      [['In'], ['Acquiesce']],
      [['Out'], ['Fight']],
    ]);
    // The exercise in the notes: a reputation that makes fighting pay 2 makes (Out, Fight) the SPE.
    const tough = readEfg(
      builtinGame('entry-deterrence')?.efg.replace('{ 0, 0 }', '{ 0, 2 }') ?? '',
      'tough.efg',
    );
    expect(subgamePerfect(tough).map((e) => choices(tough, e))).toEqual([[['Out'], ['Fight']]]);
  });

  it('centipede: the unique SPE takes at every move; every Nash equilibrium takes at once', () => {
    const t = builtinGameTree('centipede');
    const spe = subgamePerfect(t);
    expect(spe.map((e) => choices(t, e))).toEqual([
      [
        ['Take', 'Take', 'Take'],
        ['Take', 'Take', 'Take'],
      ],
    ]);
    expect(spe[0]?.payoffs.map(String)).toEqual(['2/5', '1/10']);
    expect(treePureEquilibria(t)).toHaveLength(1);
    const mixed = treeEnumMixed(t);
    expect(mixed.length).toBeGreaterThan(1);
    for (const e of [...mixed, ...sequenceFormLcp(t), ...agentLogit(t)]) {
      expect(at(t, e, 0, 'Move 1')[0]).toBe(1);
      expect(e.payoffs.map((v) => num(v))).toEqual([0.4, 0.1]);
    }
    // Some extreme equilibria mix at move 2, which nobody reaches.
    expect(mixed.some((e) => at(t, e, 1, 'Move 2')[0] !== 1)).toBe(true);
    expect(choices(t, agentLogit(t)[0] as TreeEquilibrium)).toEqual(choices(t, spe[0] as TreeEquilibrium));
  });

  it('ultimatum: exactly two pure SPEs — offer 0 accepted, or offer 1 with 0 rejected — and many Nash equilibria', () => {
    const t = builtinGameTree('ultimatum');
    const spe = subgamePerfect(t);
    expect(spe.map((e) => choices(t, e))).toEqual([
      [['Offer 0'], ['Accept', 'Accept', 'Accept', 'Accept', 'Accept']],
      [['Offer 1'], ['Reject', 'Accept', 'Accept', 'Accept', 'Accept']],
    ]);
    expect(spe.map((e) => e.payoffs.map(String))).toEqual([
      ['4', '0'],
      ['3', '1'],
    ]);
    const pure = treePureEquilibria(t);
    expect(pure).toHaveLength(33);
    // "offer 2, or I reject": an equilibrium backed by incredible threats.
    expect(pure.map((e) => choices(t, e))).toContainEqual([
      ['Offer 2'],
      ['Reject', 'Reject', 'Accept', 'Accept', 'Reject'],
    ]);
    // The agent logit limit: offer 1, the responder indifferent at 0 and accepting it half the time.
    const logit = agentLogit(t)[0] as TreeEquilibrium;
    expect(at(t, logit, 0, 'Offer')).toEqual([0, 1, 0, 0, 0]);
    expect(at(t, logit, 1, 'Offered 0')).toEqual([0.5, 0.5]);
    // The exercise in the notes: with envy (−1 where the proposer keeps 3 or more) the SPE offers rise to 1 and 2.
    const envious = readEfg(
      (builtinGame('ultimatum')?.efg ?? '').replace('{ 4, 0 }', '{ 4, -1 }').replace('{ 3, 1 }', '{ 3, 0 }'),
      'envy.efg',
    );
    expect(subgamePerfect(envious).map((e) => choices(envious, e)[0])).toEqual([['Offer 1'], ['Offer 2']]);
  });

  it('beer-quiche: only pooling equilibria; the beer pool survives the intuitive criterion, the quiche pool fails it', () => {
    const t = builtinGameTree('beer-quiche');
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
    const mixed = treeEnumMixed(t);
    expect(mixed.map(exactRows)).toEqual([
      [
        [
          ['1', '0'],
          ['1', '0'],
        ],
        [
          ['0', '1'],
          ['1', '0'],
        ],
      ],
      [
        [
          ['1', '0'],
          ['1', '0'],
        ],
        [
          ['0', '1'],
          ['1/2', '1/2'],
        ],
      ],
      [
        [
          ['0', '1'],
          ['0', '1'],
        ],
        [
          ['1', '0'],
          ['0', '1'],
        ],
      ],
      [
        [
          ['0', '1'],
          ['0', '1'],
        ],
        [
          ['1/2', '1/2'],
          ['0', '1'],
        ],
      ],
    ]);
    // No separating equilibrium: in every extreme equilibrium both types order the same breakfast.
    for (const e of mixed) expect(at(t, e, 0, 'Tough')).toEqual(at(t, e, 0, 'Weak'));
    // The intuitive criterion, on each pure equilibrium.
    expect(pure.map((e) => intuitiveCriterion(t, e))).toEqual(['fails', 'survives']);
    // What the other solvers give: the beer pool.
    for (const e of [...sequenceFormLcp(t), ...agentLogit(t)])
      expect(choices(t, e)[0]).toEqual(['Beer', 'Beer']);
    expectZeroRegret(t, [...pure, ...mixed, ...sequenceFormLcp(t)]);
    // The exercise in the notes: with the sender weak with probability 2/3, no pure equilibrium; the weak type mixes.
    const weak = readEfg(
      (builtinGame('beer-quiche')?.efg ?? '').replace('"Tough" 9/10 "Weak" 1/10', '"Tough" 1/3 "Weak" 2/3'),
      'weak.efg',
    );
    expect(treePureEquilibria(weak)).toEqual([]);
    expect(treeEnumMixed(weak).map(exactRows)).toEqual([
      [
        [
          ['1', '0'],
          ['1/2', '1/2'],
        ],
        [
          ['1/2', '1/2'],
          ['1', '0'],
        ],
      ],
    ]);
  });

  it('kuhn-poker: no pure equilibrium; the value to player 1 is exactly −1/18 (sequence-form LCP); the equilibria bluff', () => {
    const t = builtinGameTree('kuhn-poker');
    expect(treePureEquilibria(t)).toEqual([]);
    const lcp = sequenceFormLcp(t);
    expect(lcp.length).toBeGreaterThan(0);
    for (const e of lcp) {
      expect(e.exact).toBe(true);
      expect(e.payoffs.map(String)).toEqual(['-1/18', '1/18']);
    }
    expectZeroRegret(t, lcp);
    // Kuhn's family: player 1 bluffs the Jack with α ∈ [0, 1/3], bets the King with 3α, checks the Queen and calls
    // with it with α + 1/3; player 2 bluffs the Jack after a check with 1/3 and calls with the Queen with 1/3.
    const kuhnFamily = (e: TreeEquilibrium, tol: number): void => {
      const alpha = at(t, e, 0, 'J')[1] as number;
      expect(alpha).toBeGreaterThanOrEqual(-tol);
      expect(alpha).toBeLessThanOrEqual(1 / 3 + tol);
      expect(at(t, e, 0, 'K')[1]).toBeCloseTo(3 * alpha, -Math.log10(tol));
      expect(at(t, e, 0, 'Q')[0]).toBeCloseTo(1, -Math.log10(tol));
      expect(at(t, e, 0, 'Q check-bet')[1]).toBeCloseTo(alpha + 1 / 3, -Math.log10(tol));
      expect(at(t, e, 0, 'J check-bet')[0]).toBeCloseTo(1, -Math.log10(tol));
      expect(at(t, e, 1, 'J after check')[1]).toBeCloseTo(1 / 3, -Math.log10(tol));
      expect(at(t, e, 1, 'Q after check')[0]).toBeCloseTo(1, -Math.log10(tol));
      expect(at(t, e, 1, 'K after check')[1]).toBeCloseTo(1, -Math.log10(tol));
      expect(at(t, e, 1, 'J after bet')[0]).toBeCloseTo(1, -Math.log10(tol));
      expect(at(t, e, 1, 'Q after bet')[1]).toBeCloseTo(1 / 3, -Math.log10(tol));
      expect(at(t, e, 1, 'K after bet')[1]).toBeCloseTo(1, -Math.log10(tol));
    };
    for (const e of lcp) kuhnFamily(e, 1e-12);
    const logit = agentLogit(t)[0] as TreeEquilibrium;
    kuhnFamily(logit, 1e-3);
    expect(num(logit.payoffs[0] as Num)).toBeCloseTo(-1 / 18, 6);
    // The notes' "27 × 64 strategic form".
    expect(reducedStrategicForm(t).game.strategies.map((s) => s.length)).toEqual([27, 64]);
  });
});

/**
 * Cho and Kreps's (1987) intuitive criterion on a pure equilibrium of a signalling tree shaped as the built-in
 * beer–quiche (chance picks the type, the sender picks a message, the receiver sees the message and picks one of two
 * responses). Written out here from the definition, independently of the solvers: for each message nobody sends,
 * drop the types whose best payoff from it (over the receiver's best responses to any belief) is below their
 * equilibrium payoff; the equilibrium fails if some remaining type gains from the message whatever best response to
 * beliefs on the remaining types the receiver makes.
 */
const intuitiveCriterion = (t: GameTree, e: TreeEquilibrium): 'survives' | 'fails' => {
  const root = t.nodes[0];
  if (root?.kind !== 'chance') throw new Error('not a signalling tree');
  const types = root.children.map((n) => t.nodes[n]);
  const pay = (n: number): Rational[] => {
    const o = t.outcomes[t.nodes[n]?.outcome ?? -1];
    return (o?.exact ?? []) as Rational[];
  };
  // u[type][message][response] = [sender, receiver]
  const u = types.map((s) => {
    if (s?.kind !== 'decision') throw new Error('not a signalling tree');
    return s.children.map((r) => {
      const rn = t.nodes[r];
      if (rn?.kind !== 'decision' || rn.children.length !== 2) throw new Error('not a signalling tree');
      return rn.children.map(pay);
    });
  });
  const msgOf = types.map((s) =>
    s?.kind === 'decision' ? (e.behaviour[0]?.[s.infoset] ?? []).findIndex((v) => num(v) === 1) : -1,
  );
  const receiverSet = (m: number): number => {
    const s = types[0];
    const rn = s?.kind === 'decision' ? t.nodes[s.children[m] as number] : undefined;
    return rn?.kind === 'decision' ? rn.infoset : -1;
  };
  const resp = (m: number): number => (e.behaviour[1]?.[receiverSet(m)] ?? []).findIndex((v) => num(v) === 1);
  const star = types.map((_, ty) => {
    const m = msgOf[ty] as number;
    return (u[ty]?.[m]?.[resp(m)] as Rational[])[0] as Rational;
  });
  const messages = u[0]?.length ?? 0;
  for (let m = 0; m < messages; m++) {
    if (msgOf.includes(m)) continue;
    // Responses that are best to some belief over `set`: r is, iff it is weakly better for the receiver at some type.
    const bestTo = (set: number[]): number[] =>
      [0, 1].filter((r) =>
        set.some(
          (ty) => !(u[ty]?.[m]?.[r] as Rational[])[1]?.lt((u[ty]?.[m]?.[1 - r] as Rational[])[1] as Rational),
        ),
      );
    const all = types.map((_, ty) => ty);
    const kept = all.filter((ty) =>
      bestTo(all).some((r) => !((u[ty]?.[m]?.[r] as Rational[])[0] as Rational).lt(star[ty] as Rational)),
    );
    if (kept.length === 0) continue;
    const br = bestTo(kept);
    if (
      kept.some((ty) =>
        br.every((r) => ((u[ty]?.[m]?.[r] as Rational[])[0] as Rational).gt(star[ty] as Rational)),
      )
    )
      return 'fails';
  }
  return 'survives';
};

describe('built-in classic games: Gambit 16.7.0 reads each, and agrees', () => {
  type Answers = Record<string, { enumpure: string[]; lcp: string[] }>;
  const answers = (
    JSON.parse(
      readFileSync(new URL('../../fixtures/efg/builtin-gambit-answers.json', import.meta.url), 'utf8'),
    ) as { games: Answers }
  ).games;

  it('has Gambit answers recorded for every built-in game', () => {
    expect(Object.keys(answers).sort()).toEqual(builtinGames.map((g) => g.id).sort());
  });

  it.each(builtinGames.map((g) => g.id))('%s: pure equals gambit-enumpure exactly', (id) => {
    const t = builtinGameTree(id);
    const mine = treePureEquilibria(t).map((e) => key(flat(t, e.behaviour)));
    expect(new Set(mine).size).toBe(mine.length);
    expect([...mine].sort()).toEqual((answers[id]?.enumpure ?? []).map(norm).sort());
  });

  it.each(builtinGames.map((g) => g.id))("%s: gambit-lcp's equilibria verify here", (id) => {
    const t = builtinGameTree(id);
    const lines = answers[id]?.lcp ?? [];
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const c = behaviourCheck(t, unflat(t, line), RATIONAL_FIELD);
      expect(c.regret.toString()).toBe('0');
      expect(c.agentRegret.toString()).toBe('0');
    }
  });
});
