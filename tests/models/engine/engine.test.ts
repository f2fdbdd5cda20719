import { describe, expect, it } from 'vitest';
import { ChunkExecutor, trialCsvHeader } from '../../../models/engine/ChunkExecutor';
import { createInProcessRunner } from '../../../models/engine/InProcessRunner';
import { makeJob } from '../../../models/engine/makeJob';
import { replayTrial } from '../../../models/engine/replayTrial';
import { AbortError, Cancellation } from '../../../models/engine/Runner';
import { runCompare } from '../../../models/engine/runCompare';
import { runScenario } from '../../../models/engine/runScenario';
import { runSweep, gridValues } from '../../../models/engine/runSweep';
import { runSensitivity } from '../../../models/engine/runSensitivity';
import { wilson } from '../../../models/engine/wilson';
import { penniesSpec, thresholdActors, thresholdSpec } from './fixtures';
import { loadBuiltin } from '../../../models/scenario/builtins';

const runner = createInProcessRunner();

describe('Wilson interval', () => {
  it('matches published values', () => {
    // 0 of 10: [0, 0.2775]; 5 of 10: [0.2366, 0.7634]; 81 of 263: [0.2553, 0.3662] (Newcombe 1998)
    const a = wilson(0, 10);
    expect(a.low).toBe(0);
    expect(a.high).toBeCloseTo(0.2775, 4);
    const b = wilson(5, 10);
    expect(b.low).toBeCloseTo(0.2366, 4);
    expect(b.high).toBeCloseTo(0.7634, 4);
    const c = wilson(81, 263);
    expect(c.low).toBeCloseTo(0.2553, 4);
    expect(c.high).toBeCloseTo(0.3662, 4);
  });

  it('is exactly [0, …] with no success and […, 1] when every trial is one, for any n', () => {
    // the float formula gave 1.0842021724855044e-19 and 0.9999999999999998 here (issue 12)
    for (const n of [1, 2, 10, 1000, 2000, 10_000, 100_000, 1_000_000, 123_457]) {
      expect(wilson(0, n).low).toBe(0);
      expect(wilson(n, n).high).toBe(1);
      expect(wilson(n, n).p).toBe(1);
    }
  });

  it('always has 0 ≤ low ≤ p ≤ high ≤ 1', () => {
    for (const n of [1, 3, 7, 50, 2000, 99_999]) {
      for (let x = 0; x <= n; x += Math.max(1, Math.floor(n / 97))) {
        const w = wilson(x, n);
        expect(0 <= w.low && w.low <= w.p && w.p <= w.high && w.high <= 1).toBe(true);
      }
    }
  });
});

describe('closed-form scenario: the equilibrium flips at a uniform threshold', () => {
  it('the 95% interval covers the exact probability 0.7', async () => {
    const r = await runScenario(runner, thresholdSpec(), { seed: 11, trials: 20_000 });
    const o = r.outcomes[0]!;
    expect(o.low).toBeLessThanOrEqual(0.7);
    expect(o.high).toBeGreaterThanOrEqual(0.7);
    expect(o.high - o.low).toBeLessThan(0.02);
    expect(r.equilibria.pure).toBe(20_000);
  });

  it('Latin hypercube has a smaller error than plain Monte Carlo', async () => {
    let mc = 0;
    let lhs = 0;
    for (let s = 0; s < 12; s++) {
      const a = await runScenario(runner, thresholdSpec(), { seed: s, trials: 500, sampler: 'mc' });
      const b = await runScenario(runner, thresholdSpec(), { seed: s, trials: 500, sampler: 'lhs' });
      mc += Math.abs(a.outcomes[0]!.p - 0.7);
      lhs += Math.abs(b.outcomes[0]!.p - 0.7);
    }
    expect(lhs).toBeLessThan(mc / 3);
    expect(lhs / 12).toBeLessThanOrEqual(1 / 500 + 1e-12);
  });
});

