// Class 4 of issue 10 (lookups that fall through to Object.prototype): every name Object.prototype has (and a few
// that functions and arrays have) is fed as EVERY kind of id — parameter, derived, state, event, actor, strategy,
// outcome, metric — through the loader, the compiler, the one-round game, a run, and the CLI's --set/--variant/
// --param, and each must behave exactly as an ordinary id would. On the code before this test, an actor named
// `constructor` lost its override, a strategy named `toString` left out of `mixed` probabilities became a function
// (the run failed: "could not be cloned"), a strategy missing from `payoffs` named `valueOf` was reported as "a formula
// must be a string", and `--set constructor=1` was refused.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInProcessRunner } from '../../models/engine/InProcessRunner';
import { runScenario } from '../../models/engine/runScenario';
import { instantiateModel } from '../../models/scenario/instantiateModel';
import { parseScenario } from '../../models/scenario/parseScenario';
import { reduceToGame } from '../../models/scenario/reduceToGame';
import { cli } from '../cli/cliHarness';

/** Names on Object.prototype (valid as ids: the rest start with "_"), plus function and array property names. */
export const PROTOTYPE_NAMES = [
  ...Object.getOwnPropertyNames(Object.prototype).filter((n) => /^[A-Za-z][A-Za-z0-9_]*$/.test(n)),
  'prototype',
  'length',
  'name',
  'call',
  'apply',
  'bind',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit raw scenario JSON
type Raw = Record<string, any>;
const dir = mkdtempSync(join(tmpdir(), 'parley-proto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MINIMAL = readFileSync(new URL('../fixtures/scenarios/minimal.parley.json', import.meta.url), 'utf8');
const base = (): Raw => JSON.parse(MINIMAL) as Raw;

const load = (s: Raw) => {
  const r = parseScenario(JSON.stringify(s), 'names.parley.json');
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r;
};
const game = (s: Raw, params: Record<string, number> = {}) =>
  reduceToGame(instantiateModel(load(s).spec), { params }).payoffs;
const run = (s: Raw) => runScenario(createInProcessRunner(), load(s).spec, { seed: 1, trials: 40 }, {});

describe.each(PROTOTYPE_NAMES)('the id %j', (N) => {
  it('as a parameter, derived value, state variable and event id', async () => {
    const s = base();
    s.parameters = { [N]: { label: 'n', default: 3, min: 0, max: 4, uncertainty: '2 to 4' } };
    s.actors[0].payoffs.up = `${N} * Q.left`;
    expect(game(s)[0]).toEqual([3, 1]);
    expect(game(s, { [N]: 2 })[0]).toEqual([2, 1]);

    const d = base();
    d.derived = { [N]: 'a + 1' };
    d.actors[0].payoffs.up = `${N} * Q.left`;
    expect(game(d)[0]).toEqual([3, 1]);

    const st = base();
    st.rounds = { count: 3 };
    st.state = { [N]: { label: 'n', initial: '5', update: `${N} + 1` } };
    st.actors[0].payoffs.up = `${N} * Q.left`;
    st.metrics = { m: { label: 'm', value: N } };
    expect(game(st)[0]).toEqual([5, 1]);
    expect((await run(st)).metrics[0]?.mean).toBe(7);

    const e = base();
    e.rounds = { count: 2 };
    e.events = [{ id: N, label: 'n', probability: '1', effects: {} }];
    e.outcomes = { fired: { label: 'fired', when: `${N} == 1` } };
    expect((await run(e)).outcomes[0]?.p).toBe(1);
  });

  it('as an actor id (with overrides) and as a strategy id (payoffs, mixed, fixed, overrides)', async () => {
    const a = base();
    a.actors[0].id = N;
    a.actors[1].payoffs = { left: `${N}.up`, right: `${N}.down` };
    a.actors[0].overrides = [{ profile: { [N]: 'up', Q: 'right' }, payoff: '7' }];
    a.actors[1].overrides = [{ profile: { [N]: 'down', Q: 'left' }, payoff: '9' }];
    const g = game(a);
    expect(g[2]).toEqual([7, 0]); // (up, right): the override of actor N
    expect(g[1]).toEqual([1, 9]); // (down, left): Q's override naming actor N
    expect((await run(a)).trials).toBe(40);

    const s = base();
    s.actors[0].strategies[1].id = N;
    s.actors[0].payoffs = { up: 'a * Q.left', [N]: '1' };
    s.actors[1].payoffs = { left: 'P.up', right: `P.${N}` };
    s.actors[1].overrides = [{ profile: { P: N, Q: 'right' }, payoff: '5' }];
    expect(game(s)[3]).toEqual([1, 5]);
    s.actors[0].behaviour = { model: 'mixed', probabilities: { up: 1 } };
    const spec = load(s).spec;
    expect(spec.actors[0]?.behaviour).toEqual({ model: 'mixed', probabilities: [1, 0] });
    expect((await run(s)).trials).toBe(40);
    s.actors[0].behaviour = { model: 'fixed', strategy: N };
    expect(load(s).spec.actors[0]?.behaviour).toEqual({ model: 'fixed', strategy: 1 });

    const missing = base();
    missing.actors[0].strategies[1].id = N;
    missing.actors[0].payoffs = { up: 'a * Q.left' };
    missing.actors[1].payoffs = { left: 'P.up', right: `P.${N}` };
    const r = parseScenario(JSON.stringify(missing));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
        `actors[0].payoffs: missing the payoff formula for strategy "${N}"`,
      ]);
    }
  });

  it('as an outcome and metric id, and through the CLI (--set, --variant, --param, built-in lookup)', async () => {
    const o = base();
    o.parameters = { [N]: { label: 'n', default: 1, min: 0, max: 4 } };
    o.actors[0].payoffs.up = `${N} * Q.left`;
    o.outcomes = { [N]: { label: 'n', when: 'P.up' } };
    o.metrics = { [`${N}M`]: { label: 'm', value: N } };
    const r = await run(o);
    expect(r.outcomes.map((x) => x.id)).toEqual([N]);
    const file = join(dir, `${N}.parley.json`);
    writeFileSync(file, JSON.stringify(o));
    const set = await cli(['show', file, '--set', `${N}=3`, '--json']);
    expect(set.err).toBe('');
    expect(JSON.parse(set.out).payoffs[0]).toEqual([3, 1]);
    const cmp = await cli([
      'compare',
      file,
      '--variant',
      `${N}=0`,
      '--trials',
      '20',
      '--seed',
      '1',
      '--workers',
      '0',
    ]);
    expect(cmp.code, cmp.err).toBe(0);
    const sw = await cli([
      'sweep',
      file,
      '--param',
      `${N}=0:2:1`,
      '--trials',
      '20',
      '--seed',
      '1',
      '--workers',
      '0',
    ]);
    expect(sw.code, sw.err).toBe(0);
    const missing = await cli(['show', N]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/unknown scenario|no such file/);
  });
});
