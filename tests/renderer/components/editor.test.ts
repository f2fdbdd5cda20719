import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { DocumentState } from '../../../renderer/lib/state/DocumentState.svelte';
import ActorsSection from '../../../renderer/components/editor/ActorsSection.svelte';
import RecordSection from '../../../renderer/components/editor/RecordSection.svelte';
import DistributionEditor from '../../../renderer/components/editor/DistributionEditor.svelte';
import TreeSection from '../../../renderer/components/editor/TreeSection.svelte';

afterEach(() => cleanup());

const docWith = (json: unknown): DocumentState => {
  const doc = new DocumentState();
  doc.load(JSON.stringify(json), { path: null, name: 't.json' });
  return doc;
};

const twoByTwo = {
  actors: [
    {
      id: 'row',
      name: 'Row',
      strategies: [
        { id: 'c', label: 'Cooperate' },
        { id: 'd', label: 'Defect' },
      ],
      payoffs: { c: 'r * col.c', d: 't * col.c' },
    },
  ],
};

describe('ActorsSection', () => {
  it('renames a strategy id and its payoff key together (one undo step)', async () => {
    const doc = docWith(twoByTwo);
    render(ActorsSection, { doc });
    const id = screen.getAllByLabelText('Strategy id')[0] as HTMLInputElement;
    await fireEvent.change(id, { target: { value: 'coop' } });
    expect(doc.get(['actors', 0, 'strategies', 0, 'id'])).toBe('coop');
    expect(doc.get(['actors', 0, 'payoffs'])).toEqual({ coop: 'r * col.c', d: 't * col.c' });
    doc.undo();
    expect(doc.get(['actors', 0, 'payoffs'])).toEqual({ c: 'r * col.c', d: 't * col.c' });
  });

  it('refuses a duplicate strategy id with a message and keeps the document', async () => {
    const doc = docWith(twoByTwo);
    render(ActorsSection, { doc });
    const id = screen.getAllByLabelText('Strategy id')[1] as HTMLInputElement;
    await fireEvent.change(id, { target: { value: 'c' } });
    expect(screen.getByText('"c" is already used')).toBeTruthy();
    expect(doc.get(['actors', 0, 'strategies', 1, 'id'])).toBe('d');
    expect(doc.dirty).toBe(false);
  });

  it('adds, reorders and deletes strategies; deleting removes the payoff formula', async () => {
    const doc = docWith(twoByTwo);
    render(ActorsSection, { doc });
    await fireEvent.click(screen.getByRole('button', { name: 'Add strategy' }));
    expect((doc.get(['actors', 0, 'strategies']) as unknown[]).length).toBe(3);
    await fireEvent.click(screen.getByRole('button', { name: 'Move strategy d up' }));
    expect(doc.get(['actors', 0, 'strategies', 0, 'id'])).toBe('d');
    await fireEvent.click(screen.getByRole('button', { name: 'Delete strategy c' }));
    expect((doc.get(['actors', 0, 'strategies']) as { id: string }[]).map((s) => s.id)).toEqual(['d', 's']);
    expect(Object.keys(doc.get(['actors', 0, 'payoffs']) as object)).toEqual(['d', 's']);
  });

  it('edits a payoff formula as typed', async () => {
    const doc = docWith(twoByTwo);
    render(ActorsSection, { doc });
    const f = screen.getByLabelText('Payoff when playing Defect') as HTMLInputElement;
    await fireEvent.input(f, { target: { value: 't * col.c + (' } });
    expect(doc.get(['actors', 0, 'payoffs', 'd'])).toBe('t * col.c + (');
  });

  it('shows a long formula whole (a wrapping box, not a one-line input) and Enter adds no line break', async () => {
    const doc = docWith(twoByTwo);
    render(ActorsSection, { doc });
    const f = screen.getByLabelText('Payoff when playing Defect');
    expect(f.tagName).toBe('TEXTAREA');
    expect(await fireEvent.keyDown(f, { key: 'Enter' })).toBe(false); // default (a newline) prevented
    expect(await fireEvent.keyDown(f, { key: 'a' })).toBe(true);
  });
});

