// Payoffs within the digits limit can still make the exact solvers run for minutes when their denominators differ:
// the solvers scale each player's payoffs by the least common multiple of the denominators. An 11 KB 8×8 .nfg with
// 128 distinct 40-digit denominators took 23 s (enummixed) and 50 s (lcp) of CPU; Kuhn poker as a .efg with such
// payoffs kept spe, lcp and enummixed busy for minutes (enummixed at 1.6 GB), and the .efg digits limit was 400.
// Each reader now bounds the common denominator of every player's payoffs (and of a .efg file's chance
// probabilities) as it reads them, and refuses the file with the limit and the line.
import { describe, expect, it } from 'vitest';
import { EFG_LIMITS, readEfg } from '../../models/games/extensive/efg';
import { readNfg } from '../../models/games/nfg';
import { INPUT_LIMITS } from '../../models/text/inputLimits';

/** A 40-digit number from a tiny deterministic generator (no randomness in tests). */
const digits40 = (k: number): string => {
  let x = BigInt(k) * 7919n + 10n ** 39n;
  x = (x * 6364136223846793005n + 1442695040888963407n) % (9n * 10n ** 39n);
  return (x + 10n ** 39n).toString();
};

const nfg = (den: (k: number) => string): string => {
  const pay: string[] = [];
  for (let k = 0; k < 128; k++) pay.push(`${digits40(k + 1000)}/${den(k)}`);
  return `NFG 1 R "g" { "A" "B" } { 8 8 }\n\n${pay.join(' ')}\n`;
};

describe('the common denominator of a player’s payoffs is bounded', () => {
  it('.nfg: distinct 40-digit denominators are refused at the payoff that crosses the limit, with its line', () => {
    expect(digits40(1)).toHaveLength(INPUT_LIMITS.payoffDigits);
    expect(() =>
      readNfg(
        nfg((k) => digits40(k)),
        'd.nfg',
      ),
    ).toThrow(
      new RegExp(
        `^d\\.nfg:3: with ".*", the common denominator of "[AB]"'s payoffs has more than ${INPUT_LIMITS.payoffDenominatorDigits} digits \\(the limit`,
      ),
    );
  });

  it('.nfg: one shared 40-digit denominator, and the usual decimals and fractions, are read', () => {
    expect(
      readNfg(
        nfg(() => digits40(7)),
        's.nfg',
      ).payoffs,
    ).toHaveLength(64);
    const usual = ['0.1', '0.25', '1/3', '2/7', '-5/6', '1e-5', '3.75', '11/13'];
    const text = `NFG 1 R "g" { "A" "B" } { 4 4 }\n\n${Array.from({ length: 32 }, (_, k) => usual[k % 8]).join(' ')}\n`;
    expect(readNfg(text, 'u.nfg').payoffs).toHaveLength(16);
  });

  it('.efg: payoffs with distinct 40-digit denominators, and chance probabilities, are refused with the line', () => {
    const leaves = Array.from(
      { length: 8 },
      (_, k) => `t "" ${k + 1} "o${k}" { ${digits40(k)}/${digits40(k + 50)} 0 }`,
    );
    const tree = `EFG 2 R "t" { "A" "B" }\n""\n\np "" 1 1 "" { ${'"a" '.repeat(8)}} 0\n${leaves.join('\n')}\n`;
    expect(() => readEfg(tree, 't.efg')).toThrow(
      new RegExp(
        `^t\\.efg:\\d+: with ".*", the common denominator of "A"'s payoffs has more than ${EFG_LIMITS.denominatorDigits} digits`,
      ),
    );
    const chance = `EFG 2 R "t" { "A" "B" }\n""\n\nc "" 1 "" { "x" 1/${digits40(1)} "y" 1/${digits40(2)} "z" ${'1'} } 0\n`;
    expect(() => readEfg(chance, 'c.efg')).toThrow(
      /the common denominator of the chance probabilities has more than/,
    );
  });

  it('.efg: a number with a 40-digit numerator and denominator is within the digits limit (81 characters)', () => {
    const tree = `EFG 2 R "t" { "A" "B" }\n""\n\nt "" 1 "o" { ${digits40(3)}/${digits40(4)} 0 }\n`;
    expect(readEfg(tree, 'n.efg').nodes.length).toBeGreaterThan(0);
  });
});
