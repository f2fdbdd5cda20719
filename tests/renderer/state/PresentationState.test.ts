import { fakeProvenance } from '../simulation/fakeSimulationPort';
import { describe, expect, it } from 'vitest';
import { loadModelService } from '../../../renderer/lib/state/loadModelService';
import { PresentationState } from '../../../renderer/lib/state/PresentationState.svelte';
import type { ReplayView } from '../../../renderer/lib/state/SimulationPort';
import type { RuntimeModel } from '../../../models/scenario/RuntimeModel';
import type { TeacherView } from '../../../models/class/classViews';
import { NO_CLASS_SESSION, parseTrialChoice } from '../../../renderer/lib/state/PresentationState.svelte';
import { slideEquilibria } from '../../../renderer/lib/util/slideEquilibria';
import { calendarMonth, roundTitle } from '../../../renderer/lib/util/calendarMonth';
import type { RootSeed } from '../../../models/random/seedKey';

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
        chance: [],
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

  it('a game of several rounds steps one round per key and shows everything each round, NASH marks included', async () => {
    const model = await modelOf('korea-2025');
    const pres = new PresentationState();
    await pres.prepare(models, model, {}, null);
    expect(pres.stages).toEqual(['played']);
    expect([pres.shows('game'), pres.shows('best'), pres.shows('equilibria'), pres.shows('played')]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    // every one of korea-2025's 24 monthly games has its equilibria marked (NASH cells, else a mixed one listed)
    expect(pres.rounds.length).toBe(24);
    for (let k = 0; k < pres.rounds.length; k++) {
      pres.index = k;
      const eqs = pres.equilibria;
      expect(eqs, `month ${k + 1}`).not.toBeNull();
      expect((eqs?.pure.size ?? 0) + (eqs?.mixed.length ?? 0), `month ${k + 1}`).toBeGreaterThan(0);
      // the equilibrium path plays a NASH cell
      if (eqs && eqs.pure.size > 0) expect(eqs.pure.has(pres.current?.chosen ?? -1)).toBe(true);
    }
    pres.first();
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

const replayOf = (seed: RootSeed, trial: number, strategies: readonly [string, string][]): ReplayView => ({
  provenance: fakeProvenance(
    undefined,
    { trials: trial, seed, sampler: 'mc', workers: 1, overrides: {} },
    { kind: 'replay', trial },
  ),
  trial,
  seed,
  params: [],
  rounds: strategies.map(([a, b], k) => ({
    round: k + 1,
    choices: [
      { actor: 'Row', strategy: a },
      { actor: 'Column', strategy: b },
    ],
    chance: [],
    outcomes: [],
    events: [],
    state: [],
    metrics: [],
  })),
});

/** A teacher view with the given revealed rounds (counts[role][strategy]); only what the class story reads. */
const teacherView = (
  scenarioId: string,
  history: readonly (readonly (readonly number[])[])[],
  params: Record<string, number> = {},
): TeacherView =>
  ({
    session: { id: 's1', title: scenarioId, scenarioId, rounds: 10, roundLabel: 'round', params },
    history: history.map((counts, k) => ({
      round: k + 1,
      counts,
      botCounts: [],
      meanPayoff: [],
      metrics: [],
    })),
  }) as unknown as TeacherView;

describe('presentation mode, finished (issue 16 item 6)', () => {
  it('reveals the mixed equilibrium of a one-round classic: the 9/11 in Chicken, at the equilibria step', async () => {
    const model = await modelOf('chicken');
    const pres = new PresentationState();
    await pres.prepare(models, model, {}, null);
    const eqs = pres.equilibria;
    expect(eqs?.pure.size).toBe(2);
    expect(eqs?.mixed).toEqual([
      'Driver A: Swerve 9/11, Straight 2/11 · Driver B: Swerve 9/11, Straight 2/11',
    ]);
    // hidden until the equilibria step
    expect(pres.shows('equilibria')).toBe(false);
    pres.next();
    pres.next();
    expect(pres.stage).toBe('equilibria');
    expect(pres.shows('equilibria')).toBe(true);
  });

  it('lists the mixed equilibria of a game with no pure one (matching pennies) and marks no NASH cell', async () => {
    const model = await modelOf('matching-pennies');
    const game = models.reduce(model, { params: {}, round: 1 });
    const eqs = slideEquilibria(game);
    expect(eqs.pure.size).toBe(0);
    expect(eqs.mixed).toHaveLength(1);
    expect(eqs.mixed[0]).toMatch(/1\/2.*1\/2.*1\/2.*1\/2/);
  });

  it('names calendar months for monthly scenarios (korea-2025 starts in July) and none otherwise', async () => {
    const korea = await modelOf('korea-2025');
    expect([1, 2, 3, 6, 7, 18, 24].map((r) => calendarMonth(korea, r))).toEqual([
      'July',
      'August',
      'September',
      'December',
      'January',
      'December',
      'June',
    ]);
    expect(roundTitle(korea, 3, 24)).toBe('Month 3 of 24 · September');
    const chicken = await modelOf('chicken');
    expect(calendarMonth(chicken, 1)).toBeNull();
    expect(roundTitle(chicken, 1, 1)).toBe('Round 1 of 1');
  });

  it('shows the trial the teacher picks (seed and trial number), and rejects a bad choice without replaying', async () => {
    const model = await modelOf('prisoners-dilemma');
    const calls: [RootSeed, number][] = [];
    const pres = new PresentationState();
    pres.seed = 11;
    await pres.prepare(models, model, {}, async (seed, trial) => {
      calls.push([seed, trial]);
      return replayOf(seed, trial, trial === 37 ? [['Defect', 'Defect']] : [['Cooperate', 'Cooperate']]);
    });
    expect(calls).toEqual([[11, 1]]);
    expect(pres.current?.chosen).toBe(0);
    pres.next();
    expect(await pres.chooseTrial(' 4242 ', '37')).toBe(true);
    expect(calls).toEqual([
      [11, 1],
      [4242, 37],
    ]);
    expect([pres.seed, pres.trial, pres.index]).toEqual([4242, 37, 0]);
    expect(pres.current?.chosen).toBe(3);
    expect(pres.note).toBe('One simulated trial: trial 37, seed 4242.');
    for (const [seed, trial, msg] of [
      ['', '1', /Seed must not be empty/],
      ['a\u001bb', '1', /control characters/],
      ['x'.repeat(201), '1', /at most 200/],
      ['1', '0', /Trial/],
      ['1', 'x', /Trial/],
      ['1', '1000001', /Trial/],
    ] as const) {
      expect(await pres.chooseTrial(seed, trial)).toBe(false);
      expect(pres.trialError).toMatch(msg);
    }
    expect(calls).toHaveLength(2);
    expect(parseTrialChoice('4294967295', '1000000')).toEqual({ ok: true, seed: 4294967295, trial: 1000000 });
    // the CLI's --seed rule: "007" and "-1" are text seeds, not 7 and an error
    expect(parseTrialChoice(' 007 ', '1')).toEqual({ ok: true, seed: '007', trial: 1 });
    expect(parseTrialChoice('-1', '1')).toEqual({ ok: true, seed: '-1', trial: 1 });
  });

  it('cannot pick a trial where there is no simulation engine (equilibrium path)', async () => {
    const pres = new PresentationState();
    await pres.prepare(models, await modelOf('chicken'), {}, null);
    expect(await pres.chooseTrial('1', '2')).toBe(false);
    expect(pres.trialError).toMatch(/No simulation engine/);
  });

  it('C without a class session explains there is none and stays on the simulation', async () => {
    const pres = new PresentationState();
    await pres.prepare(models, await modelOf('chicken'), {}, null);
    expect(pres.toggleClass(false)).toBe(NO_CLASS_SESSION);
    expect(NO_CLASS_SESSION).toMatch(/No class session is running/);
    expect(pres.showing).toBe('simulation');
    expect(pres.classNote).toBe(NO_CLASS_SESSION);
    expect(pres.rounds.length).toBe(1);
  });

  it('C switches to the class’s own play and back, following newly revealed rounds', async () => {
    const model = await modelOf('chicken');
    const pres = new PresentationState();
    await pres.prepare(models, model, {}, null);
    pres.next(); // the simulation's place (step 2) is kept
    pres.toggleClass(true);
    expect(pres.showing).toBe('class');
    expect(pres.rounds).toHaveLength(0);
    pres.updateClass(null);
    expect(pres.classNote).toMatch(/Connecting/);
    pres.updateClass(teacherView('chicken', []));
    expect(pres.classNote).toMatch(/not revealed a round yet/);
    pres.updateClass(
      teacherView('chicken', [
        [
          [7, 3],
          [6, 4],
        ],
      ]),
    );
    expect(pres.classNote).toBeNull();
    expect(pres.rounds).toHaveLength(1);
    expect(pres.current?.classCounts).toEqual([
      {
        actor: 'Driver A',
        strategies: [
          { strategy: 'Swerve', count: 7 },
          { strategy: 'Straight', count: 3 },
        ],
      },
      {
        actor: 'Driver B',
        strategies: [
          { strategy: 'Swerve', count: 6 },
          { strategy: 'Straight', count: 4 },
        ],
      },
    ]);
    // the class's rounds show their game with its NASH marks and the mixed equilibrium at once
    expect(pres.stages).toEqual(['played']);
    expect(pres.shows('equilibria')).toBe(true);
    expect(pres.equilibria?.pure.size).toBe(2);
    expect(pres.equilibria?.mixed[0]).toMatch(/9\/11/);
    // a newly revealed round: the slide on the latest round follows it
    const two = [
      [
        [7, 3],
        [6, 4],
      ],
      [
        [9, 1],
        [5, 5],
      ],
    ];
    pres.updateClass(teacherView('chicken', two));
    expect([pres.index, pres.current?.round]).toEqual([1, 2]);
    pres.prev();
    pres.updateClass(teacherView('chicken', [...two, two[0] ?? []]));
    expect(pres.index).toBe(0); // not on the latest round: stays put
    // back to the simulation, where the teacher was
    pres.toggleClass(true);
    expect(pres.showing).toBe('simulation');
    expect([pres.index, pres.step, pres.stage]).toEqual([0, 1, 'best']);
  });

  it('the class view of another scenario says so instead of showing the wrong game', async () => {
    const pres = new PresentationState();
    await pres.prepare(models, await modelOf('chicken'), {}, null);
    pres.toggleClass(true);
    pres.updateClass(
      teacherView('prisoners-dilemma', [
        [
          [1, 1],
          [1, 1],
        ],
      ]),
    );
    expect(pres.rounds).toHaveLength(0);
    expect(pres.classNote).toMatch(/plays “prisoners-dilemma”, not the scenario on screen/);
  });
});
