import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { AppState } from '../../../renderer/lib/state/AppState.svelte';
import TreeView from '../../../renderer/components/game/TreeView.svelte';
import LibraryPanel from '../../../renderer/components/library/LibraryPanel.svelte';
import { fakeModelService, memoryPlatform } from '../state/fakes';
import { loadModelService } from '../../../renderer/lib/state/loadModelService';
import { makeTree } from '../../../models/games/extensive/makeTree';
import { BEER_QUICHE_EFG, ENTRY_EFG } from '../util/treeFixtures';

afterEach(() => cleanup());

const makeApp = async () => {
  const mem = memoryPlatform();
  const app = new AppState({
    platform: mem.platform,
    models: fakeModelService(),
    schedule: () => 0,
    cancel: () => 0,
  });
  await app.start();
  app.activeView = 'tree';
  return app;
};

describe('TreeView', () => {
  it('says how to open a tree when none is open', async () => {
    const app = await makeApp();
    render(TreeView, { app });
    expect(screen.getByTestId('tree-view').textContent).toMatch(/No game tree open/);
  });

  it('draws entry deterrence with leaf payoffs, highlights the SPE path and lists its behaviour', async () => {
    const app = await makeApp();
    expect(app.trees.openEfg(ENTRY_EFG, 'entry.efg')).toBe(true);
    render(TreeView, { app });
    expect(screen.getByTestId('tree-title').textContent).toBe('Entry deterrence');
    expect(screen.getByTestId('tree-payoff-2').textContent?.replace(/\s+/g, '')).toBe('2,1');
    await waitFor(() => expect(screen.getByTestId('tree-behaviour')).toBeTruthy());
    // SPE (In, Acquiesce): the path root → In → Acquiesce is highlighted, Fight and Out are not chosen
    expect(screen.getByTestId('tree-edge-1').classList.contains('on-path')).toBe(true);
    expect(screen.getByTestId('tree-edge-2').classList.contains('on-path')).toBe(true);
    expect(screen.getByTestId('tree-edge-3').classList.contains('unchosen')).toBe(true);
    expect(screen.getByTestId('tree-edge-4').classList.contains('on-path')).toBe(false);
    expect(screen.getByTestId('tree-value-0').textContent).toBe('(2, 1)');
    const rows = screen.getByTestId('tree-behaviour').querySelectorAll('tbody tr');
    expect([...rows].map((r) => r.lastElementChild?.textContent)).toEqual(['In', 'Acquiesce']);
    expect(screen.getByTestId('tree-pick-spe-0').getAttribute('aria-pressed')).toBe('true');

    // the other pure Nash equilibrium (Out, Fight): not subgame perfect, Out's edge on the path
    const pure = screen.getByTestId('tree-solver-pure');
    const picks = pure.querySelectorAll('button');
    expect(picks).toHaveLength(2);
    const outFight = [...picks].find((b) => b.parentElement?.textContent?.includes('(1, 2)'));
    expect(outFight).toBeTruthy();
    await fireEvent.click(outFight as HTMLButtonElement);
    expect(outFight?.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('tree-edge-4').classList.contains('on-path')).toBe(true);
    expect(screen.getByTestId('tree-edge-1').classList.contains('on-path')).toBe(false);
    const after = screen.getByTestId('tree-behaviour').querySelectorAll('tbody tr');
    expect([...after].map((r) => r.lastElementChild?.textContent)).toEqual(['Out', 'Fight']);
  });

  it('draws information sets dashed and chance probabilities as fractions (beer–quiche)', async () => {
    const app = await makeApp();
    app.trees.openEfg(BEER_QUICHE_EFG, 'beer-quiche.efg');
    render(TreeView, { app });
    expect(screen.getAllByTestId(/^tree-infoset-/).length).toBeGreaterThan(0);
    const probs = [...screen.getByTestId('tree-diagram').querySelectorAll('text.prob')].map(
      (t) => t.textContent,
    );
    expect(probs).toContain('1/10');
    expect(probs).toContain('9/10');
  });

  it('writes a mixed equilibrium’s probabilities on the edges of every node of an information set', async () => {
    const app = await makeApp();
    // matching pennies as a tree: the second mover does not see the first (one information set, two nodes)
    const leaf = (a: number) => ({ kind: 'terminal' as const, payoffs: [a, -a] });
    const second = (x: number) => ({
      kind: 'decision' as const,
      player: 1,
      infoset: 1,
      actions: ['H', 'T'],
      children: [leaf(x), leaf(-x)],
    });
    const tree = makeTree({
      title: 'Pennies',
      players: ['Even', 'Odd'],
      root: { kind: 'decision', player: 0, actions: ['H', 'T'], children: [second(1), second(-1)] },
    });
    app.trees.show(tree, { title: 'Pennies', notes: '', origin: 'test', builtinId: null });
    render(TreeView, { app });
    await waitFor(() => expect(screen.getByTestId('tree-behaviour')).toBeTruthy());
    expect(screen.getAllByTestId('tree-eqprob').map((t) => t.textContent?.trim())).toEqual([
      '1/2',
      '1/2',
      '1/2',
      '1/2',
      '1/2',
      '1/2',
    ]);
    expect(screen.getAllByTestId(/^tree-infoset-/)).toHaveLength(1);
    const rows = screen.getByTestId('tree-behaviour').querySelectorAll('tbody tr');
    expect([...rows].map((r) => r.lastElementChild?.textContent)).toEqual(['H 1/2, T 1/2', 'H 1/2, T 1/2']);
  });

  it('shows a broken .efg file’s error with its file and line, keeping the tree shown', async () => {
    const app = await makeApp();
    app.trees.openEfg(ENTRY_EFG, 'entry.efg');
    expect(app.trees.openEfg('EFG 2 R "x" { "A" }\nq', 'bad.efg')).toBe(false);
    render(TreeView, { app });
    expect(screen.getByTestId('tree-error').textContent).toMatch(/bad\.efg:\d+/);
    expect(screen.getByTestId('tree-title').textContent).toBe('Entry deterrence');
  });
});

