// A tree whose chance move has a 0-probability branch leading to information sets (found by the Gambit
// cross-check, tests/fixtures/efg/crosscheck/README.md): those sets get unspecified (zero) rows, and every solver's
// answer must still pass the reduced-strategic-form check and equal Gambit's.
import { describe, expect, it } from 'vitest';
import { Rational } from '../../../../models/games/Rational';
import { RATIONAL_FIELD } from '../../../../models/games/extensive/NumField';
import { behaviourToMixed } from '../../../../models/games/extensive/realizationPlans';
import { reducedStrategicForm } from '../../../../models/games/extensive/reducedStrategicForm';
import { sequenceFormLcp } from '../../../../models/games/extensive/sequenceFormLcp';
import { treePureEquilibria } from '../../../../models/games/extensive/treeNash';
import { fixture, fixtureTree } from './fixtures';

const NAME = 'crosscheck/r1023-zero-chance-branch';

describe('a chance branch of probability 0', () => {
  it('pure: exactly gambit-enumpure’s set (39 profiles), each verified', () => {
    const tree = fixtureTree(`${NAME}.efg`);
    const ours = treePureEquilibria(tree)
      .map((e) => e.behaviour.flat(2).map(String).join(','))
      .sort();
    const gambit = fixture(`${NAME}.enumpure.txt`).trim().split('\n').sort();
    expect(gambit).toHaveLength(39);
    expect(ours).toEqual(gambit);
  });

  it('lcp: answers with verified equilibria (it stopped with an internal error before)', () => {
    const eqs = sequenceFormLcp(fixtureTree(`${NAME}.efg`));
    expect(eqs.length).toBeGreaterThan(0);
    for (const e of eqs) expect(e.regret.toString()).toBe('0');
  });

  it('behaviourToMixed: a zero row counts as its first action, so the mixed strategy still sums to 1', () => {
    const tree = fixtureTree(`${NAME}.efg`);
    const form = reducedStrategicForm(tree);
    const eq = treePureEquilibria(tree).find((e) =>
      (e.behaviour[0] ?? []).some((row, k) => k === 3 && row.every((v) => String(v) === '0')),
    );
    expect(eq).toBeDefined();
    const rows = (eq?.behaviour[0] ?? []) as Rational[][];
    const mixed = behaviourToMixed(form.strategies[0] ?? [], rows, RATIONAL_FIELD);
    const total = mixed.reduce((a, b) => a.add(b), Rational.from(0));
    expect(total.toString()).toBe('1');
  });
});
