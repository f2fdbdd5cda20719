import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import SimulationView from '../../../renderer/components/simulation/SimulationView.svelte';
import { AppState } from '../../../renderer/lib/state/AppState.svelte';
import { fakeModelService, memoryPlatform } from '../state/fakes';
import { fakeSimulationPort, specWithOutcomes } from './fakeSimulationPort';

const setup = async () => {
  const mem = memoryPlatform();
  const exports: { kind: string; name: string; text: string }[] = [];
  mem.platform.exportFile = async (kind, name, chunks) => {
    let text = '';
    for await (const c of chunks) text += typeof c === 'string' ? c : new TextDecoder().decode(c);
    exports.push({ kind, name, text });
    return { ok: true, path: `/tmp/${name}`, name };
  };
  const app = new AppState({ platform: mem.platform, models: fakeModelService() });
  await app.start();
  app.documents.spec = specWithOutcomes(app.spec!);
  const fake = fakeSimulationPort();
  app.useSimulationPort(fake.port);
  render(SimulationView, { app });
  return { app, fake, exports };
};

describe('SimulationView', () => {
  it('shows the seed, runs with a progress bar to drawn results', async () => {
    const { app, fake } = await setup();
    const seed = screen.getByLabelText('Seed') as HTMLInputElement;
    expect(seed.value).toBe(app.results.simulation.settings.seedText);
    await fireEvent.input(seed, { target: { value: '123' } });
    const trials = screen.getByLabelText('Trials') as HTMLInputElement;
    await fireEvent.input(trials, { target: { value: '2000' } });
    const release = fake.hold();
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    const bar = screen.getByTestId('run-progress');
    expect(bar.getAttribute('data-status')).toBe('running');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    release();
    await waitFor(() => expect(bar.getAttribute('data-status')).toBe('done'));
    expect((bar as HTMLProgressElement).value).toBe(1);
    expect(screen.getByTestId('run-status').textContent).toMatch(/Done: 2,000 trials/);
    expect(screen.getByTestId('run-provenance').textContent).toMatch(/seed 123 · 2,000 trials · Monte Carlo/);
    expect(screen.getByRole('img', { name: 'Outcome probabilities' }).querySelector('svg')).not.toBeNull();
    expect(screen.getByTestId('chart-histogram')).toBeTruthy();
    expect(screen.getByTestId('chart-fan')).toBeTruthy();
    expect(screen.getByTestId('chart-survival')).toBeTruthy();
    expect(screen.getByTestId('chart-profiles')).toBeTruthy();
    expect(screen.getByTestId('chart-events')).toBeTruthy();
    expect(screen.getByTestId('chart-convergence')).toBeTruthy();
    expect(screen.getByTestId('equilibrium-types').textContent).toMatch(
      /pure 80.0%, mixed 20.0%; several pure .* 10.0%/,
    );
    expect(fake.calls[0]?.settings).toMatchObject({ seed: 123, trials: 2000 });
  });

  it('cancels a run', async () => {
    const { fake } = await setup();
    const release = fake.hold();
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    release();
    await waitFor(() =>
      expect(screen.getByTestId('run-progress').getAttribute('data-status')).toBe('cancelled'),
    );
    expect(screen.getByTestId('run-status').textContent).toMatch(/Cancelled/);
    expect(screen.getByRole('button', { name: 'Run' })).toBeTruthy();
  });

  it('after a cancelled run, says the results shown are those of the previous run', async () => {
    const { fake } = await setup();
    await fireEvent.input(screen.getByLabelText('Seed'), { target: { value: '7' } });
    await fireEvent.input(screen.getByLabelText('Trials'), { target: { value: '300' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(screen.getByTestId('run-progress').getAttribute('data-status')).toBe('done'));
    expect(screen.queryByTestId('previous-result-notice')).toBeNull();
    await fireEvent.input(screen.getByLabelText('Trials'), { target: { value: '5000' } });
    const release = fake.hold();
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    release();
    await waitFor(() =>
      expect(screen.getByTestId('previous-result-notice').textContent).toMatch(
        /previous run \(300 trials, seed 7\).*cancelled/s,
      ),
    );
  });

  it('marks the results stale when a parameter moves after the run', async () => {
    const { app } = await setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(screen.getByTestId('run-progress').getAttribute('data-status')).toBe('done'));
    expect(screen.queryByTestId('stale-banner')).toBeNull();
    const p = app.spec!.params[0]!;
    app.setParam(p.id, p.value + 0.1);
    await waitFor(() => expect(screen.getByTestId('stale-banner')).toBeTruthy());
    expect(screen.getByTestId('stale-banner').textContent).toMatch(/parameter values changed since: .* → /);
  });

  it('shows invalid settings in place and disables Run', async () => {
    await setup();
    await fireEvent.input(screen.getByLabelText('Trials'), { target: { value: 'lots' } });
    expect(screen.getByText(/Trials must be a whole number/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByLabelText('Trials').getAttribute('aria-invalid')).toBe('true');
  });

  it('replays a trial and exports the per-trial CSV, summary CSV and metadata', async () => {
    const { exports } = await setup();
    await fireEvent.input(screen.getByLabelText('Trials'), { target: { value: '5' } });
    await fireEvent.input(screen.getByLabelText('Seed'), { target: { value: '9' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => screen.getByTestId('run-results'));
    await fireEvent.input(screen.getByLabelText('Trial'), { target: { value: '3' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    await waitFor(() => screen.getByTestId('replay-table'));
    expect(screen.getByTestId('replay-table').querySelectorAll('tbody tr')).toHaveLength(3);
    // a tree round's chance outcome is part of the path, after the actors' moves
    const heads = [...screen.getByTestId('replay-table').querySelectorAll('thead tr:last-child th')];
    expect(heads.map((h) => h.textContent)).toContain("Moscow's stance");
    const row2 = [...screen.getByTestId('replay-table').querySelectorAll('tbody tr')][1];
    expect([...(row2?.querySelectorAll('td') ?? [])].map((c) => c.textContent).slice(0, 3)).toEqual([
      'Hold',
      'Hold',
      'Wavers',
    ]);
    await fireEvent.click(screen.getByRole('button', { name: 'Per-trial CSV' }));
    await waitFor(() => expect(exports).toHaveLength(2));
    expect(exports[0]?.name).toBe('fake-trials-9.csv');
    expect(exports[0]?.text.split('\n').filter(Boolean)).toHaveLength(6);
    // the sidecar pairs with its CSV and carries the full provenance
    expect(exports[1]).toMatchObject({ kind: 'json', name: 'fake-trials-9.json' });
    expect(JSON.parse(exports[1]!.text)).toMatchObject({
      table: 'trials',
      root_seed: 9,
      provenance: { seed: 9, trials: 5, kind: 'run' },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Summary CSV' }));
    await waitFor(() => expect(exports).toHaveLength(4));
    expect(exports[2]?.text).toMatch(/^outcome,p,low,high,n\n/);
    expect(exports[3]?.name).toBe('fake-summary-9.json');
    await fireEvent.click(screen.getByRole('button', { name: 'Run metadata (JSON)' }));
    await waitFor(() => expect(exports).toHaveLength(5));
    expect(exports[4]).toMatchObject({ kind: 'json', name: 'fake-trials-9.json' });
    expect(JSON.parse(exports[4]!.text)).toMatchObject({ seed: 9, trials: 5 });
  });

  it('answers the menu commands run, cancel-run and export-csv', async () => {
    const { app, fake, exports } = await setup();
    const sim = app.results.simulation;
    app.command('export-csv');
    expect(app.toasts.at(-1)?.message).toMatch(/Run a simulation first/);
    app.activeView = 'model';
    const release = fake.hold();
    app.command('run');
    expect(app.activeView).toBe('simulate');
    expect(sim.status).toBe('running');
    app.command('cancel-run');
    release();
    await waitFor(() => expect(sim.status).toBe('cancelled'));
    sim.settings.trialsText = '3';
    await sim.run();
    app.command('export-csv');
    await waitFor(() => expect(exports).toHaveLength(2));
    expect(exports[0]?.name).toMatch(/-trials-\d+\.csv$/);
    expect(app.toasts.at(-1)?.message).toMatch(/Exported .*-trials-\d+\.csv and .*-trials-\d+\.json/);
    // one handler per command: the export ran once, not once per listener
    await new Promise((r) => setTimeout(r, 20));
    expect(exports).toHaveLength(2);
  });
});
