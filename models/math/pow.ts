// x^y that gives the same bits on every JavaScript host (see exp.ts for why: Math.pow and `**` differ between V8
// versions). A port of FreeBSD msun's e_pow.c (fdlibm 5.3, error < 1 ulp: log2(x) in extra precision, y·log2(x)
// split into hi + lo, then 2^(hi+lo)), exact IEEE 754 operations and bit moves only. JavaScript's special cases are
// kept (Math.pow(x, ±0) = 1 even for NaN x; (±1)^(±∞) = NaN).
//
// ====================================================
// Copyright (C) 2004 by Sun Microsystems, Inc. All rights reserved.
// Permission to use, copy, modify, and distribute this software is freely granted, provided that this notice
// is preserved.
// ====================================================
import { fromWords, highWord, lowWord, withHighWord, withLowWord } from './float64Words';

const BP0 = 1;
const BP1 = 1.5;
const DP_H1 = 5.84962487220764160156e-1;
const DP_L1 = 1.35003920212974897128e-8;
const TWO53 = 9007199254740992;
const HUGE = 1e300;
const TINY = 1e-300;
const L1 = 5.99999999999994648725e-1;
const L2 = 4.28571428578550184252e-1;
const L3 = 3.33333329818377432918e-1;
const L4 = 2.72728123808534006489e-1;
const L5 = 2.30660745775561754067e-1;
const L6 = 2.06975017800338417784e-1;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;
const LG2 = 6.93147180559945286227e-1;
const LG2_H = 6.93147182464599609375e-1;
const LG2_L = -1.90465429995776804525e-9;
const OVT = 8.008566259537294e-17; // −(1024 − log2(ovfl + .5ulp))
const CP = 9.61796693925975554329e-1; // 2/(3 ln2)
const CP_H = 9.61796700954437255859e-1;
const CP_L = -7.02846165095275826516e-9;
const IVLN2 = 1.442695040888963387;
const IVLN2_H = 1.44269502162933349609;
const IVLN2_L = 1.92596299112661746887e-8;

/** 2^n · x for the result of pow (x in [0.5, 2), −1076 ≤ n ≤ 1023), rounded once (fdlibm's scalbn on that range). */
const scalbn = (x: number, n: number): number =>
  n < -1022
    ? x * fromWords((0x3ff + n + 54) << 20, 0) * 5.551115123125783e-17 // exact scaling, then one rounding by 2^-54
    : x * fromWords((0x3ff + n) << 20, 0);

/**
 * x raised to the power y, error < 1 ulp for finite results. Special values follow ECMA-262 Number::exponentiate
 * (the same as Math.pow), which differs from C's pow for (±1)^(±∞) and NaN^0.
 */
