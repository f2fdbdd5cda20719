// Class 3 of issue 10: a piped CLI whose reader closes early (`… --format json | head -c 100`) ends quietly with
// the conventional status 141 (128 + SIGPIPE) instead of an unhandled EPIPE stack trace (which it printed before,
// with status 1).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_BROKEN_PIPE, exitOnBrokenPipe } from '../../cli/main';
import { repoRoot } from '../cli/cliHarness';

describe('EPIPE', () => {
  it('a real process piped into a reader that stops after 100 bytes exits 141 with nothing on stderr', async () => {
    const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
    // ~700 kB of JSON: far more than a pipe holds, so the CLI is still writing when the reader goes away.
    const child = spawn(
      tsx,
      [join(repoRoot, 'cli', 'main.ts'), 'run', 'korea-2025', '--trials', '50', '--rounds', '600'].concat([
        '--seed',
        '1',
        '--workers',
        '0',
        '--format',
        'json',
      ]),
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    let got = 0;
    child.stdout.on('data', (d: Buffer) => {
      got += d.length;
      if (got >= 100) child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(got).toBeGreaterThanOrEqual(100);
    expect(err).toBe('');
    expect(code).toBe(EXIT_BROKEN_PIPE);
  }, 120_000);

  it('only EPIPE is taken as a closed reader; other write errors end with status 1 and one line', () => {
    const listeners: ((e: NodeJS.ErrnoException) => void)[] = [];
    const codes: number[] = [];
    const lines: string[] = [];
    exitOnBrokenPipe(
      { on: (_e, l) => listeners.push(l) },
      (c) => codes.push(c),
      (l) => lines.push(l),
    );
    listeners[0]!(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(codes).toEqual([141]);
    expect(lines).toEqual([]);
    listeners[0]!(Object.assign(new Error('write EIO'), { code: 'EIO' }));
    expect(codes).toEqual([141, 1]);
    expect(lines).toEqual(['parley: cannot write the output: an input/output error occurred (EIO)\n']);
  });

  // Found by the hostile pass: stdout redirected to a full disk (`> /dev/full`) died with an uncaught ENOSPC
  // stack trace; it ends with one line and status 1.
  it.skipIf(!existsSync('/dev/full'))(
    'stdout on a full disk: one line, status 1, no stack trace',
    async () => {
      const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
      const full = openSync('/dev/full', 'w');
      try {
        const child = spawn(tsx, [join(repoRoot, 'cli', 'main.ts'), 'solve', 'chicken', '--format', 'nfg'], {
          cwd: repoRoot,
          stdio: ['ignore', full, 'pipe'],
        });
        let err = '';
        child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
        const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
        expect(err).toBe('parley: cannot write the output: the disk is full (ENOSPC)\n');
        expect(code).toBe(1);
      } finally {
        closeSync(full);
      }
    },
    120_000,
  );
});
