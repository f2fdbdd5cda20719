import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import {
  COALESCE_MS,
  DocumentState,
  getAt,
  pathToString,
  setAt,
} from '../../../renderer/lib/state/DocumentState.svelte';

const make = () => {
  let t = 0;
  const clock = { advance: (ms: number) => (t += ms) };
  const doc = new DocumentState(() => t);
  doc.load('{"title":"A","actors":[{"id":"x"}]}', { path: '/a.json', name: 'a.json' });
  return { doc, clock };
};

describe('DocumentState', () => {
  it('formats paths like the model layer', () => {
    expect(pathToString(['actors', 0, 'payoffs', 'engage'])).toBe('actors[0].payoffs.engage');
    expect(pathToString([])).toBe('');
  });

  it('getAt/setAt are immutable and create containers', () => {
    const root = { a: [{ b: 1 }] };
    const next = setAt(root, ['a', 0, 'b'], 2);
    expect(getAt(next, ['a', 0, 'b'])).toBe(2);
    expect(root.a[0]?.b).toBe(1);
    expect(setAt({}, ['x', 1], 'y')).toEqual({ x: [undefined, 'y'] });
    expect(setAt({ k: 1, j: 2 }, ['k'], undefined)).toEqual({ j: 2 });
  });

  it('starts clean and becomes dirty on an edit; undo restores clean', () => {
    const { doc } = make();
    expect(doc.dirty).toBe(false);
    expect(doc.title).toBe('A');
    doc.setField(['title'], 'B');
    flushSync();
    expect(doc.dirty).toBe(true);
    expect(doc.title).toBe('B');
    doc.undo();
    expect(doc.dirty).toBe(false);
    expect(doc.title).toBe('A');
    doc.redo();
    expect(doc.title).toBe('B');
  });

  it('coalesces typing in one field into one undo step, but not across fields or pauses', () => {
    const { doc, clock } = make();
    doc.setField(['title'], 'A1');
    clock.advance(100);
    doc.setField(['title'], 'A12');
    clock.advance(100);
    doc.setField(['title'], 'A123');
    doc.undo();
    expect(doc.get(['title'])).toBe('A');
    doc.redo();
    clock.advance(COALESCE_MS + 1);
    doc.setField(['title'], 'A1234');
    doc.setField(['actors', 0, 'id'], 'y');
    doc.undo();
    expect(doc.get(['actors', 0, 'id'])).toBe('x');
    expect(doc.get(['title'])).toBe('A1234');
    doc.undo();
    expect(doc.get(['title'])).toBe('A123');
  });

  it('a new edit clears the redo stack', () => {
    const { doc } = make();
    doc.setField(['title'], 'B');
    doc.undo();
    expect(doc.canRedo).toBe(true);
    doc.setField(['description'], 'd');
    expect(doc.canRedo).toBe(false);
  });

  it('keeps invalid JSON text, reports where, and refuses structured edits until fixed', () => {
    const { doc } = make();
    doc.setText('{"title": "A",');
    expect(doc.text).toBe('{"title": "A",');
    expect(doc.jsonError).toMatch(/line 1/);
    expect(doc.get(['title'])).toBe('A'); // last good draft still shown
    expect(doc.setField(['title'], 'Z')).toBe(false);
    expect(doc.text).toBe('{"title": "A",');
    doc.undo();
    expect(doc.jsonError).toBeNull();
  });

  it('a Gambit game file opened as a scenario is named as such (and its text is kept)', () => {
    const { doc } = make();
    const nfg = 'NFG 1 R "PD" { "A" "B" } { 2 2 }\n1 1 0 0 0 0 1 1\n';
    doc.setText(nfg);
    expect(doc.text).toBe(nfg);
    expect(doc.jsonError).toMatch(/^this is a Gambit \.nfg strategic-form game, not a Parley scenario/);
  });

  it('markSaved makes the document clean at the saved text', () => {
    const { doc } = make();
    doc.setField(['title'], 'B');
    doc.markSaved({ path: '/b.json', name: 'b.json' });
    expect(doc.dirty).toBe(false);
    expect(doc.name).toBe('b.json');
    doc.undo();
    expect(doc.dirty).toBe(true);
  });

  it('a restored document starts dirty', () => {
    const doc = new DocumentState();
    doc.load('{}', { path: null, name: 'r.json', saved: false });
    expect(doc.dirty).toBe(true);
  });

  it('finds issues at a field and below a section', () => {
    const { doc } = make();
    doc.issues = [
      { path: 'actors[0].payoffs.engage', message: 'unknown parameter' },
      { path: 'actors[1].id', message: 'dup' },
    ];
    expect(doc.issuesAt(['actors', 0])).toHaveLength(1);
    expect(doc.issuesAt('actors[0].payoffs.engage', true)).toHaveLength(1);
    expect(doc.issuesAt(['actors'])).toHaveLength(2);
    expect(doc.issuesAt(['actors', 0, 'payoffs', 'engage', 'x'])).toHaveLength(0);
  });
});
