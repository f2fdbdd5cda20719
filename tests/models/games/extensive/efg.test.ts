import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EFG_LIMITS, EfgError, gambitLabel, readEfg, writeEfg } from '../../../../models/games/extensive/efg';
import { randomTree } from './randomTree';
import { allFixtures, fixtureTree } from './fixtures';

const errorOf = (text: string): string => {
  try {
    readEfg(text, 'h.efg');
  } catch (err) {
    expect(err).toBeInstanceOf(EfgError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/^h\.efg:\d+: /);
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error('expected an EfgError');
};

const H = 'EFG 2 R "t" { "A" "B" }\n""\n';

describe('readEfg', () => {
  it('reads nodes, information sets, chance, outcomes on inner nodes, both payoff forms', () => {
    const t = readEfg(
      `EFG 2 R "say \\"hi\\"" { "P 1" "P 2" } "a comment"
c "root" 1 "nature" { "H" 0.25 "T" 3/4 } 0
p "" 1 1 "I" { "a" "b" } 7 "entry fee" { -1, 0 }
t "" 1 "x" { 3 2 }
t "" 2 "y" { .5, 1e1 }
p "" 1 1 "I" { "a" "b" } 0
t "" 1 "x" { 3 2 }
t "" 3 "" { 0, 0 }
`,
      'g.efg',
    );
    expect(t.title).toBe('say "hi"');
    expect(t.comment).toBe('a comment');
    expect(t.players).toEqual(['P 1', 'P 2']);
    expect(t.nodes).toHaveLength(7);
    expect(t.infosets[0]?.[0]?.nodes).toEqual([1, 4]);
    expect(t.chance[0]?.exactProbs?.map(String)).toEqual(['1/4', '3/4']);
    expect(t.exact).toBe(true);
    // Outcome 1 is shared (defined once, referred to again); outcome 7 sits on an inner node.
    expect(t.nodes[2]?.outcome).toBe(t.nodes[5]?.outcome);
    expect(t.outcomes.map((o) => o.number)).toEqual([7, 1, 2, 3]);
    expect(t.outcomes[2]?.exact?.map(String)).toEqual(['1/2', '10']);
  });

  it('a chance set whose probabilities do not sum to exactly 1 is refused with its line', () => {
    const text =
      H.replace('""\n', '""\n\n') +
      'c "" 1 "" { "H" 0.3333333333333333 "T" 2/3 } 0\nt "" 1 "" { 1 1 }\nt "" 2 "" { 0 0 }\n';
    expect(errorOf(text)).toBe(
      'h.efg:4: the chance probabilities sum to 29999999999999999/30000000000000000, not 1',
    );
    expect(errorOf(`${H}c "" 1 "" { "H" -1/2 "T" 3/2 } 0\nt "" 1 "" { 1 1 }\nt "" 2 "" { 0 0 }\n`)).toMatch(
      /^h\.efg:3: the probability "-1\/2" is negative/,
    );
  });

  it('information sets and outcomes must agree with their first definition', () => {
    const two = `${H}p "" 1 1 "I" { "a" "b" } 0\np "" 2 1 "" { "x" "y" } 0\nt "" 1 "" { 1 1 }\nt "" 2 "" { 0 0 }\n`;
    expect(errorOf(`${two}p "" 2 1 "" { "x" "z" } 0\nt "" 3 "" { 1 1 }\nt "" 4 "" { 0 0 }\n`)).toBe(
      'h.efg:7: player 2, information set 1: actions {"x" "z"} differ from its earlier definition {"x" "y"}',
    );
    expect(errorOf(`${two}p "" 2 1 "J" { "x" "y" } 0\nt "" 3 "" { 1 1 }\nt "" 4 "" { 0 0 }\n`)).toMatch(
      /^h\.efg:7: player 2, information set 1: label "J" differs from its earlier definition ""/,
    );
    expect(errorOf(`${two}p "" 2 1 0\nt "" 1 "" { 1 2 }\nt "" 4 "" { 0 0 }\n`)).toBe(
      'h.efg:8: outcome 1: payoffs differ from its earlier definition',
    );
    expect(errorOf(`${H}p "" 1 1 0\nt "" 1 "" { 1 1 }\n`)).toBe(
      'h.efg:3: player 1: information set 1 is used before it is defined (no actions given)',
    );
    expect(errorOf(`${H}p "" 1 1 "" { "a" } 0\nt "" 9 \n`)).toBe(
      'h.efg:4: outcome 9 is used before it is defined',
    );
    expect(errorOf(`${H}p "" 3 1 "" { "a" } 0\nt "" 0\n`)).toBe(
      'h.efg:3: player 3 does not exist (the game has 2 players)',
    );
    expect(errorOf(`${H}t "" 0 "x" { 1 1 }\n`)).toBe(
      'h.efg:3: the null outcome 0 cannot have a label or payoffs',
    );
    expect(errorOf(`${H}t "" 1 "x" { 1 }\n`)).toBe(
      'h.efg:3: outcome 1 has 1 payoffs but the game has 2 players',
    );
  });

  it('syntax errors name the line and what was expected', () => {
    expect(errorOf('')).toBe('h.efg:1: expected "EFG" (a Gambit extensive-form file) but found end of file');
    expect(errorOf('EFG 1 R "t" { "A" }')).toBe('h.efg:1: expected version 2 but found "1"');
    expect(errorOf('EFG 2 R "t" { }\nt "" 0')).toBe('h.efg:1: the game has no players');
    expect(errorOf(`${H}x "" 0`)).toBe('h.efg:3: expected a node ("c", "p" or "t") but found "x"');
    expect(errorOf(`${H}p "" 1 1 "" { } 0`)).toBe('h.efg:3: expected a quoted action label but found "}"');
    expect(errorOf(`${H}p "" 1 1 "" { "a" "b" } 0\nt "" 0\n`)).toBe(
      'h.efg:5: expected a node ("c", "p" or "t") but found end of file',
    );
    expect(errorOf(`${H}t "" 0\nt "" 0\n`)).toBe('h.efg:4: expected end of file but found "t"');
    expect(errorOf(`${H}t "" 1 "o" { 1 x }`)).toBe(
      'h.efg:3: expected a payoff (integer, decimal or fraction) but found "x"',
    );
    expect(errorOf(`${H}t "unterminated`)).toBe('h.efg:3: unterminated string (missing closing ")');
  });

  it('hostile numbers and sizes are refused at once, naming the limit', () => {
    const big = `${H}t "" 1 "" { ${'9'.repeat(10_000)}/7 1 }\n`;
    expect(errorOf(big)).toMatch(
      new RegExp(`^h\\.efg:3: the payoff .* has more than ${EFG_LIMITS.digits} digits \\(the limit\\)`),
    );
    expect(errorOf(`${H}t "" 1 "" { 5e-99154 1 }\n`)).toMatch(
      new RegExp(`"5e-99154" has more than ${EFG_LIMITS.digits} digits`),
    );
    expect(errorOf(`${H}t "" 1 "" { 1e999999999999 1 }\n`)).toMatch(/expected a payoff/);
    expect(errorOf(`${H}c "" 1 "" { "a" 1e-500 "b" 1 } 0\n`)).toMatch(
      new RegExp(`the action probability "1e-500" has more than ${EFG_LIMITS.digits}`),
    );
    expect(errorOf(`EFG 2 R "t" { ${'"p" '.repeat(65)}}\nt "" 0`)).toBe(
      'h.efg:1: the game has more than 64 players (the limit)',
    );
    expect(errorOf(`EFG 2 R "${'x'.repeat(1001)}" { "A" }\nt "" 0`)).toBe(
      'h.efg:1: the quoted title is longer than the limit of 1000 characters',
    );
    expect(errorOf(`${H}p "" 1 99999999999 "" { "a" } 0\nt "" 0`)).toMatch(
      /more than the limit of 1000000000/,
    );
    // A chain of 200,001 one-action moves: refused at the limit, without recursion.
    const chain = `${H}${'p "" 1 1 "" { "a" } 0\n'.repeat(EFG_LIMITS.nodes)}t "" 0\n`;
    expect(errorOf(chain)).toBe(
      `h.efg:${3 + EFG_LIMITS.nodes}: the tree has more than ${EFG_LIMITS.nodes} nodes (the limit)`,
    );
  });

  it('reads a long game comment (Gambit catalog files have comments of thousands of characters)', () => {
    // Shaped like Gambit's catalog/conf/itcs/jakobsen2016/fig3.efg, which Parley refused (found by
    // scripts/efgCrossCheck): the comment is free text, bounded only by the file size limit, not a label.
    const comment = `An example from :cite:p:\`JakSorCon16\` ${'illustrating an onion routing game. '.repeat(60)}`;
    const t = readEfg(`EFG 2 R "t" { "A" }\n"${comment}"\np "" 1 1 "" { "a" "b" } 0\nt "" 0\nt "" 0\n`);
    expect(t.comment).toBe(comment);
    expect(readEfg(writeEfg(t)).comment).toBe(comment);
    // Labels keep their limit.
    expect(errorOf(`${H}p "${'x'.repeat(1001)}" 1 1 "" { "a" } 0\nt "" 0\n`)).toBe(
      'h.efg:3: the quoted node label is longer than the limit of 1000 characters',
    );
  });

  it('reads every fixture (the classics, Gambit samples, random trees)', () => {
    for (const f of allFixtures()) expect(() => fixtureTree(f), f).not.toThrow();
  });
});

describe('writeEfg', () => {
  it('write → read → write is the identity on every fixture', () => {
    for (const f of allFixtures()) {
      const t = fixtureTree(f);
      const w = writeEfg(t);
      const back = readEfg(w, f);
      expect(writeEfg(back), f).toBe(w);
      expect(back.nodes, f).toEqual(t.nodes);
      expect(back.infosets, f).toEqual(t.infosets);
      expect(
        back.outcomes.map((o) => [o.number, o.label, o.exact?.map(String)]),
        f,
      ).toEqual(t.outcomes.map((o) => [o.number, o.label, o.exact?.map(String)]));
    }
  });

  it('read → write → read is the identity on random trees (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2, max: 3 }), (seed, players) => {
        const t = randomTree(seed, { players, innerOutcome: 0.2, maxDepth: 3 });
        const back = readEfg(writeEfg(t));
        expect(back.nodes).toEqual(t.nodes);
        expect(back.infosets).toEqual(t.infosets);
        expect(back.chance.map((c) => c.exactProbs?.map(String))).toEqual(
          t.chance.map((c) => c.exactProbs?.map(String)),
        );
        expect(writeEfg(back)).toBe(writeEfg(t));
      }),
      { numRuns: 60 },
    );
  });

  it('labels with quotes and backslashes round-trip', () => {
    const t = readEfg(
      `EFG 2 R "a \\"b\\" \\\\ c" { "x\\\\y" }\n"" \np "\\"n\\"" 1 1 "s" { "q\\"" } 0\nt "" 0\n`,
    );
    expect(t.title).toBe('a "b" \\ c');
    expect(t.players).toEqual(['x\\y']);
    expect(readEfg(writeEfg(t)).infosets[0]?.[0]?.actions).toEqual(['q"']);
    expect(readEfg(writeEfg(t)).nodes[0]?.label).toBe('"n"');
  });

  it('gambitLabels writes labels Gambit 16.7 accepts', () => {
    expect(gambitLabel('South Korea–US  alliance ')).toBe('South Korea-US alliance');
    expect(gambitLabel('Séoul × Pyongyang\t')).toBe('Seoul x Pyongyang');
    expect(gambitLabel('한국')).toBe('??');
    const t = readEfg(`EFG 2 R "t" { "Ä" }\n""\np "n" 1 1 "" { "a" "b" } 0\nt "n" 0\nt "n" 0\n`);
    const w = writeEfg(t, { gambitLabels: true });
    expect(w).toContain('{ "A" }');
    expect(w).toContain('t "n_2" 0');
    expect(w).toContain('t "n_3" 0');
  });

  it('gambitLabels makes information-set labels unique per player and renames a player called "Chance"', () => {
    // Gambit 16.7 refuses "Infoset label must be unique for the player" (chance sets too) and "Player label must not
    // be the reserved chance player label"; Parley reads such files, so its Gambit output must rename (found by
    // scripts/efgCrossCheck on random trees).
    const t = readEfg(
      `EFG 2 R "t" { "Chance" "B" }\n""\n` +
        `c "" 1 "I" { "h" 1/2 "t" 1/2 } 0\n` +
        `c "" 2 "I" { "h" 1/2 "t" 1/2 } 0\n` +
        `p "" 1 1 "I" { "a" "b" } 0\nt "" 0\nt "" 0\n` +
        `p "" 1 1 "I" { "a" "b" } 0\nt "" 0\nt "" 0\n` +
        `p "" 1 2 "I" { "a" "b" } 0\n` +
        `p "" 2 1 "I" { "c" "d" } 0\nt "" 0\nt "" 0\nt "" 0\n`,
    );
    const w = writeEfg(t, { gambitLabels: true });
    const back = readEfg(w);
    expect(back.players).toEqual(['Chance_2', 'B']);
    expect(back.infosets[0]?.map((s) => s.label)).toEqual(['I', 'I_2']);
    expect(back.infosets[1]?.map((s) => s.label)).toEqual(['I']);
    expect(back.chance.map((s) => s.label)).toEqual(['I', 'I_2']);
    // A member node repeats its set's label, the same one each time.
    expect(w.match(/p "" 1 1 "I" /g)?.length).toBe(2);
    expect(writeEfg(back, { gambitLabels: true })).toBe(w);
  });
});