export const pow = (x: number, y: number): number => {
  if (y === 0) return 1;
  if (y !== y || x !== x) return NaN;
  const hx = highWord(x);
  const lx = lowWord(x);
  const hy = highWord(y);
  const ly = lowWord(y);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  // y is an odd integer (yisint = 2), even integer (1) or not an integer (0), for x < 0
  let yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000)
      yisint = 2; // |y| ≥ 2^53: an even integer
    else if (iy >= 0x3ff00000) {
      const k = (iy >> 20) - 0x3ff;
      if (k > 20) {
        const j = ly >>> (52 - k);
        if ((j << (52 - k)) >>> 0 === ly) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        const j = iy >> (20 - k);
        if (j << (20 - k) === iy) yisint = 2 - (j & 1);
      }
    }
  }

  // special values of y
  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y is ±∞
      if (((ix - 0x3ff00000) | lx) === 0) return NaN; // (±1)^±∞ is NaN in JavaScript
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0; // (|x| > 1)^±∞ = ∞, 0
      return hy < 0 ? -y : 0; // (|x| < 1)^∓∞ = ∞, 0
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x; // y is ±1
    if (hy === 0x40000000) return x * x; // y is 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y is 0.5, x ≥ +0 (sqrt is exactly rounded)
  }

  let ax = Math.abs(x);
  // special values of x
  if (lx === 0) {
    if (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000) {
      let z = ax; // x is ±0, ±∞, ±1
      if (hy < 0) z = 1 / z;
      if (hx < 0) {
        if (((ix - 0x3ff00000) | yisint) === 0)
          z = NaN; // (−1)^non-integer
        else if (yisint === 1) z = -z; // (x < 0)^odd
      }
      return z;
    }
  }

  let n = (hx >>> 31) - 1; // 0 for x < 0, −1 otherwise
  // (x < 0)^(non-integer) is NaN
  if ((n | yisint) === 0) return NaN;
  let s = 1; // sign of the result
  if ((n | (yisint - 1)) === 0) s = -1; // (−x)^odd

  let t1: number;
  let t2: number;
  // |y| is huge
  if (iy > 0x41e00000) {
    // |y| > 2^31
    if (iy > 0x43f00000) {
      // |y| > 2^64: must over- or underflow
      if (ix <= 0x3fefffff) return hy < 0 ? HUGE * HUGE : TINY * TINY;
      return hy > 0 ? HUGE * HUGE : TINY * TINY;
    }
    // over- or underflow if x is not close to one
    if (ix < 0x3fefffff) return hy < 0 ? s * HUGE * HUGE : s * TINY * TINY;
    if (ix > 0x3ff00000) return hy > 0 ? s * HUGE * HUGE : s * TINY * TINY;
    // |1 − x| ≤ 2^-20: log(x) by x − x²/2 + x³/3 − x⁴/4
    const t = ax - 1;
    const w = t * t * (0.5 - t * (0.3333333333333333 - t * 0.25));
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * IVLN2;
    t1 = withLowWord(u + v, 0);
    t2 = v - (t1 - u);
  } else {
    n = 0;
    // subnormal x
    if (ix < 0x00100000) {
      ax *= TWO53;
      n -= 53;
      ix = highWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    ix = j | 0x3ff00000; // normalise
    let k: number;
    if (j <= 0x3988e)
      k = 0; // |x| < √(3/2)
    else if (j < 0xbb67a)
      k = 1; // |x| < √3
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = withHighWord(ax, ix);
    const bp = k === 0 ? BP0 : BP1;
    // ss = s_h + s_l = (x − 1)/(x + 1) or (x − 1.5)/(x + 1.5)
    let u = ax - bp;
    let v = 1 / (ax + bp);
    const ss = u * v;
    const sH = withLowWord(ss, 0);
    // t_h = ax + bp, high part
    let tH = fromWords((((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18)) | 0, 0);
    let tL = ax - (tH - bp);
    const sL = v * (u - sH * tH - sH * tL);
    // log(ax)
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = withLowWord(3 + s2 + r, 0);
    tL = r - (tH - 3 - s2);
    // u + v = ss·(1 + …)
    u = sH * tH;
    v = sL * tH + tL * ss;
    // 2/(3 log2)·(ss + …)
    const pH = withLowWord(u + v, 0);
    const pL = v - (pH - u);
    const zH = CP_H * pH;
    const zL = CP_L * pH + pL * CP + (k === 0 ? 0 : DP_L1);
    // log2(ax) = (ss + …)·2/(3 log2) = n + dp_h + z_h + z_l
    const t = n;
    const dpH = k === 0 ? 0 : DP_H1;
    t1 = withLowWord(zH + zL + dpH + t, 0);
    t2 = zL - (t1 - t - dpH - zH);
  }

  // split y into y1 + y2 and compute (y1 + y2)·(t1 + t2)
  const y1 = withLowWord(y, 0);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  let j = highWord(z);
  const i = lowWord(z) | 0;
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | i) !== 0) return s * HUGE * HUGE; // z > 1024: overflow
    if (pL + OVT > z - pH) return s * HUGE * HUGE;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075
    if (((j - (0xc090cc00 | 0)) | i) !== 0) return s * TINY * TINY; // z < −1075: underflow
    if (pL <= z - pH) return s * TINY * TINY;
  }
  // 2^(p_h + p_l)
  const ii = j & 0x7fffffff;
  let k = (ii >> 20) - 0x3ff;
  n = 0;
  if (ii > 0x3fe00000) {
    // |z| > 0.5: n = [z + 0.5]
    n = (j + (0x00100000 >> (k + 1))) | 0;
    k = ((n & 0x7fffffff) >> 20) - 0x3ff; // new k for n
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = withLowWord(pL + pH, 0);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2 + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const tt = z * z;
  t1 = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const r = (z * t1) / (t1 - 2) - (w + z * w);
  z = 1 - (r - z);
  j = highWord(z);
  j += n << 20;
  if (j >> 20 <= 0)
    z = scalbn(z, n); // subnormal output
  else z = withHighWord(z, j);
  return s * z;
};
