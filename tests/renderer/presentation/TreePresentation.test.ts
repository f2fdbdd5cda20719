// Presentation mode on a game tree: backward induction revealed one information set per key, then the path.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { AppState } from '../../../renderer/lib/state/AppState.svelte';
import TreePresentation from '../../../renderer/components/presentation/TreePresentation.svelte';
import { fakeModelService, memoryPlatform } from '../state/fakes';
import { ENTRY_EFG } from '../util/treeFixtures';

afterEach(() => cleanup());

const key = async (k: string) => {
  await fireEvent.keyDown(window, { key: k });
};

describe('TreePresentation', () => {
  it('walks entry deterrence: tree, the incumbent’s choice, the challenger’s, the SPE path; ← and Home go back', async () => {
    const app = await (async () => {
      const mem = memoryPlatform();
      const a = new AppState({
        platform: mem.platform,
        models: fakeModelService(),
        schedule: () => 0,
        cancel: () => 0,
      });
      await a.start();
      return a;
    })();
    app.trees.openEfg(ENTRY_EFG, 'entry.efg');
    app.activeView = 'tree';
    app.presentation = true;
    render(TreePresentation, { app });
    const caption = () => screen.getByTestId('tree-walk-caption').textContent ?? '';
    const edge = (n: number) => screen.getByTestId(`tree-edge-${n}`).classList;
    await waitFor(() => expect(screen.getByTestId('tree-walk-step').textContent).toBe('Step 1 of 4'));
    expect(caption()).toMatch(/payoffs at the leaves \(Challenger, Incumbent\)/);
    expect(edge(2).contains('chosen')).toBe(false);
    expect(screen.queryByTestId('tree-value-1')).toBeNull();

    await key('ArrowRight');
    expect(caption()).toBe('Incumbent chooses Acquiesce — so this node is worth (2, 1).');
    expect(edge(2).contains('chosen')).toBe(true);
    expect(edge(3).contains('unchosen')).toBe(true);
    expect(edge(1).contains('chosen')).toBe(false); // the challenger not yet settled
    expect(screen.getByTestId('tree-value-1').textContent).toBe('(2, 1)');
    expect(screen.queryByTestId('tree-value-0')).toBeNull();

    await key(' ');
    expect(caption()).toBe('Challenger chooses In — so this node is worth (2, 1).');
    expect(edge(1).contains('chosen')).toBe(true);
    expect(edge(1).contains('on-path')).toBe(false);

    await key('ArrowRight');
    expect(caption()).toBe('The subgame-perfect equilibrium path, payoffs (2, 1).');
    expect(edge(1).contains('on-path')).toBe(true);
    expect(edge(2).contains('on-path')).toBe(true);
    expect(edge(4).contains('on-path')).toBe(false);
    await key('ArrowRight');
    expect(screen.getByTestId('tree-walk-step').textContent).toBe('Step 4 of 4');

    await key('ArrowLeft');
    expect(screen.getByTestId('tree-walk-step').textContent).toBe('Step 3 of 4');
    await key('Home');
    expect(screen.getByTestId('tree-walk-step').textContent).toBe('Step 1 of 4');
    await key('Escape');
    expect(app.presentation).toBe(false);
  });
});
