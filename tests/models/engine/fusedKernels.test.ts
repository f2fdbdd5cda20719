// The fused per-round kernels (models/engine/fusedKernels.ts): the event probabilities give exactly the
// per-formula values, and a scenario's kernels are compiled once per process (the same function objects run after
// run, so the trial loop's call sites stay monomorphic).
import { describe, expect, it } from 'vitest';
import { fuseKernels } from '../../../models/engine/fusedKernels';
import { loadBuiltin } from '../../../models/scenario/builtins';
import { instantiateModel } from '../../../models/scenario/instantiateModel';

describe('fused kernels', () => {
  it('eventProbability writes exactly what each event probability formula returns', () => {
    const { spec } = loadBuiltin('korea-2025');
    const model = instantiateModel(spec);
    const k = fuseKernels(spec);
    expect(k).not.toBeNull();
    expect(model.events.length).toBeGreaterThan(0);
    const env = new Float64Array(spec.envSize);
    const out = new Float64Array(1);
    for (let t = 0; t < 200; t++) {
      for (let s = 0; s < env.length; s++) env[s] = Math.sin(t * 31 + s * 7) * (t % 3 === 0 ? 1e3 : 1);
      model.events.forEach((e, i) => {
        k!.eventProbability(env, i, out);
        expect(Object.is(out[0], e.probability(env))).toBe(true);
      });
    }
  });

  it('the same scenario gets the same compiled functions; another scenario its own', () => {
    const korea = loadBuiltin('korea-2025').spec;
    const a = fuseKernels(korea)!;
    const b = fuseKernels(structuredClone(korea))!;
    for (const name of Object.keys(a) as (keyof typeof a)[]) expect(b[name]).toBe(a[name]);
    const other = fuseKernels(loadBuiltin('chicken').spec)!;
    expect(other.game).not.toBe(a.game);
  });
});
