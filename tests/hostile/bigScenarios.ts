// Generators of hostile scenario files of about 5 MB (just under the 5,000,000-character limit), one per shape that
// made checking slow or memory-hungry: many names, long chains, unknown names (did-you-mean), long formulas,
// aggregate memory (rounds × outcomes / metrics), long strings, unknown keys, duplicate keys, unknown effect and
// correlation names, big discrete distributions. Shared by tests/hostile (work counters), the e2e long-task
// measurement and the bench (CPU figures).

import { coordinationScenario } from './coordinationScenario';

/** Target size of each generated file (characters). */
export const BIG_FILE_CHARS = 4_900_000;

type Raw = Record<string, unknown>;

const base = (): Raw => coordinationScenario('Big');

/** About `chars` characters of padding: parameters with long descriptions (the longest text a field may hold). */
const padding = (chars: number): Record<string, unknown> =>
  Object.fromEntries(
    Array.from({ length: Math.max(0, Math.floor(chars / 19_100)) }, (_, i) => [
      `pad${i}`,
      { label: 'padding', default: 1, min: 0, max: 2, description: 'w'.repeat(19_000) },
    ]),
  );

/** Fill `count` entries made by `make(i)` (each about `size` characters) until the JSON is about BIG_FILE_CHARS. */
const fill = <T>(make: (i: number) => T, size: number): T[] =>
  Array.from({ length: Math.floor(BIG_FILE_CHARS / size) }, (_, i) => make(i));

/** A balanced sum of `leaves` copies of `a` (depth log2(leaves): within the nesting limit). */
const balanced = (leaves: number): string =>
  leaves === 1 ? 'a' : `(${balanced(Math.floor(leaves / 2))} + ${balanced(leaves - Math.floor(leaves / 2))})`;

const record = <T>(entries: [string, T][]): Record<string, T> => Object.fromEntries(entries);

export const BIG_SHAPES: Readonly<Record<string, () => string>> = {
  /** 50,000 parameters: over the names limit. */
  'many-parameters': () => {
    const s = base();
    s.parameters = record(
      fill((i) => [`p${i}`, { label: `parameter ${i}`, default: 1, min: 0, max: 2 }], 90),
    );
    return JSON.stringify(s);
  },
  /** 9,000 derived values, each using the one before (linear checking; 158 kB took 8 s before), long labels. */
  'derived-chain': () => {
    const s = base();
    s.derived = record(
      Array.from({ length: 9_000 }, (_, i) => [
        `d${i}`,
        { label: 'x'.repeat(150), value: i ? `d${i - 1} + 1` : 'a' },
      ]),
    );
    s.parameters = { a: { label: 'A', default: 2, min: 0, max: 4 }, ...padding(BIG_FILE_CHARS - 1_900_000) };
    (s.actors as Raw[])[0]!.payoffs = { up: 'd8999 * Q.left', down: '1' };
    return JSON.stringify(s);
  },
  /** 9,000 derived values each using an unknown name close to many known ones (did-you-mean in bounded work). */
  'unknown-names': () => {
    const s = base();
    s.derived = record(
      Array.from({ length: 9_000 }, (_, i) => [`d${i}`, { label: 'd', value: `e${(i * 7919) % 9000} + 1` }]),
    );
    s.parameters = { a: { label: 'A', default: 2, min: 0, max: 4 }, ...padding(BIG_FILE_CHARS - 300_000) };
    return JSON.stringify(s);
  },
  /** 2,400 metrics with 2,000-character formulas (balanced, within the nesting limit). */
  'long-formulas': () => {
    const s = base();
    const f = balanced(180).slice(0, 2000);
    s.metrics = record(fill((i) => [`m${i}`, { label: `m${i}`, value: f }], f.length + 40));
    return JSON.stringify(s);
  },
  /** 1,000 outcomes over 1,200 rounds: over rounds × outcomes. */
  'outcomes-rounds': () => {
    const s = base();
    s.rounds = { count: 1200 };
    s.outcomes = record(Array.from({ length: 1000 }, (_, i) => [`o${i}`, { label: `o${i}`, when: 'P.up' }]));
    return JSON.stringify(s);
  },
  /** 1,000 metrics over 24 rounds (the 39 kB file that exhausted memory): over rounds × metrics. */
  'metrics-rounds': () => {
    const s = base();
    s.rounds = { count: 24 };
    s.metrics = record(Array.from({ length: 1000 }, (_, i) => [`m${i}`, { label: `m${i}`, value: 'a' }]));
    return JSON.stringify(s);
  },
  /** One 4.9 MB description. */
  'long-string': () => JSON.stringify({ ...base(), description: 'z'.repeat(BIG_FILE_CHARS) }),
  /** 250,000 unknown top-level keys (each a "did you mean" query, then only counted). */
  'unknown-keys': () => {
    const s = base();
    for (let i = 0; i < Math.floor(BIG_FILE_CHARS / 20); i++) s[`titl${i}`] = 1;
    return JSON.stringify(s);
  },
  /** 400,000 duplicate keys (each a reported problem, then only counted). */
  'duplicate-keys': () => {
    const body = JSON.stringify(base()).slice(1, -1);
    return `{${body}${',"title":"t"'.repeat(Math.floor(BIG_FILE_CHARS / 12))}}`;
  },
  /** 100 events × 1,000 effects on unknown state variables, among 5,000 state variables. */
  'unknown-effects': () => {
    const s = base();
    s.state = record(Array.from({ length: 5_000 }, (_, i) => [`s${i}`, { label: 's', initial: '0' }]));
    s.events = Array.from({ length: 100 }, (_, e) => ({
      id: `ev${e}`,
      label: 'e',
      probability: '0.1',
      effects: record(Array.from({ length: 40 }, (_, k) => [`t${e * 40 + k}`, '1'])),
    }));
    return JSON.stringify(s);
  },
  /** 1,200 parameters with 1,000-value discrete distributions. */
  'discrete-values': () => {
    const s = base();
    const values = Array.from({ length: 1000 }, (_, k) => k / 1000);
    s.parameters = record(
      fill(
        (i) => [
          `p${i}`,
          { label: 'p', default: 0.5, min: 0, max: 1, uncertainty: { type: 'discrete', values } },
        ],
        JSON.stringify(values).length + 120,
      ),
    );
    (s.actors as Raw[])[0]!.payoffs = { up: 'p0 * Q.left', down: '1' };
    return JSON.stringify(s);
  },
};