describe('classic game trees in the library', () => {
  it('lists the built-in classic games and opens one in the Tree view with its notes, leaving the document alone', async () => {
    const app = await makeApp();
    app.activeView = 'model';
    const docText = app.doc.text;
    render(LibraryPanel, { app });
    await waitFor(() => expect(screen.getByTestId('builtin-game-entry-deterrence')).toBeTruthy());
    await fireEvent.click(screen.getByRole('button', { name: 'Open the tree of Entry deterrence' }));
    await waitFor(() => expect(app.activeView).toBe('tree'));
    expect(app.trees.source?.builtinId).toBe('entry-deterrence');
    expect(app.trees.source?.notes.length).toBeGreaterThan(0);
    expect(app.doc.text).toBe(docText);
    cleanup();
    render(TreeView, { app });
    expect(screen.getByText('Teaching notes')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('tree-behaviour')).toBeTruthy());
  });

  it('opens a dropped .efg file in the Tree view; a bad one is reported with its line, the document kept', async () => {
    const app = await makeApp();
    app.activeView = 'model';
    const docText = app.doc.text;
    await app.openDropped(new File([ENTRY_EFG], 'entry.efg'));
    expect(app.activeView).toBe('tree');
    expect(app.trees.tree?.title).toBe('Entry deterrence');
    await app.openDropped(new File(['EFG 2 R "x" { "A" }\nq'], 'bad.EFG'));
    expect(app.trees.error).toMatch(/^bad\.EFG:\d+: /);
    expect(app.trees.tree?.title).toBe('Entry deterrence');
    expect(app.doc.text).toBe(docText);
  });
});

describe('the scenario’s own round as a tree', () => {
  it('shows a tree scenario’s round at the current values, and returns to it when an opened classic is closed', async () => {
    const mem = memoryPlatform();
    const app = new AppState({
      platform: mem.platform,
      models: loadModelService(),
      schedule: () => 0,
      cancel: () => 0,
    });
    await app.start();
    await app.openBuiltin('korea-2025-sequential');
    await waitFor(() => expect(app.model?.id).toBe('korea-2025-sequential'), { timeout: 20_000 });
    expect(app.documents.roundTreeError).toBeNull();
    const tree = app.documents.roundTree;
    expect(tree?.players.length).toBeGreaterThanOrEqual(3);
    app.activeView = 'tree';
    render(TreeView, { app });
    expect(screen.getByTestId('tree-title').textContent).toBe(app.doc.title);
    expect(screen.getByTestId('tree-origin').textContent).toMatch(/this scenario's round as a tree/);
    expect(screen.getByTestId('tree-diagram')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('tree-behaviour')).toBeTruthy(), { timeout: 20_000 });
    // moving a slider rebuilds the tree at the new values
    const id = app.model?.params[0]?.id ?? '';
    const p = app.model?.params[0];
    app.setParam(id, p ? (p.min + p.max) / 2 + 1e-3 : 0);
    expect(app.documents.roundTree).not.toBe(tree);
    // a classic opened on top, then closed: back to the scenario's round
    app.trees.openEfg(ENTRY_EFG, 'entry.efg');
    await waitFor(() => expect(screen.getByTestId('tree-title').textContent).toBe('Entry deterrence'));
    await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.getByTestId('tree-title').textContent).toBe(app.doc.title));
  });
});
