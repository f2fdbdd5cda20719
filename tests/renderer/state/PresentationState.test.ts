import { fakeProvenance } from '../simulation/fakeSimulationPort';
import { describe, expect, it } from 'vitest';
import { loadModelService } from '../../../renderer/lib/state/loadModelService';
import { PresentationState } from '../../../renderer/lib/state/PresentationState.svelte';
import type { ReplayView } from '../../../renderer/lib/state/SimulationPort';
import type { RuntimeModel } from '../../../models/scenario/RuntimeModel';

const models = loadModelService();
const modelOf = async (id: string): Promise<RuntimeModel> => {
  const r = await models.check(await models.builtinText(id), `${id}.parley.json`);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.model;
};

describe('PresentationState', () => {
  it('falls back to the equilibrium path when no replay is available, and steps within bounds', async () => {
    const model = await modelOf('prisoners-dilemma');
    const pres = new PresentationState();
    await pres.prepare(models, model, {}, null);
    expect(pres.source).toBe('equilibrium');
    expect(pres.rounds.length).toBe(model.rounds.count);
    // (defect, defect) is profile 3 in Gambit order
    expect(pres.current?.chosen).toBe(3);
    expect(pres.current?.choices.map((c) => c.strategy)).toEqual(['Defect', 'Defect']);
    pres.prev();
    expect(pres.index).toBe(0);
    for (let i = 0; i < 100; i++) pres.next();
    expect(pres.index).toBe(pres.rounds.length - 1);
    pres.first();
    expect(pres.atStart).toBe(true);
  });

  it('tells the story of a replayed trial, mapping the played strategies to the cell', async () => {
    const model = await modelOf('prisoners-dilemma');
    const replay: ReplayView = {
      provenance: fakeProvenance(
        undefined,
        { trials: 10, seed: 7, sampler: 'mc', workers: 1, overrides: {} },
        {
          kind: 'replay',
          trial: 1,
        },
      ),
      trial: 1,
      seed: 7,
      params: [],
      rounds: [1, 2].map((round) => ({
        round,
        choices: [
          { actor: 'Row', strategy: round === 1 ? 'Cooperate' : 'Defect' },
          { actor: 'Column', strategy: 'Cooperate' },
        ],
        outcomes: round === 1 ? ['Both cooperate'] : [],
        events: [],
        state: [],
        metrics: [],
      })),
    };
    const pres = new PresentationState();
    await pres.prepare(models, model, {}, async () => replay);
    expect(pres.source).toBe('trial');
    expect(pres.rounds.map((r) => r.chosen)).toEqual([0, 1]);
    expect(pres.current?.outcomes).toEqual(['Both cooperate']);
    expect(pres.note).toMatch(/seed 7/);
  });

  it('reveals a one-round game one idea per key: payoffs, best responses, equilibria, the cell played', async () => {
    const model = await modelOf('chicken');
    expect(model.rounds.count).toBe(1);
    const pres = new PresentationState();
    await pres.prepare(models, model, {}, null);
    const seen: string[] = [];
    const flags = () =>
      (['game', 'best', 'equilibria', 'played'] as const).map((s) => (pres.shows(s) ? 1 : 0)).join('');
    expect(pres.atStart).toBe(true);
    for (let i = 0; i < 6; i++) {
      seen.push(`${pres.stage}:${flags()}`);
      pres.next();
    }
    expect(seen).toEqual([
      'game:1000',
      'best:1100',
      'equilibria:1110',
      'played:1111',
      'played:1111',
      'played:1111',
    ]);
    expect(pres.atEnd).toBe(true);
    pres.prev();
    expect(pres.stage).toBe('equilibria');
    pres.first();
    expect(pres.stage).toBe('game');
  });

  it('a game of several rounds steps one round per key and shows all but the equilibria each round', async () => {
    const model = await modelOf('korea-2025');
    const pres = new PresentationState();
    await pres.prepare(models, model, {}, null);
    expect(pres.stages).toEqual(['played']);
    expect([pres.shows('game'), pres.shows('best'), pres.shows('equilibria'), pres.shows('played')]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    pres.next();
    expect(pres.index).toBe(1);
    pres.prev();
    expect(pres.index).toBe(0);
    expect(pres.atStart).toBe(true);
  });

  it('says why when the replay fails and shows the equilibrium path instead', async () => {
    const model = await modelOf('chicken');
    const pres = new PresentationState();
    await pres.prepare(models, model, {}, async () => {
      throw new Error('engine offline');
    });
    expect(pres.source).toBe('equilibrium');
    expect(pres.note).toMatch(/engine offline/);
    expect(pres.rounds.length).toBeGreaterThan(0);
  });
});
