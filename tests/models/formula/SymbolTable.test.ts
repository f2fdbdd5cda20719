import { describe, expect, it } from 'vitest';
import { SymbolTable } from '../../../models/formula/SymbolTable';

describe('SymbolTable', () => {
  it('looks symbols up by name and by slot, with their ranges', () => {
    const t = new SymbolTable([
      ['x', { slot: 0, kind: 'parameter', min: -1, max: 1 }],
      ['tension', { slot: 3, kind: 'state' }],
    ]);
    t.set('rok.offer', { slot: 5, kind: 'choice', min: 0, max: 1 });
    expect(t.get('x')?.slot).toBe(0);
    expect(t.has('tension')).toBe(true);
    expect(t.has('y')).toBe(false);
    expect(t.atSlot(5)?.kind).toBe('choice');
    expect(t.atSlot(1)).toBeUndefined();
    expect(t.rangeOf(0)).toEqual([-1, 1]);
    expect(t.rangeOf(3)).toBeUndefined();
    expect([...t.names()]).toEqual(['x', 'tension', 'rok.offer']);
  });
});
