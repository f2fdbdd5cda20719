import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../models/random/RandomStream';
import { PURPOSE, seedKey, streamState } from '../../../models/random/seedKey';

describe('RandomStream (seedrandom Tyche-i on hashed states)', () => {
  it('emits exactly the int32 sequence of seedrandom.tychei started from the same state', () => {
    const key = seedKey('parley');
    for (const trial of [0, 1, 2, 999_999, 2 ** 40 + 3]) {
      const s = streamState(key, trial, PURPOSE.params, new Int32Array(4));
      const [a, b, c, d] = Array.from(s) as [number, number, number, number];
      const ref = seedrandom.tychei('', { state: { a, b, c, d } });
      const mine = new RandomStream().setState(a, b, c, d);
      for (let i = 0; i < 200; i++) expect(mine.nextInt32()).toBe(ref.int32());
    }
  });

  it('fillUniforms writes exactly what as many nextUniform calls return, and leaves the same state', () => {
    const key = seedKey('fill');
    for (const count of [0, 1, 10, 37]) {
      const one = new RandomStream().reseed(key, count, PURPOSE.params);
      const bulk = new RandomStream().reseed(key, count, PURPOSE.params);
      const out = new Float64Array(count + 3);
      bulk.fillUniforms(out, 3, count);
      for (let j = 0; j < count; j++) expect(out[3 + j]).toBe(one.nextUniform());
      for (let i = 0; i < 5; i++) expect(bulk.nextInt32()).toBe(one.nextInt32());
    }
  });

  it('derives independent-looking streams per (seed, trial, purpose) by hashing, not seed + i', () => {
    const k1 = seedKey(1);
    const k2 = seedKey(2);
    const first = (k: ReturnType<typeof seedKey>, t: number, p: number): number =>
      new RandomStream().reseed(k, t, p).nextInt32();
    // seed 1 / trial 1 must not equal seed 2 / trial 0 (the classic seed + i overlap)
    expect(first(k1, 1, PURPOSE.params)).not.toBe(first(k2, 0, PURPOSE.params));
    expect(first(k1, 0, PURPOSE.params)).not.toBe(first(k1, 0, PURPOSE.rounds));
    const firsts = new Set<number>();
    for (let t = 0; t < 10_000; t++) firsts.add(first(k1, t, PURPOSE.params));
    expect(firsts.size).toBeGreaterThan(9_990);
  });

  it('is stable: the same seed text always gives the same stream (format guarantee)', () => {
    expect(seedKey(42)).toEqual(seedKey('42'));
    const s = new RandomStream().reseed(seedKey(42), 7, PURPOSE.params);
    const xs = [s.nextUniform(), s.nextUniform(), s.nextUniform()];
    const again = new RandomStream().reseed(seedKey(42), 7, PURPOSE.params);
    expect([again.nextUniform(), again.nextUniform(), again.nextUniform()]).toEqual(xs);
  });

  it('gives uniforms strictly inside (0, 1) with the right mean and variance', () => {
    const s = new RandomStream().reseed(seedKey('u'), 0, 1);
    let sum = 0;
    let sq = 0;
    let min = 1;
    let max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = s.nextUniform();
      sum += u;
      sq += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 3);
  });
});
