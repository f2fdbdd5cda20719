// `parley --version` prints package.json's version (the one the sidecars record: exportFiles and run read the same
// APP_VERSION), not a copy of it.
import { describe, expect, it, vi } from 'vitest';
import { runCli } from './cliHarness';

vi.mock('../../package.json', () => ({ default: { version: '9.8.7-test' } }));

describe('cli --version', () => {
  it("is package.json's version, as the sidecars' appVersion", async () => {
    for (const flag of ['--version', '-v']) {
      const r = await runCli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('parley 9.8.7-test\n');
    }
    const { APP_VERSION } = await import('../../cli/lib/appVersion');
    expect(APP_VERSION).toBe('9.8.7-test');
  });
});
