import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fmix32,
  MAX_SEED_TEXT,
  parseRootSeed,
  seedKey,
  streamState,
  type SeedKey,
} from '../../../models/random/seedKey';

// The stream-state hash as first specified (no prefix cache): the format every stored seed relies on.
const mixWord = (h: number, k: number): number => {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
};
const hashTriple = (salt: number, key: SeedKey, lo: number, hi: number, purpose: number): number => {
  let h = salt;
  for (const w of [key.hi, key.lo, lo, hi, purpose]) h = mixWord(h, w);
  return fmix32(h ^ 20);
};
const reference = (key: SeedKey, index: number, purpose: number): number[] => {
  const lo = index >>> 0;
  const hi = Math.floor(index / 0x100000000) >>> 0;
  const h1 = hashTriple(0x243f6a88, key, lo, hi, purpose);
  const h2 = hashTriple(0x85a308d3, key, lo, hi, purpose);
  const out = [
    h1 | 0,
    h2 | 0,
    fmix32((h1 ^ Math.imul(h2, 0x9e3779b9)) >>> 0) | 0,
    fmix32((h2 + Math.imul(h1, 0x85ebca6b)) >>> 0) | 0,
  ];
  if ((out[0]! | out[1]! | out[2]! | out[3]!) === 0) out[3] = 1;
  return out;
};

describe('streamState', () => {
  it('gives the specified state whatever was hashed before (prefix cache is invisible)', () => {
    const keys = [seedKey(1), seedKey('abc'), seedKey(1)];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.integer({ min: 0, max: 2 }),
            // colliding cache slots (same low bits), the 2^32 boundary and large indices
            index: fc.oneof(
              fc.integer({ min: 0, max: 5000 }),
              fc.integer({ min: 0, max: 4 }).map((k) => k * 2048 + 7),
              fc.integer({ min: 0, max: 3 }).map((k) => 2 ** 32 + k),
              fc.integer({ min: 0, max: 2 ** 53 - 1 }),
            ),
            purpose: fc.constantFrom(1, 2, 5, 6, 7, 1003),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (calls) => {
          const out = new Int32Array(4);
          for (const c of calls) {
            const key = keys[c.key]!;
            expect(Array.from(streamState(key, c.index, c.purpose, out))).toEqual(
              reference(key, c.index, c.purpose),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parseRootSeed (the one rule for typed seeds: CLI --seed, the app, the presentation)', () => {
  it('keeps canonical integers as numbers and everything else as verbatim text', () => {
    expect(parseRootSeed('42')).toBe(42);
    expect(parseRootSeed(' 0 ')).toBe(0);
    expect(parseRootSeed('999999999999999')).toBe(999999999999999);
    for (const text of ['007', '1,000', '7.0', '-1', '1e3', 'korea', '9999999999999999', 'ü 2'])
      expect(parseRootSeed(text)).toBe(text);
    // "007" must not collapse onto 7 (the hash is over the text)
    expect(seedKey(parseRootSeed('007') as string)).not.toEqual(seedKey(parseRootSeed('7') as number));
  });
  it('refuses empty text, control characters and over-long text', () => {
    expect(parseRootSeed(' \t')).toEqual({ error: 'Seed must not be empty.' });
    expect(parseRootSeed('a\nb')).toEqual({ error: 'Seed must not contain control characters.' });
    expect(parseRootSeed('\u009b2J')).toEqual({ error: 'Seed must not contain control characters.' });
    expect(parseRootSeed('s'.repeat(MAX_SEED_TEXT))).toBe('s'.repeat(MAX_SEED_TEXT));
    expect(parseRootSeed('s'.repeat(MAX_SEED_TEXT + 1))).toEqual({
      error: 'Seed must be at most 200 characters.',
    });
  });
});
