// The CLI on a tree scenario (parley.scenario/2 `tree`): byte-identical per-trial CSV for any worker count, the
// path in it, and `show --format efg` writing the round's tree.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readEfg } from '../../models/games/extensive/efg';
import { cli } from './cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'parley-tree-'));

describe('cli on korea-2025-sequential', () => {
  it('same seed ⇒ byte-identical per-trial CSV for 1 and 2 workers, with the chance move in it', async () => {
    const files: string[] = [];
    for (const w of ['0', '1', '2']) {
      const out = join(dir, `trials-${w}.csv`);
      const r = await cli([
        'run',
        'korea-2025-sequential',
        '--trials',
        '400',
        '--seed',
        'tree',
        '--workers',
        w,
        '--out',
        out,
      ]);
      expect(r.code, r.err).toBe(0);
      files.push(readFileSync(out, 'utf8'));
    }
    expect(files[1]).toBe(files[0]);
    expect(files[2]).toBe(files[0]);
    const [header, first] = (files[0] as string).split('\r\n');
    expect(header).toMatch(/,ROK,DPRK,ALLIANCE,moscow,talks,/);
    expect(first).toMatch(
      /,(commit|offer|none),(engage|hold|provoke),(full|reduced|suspended),(backs|wavers),/,
    );
  }, 180_000);

  it('show --format efg writes the round as a game tree that reads back', async () => {
    const r = await cli(['show', 'korea-2025-sequential', '--format', 'efg', '--set', 'russiaSupport=0.3']);
    expect(r.code, r.err).toBe(0);
    const tree = readEfg(r.out);
    expect(tree.players).toEqual(['Seoul', 'Pyongyang', 'South Korea-US alliance (drills)']);
    expect(r.out).toContain('"Moscow backs Pyongyang" 3/10 "Moscow wavers" 7/10');
    // Seoul 1 set; Pyongyang one per (offer, Moscow) = 6; the alliance one per history = 18
    expect(tree.infosets.map((s) => s.length)).toEqual([1, 6, 18]);
  });
});

/**
 * korea-2025-sequential with imperfect information: the alliance sets its drills seeing Seoul's offer and Pyongyang's
 * answer but not Moscow's stance, which Pyongyang sees (a signalling round; proper subgames only after Seoul's move).
 */
const hiddenMoscow = (): string => {
  const file = join(
    dirname(fileURLToPath(import.meta.url)),
    '../../models/library/korea-2025-sequential.parley.json',
  );
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    id?: string;
    tree: { moves: Record<string, unknown>[] };
  };
  raw.id = 'korea-hidden-moscow';
  raw.tree.moves = raw.tree.moves.map((m) =>
    m.actor === 'ALLIANCE' ? { actor: 'ALLIANCE', observes: ['ROK', 'DPRK'] } : m,
  );
  const out = join(dir, 'hidden-moscow.parley.json');
  writeFileSync(out, JSON.stringify(raw));
  return out;
};

describe('cli on an imperfect-information tree scenario', () => {
  it('same seed ⇒ byte-identical per-trial CSV for 0, 1 and 2 workers, with the path (chance included) in it', async () => {
    const scenario = hiddenMoscow();
    const files: string[] = [];
    for (const w of ['0', '1', '2']) {
      const out = join(dir, `hidden-${w}.csv`);
      const r = await cli([
        'run',
        scenario,
        '--trials',
        '300',
        '--seed',
        'hidden',
        '--workers',
        w,
        '--out',
        out,
      ]);
      expect(r.code, r.err).toBe(0);
      files.push(readFileSync(out, 'utf8'));
    }
    expect(files[1]).toBe(files[0]);
    expect(files[2]).toBe(files[0]);
    const [header, first] = (files[0] as string).split('\r\n');
    expect(header).toMatch(/,ROK,DPRK,ALLIANCE,moscow,talks,/);
    expect(first).toMatch(
      /,(commit|offer|none),(engage|hold|provoke),(full|reduced|suspended),(backs|wavers),/,
    );
  }, 180_000);
});

