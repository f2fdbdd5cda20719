import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, parleyBin } from './cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'parley-run-'));

describe('cli run', () => {
  it('prints --help', async () => {
    const r = await cli(['run', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--trials N/);
    expect(r.out).toMatch(/--out FILE\.csv/);
  });

  it('rejects bad input with one line and a non-zero exit', async () => {
    const a = await cli(['run', 'no-such-scenario', '--workers', '0']);
    expect(a.code).toBe(1);
    expect(a.err.trim().split('\n')).toHaveLength(1);
    const b = await cli(['run', 'korea-2025', '--trials', 'many']);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/--trials must be an integer/);
    const c = await cli([
      'run',
      'korea-2025',
      '--trials',
      '10',
      '--set',
      'nope=1',
      '--workers',
      '0',
      '--seed',
      '1',
    ]);
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/unknown parameter "nope"/);
    expect(c.err.trim().split('\n')).toHaveLength(1);
  });

  it('reads --seed by the one seed rule the app uses: "007" stays a text seed, empty text is refused', async () => {
    const a = await cli(['run', 'chicken', '--trials', '20', '--seed', ' 007 ', '--format', 'json']);
    expect(a.code).toBe(0);
    expect((JSON.parse(a.out) as { seed: unknown }).seed).toBe('007');
    const b = await cli(['run', 'chicken', '--trials', '20', '--seed', '7', '--format', 'json']);
    expect((JSON.parse(b.out) as { seed: unknown }).seed).toBe(7);
    const c = await cli(['run', 'chicken', '--trials', '20', '--seed', '  ']);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/--seed: Seed must not be empty\./);
  });

  it('prints results and the random seed it picked', async () => {
    const r = await cli(['run', 'korea-2025', '--trials', '300', '--workers', '0']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/using seed \d+/);
    const seed = /using seed (\d+)/.exec(r.err)![1];
    expect(r.out).toContain(`seed ${seed}`);
    expect(r.out).toMatch(/Talks\s+\d/);
    const j = await cli([
      'run',
      'korea-2025',
      '--trials',
      '300',
      '--workers',
      '0',
      '--seed',
      seed!,
      '--format',
      'json',
    ]);
    const parsed = JSON.parse(j.out) as { seed: number; trials: number; outcomes: { id: string }[] };
    expect(parsed.seed).toBe(Number(seed));
    expect(parsed.outcomes.map((o) => o.id)).toContain('talks');
  });

  it('same seed ⇒ byte-identical per-trial CSV and summary for 1, 2 and 4 workers', async () => {
    const files: string[] = [];
    for (const w of ['1', '2', '4']) {
      const out = join(dir, `trials-${w}.csv`);
      const summary = join(dir, `summary-${w}.csv`);
      const r = await cli([
        'run',
        'korea-2025',
        '--trials',
        '1500',
        '--seed',
        'same',
        '--workers',
        w,
        '--out',
        out,
        '--summary',
        summary,
      ]);
      expect(r.code, r.err).toBe(0);
      files.push(readFileSync(out, 'utf8') + readFileSync(summary, 'utf8'));
      const side = JSON.parse(readFileSync(join(dir, `trials-${w}.json`), 'utf8')) as Record<string, unknown>;
      expect(side).toMatchObject({
        format_version: 1,
        root_seed: 'same',
        sampler: 'mc',
        trials: 1500,
        scenario: 'korea-2025',
      });
      expect(side.scenario_hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(files[1]).toBe(files[0]);
    expect(files[2]).toBe(files[0]);
    const lines = readFileSync(join(dir, 'trials-1.csv'), 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^run_id,scenario,trial,round,seed,russiaSupport,/);
    expect(lines[0]).toContain('russiaSupport.metric');
    expect(lines).toHaveLength(1 + 1500 * 24 + 1);
  }, 120_000);

  it('a killed export leaves the previous file intact', async () => {
    const out = join(dir, 'keep.csv');
    writeFileSync(out, 'OLD EXPORT\r\n');
    const child = spawn(
      process.execPath,
      [parleyBin, 'run', 'korea-2025', '--trials', '5000000', '--seed', '1', '--workers', '1', '--out', out],
      { stdio: 'ignore' },
    );
    // wait until the temporary file is being written (the test's own timeout bounds a hang), then kill hard
    let exited = false;
    child.once('exit', () => (exited = true));
    while (!readdirSync(dir).some((f) => f.startsWith('.keep.csv.') && f.endsWith('.tmp'))) {
      if (exited) throw new Error('the export exited before writing its temporary file');
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(readFileSync(out, 'utf8')).toBe('OLD EXPORT\r\n');
    expect(existsSync(join(dir, 'keep.json'))).toBe(false);
  }, 90_000);

  it('replays one trial round by round', async () => {
    const r = await cli([
      'run',
      'korea-2025',
      '--trials',
      '100',
      '--seed',
      '9',
      '--replay',
      '7',
      '--workers',
      '0',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Trial 7 \(seed 9\)/);
    expect(r.out.split('\n').filter((l) => l.startsWith('round '))).toHaveLength(24);
  });

  it('npm run cli -- run chicken --trials 100000 --seed 1: P(crash) covers 4/121 (a real process)', () => {
    const p = spawnSync(
      process.execPath,
      [parleyBin, 'run', 'chicken', '--trials', '100000', '--seed', '1', '--format', 'json'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    const crash = (
      JSON.parse(p.stdout) as { outcomes: { id: string; low: number; high: number }[] }
    ).outcomes.find((o) => o.id === 'crash')!;
    expect(crash.low).toBeLessThanOrEqual(4 / 121);
    expect(crash.high).toBeGreaterThanOrEqual(4 / 121);
  }, 120_000);
});