describe('determinism', () => {
  const csvOf = async (chunkSize: number, trials = 3000): Promise<string> => {
    const parts: Uint8Array[] = [];
    await runScenario(
      runner,
      penniesSpec(),
      { seed: 'det', trials, chunkSize },
      { onCsv: (t) => void parts.push(t) },
    );
    return Buffer.concat(parts).toString('utf8');
  };

  it('results and CSV do not depend on chunking', async () => {
    const a = await csvOf(256);
    const b = await csvOf(1000);
    expect(a).toBe(b);
    expect(a.split('\r\n').length - 1).toBe(3000 * 6);
  });

  it('trial k is the same in a 1,000- and a 100,000-trial run (plain MC)', () => {
    const spec = thresholdSpec();
    const small = new ChunkExecutor(makeJob(spec, { seed: 5, trials: 1000 }));
    const big = new ChunkExecutor(makeJob(spec, { seed: 5, trials: 100_000 }));
    for (const k of [0, 1, 500, 999]) {
      expect(Array.from(big.paramValues(k, 0))).toEqual(Array.from(small.paramValues(k, 0)));
    }
    const p = penniesSpec();
    const e1 = new ChunkExecutor(makeJob(p, { seed: 5, trials: 1000 }));
    const e2 = new ChunkExecutor(makeJob(p, { seed: 5, trials: 100_000 }));
    const r1 = e1.runTrial(777);
    const c1 = Array.from(r1.choices);
    const r2 = e2.runTrial(777);
    expect(Array.from(r2.choices)).toEqual(c1);
  });

  it('a replayed trial matches its CSV rows', async () => {
    const spec = penniesSpec();
    const parts: Uint8Array[] = [];
    await runScenario(runner, spec, { seed: 3, trials: 50 }, { onCsv: (t) => void parts.push(t) });
    const rows = Buffer.concat(parts).toString('utf8').split('\r\n').filter(Boolean);
    const header = trialCsvHeader(spec).trim().split(',');
    const t = replayTrial(spec, { seed: 3, trials: 50 }, 42);
    const mine = rows.filter((r) => r.split(',')[2] === '42');
    expect(mine).toHaveLength(6);
    mine.forEach((row, r) => {
      const cells = row.split(',');
      expect(cells[header.indexOf('m')]).toBe(t.rounds[r]!.choices[0]!.strategy);
      expect(cells[header.indexOf('ev')]).toBe(t.rounds[r]!.choices[1]!.strategy);
      expect(Number(cells[header.indexOf('score')])).toBe(t.rounds[r]!.metrics[0]!.value);
      expect(Number(cells[header.indexOf('stake')])).toBe(t.params[0]!.value);
    });
  });
});

describe('behaviours', () => {
  it('nash: matching pennies has no pure equilibrium; both mix 50/50', async () => {
    const r = await runScenario(runner, penniesSpec(), { seed: 1, trials: 4000 });
    expect(r.equilibria.mixed).toBe(4000 * 6);
    const matched = r.outcomes.find((o) => o.id === 'matched')!;
    // P(matched in a given round) = 1/2
    for (const pr of matched.perRound) expect(Math.abs(pr.p - 0.5)).toBeLessThan(0.04);
  });

  it('fixed and mixed actors are held to their strategies; the nash actor best-responds', async () => {
    const fixed = await runScenario(runner, penniesSpec({ model: 'fixed', strategy: 'heads' }), {
      seed: 1,
      trials: 500,
    });
    // the evader best-responds with tails: never matched
    expect(fixed.outcomes.find((o) => o.id === 'matched')!.count).toBe(0);
    const mixed = await runScenario(
      runner,
      penniesSpec({ model: 'mixed', probabilities: { heads: 0.8, tails: 0.2 } }),
      {
        seed: 1,
        trials: 4000,
      },
    );
    const share = mixed.profiles.filter((p) => p.strategies[0] === 'heads').reduce((s, p) => s + p.share, 0);
    expect(share).toBeCloseTo(0.8, 1);
  });

  it('logit at λ = 0 plays uniformly; fictitious play runs with per-trial beliefs', async () => {
    const lg = await runScenario(runner, penniesSpec({ model: 'logit', lambda: 0 }), {
      seed: 2,
      trials: 3000,
    });
    const share = lg.profiles.filter((p) => p.strategies[0] === 'heads').reduce((s, p) => s + p.share, 0);
    expect(share).toBeCloseTo(0.5, 1);
    const fp = await runScenario(runner, penniesSpec({ model: 'fictitious-play' }), { seed: 2, trials: 200 });
    expect(fp.trials).toBe(200);
    expect(fp.equilibria.pure + fp.equilibria.mixed).toBe(200 * 6);
  });

  it('a formula producing NaN is reported with the formula, actor and parameter values', async () => {
    // log(x - 2) is refused by the domain check; x * x - 0.25 is only possibly ≤ 0 to it (x used twice)
    const spec = thresholdSpec({ actors: thresholdActors('log(x * x - 0.25)') });
    await expect(runScenario(runner, spec, { seed: 1, trials: 10 })).rejects.toThrow(
      /payoff of Row \(row\) for "a" is NaN: formula "log\(x \* x - 0\.25\)".*x = /,
    );
  });
});