describe('show on a tree scenario', () => {
  it('says the round is a tree, in which order the moves come, and how to solve it', async () => {
    const r = await cli(['show', 'korea-2025-sequential']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      'This round is a game tree: Seoul, then chance "moscow", then Pyongyang, then South Korea–US alliance (drills).',
    );
    expect(r.out).toContain('`solve korea-2025-sequential` solves the tree');
    const simultaneous = await cli(['show', 'chicken']);
    expect(simultaneous.out).not.toContain('game tree');
  });
});

describe('solve on a tree scenario', () => {
  it('solves the round as the tree it is played on (as show --format efg writes it), not as a simultaneous game', async () => {
    const r = await cli(['solve', 'korea-2025-sequential', '--set', 'russiaSupport=0.3', '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as {
      game: { infosets: { actions: string[] }[][] };
      equilibria: { method: string; behaviour: string[][][] }[];
    };
    // Seoul 1 information set; Pyongyang one per (offer, Moscow) = 6; the alliance one per history = 18
    expect(doc.game.infosets.map((s) => s.length)).toEqual([1, 6, 18]);
    expect(doc.equilibria.length).toBeGreaterThan(0);
    expect(doc.equilibria.every((e) => e.method === 'spe')).toBe(true);
    // the same tree as show --format efg, solved as a file
    const efg = await cli(['show', 'korea-2025-sequential', '--format', 'efg', '--set', 'russiaSupport=0.3']);
    const file = join(dir, 'korea-seq.efg');
    writeFileSync(file, efg.out);
    const fromFile = await cli(['solve', file, '--format', 'json']);
    expect(fromFile.code, fromFile.err).toBe(0);
    expect(JSON.parse(fromFile.out).equilibria).toEqual(doc.equilibria);
  }, 60_000);

  it('takes the tree methods (enumpure as an alias of pure) and refuses what only a strategic form has', async () => {
    const pure = await cli(['solve', 'korea-2025-sequential', '--method', 'enumpure']);
    expect(pure.code).not.toBe(0); // 3 × 729 × 387,420,489 plans: refused with the limit, not a simultaneous answer
    expect(pure.err).toMatch(/reduced strategic form has 3×729×387420489 strategies/);
    const nfg = await cli(['solve', 'korea-2025-sequential', '--format', 'nfg']);
    expect(nfg.code).toBe(2);
    expect(nfg.err).toMatch(/unknown --format "nfg" \(expected text, json, csv, efg\)/);
    const range = await cli(['solve', 'korea-2025-sequential', '--set', 'russiaSupport=3']);
    expect(range.code).not.toBe(0);
    expect(range.err).toMatch(/outside the range of "russiaSupport"/);
  }, 60_000);
});

describe('run --replay on a tree scenario', () => {
  it('shows each round’s chance outcome, as the per-trial CSV records it', async () => {
    const out = join(dir, 'replay-trials.csv');
    const run = await cli([
      'run',
      'korea-2025-sequential',
      '--trials',
      '20',
      '--seed',
      '3',
      '--workers',
      '0',
      '--out',
      out,
    ]);
    expect(run.code, run.err).toBe(0);
    const rows = readFileSync(out, 'utf8').split('\r\n');
    const head = (rows[0] as string).split(',');
    const moscow = head.indexOf('moscow');
    const trial7 = rows.filter((r) => r.split(',')[2] === '7').map((r) => r.split(',')[moscow]);
    expect(trial7).toHaveLength(24);
    const replay = await cli([
      'run',
      'korea-2025-sequential',
      '--trials',
      '20',
      '--seed',
      '3',
      '--replay',
      '7',
    ]);
    expect(replay.code, replay.err).toBe(0);
    const shown = replay.out
      .split('\n')
      .filter((l) => l.startsWith('round '))
      .map((l) => /moscow:(\w+)/.exec(l)?.[1]);
    expect(shown).toEqual(trial7);
  }, 60_000);
});
