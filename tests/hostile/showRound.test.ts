// Found by the hostile pass (issue 10): `show --round 1e9` was accepted (Number("1e9") is a whole number) and the
// game of round 1,000,000,000 of a 24-round scenario was shown. --round is now digits only, from 1 to the scenario's
// rounds, refused like any other out-of-range option (usage error, exit 2, nothing on stdout).
import { describe, expect, it } from 'vitest';
import { cli, repoRoot } from '../cli/cliHarness';

describe('show --round out of range', () => {
  it.each(['1e9', '0x2', ' 2', '2.0', '0', '-1', '1000000000', '99999999999999999999'])(
    '--round %j: one usage line, exit 2',
    async (round) => {
      const r = await cli(['show', 'korea-2025', `--round=${round}`], repoRoot);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trimEnd().split('\n')).toEqual([
        expect.stringMatching(/^parley show: --round must be a whole number/),
      ]);
    },
  );

  it('the last round is shown; one past it is refused naming the range', async () => {
    const last = await cli(['show', 'korea-2025', '--round', '24', '--format', 'json'], repoRoot);
    expect(last.code).toBe(0);
    const past = await cli(['show', 'korea-2025', '--round', '25'], repoRoot);
    expect(past.code).toBe(2);
    expect(past.err).toMatch(/--round must be a whole number from 1 to 24 \(/);
  });
});
