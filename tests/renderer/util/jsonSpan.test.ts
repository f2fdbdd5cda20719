import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonValueSpan, replaceJsonValue } from '../../../renderer/lib/util/jsonSpan';
import { getAt, setAt } from '../../../renderer/lib/state/DocumentState.svelte';

type Path = (string | number)[];

/** Every path to a primitive value inside `v`. */
const primitivePaths = (v: unknown, at: Path = []): Path[] => {
  if (Array.isArray(v)) return v.flatMap((x, i) => primitivePaths(x, [...at, i]));
  if (typeof v === 'object' && v !== null)
    return Object.entries(v).flatMap(([k, x]) => primitivePaths(x, [...at, k]));
  return [at];
};

const primitive = fc.oneof(
  fc.string(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
  fc.boolean(),
  fc.constant(null),
);

describe('jsonSpan: one value of a JSON text replaced in place', () => {
  it('finds values through objects, arrays, escapes and whitespace; a duplicate key resolves to its last', () => {
    const text = '{ "a\\"b": [1, {"c": "x\\\\"}, "]}"] , "d" :true,"d": -2.5e3 }';
    const at = (p: Path) => {
      const s = jsonValueSpan(text, p);
      return s && text.slice(s[0], s[1]);
    };
    expect(at(['a"b', 1, 'c'])).toBe('"x\\\\"');
    expect(at(['a"b', 2])).toBe('"]}"');
    expect(at(['d'])).toBe('-2.5e3');
    expect(at(['nope'])).toBeNull();
    expect(at(['a"b', 3])).toBeNull();
    expect(replaceJsonValue(text, ['d'], 'new')).toBe(
      '{ "a\\"b": [1, {"c": "x\\\\"}, "]}"] , "d" :true,"d": "new" }',
    );
    // containers and absent paths are not replaced in place
    expect(replaceJsonValue(text, ['a"b'], 1)).toBeNull();
    expect(replaceJsonValue(text, ['e'], 1)).toBeNull();
    expect(replaceJsonValue(text, ['d'], Number.NaN)).toBeNull();
  });

  it('gives what setAt gives on the parsed text, in any layout, leaving the rest of the text as it was', () => {
    fc.assert(
      fc.property(
        fc.jsonValue().filter((v) => primitivePaths(v).some((p) => p.length > 0)),
        fc.constantFrom(undefined, 2, '\t'),
        fc.nat(),
        primitive,
        (value, space, pick, replacement) => {
          const text = JSON.stringify(value, null, space);
          const paths = primitivePaths(value).filter((p) => p.length > 0);
          const path = paths[pick % paths.length] as Path;
          const parsed = JSON.parse(text) as unknown;
          const out = replaceJsonValue(text, path, replacement);
          expect(out).not.toBeNull();
          expect(JSON.parse(out as string)).toEqual(setAt(parsed, path, replacement));
          const span = jsonValueSpan(text, path) as [number, number];
          expect(JSON.parse(text.slice(span[0], span[1]))).toEqual(getAt(parsed, path));
          expect((out as string).slice(0, span[0])).toBe(text.slice(0, span[0]));
        },
      ),
      { numRuns: 300 },
    );
  });
});
