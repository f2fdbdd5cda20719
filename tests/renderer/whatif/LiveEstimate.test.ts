import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import LiveEstimate from '../../../renderer/components/whatif/LiveEstimate.svelte';
import WhatIfView from '../../../renderer/components/whatif/WhatIfView.svelte';
import { AppState } from '../../../renderer/lib/state/AppState.svelte';
import { fakeModelService, memoryPlatform } from '../state/fakes';
import { fakeSimulationPort, specWithOutcomes } from '../simulation/fakeSimulationPort';
import { fireEvent } from '@testing-library/svelte';

const setup = async () => {
  const app = new AppState({ platform: memoryPlatform().platform, models: fakeModelService() });
  await app.start();
  app.documents.spec = specWithOutcomes(app.spec!);
  const fake = fakeSimulationPort();
  app.useSimulationPort(fake.port);
  return { app, fake };
};

describe('LiveEstimate', () => {
  it('re-estimates when a slider value changes and redraws the probabilities', async () => {
    const { app, fake } = await setup();
    render(LiveEstimate, { app });
    const box = screen.getByTestId('live-estimate');
    // progressive: 3,500 trials (±1 point at 10%), then 10,000
    await waitFor(() => expect(box.dataset.seq).toBe('2'));
    expect(box.dataset.trials).toBe('10000');
    expect(screen.getByTestId('live-p-talks').textContent).toBe('60.0%');
    app.setParam('russiaSupport', 0.2);
    flushSync();
    await waitFor(() => expect(box.dataset.seq).toBe('4'));
    expect(screen.getByTestId('live-p-talks').textContent).toBe('90.0%');
    expect(screen.getByTestId('live-meta').textContent).toMatch(
      /10,000 trials, seed \d+ · first in \d+ ms, full in \d+ ms/,
    );
    const runs = fake.calls.filter((c) => c.kind === 'estimate');
    expect(runs.map((r) => r.settings.trials)).toEqual([3500, 10_000, 3500, 10_000]);
    expect(runs.at(-1)?.settings).toMatchObject({ trials: 10_000, overrides: { russiaSupport: 0.2 } });
    // every live run uses the same seed (common random numbers)
    expect(new Set(runs.map((r) => r.settings.seed)).size).toBe(1);
  });
});

describe('WhatIfView', () => {
  it('runs a one-parameter sweep, a comparison and a tornado', async () => {
    const { app } = await setup();
    app.setParam('russiaSupport', 0.4);
    render(WhatIfView, { app });
    await fireEvent.click(screen.getByRole('button', { name: 'Run sweep' }));
    await waitFor(() => screen.getByTestId('chart-sweep'));
    await fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    await waitFor(() => screen.getByTestId('chart-difference'));
    expect(screen.getByTestId('compare-metrics').textContent).toMatch(/Tension \(pts\)\s*54-1-1.2 to -0.8/); // one minus sign throughout the row
    expect(screen.getByText(/Variant:\s*russiaSupport = 0.4/)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Run sensitivity' }));
    await waitFor(() => screen.getByTestId('chart-tornado'));
    expect(screen.getByTestId('chart-spearman')).toBeTruthy();
  });
});
