import { describe, expect, it } from 'vitest';
import { cli } from './cliHarness';

describe('cli sensitivity', () => {
  it('prints --help and rejects an unknown target', async () => {
    expect((await cli(['sensitivity', '--help'])).out).toMatch(/Tornado/);
    const r = await cli(['sensitivity', 'korea-2025', '--target', 'nope']);
    expect(r.code).toBe(2);
  });

  it('ranks parameters by their swing of P(talks)', async () => {
    const r = await cli(['sensitivity', 'korea-2025', '--trials', '200', '--seed', '1', '--workers', '0']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Tornado/);
    expect(r.out).toMatch(/Spearman/);
    const j = await cli([
      'sensitivity',
      'korea-2025',
      '--trials',
      '200',
      '--seed',
      '1',
      '--workers',
      '0',
      '--format',
      'json',
    ]);
    const s = JSON.parse(j.out) as { tornado: { param: string }[]; spearman: { param: string }[] };
    expect(s.tornado.length).toBeGreaterThan(3);
    expect(s.spearman.map((p) => p.param)).toContain('russiaSupport');
  });
});
