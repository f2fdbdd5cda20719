import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../models/scenario/parseScenario';

const fixture = (name: string): string =>
  readFileSync(resolve(import.meta.dirname, '../../fixtures/scenarios', name), 'utf8');

const issuesOf = (text: string): string[] => {
  const r = parseScenario(text);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('parseScenario', () => {
  it('accepts a minimal 2×2 scenario', () => {
    const r = parseScenario(fixture('minimal.parley.json'), 'dir/minimal.parley.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.id).toBe('minimal');
    expect(r.spec.actors.map((a) => a.id)).toEqual(['P', 'Q']);
    expect(r.warnings).toEqual([]);
  });

  it('reports every problem at once, with JSON paths and plain messages', () => {
    const issues = issuesOf(fixture('many-errors.parley.json'));
    expect(issues).toEqual(
      expect.arrayContaining([
        'parameters.drillScale.max: must be greater than min',
        'parameters.spread.uncertainty.sd: must not be negative',
        'parameters.chance.uncertainty.p: is a probability: must be between 0 and 1',
        'parameters.window.uncertainty: high must be at least low (0.6)',
        'actors[0].payoffs.engage: unknown parameter "russiaSuport" — did you mean "russiaSupport"?',
        'actors[0].payoffs.provoke: formula for DPRK.provoke divides by a parameter that can be 0 ("spread" ranges from -1 to 1)',
        'actors[0].payoffs.hold: "hold" is not a strategy of DPRK',
        'actors[0].strategies[2].id: duplicate strategy id "provoke" for DPRK',
        'actors[1].id: duplicate actor id "DPRK"',
        'actors[1].payoffs.a: unknown strategy "DPRK.engag" — did you mean "DPRK.engage"?',
        'actors[1].behaviour.strategy: "b" is not a strategy of DPRK',
        expect.stringMatching(/^outcomes\.talks\.when: function "import" is not allowed/),
      ]),
    );
  });

  it('reports JSON syntax errors with line:column', () => {
    expect(issuesOf('{\n  "format": "parley.scenario/1",\n  "title": "x",\n}')).toEqual([
      'line 3:15: invalid JSON: trailing comma before "}"',
    ]);
    expect(issuesOf('{"a": 1')[0]).toMatch(/^line 1:8: invalid JSON/);
    expect(issuesOf('')[0]).toMatch(/^line 1:1: invalid JSON: unexpected end of file/);
  });

  it('says what a Gambit .nfg or .efg file is, and where it belongs, instead of only "invalid JSON"', () => {
    expect(issuesOf('NFG 1 R "PD" { "A" "B" } { 2 2 }\n1 1 0 0 0 0 1 1\n')).toEqual([
      ': this is a Gambit .nfg strategic-form game, not a Parley scenario: solve it with "parley solve FILE.nfg" (or "npm run cli -- solve FILE.nfg")',
    ]);
    expect(issuesOf('\uFEFF\n  EFG 2 R "t" { "P" }\n')[0]).toMatch(
      /^: this is a Gambit \.efg extensive-form \(tree\) game, not a Parley scenario: solve it with "parley solve FILE\.efg"/,
    );
    // only the Gambit header counts: other text that starts with those letters is plain invalid JSON
    expect(issuesOf('NFG is a format')[0]).toMatch(/^line 1:1: invalid JSON/);
    expect(issuesOf('EFGH 2')[0]).toMatch(/^line 1:1: invalid JSON/);
  });

  it('reports duplicate keys (which JSON.parse would silently drop)', () => {
    const text = fixture('minimal.parley.json').replace(
      '"parameters": {',
      '"parameters": {\n    "a": { "label": "A0", "default": 1, "min": 0, "max": 4 },',
    );
    expect(issuesOf(text)).toContain('parameters.a: duplicate key "a"');
  });

  it('reports structural problems with zod paths and friendly wording', () => {
    const raw = JSON.parse(fixture('minimal.parley.json')) as Record<string, unknown>;
    const bad = { ...raw, tittle: 'x', title: undefined, rounds: { count: 0 } };
    expect(issuesOf(JSON.stringify(bad))).toEqual(
      expect.arrayContaining([
        'title: is required',
        'tittle: unknown field "tittle" — did you mean "title"?',
        'rounds.count: must be at least 1',
      ]),
    );
    expect(issuesOf(JSON.stringify({ ...raw, format: undefined }))).toContain(
      'format: is required: add "format": "parley.scenario/2"',
    );
    expect(issuesOf(JSON.stringify({ ...raw, format: 'parley.scenario/9' }))[0]).toMatch(
      /^format: unknown format "parley.scenario\/9"/,
    );
    expect(issuesOf('[1, 2]')).toEqual([': a scenario file must hold a JSON object, not a list']);
  });

  it('never throws on hostile text', () => {
    for (const text of ['['.repeat(100_000), '{"a":'.repeat(50_000), '"\\u12', 'null', '1e999', '\u0000']) {
      const r = parseScenario(text);
      expect(r.ok).toBe(false);
    }
  });
});

describe('parseScenario on huge values', () => {
  // Bounded input (1 MB strings) refused by length limits; no wall-clock assertion on a shared machine.
  it('rejects a 1 MB uncertainty string and a 1 MB formula by their length limits', () => {
    const raw = JSON.parse(fixture('minimal.parley.json')) as {
      parameters: { a: Record<string, unknown> };
      actors: { payoffs: Record<string, unknown> }[];
    };
    raw.parameters.a.uncertainty = `${'1'.repeat(1_000_000)} to x`;
    (raw.actors[0] as { payoffs: Record<string, unknown> }).payoffs.up = '('.repeat(1_000_000);
    const issues = issuesOf(JSON.stringify(raw));
    expect(issues).toEqual(
      expect.arrayContaining([
        'parameters.a.uncertainty: is too long (at most 100 characters)',
        'actors[0].payoffs.up: is too long (at most 2000 characters)',
      ]),
    );
  });
});
