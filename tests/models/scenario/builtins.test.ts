import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_FILES,
  builtinText,
  DEFAULT_SCENARIO_ID,
  listBuiltins,
  loadBuiltin,
} from '../../../models/scenario/builtins';
import { instantiateModel } from '../../../models/scenario/instantiateModel';
import { parseScenario } from '../../../models/scenario/parseScenario';
import { reduceToGame } from '../../../models/scenario/reduceToGame';

const dir = resolve(import.meta.dirname, '../../../models/library');
const ids = Object.keys(BUILTIN_FILES);

describe('built-in scenario library', () => {
  it('lists every models/library/*.parley.json file, korea-2025 first (the default)', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.parley.json'))
      .map((f) => f.replace(/\.parley\.json$/, ''));
    expect([...ids].sort()).toEqual(files.sort());
    expect(DEFAULT_SCENARIO_ID).toBe('korea-2025');
    expect(ids[0]).toBe('korea-2025');
    expect(listBuiltins().map((b) => b.id)).toEqual(ids);
    for (const b of listBuiltins()) {
      expect(b.title.length).toBeGreaterThan(0);
      expect(b.summary.length).toBeGreaterThan(0);
    }
  });

  it('rejects an unknown id with the list of built-ins', () => {
    expect(() => loadBuiltin('korea-2026')).toThrow(/unknown built-in scenario "korea-2026".*korea-2025/);
  });

  describe.each(ids)('%s', (id) => {
    it('validates from its file text with no warnings, and its id matches its file name', () => {
      const text = readFileSync(resolve(dir, `${id}.parley.json`), 'utf8');
      const r = parseScenario(text, `${id}.parley.json`);
      expect(r.ok ? [] : r.issues).toEqual([]);
      if (!r.ok) return;
      expect(r.warnings).toEqual([]);
      expect(r.scenario.id).toBe(id);
      expect(parseScenario(builtinText(id)).ok).toBe(true);
    });

    it('has sources with dates and teaching notes that render as Markdown', () => {
      const { scenario } = loadBuiltin(id);
      expect(scenario.sources?.length ?? 0).toBeGreaterThan(0);
      const notes = scenario.teachingNotes ?? '';
      expect(notes.length).toBeGreaterThan(200);
      const tokens = marked.lexer(notes);
      expect(tokens.some((t) => t.type === 'heading')).toBe(true);
      expect(tokens.some((t) => t.type === 'list')).toBe(true);
      const html = marked.parse(notes, { async: false });
      expect(html).toMatch(/<h2>/);
    });

    it('reduces to a finite game, identically with code generation and with closures', () => {
      const { spec } = loadBuiltin(id);
      const a = reduceToGame(instantiateModel(spec, { backend: 'codegen' }));
      const b = reduceToGame(instantiateModel(spec, { backend: 'closure' }));
      expect(a.payoffs).toEqual(b.payoffs);
      expect(a.players).toHaveLength(spec.actors.length);
      expect(a.payoffs.flat().every(Number.isFinite)).toBe(true);
      // every parameter at its min and at its max still gives a finite game
      for (const p of spec.params) {
        for (const v of [p.min, p.max]) {
          expect(
            reduceToGame(instantiateModel(spec), { params: { [p.id]: v } })
              .payoffs.flat()
              .every(Number.isFinite),
          ).toBe(true);
        }
      }
    });

    it('is serialisable: the ModelSpec survives a JSON round trip (worker transfer)', () => {
      const { spec } = loadBuiltin(id);
      const copy = JSON.parse(JSON.stringify(spec));
      expect(reduceToGame(instantiateModel(copy)).payoffs).toEqual(
        reduceToGame(instantiateModel(spec)).payoffs,
      );
    });
  });
});