describe('RecordSection', () => {
  const fields = [{ key: 'label', label: 'Label' }] as const;
  it('adds, renames (keeping order), moves and deletes record entries', async () => {
    const doc = docWith({ parameters: { a: { label: 'A' }, b: { label: 'B' } } });
    render(RecordSection, {
      doc,
      path: ['parameters'],
      itemName: 'parameter',
      baseId: 'param',
      fields,
      newItem: () => ({ label: 'New' }),
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Add parameter' }));
    expect(Object.keys(doc.get(['parameters']) as object)).toEqual(['a', 'b', 'param']);
    const idA = within(screen.getByTestId('item-a')).getByLabelText('Id') as HTMLInputElement;
    await fireEvent.input(idA, { target: { value: 'alpha' } });
    await fireEvent.change(idA);
    expect(Object.keys(doc.get(['parameters']) as object)).toEqual(['alpha', 'b', 'param']);
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: 'Move parameter param up' }));
    expect(Object.keys(doc.get(['parameters']) as object)).toEqual(['alpha', 'param', 'b']);
    await fireEvent.click(screen.getByRole('button', { name: 'Delete parameter b' }));
    expect(Object.keys(doc.get(['parameters']) as object)).toEqual(['alpha', 'param']);
    const bad = within(screen.getByTestId('item-param')).getByLabelText('Id') as HTMLInputElement;
    await fireEvent.input(bad, { target: { value: '9lives' } });
    await fireEvent.change(bad);
    expect(screen.getByText(/must start with a letter/)).toBeTruthy();
    expect(bad.value).toBe('9lives');
  });
});

describe('DistributionEditor', () => {
  it('switches type with sensible defaults from the parameter range and previews the density', async () => {
    const doc = docWith({ parameters: { p: { label: 'P', default: 0.4, min: 0, max: 1 } } });
    render(DistributionEditor, { doc, path: ['parameters', 'p', 'uncertainty'] });
    const select = screen.getByLabelText('Uncertainty') as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: 'triangular' } });
    expect(doc.get(['parameters', 'p', 'uncertainty'])).toEqual({
      type: 'triangular',
      min: 0,
      mode: 0.4,
      max: 1,
    });
    await tick();
    expect(screen.getByLabelText(/Density preview from 0 to 1/)).toBeTruthy();
    await fireEvent.change(select, { target: { value: 'interval90' } });
    expect(doc.get(['parameters', 'p', 'uncertainty'])).toBe('0.1 to 0.9');
    await fireEvent.change(select, { target: { value: '' } });
    expect(doc.get(['parameters', 'p'])).toEqual({ label: 'P', default: 0.4, min: 0, max: 1 });
  });
});

describe('DistributionEditor (discrete)', () => {
  it('edits values and weights as comma-separated lists, keeping bad text with an error', async () => {
    const doc = docWith({ parameters: { p: { label: 'P', default: 1, min: 0, max: 2 } } });
    render(DistributionEditor, { doc, path: ['parameters', 'p', 'uncertainty'] });
    await fireEvent.change(screen.getByLabelText('Uncertainty'), { target: { value: 'discrete' } });
    expect(doc.get(['parameters', 'p', 'uncertainty'])).toEqual({ type: 'discrete', values: [0, 1, 2] });
    await tick();
    const weights = screen.getByLabelText(/Weights/) as HTMLInputElement;
    await fireEvent.input(weights, { target: { value: '1, 2, x' } });
    expect(weights.value).toBe('1, 2, x');
    expect(screen.getByText('“x” is not a number')).toBeTruthy();
    expect(doc.get(['parameters', 'p', 'uncertainty', 'weights'])).toBeUndefined();
    await fireEvent.input(weights, { target: { value: '1, 2, 1' } });
    expect(doc.get(['parameters', 'p', 'uncertainty', 'weights'])).toEqual([1, 2, 1]);
  });
});

