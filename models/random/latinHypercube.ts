// Latin hypercube strata without storing permutations: a keyed pseudo-random permutation of [0, n) built from a
// balanced Feistel network with cycle-walking, so stratum(k) costs O(1) and any trial can be replayed alone.
// The strata depend on (root seed, trial count, parameter index): LHS reproducibility holds per (seed, count).
import { fmix32, type SeedKey } from './seedKey';
import { pow } from '../math/pow';

export class KeyedPermutation {
  private readonly halfBits: number;
  private readonly mask: number;
  private readonly keys: Uint32Array;

  constructor(
    readonly n: number,
    key: SeedKey,
    stream: number,
  ) {
    if (!(Number.isInteger(n) && n >= 1 && n <= 2 ** 40))
      throw new Error(`permutation size ${n} out of range`);
    let bits = 2;
    while (pow(2, bits) < n) bits++;
    if (bits % 2) bits++;
    this.halfBits = bits / 2;
    this.mask = pow(2, this.halfBits) - 1;
    this.keys = new Uint32Array(6);
    for (let r = 0; r < 6; r++) {
      this.keys[r] = fmix32(fmix32(key.hi ^ (r * 0x9e3779b9)) ^ fmix32(key.lo + stream * 0x85ebca6b + r) ^ n);
    }
  }

  private encrypt(x: number): number {
    const hb = this.halfBits;
    const scale = pow(2, hb);
    let left = Math.floor(x / scale);
    let right = x - left * scale;
    for (let r = 0; r < 6; r++) {
      const f = fmix32((right ^ (this.keys[r] as number)) >>> 0) & this.mask;
      const next = (left ^ f) & this.mask;
      left = right;
      right = next;
    }
    return left * scale + right;
  }

  /** The image of k in [0, n). */
  map(k: number): number {
    let x = this.encrypt(k);
    while (x >= this.n) x = this.encrypt(x);
    return x;
  }
}
