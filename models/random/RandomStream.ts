// A re-seedable random stream running seedrandom's Tyche-i generator (seedrandom/lib/tychei).
// seedrandom's own objects cannot be re-seeded and cost ~0.5 µs to construct, which caps an engine that needs
// several fresh streams per trial; this class runs the identical Tyche-i step on a state derived by hashing
// (root seed, trial, purpose) — tests check it emits exactly the int32 sequence of
// `seedrandom.tychei('', { state: { a, b, c, d } })` started from the same state.
import { streamState, type SeedKey } from './seedKey';

const TWO_32 = 0x100000000;

export class RandomStream {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 1;
  private readonly scratch = new Int32Array(4);

  /** Start the stream of (key, index, purpose). */
  reseed(key: SeedKey, index: number, purpose: number): this {
    const s = streamState(key, index, purpose, this.scratch);
    this.a = s[0] as number;
    this.b = s[1] as number;
    this.c = s[2] as number;
    this.d = s[3] as number;
    return this;
  }

  /** Set the raw Tyche-i state (as seedrandom's `state` option would). */
  setState(a: number, b: number, c: number, d: number): this {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    return this;
  }

  /**
   * out[0 … 3] = the raw Tyche-i state (a, b, c, d), for code that runs the generator inline (the engine's fused
   * rounds) and hands the state back with setState.
   */
  getState(out: Int32Array): void {
    out[0] = this.a;
    out[1] = this.b;
    out[2] = this.c;
    out[3] = this.d;
  }

  /** The next signed 32-bit output (seedrandom's prng.int32()). */
  nextInt32(): number {
    let b = this.b;
    let c = this.c;
    let d = this.d;
    let a = this.a;
    b = (b << 25) ^ (b >>> 7) ^ c;
    c = (c - d) | 0;
    d = (d << 24) ^ (d >>> 8) ^ a;
    a = (a - b) | 0;
    this.b = b = (b << 20) ^ (b >>> 12) ^ c;
    this.c = c = (c - d) | 0;
    this.d = (d << 16) ^ (c >>> 16) ^ a;
    return (this.a = (a - b) | 0);
  }

  /** A uniform in the open interval (0, 1): (uint32 + 0.5) / 2^32 — never 0 or 1, so inverse CDFs stay finite. */
  nextUniform(): number {
    return ((this.nextInt32() >>> 0) + 0.5) / TWO_32;
  }

  /**
   * out[offset + j] = the next `count` uniforms, as `count` calls of nextUniform would give them (the state is
   * kept in locals for the run: no field writes per draw).
   */
  fillUniforms(out: Float64Array, offset: number, count: number): void {
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    for (let j = 0; j < count; j++) {
      b = (b << 25) ^ (b >>> 7) ^ c;
      c = (c - d) | 0;
      d = (d << 24) ^ (d >>> 8) ^ a;
      a = (a - b) | 0;
      b = (b << 20) ^ (b >>> 12) ^ c;
      c = (c - d) | 0;
      d = (d << 16) ^ (c >>> 16) ^ a;
      a = (a - b) | 0;
      out[offset + j] = ((a >>> 0) + 0.5) / TWO_32;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  /** A uniform integer in [0, n) for n ≤ 2^32 (multiply-shift; bias < n / 2^32). */
  nextBelow(n: number): number {
    return Math.floor(((this.nextInt32() >>> 0) / TWO_32) * n);
  }
}
