// The common denominators of a game file's exact numbers, bounded as they are read. A limit on the digits of each
// number is not enough: the exact solvers scale a player's payoffs to integers by the least common multiple of all
// their denominators, so an 8×8 .nfg whose 128 payoffs have distinct 40-digit denominators (each within the digits
// limit) became 2,500-digit integers, and enummixed and lcp ran for minutes (a 30-leaf Kuhn poker .efg took 1.5 GB).
// Real games have few denominators (decimals share powers of ten, thirds and sixths share factors), far below it.
import { bigGcd, type Rational } from './Rational';

/** Running least common multiples of the denominators of numbers in `count` groups (one per player, …). */
export class CommonDenominators {
  readonly #lcm: bigint[];

  constructor(
    count: number,
    /** Largest number of decimal digits a group's common denominator may have. */
    readonly maxDigits: number,
  ) {
    this.#lcm = new Array<bigint>(count).fill(1n);
  }

  /** Adds `value`'s denominator to `group`; false once the group's common denominator has more than maxDigits digits. */
  add(group: number, value: Rational): boolean {
    const l = this.#lcm[group] as bigint;
    const d = value.den;
    if (l % d === 0n) return true;
    const next = (l / bigGcd(l, d)) * d;
    this.#lcm[group] = next;
    return next.toString().length <= this.maxDigits;
  }
}
