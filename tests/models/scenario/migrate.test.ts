import { describe, expect, it } from 'vitest';
import { builtinText } from '../../../models/scenario/builtins';
import { migrate, type MigrationStep } from '../../../models/scenario/migrate';
import { parseScenario } from '../../../models/scenario/parseScenario';

describe('migrate', () => {
  it('upgrades a parley.scenario/0 file to /1 on load', () => {
    const text = builtinText('prisoners-dilemma').replace('"parley.scenario/1"', '"parley.scenario/0"');
    const r = parseScenario(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe('parley.scenario/0');
    expect(r.scenario.format).toBe('parley.scenario/1');
    const current = parseScenario(builtinText('prisoners-dilemma'));
    expect(current.ok && current.migratedFrom).toBe(null);
  });

  it('chains steps from a registry and reports unknown versions', () => {
    const steps: MigrationStep[] = [
      { from: 'x/1', to: 'x/2', up: (r) => ({ ...r, format: 'x/2', a: 1 }) },
      { from: 'x/2', to: 'parley.scenario/1', up: (r) => ({ ...r, format: 'parley.scenario/1', b: 2 }) },
    ];
    const r = migrate({ format: 'x/1' }, steps);
    expect(r).toEqual({
      ok: true,
      value: { format: 'parley.scenario/1', a: 1, b: 2 },
      from: 'x/1',
      steps: ['x/1 → x/2', 'x/2 → parley.scenario/1'],
    });
    expect(migrate({ format: 'parley.scenario/7' })).toEqual({
      ok: false,
      message:
        'unknown format "parley.scenario/7" (this version of Parley reads parley.scenario/1, parley.scenario/0)',
    });
  });

  it('detects a loop in the registry', () => {
    const loop: MigrationStep[] = [
      { from: 'a', to: 'b', up: (r) => ({ ...r, format: 'b' }) },
      { from: 'b', to: 'a', up: (r) => ({ ...r, format: 'a' }) },
    ];
    expect(migrate({ format: 'a' }, loop).ok).toBe(false);
  });

  it('does not mutate its input', () => {
    const raw = { format: 'parley.scenario/0' };
    migrate(raw);
    expect(raw.format).toBe('parley.scenario/0');
  });
});
