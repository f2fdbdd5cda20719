// xoshiro128** 1.1 (D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021;
// reference C at https://prng.di.unimi.it/xoshiro128starstar.c), written for the bench baselines: 128 bits of
// state, 32-bit outputs, a few integer operations per draw.
//
// Seeding per trial is cheap and collision-free: each state word is lowbias32 (C. Wellons' hash-prospector, a
// bijection of 32-bit words) of the trial index mixed with one of four key words, so trials 0 … 2^32 − 1 of one key
// get four pairwise-distinct words each and never share a state. Independent of models/random (bench/baseline
// imports nothing from models/: it is the measuring stick, not the thing measured).

/** lowbias32: a bijective 32-bit integer hash with low bias (Wellons, hash-prospector). */
export const lowbias32 = (x: number): number => {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
};

const TWO_M32 = 2 ** -32;

export class Xoshiro128ss {
  private readonly s = new Int32Array(4);
  private readonly key: Int32Array;

  /** `seed`: any 32-bit integer; the four key words are lowbias32 hashes of it. */
  constructor(seed: number) {
    this.key = Int32Array.from([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], (c, i) =>
      lowbias32((seed ^ c) + i),
    );
  }

  /** Set the state of trial `trial` (an integer in [0, 2^32)). */
  seedTrial(trial: number): void {
    const s = this.s;
    const k = this.key;
    s[0] = lowbias32(trial ^ (k[0] as number));
    s[1] = lowbias32(trial ^ (k[1] as number));
    s[2] = lowbias32(trial ^ (k[2] as number));
    s[3] = lowbias32(trial ^ (k[3] as number));
    if ((s[0] | s[1] | s[2] | s[3]) === 0) s[3] = 1;
  }

  /** Raw state (for tests against the reference implementation). */
  setState(a: number, b: number, c: number, d: number): void {
    this.s[0] = a;
    this.s[1] = b;
    this.s[2] = c;
    this.s[3] = d;
  }

  /** The next 32-bit output as an unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const s0 = s[0] as number;
    const s1 = s[1] as number;
    let s2 = s[2] as number;
    let s3 = s[3] as number;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ t;
    s[3] = (s3 << 11) | (s3 >>> 21);
    return result >>> 0;
  }

  /** A uniform in the open interval (0, 1): (u32 + 1/2) / 2^32. */
  nextUniform(): number {
    return (this.nextUint32() + 0.5) * TWO_M32;
  }
}
