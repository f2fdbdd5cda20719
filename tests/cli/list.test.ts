import { describe, expect, it } from 'vitest';
import { runCli } from './cliHarness';

describe('cli list', () => {
  it('lists the built-ins, korea-2025 first', async () => {
    const r = await runCli(['list']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^korea-2025\s+Korean Peninsula 2025/);
    for (const id of [
      'prisoners-dilemma',
      'chicken',
      'stag-hunt',
      'battle-of-the-sexes',
      'matching-pennies',
      'rock-paper-scissors',
      'deadlock',
      'freeze-for-freeze',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^${id}\\s`, 'm'));
    }
  });

  it('prints JSON with --json', async () => {
    const r = await runCli(['list', '--json']);
    const list = JSON.parse(r.stdout) as { id: string; title: string; summary: string; tags: string[] }[];
    expect(list[0]).toMatchObject({ id: 'korea-2025' });
    expect(list).toHaveLength(10); // the nine simultaneous built-ins and korea-2025-sequential
  });

  it('rejects stray arguments', async () => {
    const r = await runCli(['list', 'extra']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('parley list: unexpected argument "extra" (see --help)\n');
  });
});