describe('what-if tools', () => {
  it('overrides fix a parameter for every trial', async () => {
    const r = await runScenario(runner, thresholdSpec(), { seed: 1, trials: 500, overrides: { x: 0.2 } });
    expect(r.outcomes[0]!.p).toBe(0);
    await expect(
      runScenario(runner, thresholdSpec(), { seed: 1, trials: 5, overrides: { y: 1 } }),
    ).rejects.toThrow(/unknown parameter "y"/);
  });

  it('sweep: probability is monotone in the threshold parameter and exact at the grid points', async () => {
    const s = await runSweep(runner, thresholdSpec(), {
      seed: 4,
      trials: 300,
      x: { param: 'x', values: gridValues(0, 1, 0.1) },
    });
    // at x = 0.3 both profiles are equilibria with equal payoff sums: the tie is broken uniformly at random with
    // the round's selection uniform (not silently by the lowest profile index), so P(flip) = 1/2 there
    for (const p of s.points) {
      const o = p.outcomes[0]!;
      if (Math.abs(p.x - 0.3) < 1e-9) {
        expect(o.low).toBeLessThanOrEqual(0.5);
        expect(o.high).toBeGreaterThanOrEqual(0.5);
        expect(o.p).toBeGreaterThan(0.3);
        expect(o.p).toBeLessThan(0.7);
      } else expect(o.p).toBe(p.x > 0.3 ? 1 : 0);
    }
    // with noise: common random numbers make a stochastic curve monotone
    const spec = penniesSpec();
    const s2 = await runSweep(runner, spec, {
      seed: 4,
      trials: 2000,
      x: { param: 'hazard', values: [0, 0.05, 0.1, 0.2, 0.4] },
    });
    const shocks = s2.points.map((p) => p.outcomes.find((o) => o.id === 'shocked')!.p);
    for (let i = 1; i < shocks.length; i++) expect(shocks[i]).toBeGreaterThanOrEqual(shocks[i - 1]!);
    expect(shocks[0]).toBe(0);
  });

  it('two-parameter sweeps cover the grid', async () => {
    const s = await runSweep(runner, penniesSpec(), {
      seed: 4,
      trials: 100,
      x: { param: 'hazard', values: [0, 0.5] },
      y: { param: 'stake', values: [1, 2, 3] },
    });
    expect(s.points.map((p) => [p.x, p.y])).toEqual([
      [0, 1],
      [0.5, 1],
      [0, 2],
      [0.5, 2],
      [0, 3],
      [0.5, 3],
    ]);
  });

  it('compare: identical variants give exactly zero difference; a real change gives a paired interval', async () => {
    const same = await runCompare(runner, penniesSpec(), { seed: 8, trials: 1000, variant: { hazard: 0.1 } });
    for (const o of same.outcomes) expect([o.diff, o.low, o.high]).toEqual([0, 0, 0]);
    for (const m of same.metrics) expect([m.diff, m.low, m.high]).toEqual([0, 0, 0]);
    const diff = await runCompare(runner, penniesSpec(), { seed: 8, trials: 2000, variant: { hazard: 0.5 } });
    const shock = diff.outcomes.find((o) => o.id === 'shocked')!;
    // events fire after the round's outcomes are recorded, so only a shock in rounds 1–5 is seen by `shocked`
    const exact = 1 - 0.5 ** 5 - (1 - 0.9 ** 5);
    expect(shock.low).toBeLessThanOrEqual(exact);
    expect(shock.high).toBeGreaterThanOrEqual(exact);
  });

  it('run, compare baseline and sensitivity base give the same numbers at the same seed and trials', async () => {
    // issue 12: P(talks) read 9.8% (Simulate), 9.6% (Compare) and 0.093 (Sensitivity) in one session
    const spec = loadBuiltin('korea-2025').spec;
    const o = { seed: 2025, trials: 600, overrides: { drillScale: 0.4 } };
    const run = await runScenario(runner, spec, o);
    const cmp = await runCompare(runner, spec, { ...o, variant: { russiaSupport: 0.2 } });
    const sen = await runSensitivity(runner, spec, o);
    for (const [k, out] of run.outcomes.entries()) {
      expect(cmp.baseline.outcomes[k]!.p).toBe(out.p);
      expect(cmp.outcomes[k]!.baseline).toBe(out.p);
      expect(sen.base.outcomes[k]!.p).toBe(out.p);
    }
    expect(sen.base.metrics.map((m) => m.mean)).toEqual(run.metrics.map((m) => m.mean));
  });

  it('sensitivity: the threshold parameter dominates the tornado and the rank correlation', async () => {
    const s = await runSensitivity(runner, thresholdSpec(), { seed: 3, trials: 400 });
    expect(s.tornado[0]!.param).toBe('x');
    expect(s.tornado[0]!.source).toBe('distribution');
    expect(s.tornado[0]!.lowValue).toBeCloseTo(0.05, 10);
    expect(s.tornado[0]!.outcomes[0]).toMatchObject({ low: 0, high: 1 });
    const rx = s.spearman.find((p) => p.param === 'x')!.outcomes[0]!.rho as number;
    const rn = s.spearman.find((p) => p.param === 'noise')!.outcomes[0]!.rho as number;
    expect(rx).toBeGreaterThan(0.6);
    expect(Math.abs(rn)).toBeLessThan(0.15);
  });
});

