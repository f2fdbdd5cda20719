// exp and expm1 that give the same bits on every JavaScript host.
//
// Why hand-written: `Math.exp` is implementation-defined (ECMA-262 only asks for an approximation), and V8 changed
// its libm between Node 20 and current Chromium — the same seed gave different last digits in the app and the CLI.
// These are ports of FreeBSD msun's e_exp.c and s_expm1.c (fdlibm 5.3, error < 1 ulp), using only IEEE 754
// operations that are exactly specified (+ − × ÷, comparisons, bit moves), so every host computes the same double.
// They agree with Node 20's V8 (itself an fdlibm port) bit for bit.
//
// ====================================================
// Copyright (C) 1993, 2004 by Sun Microsystems, Inc. All rights reserved.
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this software is freely granted, provided that this notice
// is preserved.
// ====================================================
import { fromWords, highWord, lowWord, withHighWord } from './float64Words';

const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.4513321910194110842e2;
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;
const TWO_M1000 = 9.3326361850321887899e-302; // 2^-1000
const TWO_1023 = 8.98846567431158e307; // 2^1023

/** 2^k for every integer k in [−1074, 1023], exact (built by repeated doubling and halving). */
const POW2 = new Float64Array(2098);
{
  let v = 1;
  for (let k = 0; k <= 1023; k++, v *= 2) POW2[k + 1074] = v;
  v = 1;
  for (let k = 0; k >= -1074; k--, v /= 2) POW2[k + 1074] = v;
}
// fdlibm's thresholds on the high word of |x|, as doubles (exact): comparing |x| with them is the same test
const ABS_709 = fromWords(0x40862e42, 0);
const ABS_HALF_LN2 = fromWords(0x3fd62e43, 0);
const ABS_1_5_LN2 = fromWords(0x3ff0a2b2, 0);
const ABS_2M28 = fromWords(0x3e300000, 0);

/**
 * e^x for a double x, error < 1 ulp (fdlibm e_exp.c: reduction x = k·ln2 + r, |r| ≤ ln2/2, then a Remez rational
 * approximation of e^r). Same special values as Math.exp: NaN → NaN, +∞ → +∞, −∞ → 0, overflow → +∞;
 * exp(1) = Math.E (correctly rounded; the reduction path gives one ulp more, and V8 special-cases it the same way).
 */
export const exp = (xIn: number): number => {
  let x = xIn;
  const ax = Math.abs(x);
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (!(ax < ABS_709)) {
    if (x !== x) return x; // NaN
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  if (ax >= ABS_HALF_LN2) {
    if (x === 1) return Math.E;
    if (ax < ABS_1_5_LN2) {
      hi = x > 0 ? x - LN2_HI : x + LN2_HI;
      lo = x > 0 ? LN2_LO : -LN2_LO;
      k = x > 0 ? 1 : -1;
    } else {
      k = Math.trunc(INV_LN2 * x + (x > 0 ? 0.5 : -0.5));
      hi = x - k * LN2_HI; // exact
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < ABS_2M28) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) return k === 1024 ? y * 2 * TWO_1023 : y * (POW2[k + 1074] as number);
  return y * (POW2[k + 1000 + 1074] as number) * TWO_M1000;
};

const Q1 = -3.33333333333331316428e-2;
const Q2 = 1.58730158725481460165e-3;
const Q3 = -7.93650757867487942473e-5;
const Q4 = 4.00821782732936239552e-6;
const Q5 = -2.01099218183624371326e-7;

/**
 * e^x − 1, accurate near 0 (fdlibm s_expm1.c, error < 1 ulp). Special values as Math.expm1: −∞ → −1, +∞ → +∞.
 */
export const expm1 = (xIn: number): number => {
  let x = xIn;
  let hx = highWord(x);
  const xsb = hx & 0x80000000;
  hx &= 0x7fffffff;
  let hi: number;
  let lo: number;
  let k: number;
  let c = 0;
  if (hx >= 0x4043687a) {
    // |x| ≥ 56 ln2
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
        return xsb === 0 ? x : -1;
      }
      if (x > O_THRESHOLD) return Infinity;
    }
    if (xsb !== 0) return -1; // x < −56 ln2
  }
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2
    if (hx < 0x3ff0a2b2) {
      if (xsb === 0) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = Math.trunc(INV_LN2 * x + (xsb === 0 ? 0.5 : -0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (hx < 0x3c900000) {
    return x; // |x| < 2^-54
  } else {
    k = 0;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  const twopk = fromWords((0x3ff00000 + (k << 20)) | 0, 0);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  let y: number;
  if (k <= -2 || k > 56) {
    y = 1 - (e - x);
    y = k === 1024 ? y * 2 * TWO_1023 : y * twopk;
    return y - 1;
  }
  if (k < 20) {
    t = withHighWord(1, (0x3ff00000 - (0x200000 >> k)) | 0); // 1 − 2^-k
    y = t - (e - x);
  } else {
    t = withHighWord(1, (0x3ff - k) << 20); // 2^-k
    y = x - (e + t);
    y += 1;
  }
  // fdlibm's INSERT_WORDS(t, …, 0): the low word is 0
  return y * twopk;
};
