import { describe, expect, it } from 'vitest';
import { parseScenarioValue } from '../../../models/scenario/parseScenario';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { reduceToGame } from '../../../models/scenario/reduceToGame';

type Raw = Record<string, unknown>;

/** A one-actor scenario with these parameters and one metric formula. */
const scenario = (parameters: Raw, metric: string, extra: Raw = {}): Raw => ({
  format: 'parley.scenario/1',
  title: 'Domains',
  parameters,
  actors: [{ id: 'P', name: 'P', strategies: [{ id: 'x', label: 'X' }], payoffs: { x: '0' } }],
  metrics: { m: { label: 'M', value: metric } },
  ...extra,
});

const check = (s: Raw): { issues: string[]; warnings: string[] } => {
  const r = parseScenarioValue(s);
  const fmt = (i: { path: string; message: string }): string => `${i.path}: ${i.message}`;
  return { issues: r.ok ? [] : r.issues.map(fmt), warnings: r.ok ? r.warnings.map(fmt) : [] };
};

const d = { label: 'D', default: 1, min: 0.5, max: 2 };

describe('domain checks: the true support of every input', () => {
  it('refuses the issue\'s "1 / d" file: d (range 0.5 to 2) has the uncertainty "0 to 2", a normal that crosses 0', () => {
    const { issues } = check(scenario({ d: { ...d, uncertainty: '0 to 2' } }, '1 / d'));
    expect(issues).toEqual([
      'metrics.m.value: formula for metrics.m divides by "d", which can be 0: its uncertainty "0 to 2" (90% interval: normal, mean 1, sd 0.608) crosses 0 (5.0% of it is at or below 0). Its range 0.5 to 2 only truncates the draws; give "d" a distribution that stays inside the range (a lognormal, a beta, a normal with "min"/"max") or change the formula',
    ]);
  });

  it('accepts the same formula when the distribution stays on one side of 0', () => {
    for (const u of [
      '0.6 to 1.9',
      { type: 'normal', mean: 1, sd: 0.6, min: 0.5 },
      { type: 'beta', alpha: 2, beta: 3, min: 0.5, max: 2 },
    ]) {
      expect(check(scenario({ d: { ...d, uncertainty: u } }, '1 / d')).issues).toEqual([]);
    }
    // a normal whose tail past 0 is below 1 in 20,000 (the declared interval) is not said to cross it
    expect(
      check(scenario({ d: { ...d, uncertainty: { type: 'normal', mean: 1.3, sd: 0.3 } } }, '1 / d')).issues,
    ).toEqual([]);
  });

  it('keeps the range rule for parameters without uncertainty (the message names the range)', () => {
    const { issues } = check(scenario({ x: { label: 'X', default: 0, min: -1, max: 1 } }, '1 / x'));
    expect(issues).toEqual([
      'metrics.m.value: formula for metrics.m divides by a parameter that can be 0 ("x" ranges from -1 to 1)',
    ]);
  });

  it('refuses log, sqrt and powers outside their domains, through expressions of distinct parameters', () => {
    const p = {
      a: { label: 'A', default: 1, min: 0, max: 2 },
      b: { label: 'B', default: 1, min: 1, max: 3 },
    };
    expect(check(scenario(p, 'log(a)')).issues[0]).toMatch(
      /takes the log of "a", which can be 0 or negative \("a" ranges from 0 to 2\)/,
    );
    expect(check(scenario(p, 'sqrt(a - b)')).issues[0]).toMatch(
      /takes the square root of "a - b", which can be negative for some parameter values in their ranges \(it ranges from -3 to 1\)/,
    );
    expect(check(scenario(p, '(a - 1) ^ 0.5')).issues[0]).toMatch(
      /raises "a - 1" to the power "0.5", which is not always an integer, which can be negative/,
    );
    expect(check(scenario(p, 'a ^ (-1)')).issues[0]).toMatch(
      /raises "a" to the negative power "-1", which can be 0/,
    );
    expect(check(scenario(p, '2 / (a * 2 - b)')).issues[0]).toMatch(
      /divides by "a \* 2 - b", which can be 0/,
    );
    expect(check(scenario({ a: { label: 'A', default: 1, min: 0, max: 1000 } }, 'exp(a)')).issues[0]).toMatch(
      /takes exp of "a", which can exceed 709\.78, where exp overflows to Infinity/,
    );
    // inside the domain: nothing
    for (const f of [
      'log(b)',
      'sqrt(a)',
      'a ^ 0.5',
      'a ^ 2',
      '1 / b',
      '1 / (a + b)',
      'exp(b)',
      '(a - 1) ^ 3',
      'log(a + b)',
    ])
      expect(check(scenario(p, f)).issues, f).toEqual([]);
  });

  it('follows guards: a branch is analysed with the slot narrowed to the side its comparison selects', () => {
    const p = { x: { label: 'X', default: 0, min: -1, max: 1 } };
    for (const f of [
      'x > 0 ? 1 / x : 0',
      'x < 0 ? 0 : (x > 0.1 ? log(x) : 0)',
      'x > 0 and x < 1 ? 1 / x : 0',
    ])
      expect(check(scenario(p, f)).issues, f).toEqual([]);
    // a guard means what it says (the runtime's 1e-12 comparison tolerance band is not counted)
    expect(check(scenario(p, 'if(x >= 0.5, sqrt(x - 0.5), 0)'))).toEqual({ issues: [], warnings: [] });
    // the unguarded side still counts
    expect(check(scenario(p, 'x > 0 ? 1 : 1 / x')).issues[0]).toMatch(/divides by a parameter that can be 0/);
    // a guard the analysis cannot narrow on: the division is only possible (a warning), not refused
    const r = check(scenario(p, 'x * x > 0 ? 1 / x : 0'));
    expect(r.issues).toEqual([]);
    expect(r.warnings[0]).toMatch(/may divide by 0: "x" can be 0/);
  });

  it('uses the fixpoint bounds of state variables, with their min/max clamps and event effects', () => {
    const p = { r: { label: 'R', default: 0.5, min: 0.1, max: 1 } };
    // s starts at r and only shrinks toward 0.1·…: clamped to [0.2, 5] it is never 0
    const clamped = scenario(p, '1 / s', {
      state: { s: { label: 'S', initial: 'r', update: 's * 0.9', min: 0.2, max: 5 } },
    });
    expect(check(clamped).issues).toEqual([]);
    expect(check(clamped).warnings).toEqual([]);
    // without the clamp it can come arbitrarily close to 0: possible, a warning
    const free = scenario(p, '1 / s', {
      state: { s: { label: 'S', initial: 'r', update: 's * 0.9 - 0.01' } },
    });
    expect(check(free).warnings.join('\n')).toMatch(
      /metrics\.m\.value: formula for metrics\.m may divide by 0: "s" can be 0/,
    );
    // an event effect writes 0 before the round's updates: the update formula sees it
    const fx = scenario(p, 's', {
      state: { s: { label: 'S', initial: 'r', update: '1 / s', min: 0.2, max: 5 } },
      events: [{ id: 'shock', label: 'Shock', probability: '0.1', effects: { s: '0' } }],
    });
    expect(check(fx).warnings.join('\n')).toMatch(
      /state\.s\.update: formula for state\.s\.update may divide by 0: "s" can be 0/,
    );
  });

  it('derived values carry exactness: an expression of distinct parameters through a derived value is certain', () => {
    const p = { a: { label: 'A', default: 1, min: 0, max: 2 } };
    const s = scenario(p, '1 / half', { derived: { half: 'a / 2' } });
    expect(check(s).issues[0]).toMatch(
      /metrics\.m\.value: formula for metrics\.m divides by "half", which can be 0/,
    );
  });

  it('names the distribution behind a composite operand', () => {
    const { issues } = check(
      scenario(
        { d: { ...d, uncertainty: '0 to 2' }, k: { label: 'K', default: 1, min: 1, max: 2 } },
        '1 / (d * k)',
      ),
    );
    expect(issues[0]).toMatch(
      /divides by "d \* k", which can be 0 given the uncertainty of "d" \("0 to 2" \(90% interval: normal/,
    );
  });

  it('is sound: on random parameter values inside the declared intervals no formula it accepts produces NaN or Infinity', () => {
    const p = {
      a: { label: 'A', default: 1, min: 0.01, max: 3 },
      b: { label: 'B', default: 1, min: -2, max: 2 },
    };
    const formulas = [
      'log(a) + sqrt(a * a)',
      'b > 0 ? 1 / b : b',
      '1 / (a + abs(b))',
      'a ^ b',
      'min(a, 2) ^ 0.5',
      'exp(b) / a',
    ];
    for (const f of formulas) {
      const s = scenario(p, f, {
        actors: [{ id: 'P', name: 'P', strategies: [{ id: 'x', label: 'X' }], payoffs: { x: f } }],
      });
      const r = parseScenarioValue(s);
      expect(r.ok, f).toBe(true);
      if (!r.ok) continue;
      const model = instantiateModel(r.spec);
      for (let i = 0; i <= 50; i++) {
        const a = 0.01 + (2.99 * i) / 50;
        const b = -2 + (4 * ((i * 7) % 51)) / 50;
        expect(() => reduceToGame(model, { params: { a, b } }), `${f} at a=${a}, b=${b}`).not.toThrow();
      }
    }
  });
});

describe('domain checks: chance probabilities stay within 0 to 1', () => {
  /** Two actors moving after a chance move whose first outcome has probability `p`. */
  const tree = (parameters: Raw, p: string): Raw => ({
    format: 'parley.scenario/2',
    title: 'Chance',
    parameters,
    actors: [
      { id: 'A', name: 'A', strategies: [{ id: 'x', label: 'X' }], payoffs: { x: 'w.storm' } },
      { id: 'B', name: 'B', strategies: [{ id: 'y', label: 'Y' }], payoffs: { y: '0' } },
    ],
    tree: {
      moves: [
        { chance: 'w', outcomes: [{ id: 'storm', probability: p }, { id: 'calm' }] },
        { actor: 'A', observes: 'all' },
        { actor: 'B', observes: 'all' },
      ],
    },
  });
  const q = { label: 'Q', default: 0.7, min: 0, max: 1 };

  it('refuses a formula that leaves 0 to 1 for parameter values in their ranges', () => {
    expect(check(tree({ q }, 'q - 0.5')).issues).toEqual([
      'tree.moves[0].outcomes[0].probability: chance probability tree.w.storm leaves 0 to 1 for some parameter values in their ranges (it ranges from -0.5 to 0.5)',
    ]);
    expect(check(tree({ q }, '2 * q')).issues).toHaveLength(1);
    expect(check(tree({ q }, 'q + 2')).issues).toHaveLength(1);
  });

  it('warns when the intervals cannot rule it out, and accepts what stays inside', () => {
    const r = check(tree({ q, s: { ...q } }, 'q * s + q * (1 - s) + (q - q)'));
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([
      'tree.moves[0].outcomes[0].probability: chance probability tree.w.storm may leave 0 to 1 for some values of its inputs (it ranges from -1 to 3); a run stops at the first trial and round where it does',
    ]);
    for (const ok of ['q', 'clamp(q - 0.5, 0, 1)', '0.5 * q', 'q > 0.5 ? 0.2 : 0.8']) {
      expect(check(tree({ q }, ok)), ok).toEqual({ issues: [], warnings: [] });
    }
  });
});
