// Root seeds and per-(trial, purpose) stream states, derived by HASHING (never seed + i).
// A root seed (a string or a number, as the user typed it) is hashed once into a 64-bit key; each stream's
// 128-bit generator state is four murmur3-style hashes of (key, trial index, purpose) with distinct seeds.

/** A run's root seed as given by the user (recorded verbatim in every result). */
export type RootSeed = string | number;

/** The 64-bit hash of a root seed, as two unsigned 32-bit words. */
export type SeedKey = { readonly hi: number; readonly lo: number };

/** Stream purposes: each trial draws from independent streams, one per purpose (stable numbering: part of the format). */
export const PURPOSE = {
  params: 1,
  /** One stream per trial for everything drawn during the rounds (selection, choices, events). */
  rounds: 2,
  /** Latin hypercube permutation keys (per parameter index, trial = parameter index). */
  lhs: 5,
  /** Iman–Conover block scores (trial = block index). */
  imanConover: 6,
  /** Iman–Conover per-block parameter draws (trial = block index). */
  blockParams: 7,
  /** Class play: random matching of students to tables (trial = class round). */
  classMatching: 8,
  /** Tree rounds: one stream per trial for the chance moves (one uniform per chance move per round). */
  chance: 9,
} as const;

/** murmur3's 32-bit finaliser. */
export const fmix32 = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

const mixWord = (h: number, k: number): number => {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
};

/** Canonical text of a root seed (numbers print as JS does: 42 and "42" are the same seed). */
export const seedText = (seed: RootSeed): string => (typeof seed === 'number' ? String(seed) : seed);

/** Hash a root seed into a 64-bit key (murmur3 over UTF-16 code units, two seeds). */
export const seedKey = (seed: RootSeed): SeedKey => {
  const text = seedText(seed);
  let h1 = 0x2545f491;
  let h2 = 0x9e3779b9 | 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = mixWord(h1, c);
    h2 = mixWord(h2, c ^ 0x5bd1e995);
  }
  h1 = mixWord(h1, text.length);
  h2 = mixWord(h2, text.length);
  return { hi: fmix32(h1 ^ text.length), lo: fmix32(h2 ^ (text.length * 3)) };
};

/** murmur3 of (salt, key, lo, hi) before the purpose word: shared by every purpose of one (key, index). */
const hashPrefix = (salt: number, key: SeedKey, lo: number, hi: number): number => {
  let h = salt;
  h = mixWord(h, key.hi);
  h = mixWord(h, key.lo);
  h = mixWord(h, lo);
  return mixWord(h, hi);
};

const finishTriple = (prefix: number, purpose: number): number => fmix32(mixWord(prefix, purpose) ^ 20);

// Prefixes of recently hashed (key, index) pairs, direct-mapped by index: a trial's params and rounds streams
// share them, also when the params of a whole Iman–Conover block are drawn before its trials run.
const CACHE = 2048;
const cacheIndex = new Float64Array(CACHE).fill(NaN);
const cachePrefix1 = new Int32Array(CACHE);
const cachePrefix2 = new Int32Array(CACHE);
let cacheKey: SeedKey | null = null;

/**
 * The 128-bit starting state (a, b, c, d as signed 32-bit ints, seedrandom's tychei state layout) of the stream
 * for (key, index, purpose). `index` is a trial index (an integer in [0, 2^53)). Two independent 32-bit murmur3
 * hashes of the triple (64 bits: no two of a run's streams collide in practice) are expanded to four words.
 * Writes into `out`.
 */
export const streamState = (key: SeedKey, index: number, purpose: number, out: Int32Array): Int32Array => {
  if (key !== cacheKey) {
    cacheIndex.fill(NaN);
    cacheKey = key;
  }
  const lo = index >>> 0;
  const slot = lo & (CACHE - 1);
  let prefix1: number;
  let prefix2: number;
  if (cacheIndex[slot] === index) {
    prefix1 = cachePrefix1[slot] as number;
    prefix2 = cachePrefix2[slot] as number;
  } else {
    const hi = Math.floor(index / 0x100000000) >>> 0;
    prefix1 = hashPrefix(0x243f6a88, key, lo, hi);
    prefix2 = hashPrefix(0x85a308d3, key, lo, hi);
    cacheIndex[slot] = index;
    cachePrefix1[slot] = prefix1;
    cachePrefix2[slot] = prefix2;
  }
  const h1 = finishTriple(prefix1, purpose);
  const h2 = finishTriple(prefix2, purpose);
  out[0] = h1 | 0;
  out[1] = h2 | 0;
  out[2] = fmix32((h1 ^ Math.imul(h2, 0x9e3779b9)) >>> 0) | 0;
  out[3] = fmix32((h2 + Math.imul(h1, 0x85ebca6b)) >>> 0) | 0;
  if ((out[0] | out[1] | out[2] | out[3]) === 0) out[3] = 1;
  return out;
};
