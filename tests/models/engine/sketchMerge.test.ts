import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addToSketch,
  addValue,
  mergeStore,
  newStore,
  type SketchStoreState,
} from '../../../models/engine/QuantileStore';

// mergeStore on sketches must leave exactly the store (offsets, array lengths, counts) that adding b's buckets one at
// a time in ascending order gives: the way merges were done before the one-allocation merge, reproduced here.
const referenceMerge = (a: SketchStoreState, b: SketchStoreState): void => {
  const n = a.n + b.n;
  for (let k = 0; k < b.pos.length; k++)
    for (let c = 0; c < (b.pos[k] as number); c++) addToSketch(a, 1, b.posOffset + k);
  for (let k = 0; k < b.neg.length; k++)
    for (let c = 0; c < (b.neg[k] as number); c++) addToSketch(a, -1, b.negOffset + k);
  a.zero += b.zero;
  a.n = n;
};

const sketchOf = (xs: readonly number[]): SketchStoreState => {
  const s = newStore(false) as SketchStoreState;
  for (const x of xs) addValue(s, x);
  return s;
};

const shape = (s: SketchStoreState) => ({
  n: s.n,
  zero: s.zero,
  posOffset: s.posOffset,
  pos: Array.from(s.pos),
  negOffset: s.negOffset,
  neg: Array.from(s.neg),
});

const value = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.double({ min: 0.5, max: 2, noNaN: true }),
  fc.constantFrom(0, -0, 1e-12, 3, -3, 1e30, -1e-8),
);

describe('sketch merge: one allocation, the same store as bucket-by-bucket adds', () => {
  it('property: any sequence of chunks merged in order', () => {
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 60 }), { minLength: 1, maxLength: 6 }), (chunks) => {
        const fast = sketchOf(chunks[0] as number[]);
        const ref = sketchOf(chunks[0] as number[]);
        for (const c of chunks.slice(1)) {
          mergeStore(fast, sketchOf(c));
          referenceMerge(ref, sketchOf(c));
        }
        expect(shape(fast)).toEqual(shape(ref));
      }),
      { numRuns: 300 },
    );
  });

  it('into an empty sketch, from an empty sketch, and across a wide gap of buckets', () => {
    const cases: [number[], number[]][] = [
      [[], [1, 2, 3]],
      [[1, 2, 3], []],
      [[], []],
      [[1], [1e200, 1e-200, -5]],
      [
        [1e200, -1e-200],
        [1, -1, 0],
      ],
    ];
    for (const [x, y] of cases) {
      const fast = sketchOf(x);
      const ref = sketchOf(x);
      mergeStore(fast, sketchOf(y));
      referenceMerge(ref, sketchOf(y));
      expect(shape(fast)).toEqual(shape(ref));
    }
  });
});
