// Class 3 of issue 10 (exports that fail at scale): the per-trial CSV streams in bounded pieces with backpressure,
// whatever the chunk size and the trial count. Before, each chunk's whole CSV was one string built in the worker
// (4,096 trials × 24 rounds ≈ 26 MB per chunk for korea-2025, under a 96 MB worker heap): the first test failed with
// one 26 MB piece per chunk. The 2,000,000-trial run itself, with its peak RSS, is in tests/slow/.
import { describe, expect, it } from 'vitest';
import { CSV_PIECE_BYTES } from '../../models/engine/ChunkExecutor';
import { CsvSequencer } from '../../models/engine/CsvSequencer';
import { createInProcessRunner } from '../../models/engine/InProcessRunner';
import { runScenario } from '../../models/engine/runScenario';
import { loadBuiltin } from '../../models/scenario/builtins';
import { createNodeRunner } from '../../cli/lib/NodeWorkerRunner';

const korea = loadBuiltin('korea-2025').spec;
/** One trial of korea-2025 is 24 rows of < 400 bytes: a piece may exceed the target by at most one trial. */
const ONE_TRIAL = 24 * 400;

describe('per-trial CSV in bounded pieces', () => {
  it('pieces never exceed 256 KiB plus one trial, even with 4,096-trial chunks', async () => {
    const sizes: number[] = [];
    let total = 0;
    const r = await runScenario(
      createInProcessRunner(),
      korea,
      { seed: 1, trials: 4100, chunkSize: 4096 },
      {
        onCsv: (p) => {
          sizes.push(p.length);
          total += p.length;
        },
      },
    );
    expect(r.trials).toBe(4100);
    expect(total).toBeGreaterThan(25_000_000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(CSV_PIECE_BYTES + ONE_TRIAL);
    expect(sizes.length).toBeGreaterThan(total / (CSV_PIECE_BYTES + ONE_TRIAL));
  });

  it('worker threads wait for each piece to be written (backpressure) and the rows stay in trial order', async () => {
    const runner = createNodeRunner({ workers: 2 });
    const pieces: Uint8Array[] = [];
    let writing = 0;
    let maxConcurrentWrites = 0;
    try {
      await runScenario(
        runner,
        korea,
        { seed: 2, trials: 3000, chunkSize: 512 },
        {
          onCsv: async (p) => {
            writing++;
            maxConcurrentWrites = Math.max(maxConcurrentWrites, writing);
            await new Promise((r) => setTimeout(r, 1));
            pieces.push(p);
            writing--;
          },
        },
      );
    } finally {
      await runner.close();
    }
    expect(maxConcurrentWrites).toBe(1);
    const text = Buffer.concat(pieces).toString('utf8');
    const trials = text
      .split('\r\n')
      .filter(Boolean)
      .map((row) => Number(row.split(',')[2]));
    expect(trials).toHaveLength(3000 * 24);
    for (let i = 1; i < trials.length; i++) expect(trials[i]! >= trials[i - 1]!).toBe(true);
    const single: Uint8Array[] = [];
    await runScenario(
      createInProcessRunner(),
      korea,
      { seed: 2, trials: 3000, chunkSize: 512 },
      {
        onCsv: (p) => void single.push(p),
      },
    );
    expect(Buffer.concat(single).equals(Buffer.concat(pieces))).toBe(true);
  });
});

describe('CsvSequencer', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('writes chunk pieces in chunk order, holds later chunks up to the budget, then makes them wait', async () => {
    const written: string[] = [];
    const seq = new CsvSequencer(async (p) => void written.push(new TextDecoder().decode(p)), 4);
    const c1a = seq.sinkFor(1)(bytes('1a'));
    const c1b = seq.sinkFor(1)(bytes('1b'));
    await Promise.all([c1a, c1b]); // within the budget: taken at once
    let c2Done = false;
    const c2 = seq
      .sinkFor(2)(bytes('2aa'))
      .then(() => (c2Done = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(c2Done).toBe(false); // over the budget: its worker waits
    expect(seq.heldBytes).toBe(7);
    await seq.sinkFor(0)(bytes('0a'));
    expect(written).toEqual(['0a']);
    await seq.finish(0);
    expect(written).toEqual(['0a', '1a', '1b']);
    await c2; // back under the budget
    await seq.sinkFor(1)(bytes('1c'));
    await seq.finish(1);
    expect(written).toEqual(['0a', '1a', '1b', '1c', '2aa']);
    expect(seq.heldBytes).toBe(0);
  });

  it('close() releases every waiting worker and drops what is held', async () => {
    const seq = new CsvSequencer(() => undefined, 1);
    const waiting = seq.sinkFor(3)(bytes('xx'));
    seq.close();
    await expect(waiting).resolves.toBeUndefined();
    expect(seq.heldBytes).toBe(0);
  });
});
