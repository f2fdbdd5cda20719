import { describe, expect, it } from 'vitest';
import { cli } from './cliHarness';

describe('cli compare', () => {
  it('prints --help and needs a variant', async () => {
    expect((await cli(['compare', '--help'])).out).toMatch(/--variant name=value/);
    const r = await cli(['compare', 'korea-2025']);
    expect(r.code).toBe(2);
  });

  it('reports paired differences on the same seeds (json)', async () => {
    const r = await cli([
      'compare',
      'korea-2025',
      '--variant',
      'russiaSupport=0.1',
      '--trials',
      '400',
      '--seed',
      '5',
      '--workers',
      '0',
      '--format',
      'json',
    ]);
    expect(r.code, r.err).toBe(0);
    const c = JSON.parse(r.out) as { outcomes: { id: string; diff: number; low: number; high: number }[] };
    const talks = c.outcomes.find((o) => o.id === 'talks')!;
    expect(talks.diff).toBeGreaterThan(0.3);
    expect(talks.low).toBeGreaterThan(0);
  });
});
