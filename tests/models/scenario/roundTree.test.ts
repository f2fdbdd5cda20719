// A tree scenario's round as a GameTree (models/scenario/roundTree.ts): Gambit reads its .efg back and finds the
// same pure equilibria as Parley (Gambit 16.7's gambit-enumpure on `parley show <fixture> --format efg`, recorded
// below), and the engine's round plays its subgame-perfect equilibrium.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrialSimulator } from '../../../models/engine/TrialSimulator';
import { readEfg, writeEfg } from '../../../models/games/extensive/efg';
import { treePureEquilibria } from '../../../models/games/extensive/treeNash';
import { seedKey } from '../../../models/random/seedKey';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { parseScenario } from '../../../models/scenario/parseScenario';
import { roundTree } from '../../../models/scenario/roundTree';

const text = readFileSync(
  resolve(import.meta.dirname, '../../fixtures/scenarios/entry-tree.parley.json'),
  'utf8',
);
const parsed = parseScenario(text);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const model = instantiateModel(parsed.spec);

/** `gambit-enumpure -q entry.efg` (Gambit 16.7.0), behaviour per information set in file order. */
const GAMBIT_ENUMPURE = [
  'NE,0,1,0,1,1,0,1,0,1,0,1,0',
  'NE,0,1,0,1,1,0,1,0,1,0,0,1',
  'NE,0,1,1,0,1,0,1,0,0,1,1,0',
  'NE,0,1,1,0,1,0,1,0,0,1,0,1',
  'NE,0,1,0,1,0,1,1,0,1,0,1,0',
  'NE,0,1,0,1,0,1,1,0,1,0,0,1',
  'NE,0,1,1,0,0,1,1,0,0,1,1,0',
  'NE,0,1,1,0,0,1,1,0,0,1,0,1',
];

describe('roundTree', () => {
  const tree = roundTree(model);

  it('writes a .efg with the moves in order, chance probabilities and information sets from observations', () => {
    const efg = writeEfg(tree, { gambitLabels: true });
    expect(efg).toContain('c "" 1 "cost" { "high" 2/5 "low" 3/5 } 0');
    expect(writeEfg(readEfg(efg), { gambitLabels: true })).toBe(efg);
    expect(tree.infosets.map((s) => s.length)).toEqual([2, 4]);
  });

  it('labels each information set with what its mover has observed (not an empty label shown as "#1")', () => {
    expect(tree.infosets.map((sets) => sets.map((s) => s.label))).toEqual([
      ['cost: high', 'cost: low'],
      [
        'cost: high, Entrant: In',
        'cost: high, Entrant: Out',
        'cost: low, Entrant: In',
        'cost: low, Entrant: Out',
      ],
    ]);
    expect(writeEfg(tree, { gambitLabels: true })).toContain(
      'p "" 2 1 "cost: high, Entrant: In" { "Fight" "Accommodate" } 0',
    );
  });

  it('has exactly the pure equilibria Gambit’s enumpure finds on the exported file', () => {
    const ours = treePureEquilibria(tree).map(
      (e) =>
        `NE,${e.behaviour.flatMap((player) => player.flatMap((row) => row.map((v) => v.toString()))).join(',')}`,
    );
    expect(new Set(ours)).toEqual(new Set(GAMBIT_ENUMPURE));
  });

  it('the engine plays its subgame-perfect equilibrium: values (6/5, 9/5)', () => {
    const sim = new TrialSimulator(model, { rounds: 1 });
    sim.start(seedKey(3), 0, Float64Array.of(0.4));
    sim.beginRound(1);
    sim.drawChoices(1);
    expect(sim.treeRound!.rootValue(0)).toBeCloseTo(6 / 5, 12);
    expect(sim.treeRound!.rootValue(1)).toBeCloseTo(9 / 5, 12);
  });
});
