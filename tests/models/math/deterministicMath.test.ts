// models/math: transcendental functions with the same bits on every JavaScript host (the cause of the app ≠ CLI
// bytes: Math.exp & co. differ between Node 20's V8 and current Chromium's). Accuracy is checked against the host's
// Math (within 1 ulp everywhere, exact on special values); host independence by golden digests of many results,
// which must hold on any engine (the e2e test compares the app's per-trial CSV with the CLI's byte for byte).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exp, expm1 } from '../../../models/math/exp';
import { log, log1p } from '../../../models/math/log';
import { pow } from '../../../models/math/pow';
import { cosPi, sinPi } from '../../../models/math/sinPi';

/** A deterministic uniform generator (LCG) for test inputs. */
const lcg = (seed: number) => {
  let s = seed >>> 0;
  return (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
};

/** Distance in units in the last place of b (ulps of the larger magnitude). */
const ulps = (a: number, b: number): number => {
  if (Object.is(a, b)) return 0;
  const scale = Math.max(Math.abs(a), Math.abs(b), 2 ** -1074 * 2 ** 52);
  return Math.abs(a - b) / (scale * 2 ** -52);
};

const SPECIAL = [
  0,
  -0,
  1,
  -1,
  2,
  -2,
  0.5,
  -0.5,
  3,
  -3,
  1e-320,
  -1e-320,
  1e308,
  -1e308,
  0.3,
  Infinity,
  -Infinity,
  NaN,
];

describe('deterministic exp, expm1, log, log1p', () => {
  const unary = [
    ['exp', exp, Math.exp, (u: number) => u * 1500 - 750],
    ['exp near 0', exp, Math.exp, (u: number) => (u - 0.5) * 1e-6],
    ['expm1', expm1, Math.expm1, (u: number) => u * 100 - 60],
    ['expm1 near 0', expm1, Math.expm1, (u: number) => (u - 0.5) * 1e-3],
    ['log', log, Math.log, (u: number) => Math.exp(u * 1400 - 700)],
    ['log near 1', log, Math.log, (u: number) => 1 + (u - 0.5) * 1e-4],
    ['log subnormal', log, Math.log, (u: number) => u * 1e-310],
    ['log1p', log1p, Math.log1p, (u: number) => u * 10 - 0.999],
    ['log1p large', log1p, Math.log1p, (u: number) => Math.exp(u * 700)],
  ] as const;
  it.each(unary)('%s is within 1 ulp of the host Math on 50,000 inputs', (_name, f, ref, arg) => {
    const u = lcg(7);
    let worst = 0;
    for (let i = 0; i < 50_000; i++) {
      const x = arg(u());
      worst = Math.max(worst, ulps(f(x), ref(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('gives the host Math special values exactly (NaN, ±0, ±∞, over- and underflow)', () => {
    for (const x of SPECIAL) {
      expect(exp(x)).toBe(Math.exp(x));
      expect(expm1(x)).toBe(Math.expm1(x));
      expect(log(x)).toBe(Math.log(x));
      expect(log1p(x)).toBe(Math.log1p(x));
    }
    expect(exp(0)).toBe(1);
    expect(exp(1)).toBe(Math.E);
    expect(log(1)).toBe(0);
    expect(log(Math.E)).toBe(1);
    expect(exp(-800)).toBe(0);
    expect(exp(710)).toBe(Infinity);
  });
});

describe('deterministic pow', () => {
  it('is within 1 ulp of the host Math.pow over wide ranges, signs and integer exponents', () => {
    const u = lcg(11);
    const gens: (() => [number, number])[] = [
      () => [u() * 100, u() * 20 - 10],
      () => [-u() * 10, Math.floor(u() * 40 - 20)],
      () => [1 + (u() - 0.5) * 1e-7, (u() - 0.5) * 1e10],
      () => [u() * 1e10, u() * 40 - 20],
      () => [u() * 1e-300, u() * 0.5],
    ];
    for (const gen of gens) {
      let worst = 0;
      for (let i = 0; i < 20_000; i++) {
        const [x, y] = gen();
        worst = Math.max(worst, ulps(pow(x, y), Math.pow(x, y)));
      }
      expect(worst).toBeLessThanOrEqual(1);
    }
  });

  it('follows ECMAScript for every special pair (NaN^0 = 1, (±1)^±∞ = NaN, signed zeros and infinities)', () => {
    for (const x of SPECIAL) for (const y of SPECIAL) expect(pow(x, y)).toBe(Math.pow(x, y));
  });

  it('is exact where the result is representable', () => {
    expect(pow(2, 10)).toBe(1024);
    expect(pow(2, -1074)).toBe(5e-324);
    expect(pow(10, 15)).toBe(1e15);
    expect(pow(3, 20)).toBe(3486784401);
    expect(pow(-2, 3)).toBe(-8);
    expect(pow(0.25, 0.5)).toBe(0.5);
  });
});

describe('sinPi and cosPi', () => {
  it('are exact at multiples of one half and agree with Math.sin(πx) within its own rounding of π·x elsewhere', () => {
    for (let k = -8; k <= 8; k++) {
      expect(Math.abs(sinPi(k))).toBe(0);
      expect(Math.abs(cosPi(k + 0.5))).toBe(0);
      expect(cosPi(k)).toBe(k % 2 === 0 ? 1 : -1);
      expect(sinPi(k + 0.5)).toBe((k + 0.5) % 2 === 0.5 || (k + 0.5) % 2 === -1.5 ? 1 : -1);
    }
    const u = lcg(3);
    for (let i = 0; i < 20_000; i++) {
      const x = u() * 40 - 20;
      expect(Math.abs(sinPi(x) - Math.sin(Math.PI * x))).toBeLessThan(2e-14);
      expect(Math.abs(cosPi(x) - Math.cos(Math.PI * x))).toBeLessThan(2e-14);
    }
    expect(sinPi(1 / 6)).toBeCloseTo(0.5, 15);
    expect(Number.isNaN(sinPi(Infinity))).toBe(true);
  });
});

describe('host independence', () => {
  // SHA-256 of the bits of 20,000 results per function on fixed inputs. Computed once with these implementations;
  // every host (Node 20, Node 22, Chromium, Electron) must reproduce it: the functions use only exactly specified
  // IEEE 754 operations. A change here changes Parley's numbers: say why in the commit.
  const digest = (f: (u: () => number) => number): string => {
    const u = lcg(2025);
    const out = new Float64Array(20_000);
    for (let i = 0; i < out.length; i++) out[i] = f(u);
    return createHash('sha256').update(new Uint8Array(out.buffer)).digest('hex').slice(0, 16);
  };
  it('reproduces the recorded digests', () => {
    expect({
      exp: digest((u) => exp(u() * 80 - 40)),
      expm1: digest((u) => expm1(u() * 10 - 5)),
      log: digest((u) => log(u() * 1e6)),
      log1p: digest((u) => log1p(u() * 4 - 0.99)),
      pow: digest((u) => pow(u() * 50, u() * 8 - 4)),
      sinPi: digest((u) => sinPi(u() * 8 - 4)),
      cosPi: digest((u) => cosPi(u() * 8 - 4)),
    }).toMatchInlineSnapshot(`
      {
        "cosPi": "32a54f273f8df010",
        "exp": "54c4e41380e17c01",
        "expm1": "c30db746a6f60856",
        "log": "a84693e649dd2ea2",
        "log1p": "951415220ebdff56",
        "pow": "d976835f1ccdf49d",
        "sinPi": "924a29e21d434c49",
      }
    `);
  });
});
