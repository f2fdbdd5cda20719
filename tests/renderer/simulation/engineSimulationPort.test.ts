// The SimulationPort over the real engine (in-process runner) on the built-in korea-2025 scenario.
import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../../../models/scenario/builtins';
import { createInProcessRunner } from '../../../models/engine/InProcessRunner';
import { trialCsvHeader } from '../../../models/engine/ChunkExecutor';
import { axisValues, engineSimulationPort } from '../../../renderer/lib/simulation/engineSimulationPort';
import { isAbort, type RunSettings } from '../../../renderer/lib/state/SimulationPort';

const { spec } = loadBuiltin('korea-2025');
const port = engineSimulationPort(() => createInProcessRunner());
const settings = (over: Partial<RunSettings> = {}): RunSettings => ({
  trials: 200,
  seed: 12345,
  sampler: 'mc',
  workers: 1,
  overrides: {},
  ...over,
});
const collect = async (chunks: AsyncIterable<string | Uint8Array>): Promise<string> => {
  let s = '';
  for await (const c of chunks) s += typeof c === 'string' ? c : new TextDecoder().decode(c);
  return s;
};

describe('engineSimulationPort (korea-2025, in process)', () => {
  it('shapes a run for the charts, with progress', async () => {
    const progress: number[] = [];
    const v = await port.run(spec, settings(), { onProgress: (d) => progress.push(d) });
    const R = spec.rounds.count;
    expect(v.trials).toBe(200);
    expect(v.rounds).toBe(R);
    expect(progress.at(-1)).toBe(200);
    expect(v.outcomes.map((o) => o.id)).toEqual(spec.outcomes.map((o) => o.id));
    for (const o of v.outcomes) expect(o.low <= o.p && o.p <= o.high && o.low >= 0 && o.high <= 1).toBe(true);
    for (const m of v.metrics) {
      expect(m.bands).toHaveLength(R);
      expect(m.quantiles.p5 <= m.quantiles.p50 && m.quantiles.p50 <= m.quantiles.p95).toBe(true);
      expect(m.histogram.reduce((s, b) => s + b.count, 0)).toBe(200);
    }
    for (const s of v.survival) {
      expect(s.points).toHaveLength(R + 1);
      expect(s.points[0]).toEqual({ round: 0, survival: 1 });
    }
    expect(v.profiles.reduce((s, p) => s + p.share, 0)).toBeCloseTo(1, 9);
    // profiles named by strategy labels in actor order (the engine's own label uses ids)
    expect(v.profileActors).toEqual(spec.actors.map((a) => a.name));
    const labels = spec.actors.map((a) => new Set(a.strategies.map((s) => s.label)));
    for (const p of v.profiles) {
      const parts = p.label.split(' · ');
      expect(parts).toHaveLength(spec.actors.length);
      parts.forEach((part, i) => expect(labels[i]).toContain(part));
    }
    expect(v.events.map((e) => e.id)).toEqual(spec.events.map((e) => e.id));
    expect(v.convergence.length).toBeGreaterThan(0);
    expect(v.convergence.at(-1)?.trials).toBe(200);
    const eq = v.equilibria;
    expect(eq.pure + eq.mixed + eq.none).toBe(200 * R);
    expect(v.provenance).toMatchObject({ seed: 12345, trials: 200, scenario: { id: spec.id }, kind: 'run' });
  });

  it('is reproducible by seed, and the light estimate agrees with the full run', async () => {
    const a = await port.run(spec, settings(), {});
    const b = await port.run(spec, settings({ workers: 3 }), {});
    expect(b.outcomes).toEqual(a.outcomes);
    const e = await port.estimate(spec, settings(), {});
    expect(e.outcomes).toEqual(a.outcomes);
    const other = await port.run(spec, settings({ seed: 999 }), {});
    expect(other.outcomes).not.toEqual(a.outcomes);
  });

  it('overrides move the estimate (Russia support down)', async () => {
    const lo = await port.estimate(spec, settings({ overrides: { russiaSupport: 0 } }), {});
    const hi = await port.estimate(spec, settings({ overrides: { russiaSupport: 1 } }), {});
    expect(lo.outcomes.map((o) => o.p)).not.toEqual(hi.outcomes.map((o) => o.p));
  });

  it('streams the per-trial CSV: the engine header, then one row per trial and round', async () => {
    const text = await collect(port.perTrialCsv(spec, settings({ trials: 20 }), {}));
    const lines = text.split('\r\n').filter(Boolean);
    expect(`${lines[0]}\r\n`).toBe(trialCsvHeader(spec));
    expect(lines).toHaveLength(1 + 20 * spec.rounds.count);
  });

  it('summary CSV and sidecar metadata of a run', async () => {
    const v = await port.run(spec, settings({ trials: 50 }), {});
    const summary = await port.summaryCsv(spec, v);
    expect(summary.split('\r\n')[0]).toBe(
      'kind,id,label,round,n,estimate,low,high,sd,min,p5,p25,p50,p75,p95,max',
    );
    const meta = JSON.parse(await port.metadataJson(spec, v)) as Record<string, unknown>;
    expect(meta).toMatchObject({ root_seed: 12345, trials: 50, sampler: 'mc', table: 'trials' });
    expect(meta.provenance).toMatchObject({ seed: 12345, trials: 50, kind: 'run' });
  });

  it('sweeps one and two parameters on a grid, with the sweep CSV', async () => {
    expect(axisValues({ param: 'x', from: 0, to: 1, steps: 5 })).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const x = { param: 'russiaSupport', from: 0, to: 1, steps: 3 };
    const one = await port.sweep(spec, settings({ trials: 50 }), x, null, {});
    expect(one.rows).toHaveLength(3 * spec.outcomes.length);
    expect(one.rows.every((r) => r.y === null && r.n === 50)).toBe(true);
    const csv = await port.sweepCsv(spec, one);
    expect(csv.split('\r\n')[0]).toMatch(/^russiaSupport,/);
    const y = { param: spec.params.find((p) => p.id !== 'russiaSupport')!.id, from: 0, to: 0.1, steps: 2 };
    const two = await port.sweep(spec, settings({ trials: 30 }), x, y, {});
    expect(two.rows).toHaveLength(3 * 2 * spec.outcomes.length);
  });

  it('compares baseline and variant on the same seeds', async () => {
    const c = await port.compare(spec, settings({ trials: 100 }), { russiaSupport: 0 }, {});
    expect(c.rows).toHaveLength(spec.outcomes.length);
    for (const r of c.rows) {
      expect(r.diff).toBeCloseTo(r.variant.p - r.baseline.p, 12);
      expect(r.low <= r.diff && r.diff <= r.high).toBe(true);
    }
    expect(c.metrics.map((m) => m.id)).toEqual(spec.metrics.map((m) => m.id));
    for (const m of c.metrics) expect(m.diff).toBeCloseTo(m.variant - m.baseline, 9);
  });

  it('tornado for one outcome', async () => {
    const target = spec.outcomes[0]!.id;
    const t = await port.sensitivity(spec, settings({ trials: 40 }), target, {});
    expect(t.target).toBe(target);
    expect(t.base).toBeGreaterThanOrEqual(0);
    expect(t.rows.length).toBeGreaterThan(0);
    for (const r of t.rows) expect(Number.isFinite(r.low) && Number.isFinite(r.high)).toBe(true);
    expect(t.spearman.length).toBeGreaterThan(0);
    for (const r of t.spearman) expect(Math.abs(r.rho)).toBeLessThanOrEqual(1);
  });

  it('replays trial k (1-based, like the CSV trial column) round by round', async () => {
    const r = await port.replay(spec, settings(), 7);
    expect(r.trial).toBe(7);
    expect(r.rounds).toHaveLength(spec.rounds.count);
    expect(r.rounds[0]?.choices.map((c) => c.actor)).toEqual(spec.actors.map((a) => a.name));
    await expect(port.replay(spec, settings(), 201)).rejects.toThrow(/trial must be/);
  });

  it('a replay names outcomes and events by their labels, not their ids', async () => {
    const outcomeLabels = new Set(spec.outcomes.map((o) => o.label));
    const eventLabels = new Set(spec.events.map((e) => e.label));
    const outcomes: string[] = [];
    const events: string[] = [];
    for (let k = 1; k <= 20; k++) {
      for (const round of (await port.replay(spec, settings(), k)).rounds) {
        outcomes.push(...round.outcomes);
        events.push(...round.events);
      }
    }
    expect(outcomes.length).toBeGreaterThan(0);
    expect(events.length).toBeGreaterThan(0);
    for (const o of outcomes) expect(outcomeLabels).toContain(o);
    for (const e of events) expect(eventLabels).toContain(e);
  });

  it('auto-stop ends a run early, and its per-trial CSV holds exactly the trials run', async () => {
    const s = settings({ trials: 50_000, autoStop: 0.05 });
    const v = await port.run(spec, s, {});
    expect(v.stoppedEarly).toBe(true);
    expect(v.trials).toBeLessThan(50_000);
    for (const o of v.outcomes) expect((o.high - o.low) / 2).toBeLessThan(0.05);
    const lines = (await collect(port.perTrialCsv(spec, s, {}))).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + v.trials * spec.rounds.count);
  });

  it('a cancelled run rejects with an abort error', async () => {
    const ac = new AbortController();
    ac.abort();
    const err = await port
      .run(spec, settings({ trials: 5000 }), { signal: ac.signal })
      .catch((e: unknown) => e);
    expect(isAbort(err)).toBe(true);
  });
});

describe('engineSimulationPort worker pools', () => {
  it('keeps one pool per worker count, at most two, closing the least recently used', async () => {
    const made: number[] = [];
    const closed: number[] = [];
    const p = engineSimulationPort((n) => {
      made.push(n);
      const inner = createInProcessRunner();
      return { ...inner, runChunk: inner.runChunk, close: async () => void closed.push(n) };
    });
    const s = (workers: number) => settings({ trials: 10, workers });
    await p.estimate(spec, s(2), {});
    await p.estimate(spec, s(2), {});
    await p.estimate(spec, s(1), {});
    expect(made).toEqual([2, 1]);
    await p.estimate(spec, s(2), {}); // 2 is now the most recently used
    await p.estimate(spec, s(4), {});
    expect(made).toEqual([2, 1, 4]);
    expect(closed).toEqual([1]);
  });
});
