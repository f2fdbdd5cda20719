// Fuzz: random mutations of valid scenario files always give a structured issue list or a valid scenario —
// never an exception, never a hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinText } from '../../../models/scenario/builtins';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { parseScenario } from '../../../models/scenario/parseScenario';
import { reduceToGame, ScenarioValueError } from '../../../models/scenario/reduceToGame';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const BASES = ['korea-2025', 'prisoners-dilemma', 'rock-paper-scissors'].map(
  (id) => JSON.parse(builtinText(id)) as Json,
);

const paths = (
  v: Json,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] => {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
};

const NASTY = [
  'import("fs")',
  'createUnit("x")',
  'evaluate("1")',
  '1e308^1e308',
  '('.repeat(300) + '1' + ')'.repeat(300),
  'x'.repeat(3000),
  'russiaSuport',
  'DPRK.engag',
  '__proto__',
  'constructor',
  '1 / 0',
  'log(-1)',
  '0.2 to 0.6',
  '',
  'a = 1',
  'month == 3 or month == 8',
  'round',
  'if(1, 2)',
];

const mutation = fc.tuple(
  fc.nat(),
  fc.constantFrom('delete', 'json', 'string', 'number', 'rename', 'duplicate'),
  fc.jsonValue({ maxDepth: 2 }),
  fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 12 })),
  fc.double({ noNaN: true }),
);

type Mutation = [number, string, unknown, string, number];
const mutate = (root: Json, muts: readonly Mutation[]): Json => {
  const doc = structuredClone(root);
  for (const [n, op, json, str, num] of muts) {
    const all = paths(doc).filter((p) => p.length > 0);
    const path = all[n % all.length];
    if (!path) continue;
    let parent: Json = doc;
    for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[k] as Json;
    const key = path.at(-1) as string | number;
    const obj = parent as Record<string | number, Json>;
    if (op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete obj[key];
    } else if (op === 'json') obj[key] = json as Json;
    else if (op === 'string') obj[key] = str;
    else if (op === 'number') obj[key] = num;
    else if (op === 'rename' && !Array.isArray(parent)) {
      obj[str] = obj[key] as Json;
      delete obj[key];
    } else if (op === 'duplicate' && Array.isArray(parent))
      parent.push(structuredClone(parent[key as number] as Json));
  }
  return doc;
};

// Inputs are small mutations of real scenarios (bounded size); the checker's work is linear in them (see
// tests/hostile/limits.test.ts for work counters). No wall-clock assertion.
const checkResult = (text: string): void => {
  const r = parseScenario(text, 'fuzz.parley.json');
  if (!r.ok) {
    expect(r.issues.length).toBeGreaterThan(0);
    for (const i of r.issues) {
      expect(typeof i.path).toBe('string');
      expect(typeof i.message).toBe('string');
      expect(i.message.length).toBeGreaterThan(0);
    }
    return;
  }
  try {
    const game = reduceToGame(instantiateModel(r.spec));
    expect(game.payoffs.flat().every(Number.isFinite)).toBe(true);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioValueError);
  }
};

describe('fuzzing scenario files', () => {
  it('structural mutations give an issue list or a valid scenario', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: BASES.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (b, muts) => {
          checkResult(JSON.stringify(mutate(BASES[b] as Json, muts)));
        },
      ),
      { numRuns: 250, seed: 4242 },
    );
  });

  it('text mutations (splices of random characters) give an issue list or a valid scenario', () => {
    const text = builtinText('prisoners-dilemma');
    fc.assert(
      fc.property(
        fc.nat({ max: text.length }),
        fc.nat({ max: 30 }),
        fc.string({ maxLength: 8 }),
        (at, del, ins) => {
          checkResult(text.slice(0, at) + ins + text.slice(at + del));
        },
      ),
      { numRuns: 250, seed: 7 },
    );
  });
});
