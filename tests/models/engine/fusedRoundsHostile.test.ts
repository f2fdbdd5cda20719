// Hostile scenarios for the fused rounds (fusedRounds.ts): 3 actors with a 1-strategy one, payoffs of ±1e300 and
// 1e-300, ties at the tolerance, −0, state unbounded or with min = max, derived values reading state, events with
// `once: false` and effects, start month 11, the LHS sampler, and every stop of the kernel: the same trials as the
// general round, bit for bit.
import { describe, expect, it } from 'vitest';
import { compareFusedTrials } from './compareFusedTrials';
import { compile } from './fixtures';

const odd = (rule: string, extra: Record<string, string> = {}): Record<string, unknown> => ({
  id: 'odd',
  parameters: {
    k: { label: 'k', default: 0.5, min: 0, max: 1, uncertainty: { type: 'uniform', min: 0, max: 1 } },
    big: {
      label: 'big',
      default: 1,
      min: -1e300,
      max: 1e300,
      uncertainty: { type: 'discrete', values: [1e300, -1e300, 1e-300, 0, 1] },
    },
    tiny: {
      label: 'tiny',
      default: 0,
      min: -1,
      max: 1,
      uncertainty: { type: 'discrete', values: [0, 1e-12, -1e-12, 5e-13, 1e-300] },
    },
  },
  rounds: { count: 7, startMonth: 11 },
  derived: {
    d1: { label: 'd1', value: extra.d1 ?? 's1 * k + month / 12 + round' },
    d2: {
      label: 'd2',
      value: 'if(d1 > 3, max(d1, s3, 1), min(abs(d1 - 2), sqrt(abs(s1)) + log(1 + abs(s3))))',
    },
    d3: { label: 'd3', value: 'clamp(exp(-abs(s1)) + (round % 3) - 2 ^ (month / 12), -1, 1)' },
  },
  state: {
    s1: { label: 's1', initial: 'k - 0.5', update: extra.s1 ?? 's1 + (A.x ? 1 : -1) * k + (ev1 ? 0.25 : 0)' },
    s2: { label: 's2', initial: '3', update: 's2 + 1', min: 0.5, max: 0.5 },
    s3: { label: 's3', initial: '-0', update: 'not (C.p xor A.y) ? s3 * -1 : s3 - 1e-12', min: -2, max: 2 },
  },
  actors: [
    {
      id: 'A',
      name: 'A',
      strategies: [
        { id: 'x', label: 'x' },
        { id: 'y', label: 'y' },
        { id: 'z', label: 'z' },
      ],
      payoffs: {
        x: extra.ax ?? 'big * C.p + tiny + d2 * 0',
        y: extra.ay ?? 'big * C.p + (round % 2 == 0 ? 1e-12 : 0) * max(1, abs(big))',
        z: extra.az ?? 'big * C.q - d3 + (s1 >= 0 and s3 <= 0 ? 1 : 0)',
      },
    },
    { id: 'B', name: 'B', strategies: [{ id: 'only', label: 'only' }], payoffs: { only: 'big * 2' } },
    {
      id: 'C',
      name: 'C',
      strategies: [
        { id: 'p', label: 'p' },
        { id: 'q', label: 'q' },
      ],
      payoffs: {
        p: extra.cp ?? 'A.x * big + tiny * (A.y or A.z)',
        q: extra.cq ?? 'A.z * big + A.y * -0 + d1 * 0',
      },
    },
  ],
  equilibrium: rule,
  events: [
    {
      id: 'ev1',
      label: 'ev1',
      probability: extra.p1 ?? 'k',
      once: false,
      effects: { s1: extra.e1 ?? 's1 * -2', s3: '-0' },
    },
    { id: 'ev2', label: 'ev2', probability: '0.3 + d3', once: true, effects: { s1: 'round' } },
  ],
  outcomes: { o1: { label: 'o1', when: 'A.x and C.p' }, o2: { label: 'o2', when: 's1 > 0' } },
  metrics: {
    m1: { label: 'm1', value: 's1' },
    m2: { label: 'm2', value: 's3 * 0 * -1' },
    m3: { label: 'm3', value: 'big * (A.y - A.x) + d2' },
  },
});

describe('fused rounds vs the general round on hostile scenarios', () => {
  for (const rule of ['payoff-dominant', 'risk-dominant', 'random', 'first']) {
    it(`odd 3-actor scenario, ${rule}`, () => {
      const r = compareFusedTrials(compile(odd(rule)), `odd-${rule}`, 300, 'lhs');
      expect(r.errors).toBe(0);
    });
  }
  it("per-profile payoff overrides, other actors' choices read in payoffs", () => {
    for (const rule of ['payoff-dominant', 'risk-dominant', 'random', 'first']) {
      const raw = odd(rule);
      const actors = raw.actors as Record<string, unknown>[];
      actors[0] = {
        ...actors[0],
        overrides: [
          { profile: { A: 'x', C: 'q' }, payoff: 'big * 3 + s1' },
          { profile: { A: 'z' }, payoff: '-0' },
        ],
      };
      actors[2] = { ...actors[2], overrides: [{ profile: { C: 'p', A: 'y' }, payoff: 'k * 1e-300' }] };
      const r = compareFusedTrials(compile(raw), `overrides-${rule}`, 200, 'lhs');
      expect(r.errors).toBe(0);
    }
  });

  it('errors: non-finite derived from state later, effects, overflow', () => {
    const cases: Record<string, string>[] = [
      { d1: 'log(s1 + 5) + s1 * k' },
      { s1: 's1 * 1e200' },
      { az: 'big * big * C.q' },
      { p1: 'log(s1 + 0.6)' },
      { e1: '1 / (s1 - s1)' },
      { ax: 'C.p + s3', ay: 'C.q + tiny', az: '-1', cp: 'A.y + k * 1e-13', cq: 'A.x' },
      { ax: 'C.p', ay: 'C.q', az: '-1', cp: 'A.y', cq: 'A.x + (round > 3 ? 1 : 0)' },
    ];
    // the stop each case must reach: derived, state, game, event probability, event effect, no pure equilibrium ×2
    const stopOf = [1, 7, 2, 5, 6, 3, 3];
    for (const [k, extra] of cases.entries()) {
      const r = compareFusedTrials(
        compile(odd('payoff-dominant', extra)),
        `err-${Object.keys(extra)[0]}`,
        200,
        'lhs',
      );
      expect(r.stops[stopOf[k] as number], JSON.stringify(extra)).toBeGreaterThan(0);
    }
  });
});
