import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync, tick } from 'svelte';
import { AppState } from '../../../renderer/lib/state/AppState.svelte';
import { DocumentState } from '../../../renderer/lib/state/DocumentState.svelte';
import { makeGame } from '../../../models/games/makeGame';
import ParameterSliders from '../../../renderer/components/editor/ParameterSliders.svelte';
import Field from '../../../renderer/components/editor/Field.svelte';
import PayoffMatrix from '../../../renderer/components/game/PayoffMatrix.svelte';
import LibraryPanel from '../../../renderer/components/library/LibraryPanel.svelte';
import Header from '../../../renderer/components/layout/Header.svelte';
import { fakeModelService, memoryPlatform } from '../state/fakes';

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
  return { app, mem };
};

describe('ParameterSliders', () => {
  it('shows each parameter and moving a slider changes app.paramValues, not the document', async () => {
    const { app } = await makeApp();
    render(ParameterSliders, { app });
    const slider = screen.getByRole('slider', { name: 'russiaSupport' }) as HTMLInputElement;
    expect(slider.value).toBe('0.8');
    await fireEvent.input(slider, { target: { value: '0.3' } });
    expect(app.paramValues.russiaSupport).toBe(0.3);
    expect(app.doc.dirty).toBe(false);
    await tick();
    expect(screen.getByTestId('param-russiaSupport').textContent).toContain('0.30');
    await fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(app.paramValues.russiaSupport).toBe(0.8);
  });
});

describe('Field', () => {
  it('keeps a number that does not parse as typed, with the error at the field, and does not write it', async () => {
    const doc = new DocumentState();
    doc.load('{"parameters":{"p":{"min":0}}}', { path: null, name: 'x.json' });
    render(Field, { doc, path: ['parameters', 'p', 'min'], label: 'Min', kind: 'number' });
    const input = screen.getByLabelText('Min') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: '0.5x' } });
    expect(input.value).toBe('0.5x');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('field-error').textContent).toMatch(/not a number/);
    expect(doc.get(['parameters', 'p', 'min'])).toBe(0);
    await fireEvent.input(input, { target: { value: '0.5' } });
    expect(doc.get(['parameters', 'p', 'min'])).toBe(0.5);
  });

  it("shows the model layer's issue for its path and follows undo", async () => {
    const doc = new DocumentState();
    doc.load('{"a":{"f":"x + 1"}}', { path: null, name: 'x.json' });
    render(Field, { doc, path: ['a', 'f'], label: 'Formula', kind: 'formula' });
    doc.issues = [{ path: 'a.f', message: 'unknown parameter "x"' }];
    await tick();
    expect(screen.getByTestId('field-error').textContent).toContain('unknown parameter "x"');
    const input = screen.getByLabelText('Formula') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'y + 1' } });
    expect(doc.get(['a', 'f'])).toBe('y + 1');
    doc.undo();
    flushSync();
    expect(input.value).toBe('x + 1');
  });
});

describe('PayoffMatrix', () => {
  const bos = makeGame({
    title: 'bos',
    players: ['A', 'B'],
    strategies: [
      ['O', 'F'],
      ['O', 'F'],
    ],
    payoffs: [
      [2, 1],
      [0, 0],
      [0, 0],
      [1, 2],
    ],
  });

  it('marks equilibria, best responses, dominated strategies and the played cell', () => {
    render(PayoffMatrix, {
      game: bos,
      equilibria: new Set([0, 3]),
      bestResponse: [
        [true, true],
        [false, false],
        [false, false],
        [true, true],
      ],
      dominated: [{ player: 0, strategy: 1 }],
      chosen: 3,
    });
    expect(screen.getByTestId('cell-0').className).toContain('eq');
    expect(screen.getByTestId('cell-0').textContent).toContain('Nash');
    expect(screen.getByTestId('cell-1').className).toContain('dominated');
    expect(screen.getByTestId('cell-3').className).toContain('chosen');
    expect(screen.getAllByLabelText('best response')).toHaveLength(4);
  });

  it('draws one matrix per choice of the third player', () => {
    const g = makeGame({
      title: '3p',
      players: ['A', 'B', 'C'],
      strategies: [['a1', 'a2'], ['b1'], ['c1', 'c2']],
      payoffs: [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
        [10, 11, 12],
      ],
    });
    render(PayoffMatrix, { game: g });
    const tables = screen.getAllByTestId('payoff-matrix');
    expect(tables).toHaveLength(2);
    expect(tables[1]?.textContent).toContain('C plays c2');
    expect(screen.getByTestId('cell-3').textContent).toContain('10');
  });
});

describe('LibraryPanel', () => {
  it('lists every built-in with its notes rendered as Markdown and its sources, and opens one', async () => {
    const { app, mem } = await makeApp();
    render(LibraryPanel, { app });
    expect(screen.getByTestId('builtin-chicken')).toBeTruthy();
    expect(screen.getByTestId('builtin-korea-2025').querySelector('strong')?.textContent).toBe('bold');
    const sources = screen.getByText('Sources (1)').closest('details') as HTMLDetailsElement;
    sources.open = true;
    await fireEvent.click(screen.getByRole('button', { name: 'KCNA statement' }));
    expect(mem.external).toEqual(['https://example.org/k']);
    await fireEvent.click(screen.getByRole('button', { name: 'Open Chicken' }));
    await new Promise((r) => setTimeout(r, 0));
    expect(app.doc.name).toBe('chicken.parley.json');
  });
});

describe('Header', () => {
  it('shows the title and the unsaved marker only when dirty', async () => {
    const { app } = await makeApp();
    render(Header, { app });
    expect(screen.getByTestId('doc-title').textContent).toContain('korea-2025');
    expect(screen.queryByTestId('dirty-marker')).toBeNull();
    app.doc.setField(['title'], 'Changed');
    await tick();
    expect(screen.getByTestId('doc-title').textContent).toContain('Changed');
    expect(screen.getByTestId('dirty-marker')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.queryByTestId('dirty-marker')).toBeNull();
  });
});
