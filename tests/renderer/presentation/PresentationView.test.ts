// Presentation mode's view on the real models and engine (in-process replay): NASH marks and the mixed equilibrium
// revealed, calendar month names, the choice of trial, and the C key (class play, or why there is none).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import { AppState } from '../../../renderer/lib/state/AppState.svelte';
import { loadModelService } from '../../../renderer/lib/state/loadModelService';
import { engineSimulationPort } from '../../../renderer/lib/simulation/engineSimulationPort';
import { createInProcessRunner } from '../../../models/engine/InProcessRunner';
import { NO_CLASS_SESSION } from '../../../renderer/lib/state/PresentationState.svelte';
import { classHostStateFor } from '../../../renderer/lib/class/classHostStateFor';
import type { TeacherView } from '../../../models/class/classViews';
import PresentationView from '../../../renderer/components/presentation/PresentationView.svelte';
import { memoryPlatform } from '../state/fakes';
import { TeacherClient as FakeTeacherClient } from './fakeTeacherClient.svelte';

vi.mock(
  '../../../renderer/lib/class/TeacherClient.svelte',
  async () => await import('./fakeTeacherClient.svelte'),
);

const setup = async (scenario: string) => {
  const mem = memoryPlatform();
  const app = new AppState({
    platform: mem.platform,
    models: loadModelService(),
    simulationPort: engineSimulationPort(() => createInProcessRunner()),
    schedule: () => 0,
    cancel: () => 0,
  });
  await app.start();
  if (scenario !== 'korea-2025') await app.openBuiltin(scenario);
  expect(app.model?.id).toBe(scenario);
  app.results.settings.seedText = '5';
  const view = render(PresentationView, { app });
  await waitFor(() => expect(view.container.querySelector('[data-testid="payoff-matrix"]')).not.toBeNull(), {
    timeout: 20_000,
  });
  return { app, container: view.container };
};

const round = () => screen.getByTestId('presentation-round').textContent?.replace(/\s+/g, ' ').trim();
const key = async (k: string) => {
  await fireEvent.keyDown(window, { key: k });
  await tick();
};

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    shouldAdvanceTime: true,
  });
  FakeTeacherClient.instances = [];
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('PresentationView', () => {
  it('Chicken: NASH marks then its mixed equilibrium 9/11 revealed at the equilibria step', async () => {
    const { container } = await setup('chicken');
    expect(round()).toMatch(/^Round 1 of 1/);
    const eqCells = () => container.querySelectorAll('.cell.eq');
    expect(eqCells().length).toBe(0);
    expect(screen.queryByTestId('presentation-mixed')).toBeNull();
    await key('ArrowRight');
    await key('ArrowRight');
    expect(eqCells().length).toBe(2);
    expect([...eqCells()].every((c) => /nash/i.test(c.textContent ?? ''))).toBe(true);
    expect(screen.getByTestId('presentation-mixed').textContent?.replace(/\s+/g, ' ')).toMatch(
      /Driver A: Swerve 9\/11, Straight 2\/11 · Driver B: Swerve 9\/11, Straight 2\/11/,
    );
  });

  it('korea-2025: calendar month names on every round and NASH marks on every game', async () => {
    const { container } = await setup('korea-2025');
    expect(round()).toBe('Month 1 of 24 · July');
    const months = ['July', 'August', 'September', 'October', 'November', 'December', 'January'];
    for (let r = 1; r <= months.length; r++) {
      expect(round()).toBe(`Month ${r} of 24 · ${months[r - 1]}`);
      const marks = container.querySelectorAll('.cell.eq').length;
      const mixed = screen.queryByTestId('presentation-mixed') ? 1 : 0;
      expect(marks + mixed, `month ${r}`).toBeGreaterThan(0);
      await key('ArrowRight');
    }
  });

  it('shows the trial picked by seed and number (the document’s seed first)', async () => {
    await setup('korea-2025');
    const seed = screen.getByTestId('trial-seed') as HTMLInputElement;
    const trial = screen.getByTestId('trial-index') as HTMLInputElement;
    expect([seed.value, trial.value]).toEqual(['5', '1']);
    expect(screen.getByText(/trial 1, seed 5\./)).toBeTruthy();
    await fireEvent.input(seed, { target: { value: '123' } });
    await fireEvent.input(trial, { target: { value: '9' } });
    await fireEvent.submit(screen.getByTestId('presentation-trial'));
    await waitFor(() => expect(screen.getByText(/trial 9, seed 123\./)).toBeTruthy());
    await fireEvent.input(trial, { target: { value: '0' } });
    await fireEvent.submit(screen.getByTestId('presentation-trial'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Trial must be/));
  });

  it('C with no class session explains there is none; with one, shows the class’s play and switches back', async () => {
    const { app, container } = await setup('chicken');
    await key('c');
    expect(app.notifications.toasts.map((t) => t.message)).toContain(NO_CLASS_SESSION);
    expect(screen.queryByTestId('presentation-class-play')).toBeNull();
    expect(FakeTeacherClient.instances).toHaveLength(0);

    const host = classHostStateFor(app);
    host.session = {
      sessionId: 'class-1',
      title: 'Chicken',
      serverUrl: 'ws://127.0.0.1:5179/ws',
      teacherToken: 'T'.repeat(43),
      joinUrl: 'http://127.0.0.1:5179/join#ACDEF',
      joinCode: 'ACDEF',
      qr: 'data:image/svg+xml;base64,',
      lan: false,
      resumed: false,
      csvPath: '/docs/class-1.csv',
    };
    await key('C');
    expect(FakeTeacherClient.instances.map((c) => [c.url, c.token])).toEqual([
      ['ws://127.0.0.1:5179/ws', 'T'.repeat(43)],
    ]);
    const client = FakeTeacherClient.instances[0] as FakeTeacherClient;
    client.view = {
      session: { id: 'class-1', title: 'Chicken', scenarioId: 'chicken', rounds: 10, params: {} },
      history: [
        {
          round: 1,
          counts: [
            [3, 1],
            [2, 2],
          ],
          botCounts: [],
          meanPayoff: [],
          metrics: [],
        },
      ],
    } as unknown as TeacherView;
    await tick();
    const play = screen.getByTestId('presentation-class-play').textContent?.replace(/\s+/g, ' ') ?? '';
    expect(play).toMatch(/Driver A: Swerve 75\.0% \(3\) · Straight 25\.0% \(1\)/);
    expect(play).toMatch(/Driver B: Swerve 50\.0% \(2\) · Straight 50\.0% \(2\)/);
    expect(round()).toMatch(/Class play · Round 1 of 1/);
    expect(container.querySelectorAll('.cell.eq').length).toBe(2);
    await key('c');
    expect(screen.queryByTestId('presentation-class-play')).toBeNull();
    expect(client.disposed).toBe(true);
  });
});
