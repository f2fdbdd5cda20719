import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cliHarness';

describe('cli sweep', () => {
  it('prints --help and rejects a bad grid', async () => {
    expect((await cli(['sweep', '--help'])).out).toMatch(/--param name=from:to:step/);
    const r = await cli(['sweep', 'korea-2025', '--param', 'russiaSupport=1:0:0.1']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/"to" must be ≥ "from"/);
  });

  it('writes the sweep table; P(talks) falls as Russia’s support rises', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-sweep-'));
    const out = join(dir, 'sweep.csv');
    const r = await cli([
      'sweep',
      'korea-2025',
      '--param',
      'russiaSupport=0:1:0.25',
      '--trials',
      '300',
      '--seed',
      '2',
      '--workers',
      '0',
      '--out',
      out,
    ]);
    expect(r.code, r.err).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('russiaSupport,outcome,p,low,high,n');
    const talks = lines.filter((l) => l.split(',')[1] === 'talks').map((l) => Number(l.split(',')[2]));
    expect(talks).toHaveLength(5);
    for (let i = 1; i < talks.length; i++) expect(talks[i]).toBeLessThanOrEqual(talks[i - 1]!);
    expect(JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'))).toMatchObject({
      table: 'sweep',
      root_seed: 2,
    });
  });
});
