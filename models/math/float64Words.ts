// Access to the two 32-bit words of an IEEE 754 binary64 value (the fdlibm idiom GET_HIGH_WORD/INSERT_WORDS), through
// one shared typed-array view. Exact and host-independent: only the bits move.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const i32 = new Int32Array(f64.buffer);
// The high word is element 1 on little-endian hosts: every JavaScript host in practice (x86-64, ARM64, WebAssembly
// hosts). Constant indices keep these accessors as fast as the bit casts they stand for; a big-endian host is
// refused at load rather than computing wrong numbers.
const HI = 1;
const LO = 0;
f64[0] = 1;
if (u32[HI] !== 0x3ff00000) throw new Error('Parley needs a little-endian host (float64 word order)');

/** The high word (sign, exponent, top 20 significand bits) as a signed 32-bit integer. */
export const highWord = (x: number): number => {
  f64[0] = x;
  return i32[HI] as number;
};

/** The low word (bottom 32 significand bits) as an unsigned 32-bit integer. */
export const lowWord = (x: number): number => {
  f64[0] = x;
  return u32[LO] as number;
};

/** The double with these two words (`hi` as int32 or uint32; `lo` as uint32). */
export const fromWords = (hi: number, lo: number): number => {
  u32[HI] = hi >>> 0;
  u32[LO] = lo >>> 0;
  return f64[0] as number;
};

/** `x` with its high word replaced. */
export const withHighWord = (x: number, hi: number): number => {
  f64[0] = x;
  u32[HI] = hi >>> 0;
  return f64[0] as number;
};

/** `x` with its low word replaced (0 keeps the top 20 + 1 significand bits: fdlibm's "SET_LOW_WORD(x, 0)"). */
export const withLowWord = (x: number, lo: number): number => {
  f64[0] = x;
  u32[LO] = lo >>> 0;
  return f64[0] as number;
};
