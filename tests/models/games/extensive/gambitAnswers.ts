// Reading Gambit's recorded answer lines (tests/fixtures/efg/*gambit-answers.json) against our behaviour profiles:
// Gambit lists information sets by their first node in preorder; ours ascend by number.
import type { Num } from '../../../../models/games/Equilibrium';
import { Rational } from '../../../../models/games/Rational';
import type { GameTree } from '../../../../models/games/extensive/GameTree';

/** Per player, our information-set indices in Gambit's order (by first node in preorder). */
export const gambitOrder = (tree: GameTree): number[][] =>
  tree.infosets.map((sets) =>
    sets.map((_, k) => k).sort((a, b) => (sets[a]?.nodes[0] as number) - (sets[b]?.nodes[0] as number)),
  );

/** A behaviour profile flattened in Gambit's order. */
export const flat = (tree: GameTree, b: readonly (readonly (readonly Num[])[])[]): Num[] =>
  gambitOrder(tree).flatMap((ks, p) => ks.flatMap((k) => [...(b[p]?.[k] as Num[])]));

/** A Gambit answer line as our behaviour profile (exact). */
export const unflat = (tree: GameTree, line: string): Rational[][][] => {
  const vals = line.split(',').map((s) => Rational.parse(s.trim()) as Rational);
  const out = tree.infosets.map((sets) => sets.map((s) => s.actions.map(() => Rational.ZERO)));
  let i = 0;
  gambitOrder(tree).forEach((ks, p) =>
    ks.forEach((k) => {
      const row = out[p]?.[k] as Rational[];
      for (let a = 0; a < row.length; a++) row[a] = vals[i++] as Rational;
    }),
  );
  return out;
};

/** A flattened profile as a canonical string of exact fractions. */
export const key = (vals: readonly Num[]): string =>
  vals.map((v) => (v instanceof Rational ? v : Rational.from(v)).toString()).join(',');

/** A Gambit answer line in the same canonical form. */
export const norm = (line: string): string =>
  line
    .split(',')
    .map((s) => (Rational.parse(s.trim()) as Rational).toString())
    .join(',');
