import { describe, expect, it } from 'vitest';
import { BUILTIN_FILES, builtinText } from '../../../models/scenario/builtins';
import { migrate, withCurrentFormat, type MigrationStep } from '../../../models/scenario/migrate';
import { parseScenario } from '../../../models/scenario/parseScenario';

describe('migrate', () => {
  it('upgrades a parley.scenario/0 file through /1 to /2 on load', () => {
    const text = builtinText('prisoners-dilemma').replace('"parley.scenario/1"', '"parley.scenario/0"');
    const r = parseScenario(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe('parley.scenario/0');
    expect(r.scenario.format).toBe('parley.scenario/2');
    const current = parseScenario(
      builtinText('prisoners-dilemma').replace('"parley.scenario/1"', '"parley.scenario/2"'),
    );
    expect(current.ok && current.migratedFrom).toBe(null);
  });

  it('loads every /1 built-in unchanged in meaning: same spec as its /2 form, same hash, no tree', () => {
    for (const id of Object.keys(BUILTIN_FILES)) {
      const text = builtinText(id);
      if (!text.includes('"parley.scenario/1"')) continue;
      const old = parseScenario(text);
      const now = parseScenario(text.replace('"parley.scenario/1"', '"parley.scenario/2"'));
      expect(old.ok && now.ok, id).toBe(true);
      if (!old.ok || !now.ok) continue;
      expect(old.migratedFrom).toBe('parley.scenario/1');
      expect(old.scenario.format).toBe('parley.scenario/2');
      expect(old.scenario.tree).toBeUndefined();
      expect(old.spec).toEqual(now.spec);
    }
  });

  it('refuses a /1 or /0 file that has a game tree (trees are format 2), naming the field and the fix', () => {
    const tree = builtinText('korea-2025-sequential');
    expect(tree).toContain('"parley.scenario/2"');
    for (const old of ['parley.scenario/1', 'parley.scenario/0']) {
      const r = parseScenario(tree.replace('"parley.scenario/2"', JSON.stringify(old)));
      expect(r.ok, old).toBe(false);
      expect(JSON.stringify(r)).toContain(
        `a ${old} file cannot have \\"tree\\" (game-tree rounds are new in parley.scenario/2); set \\"format\\" to \\"parley.scenario/2\\"`,
      );
    }
    expect(parseScenario(tree).ok).toBe(true);
  });

  it('chains steps from a registry and reports unknown versions', () => {
    const steps: MigrationStep[] = [
      { from: 'x/1', to: 'x/2', up: (r) => ({ ...r, format: 'x/2', a: 1 }) },
      { from: 'x/2', to: 'parley.scenario/2', up: (r) => ({ ...r, format: 'parley.scenario/2', b: 2 }) },
    ];
    const r = migrate({ format: 'x/1' }, steps);
    expect(r).toEqual({
      ok: true,
      value: { format: 'parley.scenario/2', a: 1, b: 2 },
      from: 'x/1',
      steps: ['x/1 → x/2', 'x/2 → parley.scenario/2'],
    });
    expect(migrate({ format: 'parley.scenario/7' })).toEqual({
      ok: false,
      message:
        'unknown format "parley.scenario/7" (this version of Parley reads parley.scenario/2, parley.scenario/0, parley.scenario/1)',
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

describe('withCurrentFormat (what saving writes)', () => {
  it('rewrites a /1 or /0 tag to /2 and nothing else', () => {
    const text = '{\n  "format":   "parley.scenario/1",\n  "title": "format: \\"parley.scenario/1\\""\n}\n';
    const out = withCurrentFormat(text);
    expect(out).toBe(text.replace('"format":   "parley.scenario/1"', '"format":   "parley.scenario/2"'));
    expect(JSON.parse(out)).toEqual({ format: 'parley.scenario/2', title: 'format: "parley.scenario/1"' });
    expect(JSON.parse(withCurrentFormat('{"format":"parley.scenario/0","title":"t"}'))).toEqual({
      format: 'parley.scenario/2',
      title: 't',
    });
  });

  it('leaves current, unknown, untagged and invalid text as it is', () => {
    for (const t of [
      '{"format":"parley.scenario/2"}',
      '{"format":"parley.scenario/9"}',
      '{"title":"x"}',
      '{"format": "parley.scenario/1",',
      '[1]',
      '',
    ])
      expect(withCurrentFormat(t)).toBe(t);
  });
});
