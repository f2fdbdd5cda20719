// korea-2025-sequential: its claims over 24 months (the README's sequential what-if row), the path in the per-trial
// CSV, reproducibility, and the what-if tools (compare, sweep, sensitivity) on a tree scenario unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import { trialCsvHeader } from '../../../models/engine/ChunkExecutor';
import { createInProcessRunner } from '../../../models/engine/InProcessRunner';
import { runCompare, type CompareResult } from '../../../models/engine/runCompare';
import { runScenario } from '../../../models/engine/runScenario';
import { runSensitivity } from '../../../models/engine/runSensitivity';
import { runSweep } from '../../../models/engine/runSweep';
import { TrialSimulator } from '../../../models/engine/TrialSimulator';
import { seedKey } from '../../../models/random/seedKey';
import { readEfg, writeEfg } from '../../../models/games/extensive/efg';
import { subgamePerfect } from '../../../models/games/extensive/subgamePerfect';
import type { Num } from '../../../models/games/Equilibrium';
import { loadBuiltin } from '../../../models/scenario/builtins';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { roundTree } from '../../../models/scenario/roundTree';

const { spec } = loadBuiltin('korea-2025-sequential');
const runner = createInProcessRunner();
const talks = (c: CompareResult) => c.outcomes.find((o) => o.id === 'talks')!;

describe('korea-2025-sequential', () => {
  it('is a perfect-information tree: Seoul, Moscow (chance), Pyongyang, the alliance', () => {
    expect(spec.tree?.shape).toBe('perfect');
    expect(spec.tree?.playOrder).toEqual([0, 1, 2, 3]);
    expect(spec.actors.map((a) => a.id)).toEqual(['ROK', 'DPRK', 'ALLIANCE']);
    expect(loadBuiltin('korea-2025').spec.tree).toBeUndefined();
  });

  it("at today's values (Russia 0.8, no ceasefire) Seoul makes a plain offer and Pyongyang never talks", () => {
    const model = instantiateModel(spec);
    const sim = new TrialSimulator(model);
    const vals = Float64Array.from(model.params.map((p) => (p.id === 'ceasefireHazard' ? 0 : p.value)));
    for (let t = 0; t < 50; t++) {
      const rec = sim.run(seedKey(1), t, vals);
      for (let r = 0; r < rec.rounds; r++) {
        expect(rec.outcomes[r * model.outcomes.length]).toBe(0); // talks
        expect(rec.choices[r * 3]).not.toBe(0); // no committed offer
      }
    }
  });

  it('its round is the subgame-perfect equilibrium of its tree (the engine against subgamePerfect)', () => {
    const model = instantiateModel(spec);
    for (const russiaSupport of [0.8, 0.3]) {
      const sim = new TrialSimulator(model, { rounds: 1 });
      sim.start(
        seedKey(1),
        0,
        Float64Array.from(model.params.map((p) => (p.id === 'russiaSupport' ? russiaSupport : p.value))),
      );
      sim.beginRound(1);
      sim.drawChoices(1);
      const spe = subgamePerfect(roundTree(model, { params: { russiaSupport } }));
      const root = model.actors.map((_, i) => sim.treeRound!.rootValue(i));
      const close = (v: Num, i: number) =>
        Math.abs((typeof v === 'number' ? v : v.toNumber()) - root[i]!) < 1e-6;
      expect(spe.some((e) => e.payoffs.every(close))).toBe(true);
    }
  });

  describe('README: when Russia’s support wanes, moving first with a credible offer is what brings talks', () => {
    let c: CompareResult;
    beforeAll(async () => {
      c = await runCompare(runner, spec, {
        seed: 2025,
        trials: 4000,
        overrides: { russiaSupport: 0.3 },
        variant: { commitCredibility: 0.2 },
      });
    }, 120_000);

    it('talks within 24 months are near certain with a credible committed offer', () => {
      expect(talks(c).baseline).toBeGreaterThan(0.95);
    });

    it('and fall by more than 70 points when the commitment is no more credible than words', () => {
      expect(talks(c).high).toBeLessThan(-0.7);
      expect(c.outcomes.find((o) => o.id === 'committed')!.variant).toBeLessThan(0.05);
    });
  });

  it('brings more talks within 24 months than korea-2025, where both sides move at once (teaching notes)', async () => {
    const p = async (s: typeof spec) =>
      (await runScenario(runner, s, { seed: 2025, trials: 2000 })).outcomes.find((o) => o.id === 'talks')!;
    const seq = await p(spec);
    const sim = await p(loadBuiltin('korea-2025').spec);
    expect(seq.low).toBeGreaterThan(sim.high);
    expect(seq.low).toBeGreaterThan(0.3);
  }, 120_000);

  it('writes the path taken in the per-trial CSV: every move, Moscow’s stance included', async () => {
    const header = trialCsvHeader(spec).trim().split(',');
    expect(header.slice(header.indexOf('ROK'), header.indexOf('ROK') + 4)).toEqual([
      'ROK',
      'DPRK',
      'ALLIANCE',
      'moscow',
    ]);
    const csvOf = async (chunkSize: number): Promise<string> => {
      const parts: Uint8Array[] = [];
      await runScenario(
        runner,
        spec,
        { seed: 'tree', trials: 300, chunkSize },
        { onCsv: (t) => void parts.push(t) },
      );
      return Buffer.concat(parts).toString('utf8');
    };
    const a = await csvOf(64);
    expect(await csvOf(300)).toBe(a);
    const rows = a
      .split('\r\n')
      .filter(Boolean)
      .map((r) => r.split(','));
    expect(rows).toHaveLength(300 * 24);
    const col = header.indexOf('moscow');
    expect(new Set(rows.map((r) => r[col]))).toEqual(new Set(['backs', 'wavers']));
    expect(new Set(rows.map((r) => r[header.indexOf('ALLIANCE')]))).toEqual(
      new Set(['full', 'reduced', 'suspended']),
    );
  });

  it('sweeps and sensitivity work on it unchanged', async () => {
    const sweep = await runSweep(runner, spec, {
      seed: 4,
      trials: 400,
      overrides: { russiaSupport: 0.3 },
      x: { param: 'commitCredibility', values: [0.2, 0.8] },
    });
    const p = sweep.points.map((pt) => pt.outcomes.find((o) => o.id === 'talks')!.p);
    expect(p[1]!).toBeGreaterThan(p[0]! + 0.5);
    const sens = await runSensitivity(runner, spec, { seed: 4, trials: 400, target: 'talks' });
    expect(sens.tornado.length).toBeGreaterThan(0);
    const rho = sens.spearman
      .find((s) => s.param === 'russiaSupport')!
      .outcomes.find((o) => o.id === 'talks')!.rho!;
    expect(rho).toBeLessThan(0);
  }, 120_000);

  it('exports its round as a Gambit .efg that reads back to the same tree', () => {
    const tree = roundTree(instantiateModel(spec));
    const text = writeEfg(tree, { gambitLabels: true });
    expect(writeEfg(readEfg(text), { gambitLabels: true })).toBe(text);
    expect(text).toMatch(/^EFG 2 R /);
    expect(text).toContain(
      'c "" 2 "Moscow\'s stance this month" { "Moscow backs Pyongyang" 4/5 "Moscow wavers" 1/5 }',
    );
  });
});
