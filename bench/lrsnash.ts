// lrslib's `lrsnash` (D. Avis; Debian package lrslib) as a reference for enummixed: our Game written in its input
// format, its output parsed into the set of extreme equilibria. Used by `npm run bench -- games` and by
// tests/models/games/lrsnash.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Game } from '../models/games/Game';
import { bimatrix } from '../models/games/bimatrix';

/** The lrsnash binary: LRSNASH in the environment, else /usr/bin/lrsnash. */
export const LRSNASH = process.env.LRSNASH ?? '/usr/bin/lrsnash';

/** True when lrsnash can be run here. */
export const lrsnashAvailable = (): boolean => {
  const r = spawnSync(LRSNASH, ['/dev/null'], { encoding: 'utf8', timeout: 10_000 });
  return !r.error;
};

/** lrsnash's input: "m n", then A (row player's payoffs, m rows), then B (column player's), exact fractions. */
export const lrsnashInput = (game: Game): string => {
  const { m, n, A, B } = bimatrix(game);
  const rows = (M: typeof A): string => M.map((row) => row.map((v) => v.toString()).join(' ')).join('\n');
  return `${m} ${n}\n\n${rows(A)}\n\n${rows(B)}\n`;
};

export type LrsnashResult = {
  /** Extreme equilibria as "x1,x2,…|y1,y2,…" (lrs's fraction strings), sorted. */
  readonly equilibria: string[];
  /** lrsnash's own user + system CPU seconds (its last line). */
  readonly cpuSeconds: number;
};

/**
 * Parse lrsnash's output: blocks separated by blank lines; each line "1 x… payoff" (player 1's strategy) is paired
 * with every line "2 y… payoff" (player 2's) of its block.
 */
export const parseLrsnash = (text: string): LrsnashResult => {
  const eqs: string[] = [];
  let ys: string[] = [];
  let cpuSeconds = NaN;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const cpu = /^\*(\d+(?:\.\d+)?)u\s+(\d+(?:\.\d+)?)s/.exec(line);
    if (cpu) cpuSeconds = Number(cpu[1]) + Number(cpu[2]);
    if (line === '') {
      ys = [];
      continue;
    }
    const parts = line.split(/\s+/);
    if (parts[0] === '2') ys.push(parts.slice(1, -1).join(','));
    else if (parts[0] === '1') for (const y of ys) eqs.push(`${parts.slice(1, -1).join(',')}|${y}`);
  }
  return { equilibria: eqs.sort(), cpuSeconds };
};

/** Run lrsnash on a game (a temporary input file); wall-clock milliseconds included. */
export const runLrsnash = (game: Game): LrsnashResult & { wallMs: number } => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-lrs-'));
  try {
    const file = join(dir, 'game.txt');
    writeFileSync(file, lrsnashInput(game));
    const t0 = performance.now();
    const r = spawnSync(LRSNASH, [file], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const wallMs = performance.now() - t0;
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`lrsnash exited ${r.status}: ${r.stderr}`);
    return { ...parseLrsnash(r.stdout), wallMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
