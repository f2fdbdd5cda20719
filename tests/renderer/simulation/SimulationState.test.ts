import { describe, expect, it } from 'vitest';
import { SimulationState } from '../../../renderer/lib/state/SimulationState.svelte';
import {
  overridesFor,
  randomSeed,
  RunSettingsState,
} from '../../../renderer/lib/state/RunSettingsState.svelte';
import { fakeSpec } from '../state/fakes';
import { fakeSimulationPort, specWithOutcomes } from './fakeSimulationPort';

const spec = specWithOutcomes(
  fakeSpec([
    { id: 'russiaSupport', value: 0.8 },
    { id: 'other', value: 0.5 },
  ]),
);

const setup = (paramValues: Record<string, number> = { russiaSupport: 0.8, other: 0.5 }) => {
  const fake = fakeSimulationPort();
  const source = { spec: spec as typeof spec | null, paramValues, epoch: 0 };
  const sim = new SimulationState(fake.port, () => source, new RunSettingsState(42));
  return { sim, fake, source };
};

describe('SimulationState', () => {
  it('validates trials and seed as typed, keeping the text', () => {
    const { sim } = setup();
    expect(sim.settings.seed).toBe(42);
    expect(sim.settings.trials).toBe(10_000);
    sim.settings.trialsText = '12,5x';
    expect(sim.settings.trialsError).toMatch(/Trials must be a whole number/);
    expect(sim.settings.trialsText).toBe('12,5x');
    sim.settings.trialsText = '0';
    expect(sim.settings.trialsError).toMatch(/from 1/);
    sim.settings.trialsText = '1_000';
    expect(sim.settings.trialsError).toBeNull();
    expect(sim.settings.trials).toBe(1000);
    // the seed follows the CLI's --seed rule: "007" stays the text seed "007" (not 7), any non-empty text is a seed
    sim.settings.seedText = ' 007 ';
    expect(sim.settings.seedError).toBeNull();
    expect(sim.settings.seed).toBe('007');
    sim.settings.seedText = '4294967296';
    expect(sim.settings.seed).toBe(4294967296);
    sim.settings.seedText = '';
    expect(sim.settings.seedError).toBe('Seed must not be empty.');
    expect(sim.canRun).toBe(false);
  });

  it('"new seed" picks a different uint32 seed', () => {
    const { sim } = setup();
    const seen = new Set<string>([sim.settings.seedText]);
    for (let i = 0; i < 5; i++) {
      sim.settings.newSeed();
      seen.add(sim.settings.seedText);
      expect(sim.settings.seedError).toBeNull();
    }
    expect(seen.size).toBeGreaterThan(3);
    const s = randomSeed();
    expect(Number.isInteger(s) && s >= 0 && s <= 0xffffffff).toBe(true);
  });

  it('overrides only the parameters moved away from the scenario value', () => {
    expect(overridesFor(spec, { russiaSupport: 0.2, other: 0.5, unknown: 3 })).toEqual({
      russiaSupport: 0.2,
    });
  });

  it('runs with progress to a result, using the settings shown', async () => {
    const { sim, fake } = setup({ russiaSupport: 0.2, other: 0.5 });
    sim.settings.trialsText = '1000';
    sim.settings.sampler = 'lhs';
    sim.settings.workers = 3;
    const seen: number[] = [];
    const release = fake.hold();
    const done = sim.run();
    expect(sim.status).toBe('running');
    expect(sim.running).toBe(true);
    expect(sim.canRun).toBe(false);
    release();
    // sample progress as it goes
    const poll = setInterval(() => seen.push(sim.progress), 0);
    await done;
    clearInterval(poll);
    expect(sim.status).toBe('done');
    expect(sim.progress).toBe(1);
    expect(sim.result?.outcomes[0]?.p).toBeCloseTo(0.9);
    expect(fake.calls[0]?.settings).toEqual({
      trials: 1000,
      seed: 42,
      sampler: 'lhs',
      workers: 3,
      overrides: { russiaSupport: 0.2 },
      autoStop: null,
    });
    expect(sim.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('cancel stops the run, keeps the previous result and reports "cancelled"', async () => {
    const { sim, fake } = setup();
    await sim.run();
    const first = sim.result;
    const release = fake.hold();
    const p = sim.run();
    sim.cancel();
    release();
    await p;
    expect(sim.status).toBe('cancelled');
    expect(sim.result).toBe(first);
    expect(sim.running).toBe(false);
  });

  it('shows an engine failure as a message, not a throw', async () => {
    const { sim, fake } = setup();
    fake.fail('Formula error at outcomes[0].when');
    await sim.run();
    expect(sim.status).toBe('error');
    expect(sim.error).toBe('Formula error at outcomes[0].when');
  });

  it('refuses to run without a valid scenario, with a clear message', async () => {
    const { sim, source, fake } = setup();
    source.spec = null;
    await sim.run();
    expect(sim.status).toBe('error');
    expect(sim.error).toMatch(/No valid scenario/);
    expect(fake.calls).toHaveLength(0);
  });

  it('replays trial k of the last run, and validates k', async () => {
    const { sim, fake } = setup();
    sim.settings.trialsText = '100';
    await sim.run();
    sim.replayTrialText = '101';
    await sim.replayTrial();
    expect(sim.replayError).toMatch(/Trial must be from 1 to 100/);
    sim.replayTrialText = '7';
    await sim.replayTrial();
    expect(sim.replayError).toBeNull();
    expect(sim.replay?.trial).toBe(7);
    expect(sim.replay?.rounds).toHaveLength(3);
    expect(fake.calls.at(-1)).toMatchObject({
      kind: 'replay',
      extra: 7,
      settings: { seed: 42, trials: 100 },
    });
  });

  it('moving a parameter after a run marks the shown result stale; moving it back makes it current again', async () => {
    const { sim, source } = setup();
    sim.settings.trialsText = '10';
    await sim.run();
    expect(sim.resultStale).toBe(false);
    source.paramValues.russiaSupport = 0.2;
    expect(sim.resultStale).toBe(true);
    source.paramValues.russiaSupport = 0.8;
    expect(sim.resultStale).toBe(false);
    source.paramValues.russiaSupport = 0.2;
    await sim.run();
    expect(sim.result?.settings.overrides).toEqual({ russiaSupport: 0.2 });
    expect(sim.resultStale).toBe(false);
    source.paramValues.russiaSupport = 0.8;
    expect(sim.resultStale).toBe(true);
  });

  it('after the scenario is edited, the shown result is marked stale and exports/replays use its own model', async () => {
    const { sim, fake, source } = setup();
    sim.settings.trialsText = '10';
    await sim.run();
    expect(sim.resultStale).toBe(false);
    const edited = { ...spec, id: 'edited' };
    source.spec = edited;
    expect(sim.resultStale).toBe(true);
    await sim.replayTrial();
    const got: string[] = [];
    const platform = {
      exportFile: async (_k: string, name: string) => {
        got.push(name);
        return { ok: true as const, path: name, name };
      },
    } as unknown as Parameters<SimulationState['exportRun']>[1];
    await sim.exportRun('summary', platform);
    // named from the result's own provenance (scenario and seed), with its sidecar beside it
    expect(got).toEqual(['fake-summary-42.csv', 'fake-summary-42.json']);
    expect(fake.calls.filter((c) => c.kind === 'replay').map((c) => c.specId)).toEqual(['fake']);
  });
});
