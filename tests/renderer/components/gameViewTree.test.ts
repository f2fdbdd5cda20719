// The Game view of a sequential tree scenario: what the simulation plays is the tree's backward induction (per
// information set), the matrix is the tree's reduced strategic form (plans) with the engine's plans outlined, and
// nothing shows the simultaneous game's equilibria; a tree too large for a matrix says so; a simultaneous
// scenario's view is unchanged.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { AppState } from '../../../renderer/lib/state/AppState.svelte';
import GameView from '../../../renderer/components/game/GameView.svelte';
import { loadModelService } from '../../../renderer/lib/state/loadModelService';
import { memoryPlatform } from '../state/fakes';
import entryTree from '../../fixtures/scenarios/entry-tree.parley.json';

const ENTRY_TEXT = JSON.stringify(entryTree);

afterEach(() => cleanup());

const makeApp = async (files: Record<string, string> = {}) => {
  const mem = memoryPlatform(files);
  const app = new AppState({
    platform: mem.platform,
    models: loadModelService(),
    schedule: () => 0,
    cancel: () => 0,
  });
  await app.start();
  app.activeView = 'game';
  return app;
};

describe('GameView on a sequential tree scenario', () => {
  it('shows the engine’s play per information set and the plans matrix with the engine’s cell outlined', async () => {
    const app = await makeApp({ '/s/entry-tree.parley.json': ENTRY_TEXT });
    await app.openRecent('/s/entry-tree.parley.json');
    await app.documents.validateNow();
    await waitFor(() => expect(app.model?.id).toBe('entry-tree'), { timeout: 20_000 });
    render(GameView, { app });
    const played = await screen.findByTestId('tree-played', {}, { timeout: 20_000 });
    expect(played.textContent).toMatch(/The simulation plays the tree/);
    expect(played.textContent).toMatch(/backward induction/);
    // the entrant: Out when the cost is high (reached 40%), In when it is low (60%)
    const rows = [...screen.getByTestId('tree-played-0').querySelectorAll('tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['cost: high', 'Out', '40.0%'],
      ['cost: low', 'In', '60.0%'],
    ]);
    expect(screen.getByTestId('tree-played-values').textContent?.replace(/\s+/g, ' ')).toMatch(
      /Entrant 1\.2 · Incumbent 1\.8\./,
    );
    // the strategic form of the tree: plans, labelled as such, 4 × 16, the engine's cell outlined
    expect(screen.getByTestId('plans-title').textContent).toMatch(
      /Strategic form of the tree: strategies are plans, one action per information set/,
    );
    await waitFor(() => expect(screen.getAllByTestId('payoff-matrix').length).toBeGreaterThan(0));
    const matrix = screen.getAllByTestId('payoff-matrix')[0]!;
    expect(matrix.textContent).toMatch(/Out \/ In/);
    // no "simulation plays" line of the simultaneous game
    expect(screen.getByTestId('played-equilibrium').textContent).not.toMatch(/The simulation plays/);
    expect(app.played).toBeNull();
    // the engine's cell: its payoffs are the expected payoffs above
    const outlined = matrix.querySelectorAll('.cell.selected');
    expect(outlined.length).toBeGreaterThan(0);
    expect([...outlined].map((c) => c.textContent?.replace(/\s+/g, ''))).toContainEqual(
      expect.stringMatching(/6\/5.*9\/5|1\.2.*1\.8/),
    );
    // the Tree tab button shows the scenario's round there
    await fireEvent.click(screen.getByRole('button', { name: 'Show on the Tree tab' }));
    expect(app.activeView).toBe('tree');
  });

  it('korea-2025-sequential: no matrix (too many plans), the engine’s play and a pointer to the Tree tab', async () => {
    const app = await makeApp();
    await app.openBuiltin('korea-2025-sequential');
    await waitFor(() => expect(app.model?.id).toBe('korea-2025-sequential'), { timeout: 20_000 });
    render(GameView, { app });
    await screen.findByTestId('tree-played', {}, { timeout: 20_000 });
    expect(screen.getByTestId('plans-too-large').textContent).toMatch(/3 × 729 × 387,420,489 plans/);
    expect(screen.queryByTestId('payoff-matrix')).toBeNull();
    expect(screen.queryByTestId('played-equilibrium')).toBeNull();
    expect(screen.getByTestId('tree-played-0').querySelectorAll('tbody tr')).toHaveLength(1);
  });
});
