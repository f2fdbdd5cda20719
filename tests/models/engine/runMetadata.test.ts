// Run metadata leaves models/ as an object (serialised only at the edge: the CLI's sidecar files, the renderer's
// export), with the sidecar's field names and the run's values.
import { describe, expect, it } from 'vitest';
import { runMetadata } from '../../../models/engine/csvTables';
import { createInProcessRunner } from '../../../models/engine/InProcessRunner';
import { runScenario } from '../../../models/engine/runScenario';
import { thresholdSpec } from './fixtures';

describe('runMetadata', () => {
  it('is a plain object with the sidecar fields of the run', async () => {
    const spec = thresholdSpec();
    const r = await runScenario(createInProcessRunner(), spec, { seed: 7, trials: 200, sampler: 'lhs' });
    const meta = runMetadata(
      { ...r, overrides: { x: 0.25 } },
      { appVersion: '9.9.9', timestamp: '2026-01-02T03:04:05.000Z', table: 'summary' },
    );
    expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
    expect(meta).toEqual({
      format_version: 1,
      table: 'summary',
      app: 'parley',
      app_version: '9.9.9',
      scenario: spec.id,
      scenario_title: spec.title,
      scenario_hash: spec.hash,
      run_id: r.runId,
      root_seed: 7,
      sampler: 'lhs',
      trials: 200,
      planned_trials: 200,
      rounds: spec.rounds.count,
      overrides: { x: 0.25 },
      timestamp: '2026-01-02T03:04:05.000Z',
      encoding: 'UTF-8',
      delimiter: ',',
      decimal: '.',
    });
    expect(JSON.parse(JSON.stringify(meta))).toEqual(meta);
  });
});