describe('runner orchestration', () => {
  it('cancel rejects with an AbortError', async () => {
    const c = new Cancellation();
    const p = runScenario(
      runner,
      penniesSpec(),
      { seed: 1, trials: 200_000, chunkSize: 256 },
      { signal: c, onProgress: (d) => d > 1000 && c.abort() },
    );
    await expect(p).rejects.toBeInstanceOf(AbortError);
  });

  it('auto-stop ends at a chunk boundary once intervals are narrow enough', async () => {
    const r = await runScenario(runner, thresholdSpec(), {
      seed: 1,
      trials: 200_000,
      chunkSize: 1000,
      autoStop: { halfWidth: 0.01 },
    });
    expect(r.stoppedEarly).toBe(true);
    expect(r.trials % 1000).toBe(0);
    expect(r.trials).toBeLessThan(20_000);
    expect((r.outcomes[0]!.high - r.outcomes[0]!.low) / 2).toBeLessThan(0.01);
    expect(r.convergence.at(-1)!.trials).toBe(r.trials);
  });

  it('quantiles are exact within the budget and sketched beyond it (≤ 0.5% relative error)', async () => {
    const r = await runScenario(runner, thresholdSpec(), { seed: 2, trials: 5000 });
    const m = r.metrics[0]!;
    expect(m.exact).toBe(true);
    expect(m.quantiles.p50).toBeGreaterThan(0.4);
    expect(m.quantiles.p50).toBeLessThan(0.6);
  });
});

describe('fused kernels', () => {
  it('give bit-identical trials to per-formula evaluation', async () => {
    const { loadBuiltin } = await import('../../../models/scenario/builtins');
    const { instantiateModel } = await import('../../../models/scenario/instantiateModel');
    const { TrialSimulator } = await import('../../../models/engine/TrialSimulator');
    const { seedKey } = await import('../../../models/random/seedKey');
    for (const spec of [loadBuiltin('korea-2025').spec, penniesSpec()]) {
      const model = instantiateModel(spec);
      const fast = new TrialSimulator(model);
      const slow = new TrialSimulator(instantiateModel(spec, { backend: 'closure' }), { fused: false });
      const ex = new ChunkExecutor(makeJob(spec, { seed: 'fused', trials: 300 }), model);
      for (let t = 0; t < 300; t++) {
        const v = Float64Array.from(ex.paramValues(t, 0));
        const a = fast.run(seedKey('fused'), t, v);
        const snapshot = { c: Array.from(a.choices), o: Array.from(a.outcomes), m: Array.from(a.metrics) };
        const b = slow.run(seedKey('fused'), t, v);
        expect({ c: Array.from(b.choices), o: Array.from(b.outcomes), m: Array.from(b.metrics) }).toEqual(
          snapshot,
        );
      }
    }
  });
});

describe('quantile stores', () => {
  it('exact quantiles equal linear interpolation between order statistics; the sketch is within 0.5%', async () => {
    const { newStore, addValue, storeQuantiles } = await import('../../../models/engine/QuantileStore');
    const xs = Array.from({ length: 2001 }, (_, i) => Math.exp(Math.sin(i * 1.7) * 3) - (i % 5));
    const exact = newStore(true);
    const sketch = newStore(false);
    for (const x of xs) {
      addValue(exact, x);
      addValue(sketch, x);
    }
    const sorted = [...xs].sort((a, b) => a - b);
    const ps = [0.05, 0.25, 0.5, 0.75, 0.95];
    const want = ps.map((p) => {
      const h = (xs.length - 1) * p;
      const lo = Math.floor(h);
      return sorted[lo]! + (h - lo) * (sorted[lo + 1]! - sorted[lo]!);
    });
    expect(storeQuantiles(exact, ps)).toEqual(want);
    storeQuantiles(sketch, ps).forEach((q, k) => {
      const rank = Math.round(ps[k]! * (xs.length - 1));
      expect(Math.abs(q - sorted[rank]!)).toBeLessThanOrEqual(0.005 * Math.abs(sorted[rank]!) + 1e-9);
    });
  });
});
