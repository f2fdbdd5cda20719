// The korea-2025 scenario's claims, checked over its full 24 monthly rounds with the Monte Carlo engine
// (parameters sampled from their uncertainty; every what-if on the same trial seeds).
import { beforeAll, describe, expect, it } from 'vitest';
import { createInProcessRunner } from '../../../models/engine/InProcessRunner';
import { runCompare, type CompareResult } from '../../../models/engine/runCompare';
import { loadBuiltin } from '../../../models/scenario/builtins';

const { spec } = loadBuiltin('korea-2025');
const runner = createInProcessRunner();
const TRIALS = 4000;
const talks = (c: CompareResult) => c.outcomes.find((o) => o.id === 'talks')!;

describe('korea-2025 over 24 months', () => {
  const results: Record<string, CompareResult> = {};
  beforeAll(async () => {
    const variants: Record<string, Record<string, number>> = {
      offers: { offerValue: 2 },
      drills: { drillScale: 0 },
      russia: { russiaSupport: 0.1 },
    };
    for (const [name, variant] of Object.entries(variants)) {
      results[name] = await runCompare(runner, spec, { seed: 2025, trials: TRIALS, variant });
    }
  }, 60_000);

  it('talks within 24 months are unlikely at today’s values', () => {
    const base = talks(results.offers!).baseline;
    const r = results.offers!.baseline.outcomes.find((o) => o.id === 'talks')!;
    expect(r.p).toBe(base);
    expect(r.high).toBeLessThan(0.2);
  });

  it('a bigger offer alone barely moves it', () => {
    const d = talks(results.offers!);
    expect(d.diff).toBeGreaterThanOrEqual(0);
    expect(d.high).toBeLessThan(0.03);
  });

  it('suspending the joint drills moves it a little — more than the offer, far less than Russia', () => {
    const d = talks(results.drills!);
    expect(d.low).toBeGreaterThan(0);
    expect(d.high).toBeLessThan(0.1);
    expect(d.diff).toBeGreaterThan(talks(results.offers!).diff);
  });

  it('a collapse of Russian support moves it a lot', () => {
    const d = talks(results.russia!);
    expect(d.low).toBeGreaterThan(0.5);
    expect(results.russia!.variant.outcomes.find((o) => o.id === 'talks')!.p).toBeGreaterThan(0.8);
  });
});
