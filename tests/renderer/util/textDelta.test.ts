import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyTextDelta, textDelta, textOrDelta } from '../../../renderer/lib/util/textDelta';

describe('textDelta: one replaced range between two versions of a text', () => {
  it('applying the delta to the old text gives the new one, for any two texts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(applyTextDelta(a, textDelta(a, b))).toBe(b);
      }),
      { numRuns: 500 },
    );
  });

  it('an edit inside a big text crosses as a few characters', () => {
    const prev = `{"title":"A",${'"x":1,'.repeat(200_000)}"end":true}`;
    const next = prev.replace('"title":"A"', '"title":"Edited"');
    const d = textDelta(prev, next);
    expect(d).toEqual({ start: 10, end: 11, insert: 'Edited' });
    expect(textOrDelta(prev, next)).toEqual({ delta: d });
    expect(textOrDelta(null, next)).toEqual({ text: next });
    expect(textOrDelta(prev, 'short')).toEqual({ text: 'short' });
  });
});
