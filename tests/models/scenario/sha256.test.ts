// Known-answer tests for the scenario content hash: the NIST FIPS 180-4 / CAVS SHA-256 examples, UTF-8 encoding
// (agreement with node:crypto on non-ASCII text and lone surrogates), and the padding boundaries.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../models/scenario/sha256';

const reference = (text: string): string =>
  createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

describe('sha256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('NIST example %j', (text, hex) => {
    expect(sha256(text)).toBe(hex);
  });

  it('NIST example: one million "a"', () => {
    expect(sha256('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('hashes UTF-8 bytes, with lone surrogates as U+FFFD (like Buffer.from(text, "utf8"))', () => {
    for (const text of ['é', '한국어', '🙂', 'a\ud800b', '\udc00', 'x\u0000y'])
      expect(sha256(text)).toBe(reference(text));
  });

  it('agrees with node:crypto on every length around the 64-byte block and padding boundaries', () => {
    for (let n = 0; n <= 130; n++) expect(sha256('x'.repeat(n))).toBe(reference('x'.repeat(n)));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => sha256(s) === reference(s)));
  });
});