describe('OverridesEditor', () => {
  it('adds an override for a profile, narrows it to another actor’s choice, and sets its payoff', async () => {
    const doc = docWith({
      actors: [
        twoByTwo.actors[0],
        {
          id: 'col',
          name: 'Col',
          strategies: [
            { id: 'x', label: 'X' },
            { id: 'y', label: 'Y' },
          ],
          payoffs: {},
        },
      ],
    });
    render(ActorsSection, { doc });
    const addButtons = screen.getAllByRole('button', { name: 'Add override' });
    await fireEvent.click(addButtons[0] as HTMLElement);
    expect(doc.get(['actors', 0, 'overrides'])).toEqual([{ profile: { row: 'c' }, payoff: 0 }]);
    await tick();
    const colSelect = screen.getAllByLabelText('Col')[0] as HTMLSelectElement;
    await fireEvent.change(colSelect, { target: { value: 'y' } });
    expect(doc.get(['actors', 0, 'overrides', 0, 'profile'])).toEqual({ row: 'c', col: 'y' });
    const payoff = screen.getByLabelText('Payoff of Row then') as HTMLInputElement;
    await fireEvent.input(payoff, { target: { value: 'r + 1' } });
    expect(doc.get(['actors', 0, 'overrides', 0, 'payoff'])).toBe('r + 1');
    await fireEvent.click(screen.getByRole('button', { name: 'Delete override 1' }));
    expect(doc.get(['actors', 0, 'overrides'])).toBeUndefined();
  });
});

describe('TreeSection (moves in order)', () => {
  const twoActors = {
    actors: [
      twoByTwo.actors[0],
      {
        id: 'col',
        name: 'Col',
        strategies: [
          { id: 'c', label: 'Cooperate' },
          { id: 'd', label: 'Defect' },
        ],
        payoffs: { c: 1, d: 2 },
      },
    ],
  };

  it('makes the round sequential, edits moves, actions and payoffs, each one undo step', async () => {
    const doc = docWith(twoActors);
    render(TreeSection, { doc });
    await fireEvent.click(screen.getByTestId('tree-make-sequential'));
    expect(doc.get(['tree'])).toEqual({ moves: [{ actor: 'row' }, { actor: 'col', observes: 'all' }] });
    await tick();
    // Col stops seeing Row's move: a simultaneous move again, as a tree
    const col = screen.getByTestId('tree-move-1');
    await fireEvent.click(within(col).getByRole('checkbox', { name: 'Row' }));
    expect(doc.get(['tree', 'moves', 1])).toEqual({ actor: 'col' });
    doc.undo();
    expect(doc.get(['tree', 'moves', 1])).toEqual({ actor: 'col', observes: 'all' });
    await tick();
    // an action added to Col (its strategies) with a payoff formula, then edited
    await fireEvent.click(screen.getByRole('button', { name: 'Add action for Col' }));
    expect(doc.get(['actors', 1, 'strategies', 2])).toEqual({ id: 's', label: 'Strategy 3' });
    expect(doc.get(['actors', 1, 'payoffs', 's'])).toBe(0);
    await tick();
    const payoff = screen.getByLabelText('Payoff to Col after Strategy 3') as HTMLTextAreaElement;
    await fireEvent.input(payoff, { target: { value: '2 * row.c' } });
    expect(doc.get(['actors', 1, 'payoffs', 's'])).toBe('2 * row.c');
    await fireEvent.click(screen.getByRole('button', { name: 'Delete action s of Col' }));
    expect(doc.get(['actors', 1, 'payoffs'])).toEqual({ c: 1, d: 2 });
    // a chance move, moved first, then deleted; undo brings it back
    await fireEvent.click(screen.getByTestId('tree-add-chance'));
    await tick();
    expect(doc.get(['tree', 'moves', 2, 'chance'])).toBe('chance');
    await fireEvent.click(screen.getByRole('button', { name: 'Move move chance up' }));
    expect(doc.get(['tree', 'moves', 1, 'chance'])).toBe('chance');
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: 'Delete move chance' }));
    expect((doc.get(['tree', 'moves']) as unknown[]).length).toBe(2);
    doc.undo();
    expect(doc.get(['tree', 'moves', 1, 'chance'])).toBe('chance');
    await tick();
    // renaming the chance move to a taken id is refused with a message
    const id = screen.getByLabelText('Chance move id') as HTMLInputElement;
    await fireEvent.change(id, { target: { value: 'row' } });
    expect(screen.getByText('"row" is already used')).toBeTruthy();
    expect(doc.get(['tree', 'moves', 1, 'chance'])).toBe('chance');
    await fireEvent.click(screen.getByTestId('tree-make-simultaneous'));
    expect(doc.get(['tree'])).toBeUndefined();
  });
});
