import { describe, expect, it } from 'vitest';
import {
  addToSketch,
  addValue,
  exactRoom,
  newStore,
  releaseStore,
  reserveStore,
  sketchBucket,
  sketchSide,
  storeQuantiles,
  type SketchStoreState,
} from '../../../models/engine/QuantileStore';

describe('quantile stores: a value added by its side and bucket, or into the room of an exact store', () => {
  it('gives exactly the store addValue gives (buckets, zero count, quantiles)', () => {
    const a = newStore(false) as SketchStoreState;
    const b = newStore(false) as SketchStoreState;
    // repeated values (a metric that stays put), zeros of both signs, tiny values, negatives, a wide range
    const xs = [0.4, 0.4, 0.4, 0, -0, 1e-12, -1e-12, -3.5, -3.5, 7e5, 2e-9, 0.4000000000000001, 1, 1, 123.25];
    for (let k = 0; k < 2000; k++) xs.push(((k * 7919) % 1000) / 37 - 5);
    for (const x of xs) {
      addValue(a, x);
      addToSketch(b, sketchSide(x), sketchBucket(x));
    }
    expect(b.n).toBe(a.n);
    expect(b.zero).toBe(a.zero);
    expect([b.posOffset, b.negOffset]).toEqual([a.posOffset, a.negOffset]);
    expect(Array.from(b.pos)).toEqual(Array.from(a.pos));
    expect(Array.from(b.neg)).toEqual(Array.from(a.neg));
    const ps = [0.05, 0.25, 0.5, 0.75, 0.95];
    expect(storeQuantiles(b, ps)).toEqual(storeQuantiles(a, ps));
  });

  it('exactRoom grows an exact store as addValue does', () => {
    const a = newStore(true, 4);
    const b = newStore(true, 4);
    if (a.kind !== 'exact' || b.kind !== 'exact') throw new Error('exact stores expected');
    for (let k = 0; k < 300; k++) {
      addValue(a, k / 7);
      exactRoom(b)[b.n++] = k / 7;
    }
    expect(b.n).toBe(300);
    expect(b.values.length).toBe(a.values.length);
    expect(Array.from(b.values)).toEqual(Array.from(a.values));
  });
});

describe('exact stores reuse released arrays (no fresh memory per chunk and run)', () => {
  it('a released array is handed to the next store of its length; stale contents never reach the quantiles', () => {
    const ps = [0.05, 0.25, 0.5, 0.75, 0.95];
    const fill = (n: number, k0: number) => {
      const s = newStore(true, n);
      for (let k = 0; k < n; k++) addValue(s, ((k0 + k * 7919) % 5003) / 17);
      return s;
    };
    const a = fill(5000, 0);
    const fresh = storeQuantiles(fill(3000, 11), ps);
    const arr = a.kind === 'exact' ? a.values : null;
    releaseStore(a);
    // released: empty, never another store's values
    expect(a.n).toBe(0);
    expect(storeQuantiles(a, [0.5])).toEqual([NaN]);
    const b = newStore(true, 5000);
    expect(b.kind === 'exact' && b.values).toBe(arr);
    // b holds a's stale values beyond n: its quantiles are those of what was added to it only
    for (let k = 0; k < 3000; k++) addValue(b, ((11 + k * 7919) % 5003) / 17);
    expect(storeQuantiles(b, ps)).toEqual(fresh);
    // reserving moves the values into a (pooled or new) array of the capacity, the same quantiles
    reserveStore(b, 20000);
    expect(b.kind === 'exact' && b.values.length).toBe(20000);
    expect(storeQuantiles(b, ps)).toEqual(fresh);
    // the old array went back: the next store of its length gets it
    const c = newStore(true, 5000);
    expect(c.kind === 'exact' && c.values).toBe(arr);
  });

  it('the pool is bounded (2,000,000 values, oldest dropped first) and never hands one array to two stores', () => {
    const stores = Array.from({ length: 30 }, () => newStore(true, 100_000));
    const arrays = stores.map((s) => (s.kind === 'exact' ? s.values : null));
    // 3,000,000 values released: only the newest 2,000,000 (20 arrays) stay pooled
    for (const s of stores) releaseStore(s);
    const again = Array.from({ length: 30 }, () => newStore(true, 100_000));
    const reused = again.filter((s) => s.kind === 'exact' && arrays.includes(s.values)).length;
    expect(reused).toBe(20);
    expect(new Set(again.map((s) => (s.kind === 'exact' ? s.values : null))).size).toBe(30);
    // a store released twice gives its array once
    const d = newStore(true, 4096);
    releaseStore(d);
    releaseStore(d);
    const e1 = newStore(true, 4096);
    const e2 = newStore(true, 4096);
    expect(e1.kind === 'exact' && e2.kind === 'exact' && e1.values !== e2.values).toBe(true);
  });
});

describe('exact quantiles of finite values whose range overflows', () => {
  it('stay finite and between the neighbouring order statistics (type 7)', () => {
    const ps = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];
    for (const xs of [
      [-1e308, 1e308],
      [1e308, 1e308, -1e308],
      [-1.7976931348623157e308, 1.7976931348623157e308, 0, 5e-324, -5e-324],
    ]) {
      const s = newStore(true);
      for (const x of xs) addValue(s, x);
      const sorted = [...xs].sort((a, b) => a - b);
      const q = storeQuantiles(s, ps);
      ps.forEach((p, k) => {
        const h = (xs.length - 1) * p;
        const lo = sorted[Math.floor(h)] as number;
        const hi = sorted[Math.min(xs.length - 1, Math.floor(h) + 1)] as number;
        const v = q[k] as number;
        expect(Number.isFinite(v), `${xs.join(', ')} at p = ${p}: ${v}`).toBe(true);
        expect(v >= lo && v <= hi, `${xs.join(', ')} at p = ${p}: ${v} not in [${lo}, ${hi}]`).toBe(true);
      });
      expect(q[0]).toBe(sorted[0]);
      expect(q[6]).toBe(sorted[xs.length - 1]);
    }
  });
});
