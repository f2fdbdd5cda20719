// The one writer of a number in a Gambit file (.nfg payoffs; .efg payoffs and chance probabilities), so that
// Parley's writers only write what its readers (models/games/nfg.ts, extensive/efg.ts) and Gambit accept: the exact
// value when known ("3/2"), else the float's shortest round-trip decimal ("0.1"; as a fraction when JavaScript
// prints it with an exponent, "1e-30" → "1/1000000000000000000000000000000"). A number whose exact value needs
// more digits than the readers allow (INPUT_LIMITS.payoffDigits, in numerator or denominator: 1e-300, 5e-324,
// 1e300) is refused with a GambitWriteError naming it — rounding it would silently change the game.
import { INPUT_LIMITS } from '../text/inputLimits';
import { Rational } from './Rational';

/** A game that cannot be written as a Gambit file Parley could read back (a user error, not a bug). */
export class GambitWriteError extends Error {
  override readonly name = 'GambitWriteError';
}

/**
 * The text of one number: `exact` when given, else `value`'s shortest decimal (-0 as 0). `what` names the number in
 * the error ("the payoff of player 1 at profile 3"). Throws GambitWriteError when the text's exact fraction needs
 * more than INPUT_LIMITS.payoffDigits digits in its numerator or denominator.
 */
export const gambitNumberText = (
  exact: Rational | null | undefined,
  value: number,
  what: string,
  format: 'nfg' | 'efg',
): string => {
  // the digits the readers count: of the exact fraction's numerator and denominator (models/games/nfg payoffDigits)
  const r = exact ?? Rational.from(value === 0 ? 0 : value);
  const need = Math.max((r.num < 0n ? -r.num : r.num).toString().length, r.den.toString().length);
  const limit = INPUT_LIMITS.payoffDigits;
  if (need > limit) {
    const shown = String(value === 0 ? 0 : value);
    throw new GambitWriteError(
      `cannot write ${what} (${shown}) in a .${format} file: its exact value needs ${need} digits, and Gambit files ` +
        `read by Parley allow at most ${limit} in a numerator or denominator (round the payoff in the scenario)`,
    );
  }
  const decimal = String(value === 0 ? 0 : value);
  return exact || /e/i.test(decimal) ? r.toString() : decimal;
};
